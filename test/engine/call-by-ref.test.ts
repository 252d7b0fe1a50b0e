/**
 * Function-call style with a plain variable as first argument passes it by
 * reference to natives, as Rhai does (`f(x, ..)` -> `x.f(..)`): constants,
 * closure-shared variables and script functions get a copy instead.
 */
import { describe, expect, test } from '@jest/globals';
import { Engine } from '../../src/engine/index.js';

function prints(code: string): string[] {
  const out: string[] = [];
  new Engine().run(code, { onPrint: (s) => out.push(s) });
  return out;
}

describe('f(x, ..) on a variable', () => {
  test('mutating array/map/blob natives change the variable', () => {
    expect(prints('let a = [1]; push(a, 2); insert(a, 0, 0); print(a)')).toEqual(['[0, 1, 2]']);
    expect(prints('let a = [3, 1, 2]; sort(a); print(a); print(pop(a)); print(a)')).toEqual(['[1, 2, 3]', '3', '[1, 2]']);
    expect(prints('let m = #{a: 1}; mixin(m, #{b: 2}); print(m.len()); clear(m); print(m)')).toEqual(['2', '#{}']);
  });

  test('string natives write the new value back', () => {
    expect(prints('let s = "ab"; pad(s, 4, \'+\'); print(s); trim(s); make_upper(s); print(s)')).toEqual(['ab++', 'AB++']);
  });

  test('pure natives leave the variable alone and return as before', () => {
    expect(prints('let a = [1, 2]; print(len(a)); print(contains(a, 2)); print(a)')).toEqual(['2', 'true', '[1, 2]']);
  });

  test('a constant first argument is copied, without an error', () => {
    expect(prints('const a = [1]; push(a, 2); print(a)')).toEqual(['[1]']);
    expect(prints('const s = "x"; pad(s, 3, \'-\'); print(s)')).toEqual(['x']);
    expect(() => prints('const a = [1]; a.push(2)')).toThrow(/Non-pure method 'push' cannot be called on constant/);
  });

  test('script functions still receive a copy', () => {
    expect(prints('fn f(a) { a.push(9); a.len() } let x = [1]; print(f(x)); print(x)')).toEqual(['2', '[1]']);
  });

  test('a read-only-looking parameter mutated by call style is not shared with the caller', () => {
    expect(prints('fn f(a) { push(a, 9); 0 } let x = [1]; f(x); print(x)')).toEqual(['[1]']);
    expect(prints('fn f(a, i) { if i > 0 { f(a, i - 1) } else { a.len() } } let x = [1]; print(f(x, 3)); print(x)')).toEqual(['1', '[1]']);
  });

  test('a for loop over a variable mutated by call style iterates a copy', () => {
    expect(prints('let arr = [1, 2]; for v in arr { push(arr, v * 10) } print(arr)')).toEqual(['[1, 2, 10, 20]']);
    expect(prints('let arr = [[1], [2]]; for v in arr { clear(arr); print(v) }')).toEqual(['[1]', '[2]']);
  });

  test('other arguments are evaluated before the variable is taken', () => {
    expect(prints('let a = [1, 2]; push(a, a.pop()); print(a)')).toEqual(['[1, 2]']);
  });

  test('this as first argument inside a method', () => {
    expect(prints('fn grow(v) { push(this, v) } let a = []; a.grow(1); a.grow(2); print(a)')).toEqual(['[1, 2]']);
  });

  test('a variable captured by a closure is shared and passed as a copy', () => {
    expect(prints('let a = [1]; let g = || a.len(); push(a, 2); print(a); print(g.call())')).toEqual(['[1]', '1']);
  });
});
