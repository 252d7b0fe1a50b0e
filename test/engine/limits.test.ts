/**
 * Safety limits, interrupts and hostile inputs: every failure must be an
 * EngineError (never a raw JS exception, never a hang).
 */
import { describe, expect, test } from '@jest/globals';
import { Engine, EngineError, RhaiRuntimeError, RhaiSyntaxError, type EngineLimits } from '../../src/engine/index.js';

function fail(code: string, limits: Partial<EngineLimits> = {}, interrupt?: () => string | undefined): EngineError {
  try {
    new Engine(limits).run(code, { interrupt });
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected an error from: ${code.slice(0, 60)}`);
}

describe('limits', () => {
  test('max operations stops infinite loops', () => {
    const e = fail('let x = 0; while true { x += 1 }', { maxOperations: 1000 }) as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorTooManyOperations');
    expect(e.bareMessage).toBe('Too many operations');
    expect(new Engine({ maxOperations: 1000 }).run('let x = 0; for i in 0..100 { x += i } x').value).toBe(4950);
  });
  test('call depth', () => {
    expect(fail('fn f(n) { if n == 0 { 0 } else { f(n - 1) } } f(5)', { maxCallLevels: 5 }).bareMessage).toBe('Stack overflow');
    expect(new Engine({ maxCallLevels: 5 }).run('fn f(n) { if n == 0 { 0 } else { f(n - 1) } } f(4)').value).toBe(0);
    expect(fail('fn r(n) { if n == 0 { 0 } else { 1 + r(n-1) } } r(64)').bareMessage).toBe('Stack overflow');
  });
  test('unlimited call depth turns a JS stack overflow into a Rhai error', () => {
    const e = fail('fn f(n) { f(n + 1) } f(0)', { maxCallLevels: 0 }) as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorStackOverflow');
  });
  test('stack overflow is not catchable', () => {
    expect(fail('fn f(n) { f(n + 1) } try { f(0) } catch { 1 }').bareMessage).toBe('Stack overflow');
  });
  test('string, array and map sizes at run time', () => {
    expect(fail('let s = "abcdef"; s += "ghijk"; s', { maxStringSize: 10 }).fullMessage).toBe(
      'Length of string too large (line 1, position 21)',
    );
    expect(fail('let s = "x"; loop { s += s }', { maxStringSize: 1000 }).bareMessage).toBe('Length of string too large');
    expect(fail('let a = []; loop { a.push(1) }', { maxArraySize: 100 }).bareMessage).toBe('Size of array/BLOB too large');
    expect(fail('let m = #{a: 1, b: 2}; m.c = 3; m', { maxMapSize: 2 }).bareMessage).toBe('Size of object map too large');
    expect(new Engine({ maxArraySize: 3 }).run('let a = [1, 2]; a.push(3); a.len()').value).toBe(3);
  });
  test('literal sizes are checked at parse time', () => {
    expect(fail('let s = "01234567890"', { maxStringSize: 10 }).fullMessage).toBe(
      'Syntax error: Length of string exceeds the maximum limit (10) (line 1, position 9)',
    );
    expect(fail('[1, 2, 3]', { maxArraySize: 3 })).toBeInstanceOf(RhaiSyntaxError);
  });
  test('max variables', () => {
    expect(fail('let a = 1; let b = 2; let c = 3; c', { maxVariables: 2 }).fullMessage).toBe(
      'Too many variables defined (line 1, position 23)',
    );
  });
  test('expression depth: parens cost two levels', () => {
    expect(new Engine().run('('.repeat(31) + '1' + ')'.repeat(31)).value).toBe(1);
    expect(fail('('.repeat(32) + '1' + ')'.repeat(32)).fullMessage).toBe(
      'Syntax error: Expression exceeds maximum complexity (line 1, position 32)',
    );
    expect(fail('fn f() { (((((((((((((((1))))))))))))))) } f()').fullMessage).toBe(
      'Syntax error: Expression exceeds maximum complexity (line 1, position 24)',
    );
  });
});

describe('interrupts', () => {
  test('an interrupt stops `loop {}` with ErrorTerminated', () => {
    let polls = 0;
    const e = fail('loop {}', {}, () => (++polls > 3 ? 'deadline' : undefined)) as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorTerminated');
    expect(polls).toBe(4);
  });
  test('recursion without loops is interrupted too', () => {
    const e = fail('fn f(n) { if n == 0 { 0 } else { f(n - 1) + f(n - 1) } } f(40)', {}, () => 'stop') as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorTerminated');
  });
  test('callbacks inside natives are interrupted', () => {
    const e = fail('let a = []; a.pad(100000, 1); loop { a.map(|x| x + 1) }', {}, () => 'stop') as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorTerminated');
  });
  test('termination is not catchable', () => {
    const e = fail('try { loop {} } catch { 1 }', {}, () => 'stop') as RhaiRuntimeError;
    expect(e.kind).toBe('ErrorTerminated');
  });
});

describe('hostile inputs', () => {
  const deep = (open: string, mid: string, close: string, n: number) => open.repeat(n) + mid + close.repeat(n);
  test.each([
    ['parens', deep('(', '1', ')', 100000)],
    ['arrays', deep('[', '', ']', 100000)],
    ['maps', deep('#{a:', '1', '}', 50000)],
    ['blocks', deep('{', '', '}', 100000)],
    ['unary', '- '.repeat(100000) + '1'],
    ['not', '!'.repeat(100000) + 'true'],
    ['power chain', '2' + ' ** 2'.repeat(100000)],
    ['calls', deep('f(', '1', ')', 100000)],
    ['index chain', 'a' + '[0]'.repeat(100000)],
    ['interpolation', deep('`${', '1', '}`', 20000)],
    ['closures', deep('|| ', '1', '', 100000)],
    ['if chain', 'if true { 1 } ' + 'else if true { 1 } '.repeat(50000)],
  ])('deep %s give a syntax error or a value, never a crash (default and unlimited depth)', (_name, code) => {
    for (const limits of [{}, { maxExprDepth: 0, maxFunctionExprDepth: 0 }]) {
      let outcome: unknown = 'value';
      try {
        new Engine(limits).run(code, { interrupt: () => undefined });
      } catch (e) {
        outcome = e;
      }
      if (outcome !== 'value') expect(outcome).toBeInstanceOf(EngineError);
      else expect(outcome).toBe('value');
    }
  });
  test('deep parens report the complexity error', () => {
    const e = fail(deep('(', '1', ')', 100000), { maxExprDepth: 0 });
    expect(e.bareMessage).toBe('Syntax error: Expression exceeds maximum complexity');
  });
  test('huge strings are bounded by maxStringSize', () => {
    const e = fail('let s = "ab"; for i in 0..100 { s += s }', { maxStringSize: 1 << 20 });
    expect(e.bareMessage).toBe('Length of string too large');
  });
});

describe('huge ranges', () => {
  test('ranges with bounds beyond 2^53 iterate lazily', () => {
    const v = new Engine().run('let n = 0; for i in 0..9223372036854775807 { n += 1; if n > 3 { break } } n').value;
    expect(v).toBe(4);
    expect(fail('for i in 0..9223372036854775807 { }', { maxOperations: 1000 }).bareMessage).toBe('Too many operations');
  });
});
