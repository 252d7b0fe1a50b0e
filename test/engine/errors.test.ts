/**
 * Error behaviour matched to the reference: call-chain context lines,
 * ErrorInFunctionCall as a catch value, constants guarded at run time,
 * uncatchable limit errors and the `Runtime error` text of empty throws.
 */
import { describe, expect, test } from '@jest/globals';
import { Engine, EngineError, RhaiRuntimeError, StaticModuleResolver, displayValue } from '../../src/engine/index.js';

function err(code: string, engine = new Engine()): EngineError {
  try {
    engine.run(code);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected an error from: ${code}`);
}

function prints(code: string, engine = new Engine()): string[] {
  const out: string[] = [];
  engine.run(code, { onPrint: (s) => out.push(s) });
  return out;
}

describe('call-chain context', () => {
  test('each script-function call adds a line with its call position', () => {
    const e = err('fn g() { throw "boom" }\nfn f() { g() }\nf()') as RhaiRuntimeError;
    expect(e.fullMessage).toBe(
      "Runtime error: boom (line 1, position 10)\nin call to function 'g' (line 2, position 10)\nin call to function 'f' (line 3, position 1)",
    );
    expect(e.callStack.map((c) => c.fn)).toEqual(['g', 'f']);
    expect(e.bareMessage).toBe('Runtime error: boom');
  });

  test('closures called by natives say "in closure call" at the method position', () => {
    expect(err('[1, 2].map(|x| x + ())').fullMessage).toBe(
      'Function not found: + (i64, ()) (line 1, position 18)\nin closure call (line 1, position 8)',
    );
  });

  test('limit errors are not wrapped and take the outermost call position', () => {
    const e = err('fn f(n) { f(n + 1) }\nlet x = 1;\nf(0)') as RhaiRuntimeError;
    expect(e.fullMessage).toBe('Stack overflow (line 3, position 1)');
    expect(e.callStack).toEqual([]);
  });
});

describe('catching errors raised inside functions', () => {
  test('a built-in error arrives as ErrorInFunctionCall', () => {
    const [m] = prints('fn f() { let x = 1 / 0; }\ntry { f() } catch (e) { print(e) }');
    expect(m).toBe(
      '#{"error": "ErrorInFunctionCall", "function": "f", "line": 2, "message": "Division by zero: 1 / 0\\nin call to function \'f\'", "position": 7, "source": ""}',
    );
  });

  test('a thrown value arrives as-is', () => {
    expect(prints('fn g() { throw #{code: 7} } fn f() { g() } try { f() } catch (e) { print(e.code) }')).toEqual(['7']);
  });

  test('too many operations inside a function is not catchable', () => {
    const e = err('fn f() { loop {} } try { f() } catch (e) { print("caught") }', new Engine({ maxOperations: 500 }));
    expect((e as RhaiRuntimeError).kind).toBe('ErrorTooManyOperations');
  });

  test('stack overflow is not catchable', () => {
    const e = err('fn f() { f() } try { f() } catch { print("caught") }');
    expect((e as RhaiRuntimeError).kind).toBe('ErrorStackOverflow');
  });
});

describe('constants', () => {
  test('a mutating method on a constant is a catchable runtime error', () => {
    const e = err('const A = [1]; A.push(2)') as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorNonPureMethodCallOnConstant');
    expect(e.fullMessage).toBe("Non-pure method 'push' cannot be called on constant (line 1, position 18)");
    expect(prints('const A = [1]; try { A.push(2) } catch (e) { print(e.error) } print(A)')).toEqual([
      'ErrorNonPureMethodCallOnConstant',
      '[1]',
    ]);
  });

  test('pure methods, copies and function-call style work on constants', () => {
    expect(prints('const A = [3, 1]; print(A.len()); let b = A; b.push(2); print(b); print(A.contains(3)); print(A)')).toEqual([
      '2',
      '[3, 1, 2]',
      'true',
      '[3, 1]',
    ]);
  });

  test('assigning to an element or property of a constant fails at run time', () => {
    expect(err('const A = [1]; A[0] = 2').fullMessage).toBe('Cannot modify constant A (line 1, position 16)');
    expect(err('const M = #{a: 1}; M.a += 1').fullMessage).toBe('Cannot modify constant M (line 1, position 20)');
    expect(prints('const A = [1]; try { A[0] = 5 } catch (e) { print(e.variable) } print(A)')).toEqual(['A', '[1]']);
    expect(err('const A = 1; A = 2').fullMessage).toBe('Syntax error: Cannot assign to constant A (line 1, position 14)');
  });

  test('global::NAME reaches a constant: mutation through it fails too', () => {
    expect(err('const X = [1]; fn f() { global::X.push(3) } f()').bareMessage).toBe("Non-pure method 'push' cannot be called on constant");
    expect(err('const X = [1]; fn f() { global::X[0] = 3 } f()').bareMessage).toBe('Cannot modify constant X');
    expect(prints('const X = [1, 2]; fn f() { global::X.len() } print(f())')).toEqual(['2']);
  });

  test('a script method called on a constant cannot change it', () => {
    expect(prints('const A = [1]; fn grow() { this.push(2); this.len() } print(A.grow()); print(A)')).toEqual(['2', '[1]']);
  });
});

describe('throw', () => {
  test('throwing unit or an empty string prints just "Runtime error"', () => {
    expect(err('throw ()').fullMessage).toBe('Runtime error (line 1, position 1)');
    expect(err('throw ""').fullMessage).toBe('Runtime error (line 1, position 1)');
    expect(displayValue(new Engine().run('let r = 1; try { throw; } catch (e) { r = e } r').value)).toBe('');
  });
});

describe('switch case labels', () => {
  test('must be literals (the reference does not fold expressions there)', () => {
    expect(err('let x = 2; switch x { 1 + 1 => 1, _ => 0 }').fullMessage).toBe(
      'Syntax error: Expecting a literal expression (line 1, position 23)',
    );
    expect(err('let y = 2; switch 2 { y => 1 }').fullMessage).toBe('Syntax error: Expecting a literal expression (line 1, position 23)');
  });

  test('negative numbers and ranges are literals', () => {
    expect(prints('for v in [-1, -1.5, 4] { print(switch v { -1 => "a", -1.5 => "b", 3..=5 => "c" }) }')).toEqual(['a', 'b', 'c']);
  });
});

describe('eval', () => {
  test('errors inside eval text are reported as a call to eval, even syntax errors', () => {
    expect(err('eval("1 +")').fullMessage).toBe("Syntax error: Script is incomplete (line 1, position 4)\nin call to function 'eval' (line 1, position 1)");
    expect(prints('try { eval("let") } catch (e) { print(e.error); print(e.function) }')).toEqual(['ErrorInFunctionCall', 'eval']);
  });

  test('return inside eval text ends the eval with its value', () => {
    expect(prints('let x = eval("return 5; 7"); print(x); fn f() { let y = eval("return 1"); y + 10 } print(f())')).toEqual(['5', '11']);
  });

  test('the operations limit inside eval stays uncatchable', () => {
    const e = err('try { eval("loop {}") } catch { print("caught") }', new Engine({ maxOperations: 1000 }));
    expect((e as RhaiRuntimeError).kind).toBe('ErrorTooManyOperations');
  });
});

describe('imports', () => {
  const engine = () => new Engine().setModuleResolver(new StaticModuleResolver({ x: 'export const Y = 4; fn twice(a) { a * 2 }' }));

  test('a module alias is scoped to the block that imports it', () => {
    expect(prints('{ import "x" as m; print(m::Y); }', engine())).toEqual(['4']);
    expect(err('{ import "x" as m; } m::Y', engine()).fullMessage).toBe('Module not found: m (line 1, position 22)');
    expect(err('fn f() { import "x" as q; q::Y } f(); q::Y', engine()).fullMessage).toBe('Module not found: q (line 1, position 39)');
  });

  test('an inner import shadows an outer one only inside its block', () => {
    expect(displayValue(engine().run('import "x" as m; { import "x" as m; } m::twice(m::Y)').value)).toBe('8');
  });
});

describe('operation counting', () => {
  const limited = (n: number) => new Engine({ maxOperations: n });
  const tooMany = (code: string, n: number) => (err(code, limited(n)) as RhaiRuntimeError).kind;

  test('a loop iteration costs its statements and expression nodes', () => {
    // The reference: 3 operations per iteration here (iteration, assignment, `i`).
    expect(displayValue(limited(1000).run('let x = 0; for i in 0..300 { x += i } x').value)).toBe('44850');
    expect(tooMany('let x = 0; for i in 0..400 { x += i } x', 1000)).toBe('ErrorTooManyOperations');
  });

  test('script-function calls cost their bodies, so deep recursion without loops is bounded', () => {
    const fib = 'fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(15)';
    expect(tooMany(fib, 10_000)).toBe('ErrorTooManyOperations');
    expect(displayValue(limited(100_000).run(fib).value)).toBe('610');
  });

  test('a for loop with an index variable costs the same per iteration', () => {
    expect(displayValue(limited(1_000_000).run('let t = 0; for (x, i) in 0..100000 { t += i } t').value)).toBe('4999950000');
  });

  test('the taken if-branch or switch case is charged too', () => {
    const body = 'x += 1; x += 1; x += 1; x += 1; x += 1';
    expect(displayValue(limited(1000).run('let x = 0; for i in 0..150 { switch i { 999 => {} } } x').value)).toBe('0');
    expect(tooMany(`let x = 0; for i in 0..150 { switch i % 2 { 0 => { ${body} }, _ => { ${body} } } } x`, 1000)).toBe('ErrorTooManyOperations');
    expect(tooMany(`let x = 0; for i in 0..150 { if i >= 0 { ${body} } } x`, 1000)).toBe('ErrorTooManyOperations');
  });

  test('an empty loop still counts', () => {
    expect(tooMany('loop {}', 100)).toBe('ErrorTooManyOperations');
    expect(tooMany('while true {}', 100)).toBe('ErrorTooManyOperations');
  });
});

describe('properties on values without them', () => {
  test('a missing getter or setter is ErrorDotExpr with the reference text; plain assignment calls no getter', () => {
    expect(err('let a = [1]; a.foo = 1').fullMessage).toBe(
      "No writable property 'foo' - a setter is not registered for type 'array' to handle 'i64' (line 1, position 16)",
    );
    expect(err('let a = 5; a.foo').fullMessage).toBe("Unknown property 'foo' - a getter is not registered for type 'i64' (line 1, position 14)");
    expect(prints('try { let a = 5; a.foo } catch (e) { print(e.error) }')).toEqual(['ErrorDotExpr']);
  });
});

describe('source names', () => {
  test('with a source name, catch maps carry it and call lines say @ source', () => {
    const out: string[] = [];
    new Engine().run('fn f() { 1 / 0 } try { f() } catch (e) { print(e.source); print(e.message) } try { 1 / 0 } catch (e) { print(e.source) }', {
      sourceName: 'dir/x.rhai',
      onPrint: (s) => out.push(s),
    });
    expect(out).toEqual(['dir/x.rhai', "Division by zero: 1 / 0\nin call to function 'f' @ 'dir/x.rhai'", 'dir/x.rhai']);
  });
});
