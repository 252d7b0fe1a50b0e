/**
 * Engine feature tests: public API, scoping and closures, copy semantics,
 * lvalue write-back, control flow, errors as catch values, eval, modules,
 * and valueToJson.
 */
import { describe, expect, test } from '@jest/globals';
import {
  CompiledScript,
  Engine,
  EngineError,
  RhaiRuntimeError,
  RhaiSyntaxError,
  StaticModuleResolver,
  displayValue,
  valueToJson,
} from '../../src/engine/index.js';

function val(code: string): string {
  return displayValue(new Engine().run(code).value);
}

function prints(code: string): string[] {
  const out: string[] = [];
  new Engine().run(code, { onPrint: (s) => out.push(s) });
  return out;
}

function err(code: string, engine = new Engine()): EngineError {
  try {
    engine.run(code);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected an error from: ${code}`);
}

describe('public API', () => {
  test('run returns the final value', () => {
    expect(new Engine().run('40 + 2').value).toBe(42);
  });
  test('compile once, run many times with independent state', () => {
    const e = new Engine();
    const c = e.compile('let x = 1; x += 1; x');
    expect(c).toBeInstanceOf(CompiledScript);
    expect(e.run(c).value).toBe(2);
    expect(e.run(c).value).toBe(2);
  });
  test('syntax errors are thrown by compile with a position', () => {
    const e = err('let a = 1\nlet b = 2;');
    expect(e).toBeInstanceOf(RhaiSyntaxError);
    expect(e.fullMessage).toBe("Syntax error: Expecting ';' to terminate this statement (line 2, position 1)");
  });
  test('runtime errors carry kind and position', () => {
    const e = err('let x = 1;\nx + true') as RhaiRuntimeError;
    expect(e).toBeInstanceOf(RhaiRuntimeError);
    expect(e.kind).toBe('ErrorFunctionNotFound');
    expect(e.fullMessage).toBe('Function not found: + (i64, bool) (line 2, position 3)');
  });
  test('print and debug go to the hooks; debug has the position prefix and source name', () => {
    const out: string[] = [];
    const dbg: string[] = [];
    new Engine().run('print("a"); debug("x"); debug(1.5)', {
      onPrint: (s) => out.push(s),
      onDebug: (s) => dbg.push(s),
      sourceName: 'main.rhai',
    });
    expect(out).toEqual(['a']);
    expect(dbg).toEqual(['main.rhai @ 1:13 | "x"', 'main.rhai @ 1:25 | 1.5']);
  });
  test('valueToJson maps every value kind', () => {
    const v = new Engine().run(
      '#{a: [1, 2.5, (), "s", \'c\', 9223372036854775807, 1.0/0.0, 0.0/0.0], r: 1..=3, f: Fn("abs"), b: blob(2, 1)}',
    ).value;
    expect(valueToJson(v)).toEqual({
      a: [1, 2.5, null, 's', 'c', '9223372036854775807', 'inf', 'NaN'],
      b: [1, 1],
      f: 'Fn(abs)',
      r: { start: 1, end: 3, inclusive: true },
    });
  });
});

describe('variables, scopes and closures', () => {
  test('shadowing and block scope', () => {
    expect(val('let x = 1; let x = x + 1; { let x = 10; } x')).toBe('2');
  });
  test('functions cannot see globals but can see global constants via global::', () => {
    expect(err('let x = 5; fn f() { x } f()').bareMessage).toBe('Variable not found: x');
    expect(val('fn f() { global::X } const X = 7; f()')).toBe('7');
  });
  test('closures capture by shared reference', () => {
    expect(val('let x = 1; let f = || x += 1; f.call(); f.call(); x')).toBe('3');
    expect(val('let y = 10; let f = |x| x + y; y = 20; f.call(1)')).toBe('21');
    expect(val('let fs = []; for i in 0..3 { fs.push(|| i) } fs.map(|f| f.call())')).toBe('[2, 2, 2]');
    expect(val('let fs = []; for i in 0..3 { let j = i; fs.push(|| j) } fs.map(|f| f.call())')).toBe('[0, 1, 2]');
    expect(val('fn make(n) { |x| x + n } let add5 = make(5); add5.call(1)')).toBe('6');
    expect(val('let x = 1; let f = || x; is_shared(x)')).toBe('true');
  });
  test('nested closures capture through intermediate closures', () => {
    expect(val('let a = 1; let f = || { let g = || a * 10; g.call() }; a = 4; f.call()')).toBe('40');
  });
  test('closures in map fields act as methods with this', () => {
    expect(val('let o = #{v: 1, inc: || this.v += 1}; o.inc(); o.inc(); o.v')).toBe('3');
  });
  test('eval sees and updates the current scope', () => {
    expect(val('let x = 5; eval("x + 1")')).toBe('6');
    expect(val('let x = 5; eval("x = x * 3"); x')).toBe('15');
  });
  test('variables declared by eval stay visible in the same frame', () => {
    expect(val('eval("let z = 5"); z + 1')).toBe('6');
    expect(val('let x = 1; eval("let y = x + 1"); eval("y * 10")')).toBe('20');
    expect(val('fn f() { eval("let q = 3"); q = q + 1; q } [f(), f()]')).toBe('[4, 4]');
    expect(err('fn f() { eval("let q = 3"); } f(); q').bareMessage).toBe('Variable not found: q');
  });
  test('is_def_var follows block scope', () => {
    expect(prints('{ let inner = 1; print(is_def_var("inner")); } print(is_def_var("inner"))')).toEqual(['true', 'false']);
  });
});

describe('frames are reused safely', () => {
  test('recursion with closures and containers in every frame', () => {
    expect(
      val(
        'fn f(n) { let g = || n; if n > 0 { let r = f(n - 1); return [g.call(), r] } g.call() } ' +
          'fn h(n) { let a = [n]; if n > 0 { h(n - 1); } a } ' +
          'let cs = []; fn mk(i) { |x| x + i } for i in 0..3 { cs.push(mk(i)) } ' +
          '[f(3), h(3), cs.map(|c| c.call(10)), [1, 2, 3].map(|x| [4, 5].map(|y| x * y))]',
      ),
    ).toBe('[[3, [2, [1, 0]]], [3], [10, 11, 12], [[4, 5], [8, 10], [12, 15]]]');
  });
  test('a compiled script re-run after an error starts clean', () => {
    const e = new Engine();
    const c = e.compile('fn f(n) { if n == 0 { throw "boom" } let a = [n]; f(n - 1); a } f(3)');
    expect(() => e.run(c)).toThrow(EngineError);
    expect(displayValue(e.run('fn f(n) { let a = [n]; if n > 0 { f(n - 1); } a } f(2)').value)).toBe('[2]');
  });
});

describe('copy semantics and write-back', () => {
  test('assignment and arguments copy arrays and maps', () => {
    expect(val('let a = [1, 2]; let b = a; b.push(3); a')).toBe('[1, 2]');
    expect(val('let a = [1]; fn f(a) { a.push(2); a } let b = f(a); [a, b]')).toBe('[[1], [1, 2]]');
    expect(val('let m = #{x: [1]}; let n = m.x; n.push(2); m')).toBe('#{"x": [1]}');
  });
  test('nested index and property assignment', () => {
    expect(val('let a = [[1, 2], [3]]; a[0][1] += 5; a[-1][0] = 9; a')).toBe('[[1, 7], [9]]');
    expect(val('let m = #{a: #{b: 1}}; m.a.b = 9; m.a.c = "x"; m')).toBe('#{"a": #{"b": 9, "c": "x"}}');
  });
  test('strings and ints written back through index and methods', () => {
    expect(val('let s = "hello"; s[0] = \'J\'; s')).toBe('Jello');
    expect(val('let x = 0; x[3] = true; x')).toBe('8');
    expect(val('let m = #{s: "  hi  "}; m.s.trim(); m.s')).toBe('hi');
    expect(val('let a = ["ab"]; a[0].pad(4, \'*\'); a')).toBe('["ab**"]');
  });
  test('script methods write back `this`', () => {
    expect(val('fn inc(n) { this += n } let x = 1; x.inc(5); x')).toBe('6');
    expect(val('fn int.calc(x) { this * x } fn string.calc(x) { this.len + x } [6.calc(7), "ab".calc(1)]')).toBe('[42, 3]');
  });
});

describe('control flow', () => {
  test('loops return break values', () => {
    expect(val('let r = for i in 0..10 { if i == 3 { break i * 10; } }; r')).toBe('30');
    expect(val('let i = 0; let r = while i < 5 { i += 1; if i == 2 { break "two" } }; r')).toBe('two');
    expect(val('let d = 0; do { d += 1 } until d >= 3; d')).toBe('3');
  });
  test('jumps nested inside expressions still work', () => {
    expect(val('let r = 0; for i in 0..10 { r += [i, { if i > 5 { break; } i }][1] } r')).toBe('15');
    expect(val('fn f(x) { let y = if x > 0 { return "pos"; } else { 0 }; "neg" } [f(1), f(-1)]')).toBe('["pos", "neg"]');
    expect(val('let y = 1 + { return 5; 2 }; 99')).toBe('5');
  });
  test('switch with ranges, alternatives, guards and default', () => {
    expect(val('let x = 5; switch x { 1..3 => "a", 4 | 5 if x > 4 => "b", _ => "c" }')).toBe('b');
    expect(val('switch 1.0 { 1 => "int", _ => "other" }')).toBe('other');
  });
  test('try/catch delivers thrown values and error maps', () => {
    expect(val('let r = 0; try { throw "oops"; } catch (e) { r = e } r')).toBe('oops');
    expect(val('let r = 0; try { 1 / 0 } catch (e) { r = e.message } r')).toBe('Division by zero: 1 / 0');
    expect(val('let r = 0; try { [1][5] } catch (e) { r = [e.error, e.index, e.length] } r')).toBe('["ErrorArrayBounds", 5, 1]');
  });
  test('exit and top-level return end the script', () => {
    expect(val('exit(3); 4')).toBe('3');
    expect(val('return 5; 6')).toBe('5');
  });
});

describe('modules', () => {
  const engine = () =>
    new Engine().setModuleResolver(
      new StaticModuleResolver({ m: 'export const X = 40; let hidden = 1; fn f(x) { x * 2 } private fn g() { 1 }' }),
    );
  test('exported constants and public functions', () => {
    expect(displayValue(engine().run('import "m" as m; m::f(1) + m::X').value)).toBe('42');
  });
  test('private functions and unknown modules are errors', () => {
    expect(err('import "m" as m; m::g()', engine()).bareMessage).toBe('Function not found: m::g ()');
    expect(err('import "nope" as n; 1', engine()).fullMessage).toBe('Module not found: nope (line 1, position 8)');
  });
});

describe('syntax rules', () => {
  test.each([
    ['const X = 1; X = 2', 'Syntax error: Cannot assign to constant X (line 1, position 14)'],
    ['let x = 1; x++', "Syntax error: Unknown operator: '++' (line 1, position 13)"],
    ['true ? 1 : 2', "Syntax error: Unknown operator: '?' (line 1, position 6)"],
    ['let _x = 1; _x', "Syntax error: Variable name is not proper: '_x' (line 1, position 5)"],
    ["'ab'", "Syntax error: Invalid character: 'ab' (line 1, position 1)"],
    ['if 1 { 2 }', 'Syntax error: Expecting a boolean expression, not a number (line 1, position 4)'],
    ['let x = try { 1 } catch { 2 }; x', "Syntax error: Unexpected 'try' (line 1, position 9)"],
    ['fn f(a) { 1 } fn f(a) { 2 } f(0)', 'Syntax error: Function f with 1 parameter already exists (line 1, position 15)'],
  ])('%s', (code, message) => {
    expect(err(code).fullMessage).toBe(message);
  });
});
