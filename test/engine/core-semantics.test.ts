/**
 * Core language behaviour checked against the reference's rules: iteration
 * over a copy, closures and `this`, shadowing, ranges with steps, loops as
 * expressions.
 */
import { describe, expect, test } from '@jest/globals';
import { Engine } from '../../src/engine/index.js';

function prints(code: string): string[] {
  const out: string[] = [];
  new Engine().run(code, { onPrint: (s) => out.push(s) });
  return out;
}

describe('for loops', () => {
  test('iterate a copy of the array variable: changes in the body are not seen', () => {
    expect(prints('let arr = [1, 2, 3]; for v in arr { arr[2] = 99; print(v) } print(arr)')).toEqual(['1', '2', '3', '[1, 2, 99]']);
    expect(prints('let arr = [1, 2]; for v in arr { arr.clear(); print(v) }')).toEqual(['1', '2']);
    expect(prints('let arr = [1, 2]; for v in arr { arr.push(v * 10) } print(arr)')).toEqual(['[1, 2, 10, 20]']);
  });

  test('the loop variable is a copy of the element', () => {
    expect(prints('let a = [[1]]; for v in a { v.push(2) } print(a)')).toEqual(['[[1]]']);
  });

  test('stepped ranges and index variables', () => {
    expect(prints('for i in range(0, 10, 4) { print(i) } for (x, i) in [5, 6] { print(x * i) }')).toEqual(['0', '4', '8', '0', '6']);
  });

  test('loop values and do/until', () => {
    expect(prints('let r = loop { break 5 }; print(r); let x = 0; do { x += 1 } until x >= 3; print(x)')).toEqual(['5', '3']);
  });
});

describe('closures and this', () => {
  test('a closure stored in a map updates the map through this', () => {
    expect(prints('let o = #{ n: 1, inc: |d| { this.n += d; this.n } }; print(o.inc(5)); print(o.n)')).toEqual(['6', '6']);
  });

  test('nested closures see captured variables; counters keep state', () => {
    expect(prints('fn f() { let a = 1; let g = || { let h = || a + 1; h.call() }; g.call() } print(f())')).toEqual(['2']);
    expect(prints('fn make() { let c = 0; || { c += 1; c } } let a = make(); a.call(); print(a.call()); print(make().call())')).toEqual(['2', '1']);
  });
});

describe('shadowing', () => {
  test('re-declaration in a block shadows only there', () => {
    expect(prints('let x = 1; let x = x + 1; { let x = x * 10; print(x) } print(x)')).toEqual(['20', '2']);
  });
});

describe('arguments are passed by value', () => {
  const ro = (code: string, key: string) =>
    (new Engine().compile(code).program.fns.get(key)![0] as { readonlyParams: boolean[] | null }).readonlyParams;

  test('read-only parameters are recognised (callers may skip the copy)', () => {
    expect(ro('fn s(a, n) { let t = 0; for v in a { t += v } t + a.len() + n }', 's/2')).toEqual([true, true]);
    expect(ro('fn f(a, b) { a.push(1); b[0] }', 'f/2')).toEqual(null);
    expect(ro('fn f(a, b) { b.x.y = 1; a[0] + 1 }', 'f/2')).toEqual([true, false]);
    expect(ro('fn f(a) { let g = || a; 1 }', 'f/1')).toEqual(null);
    expect(ro('fn f(a) { eval("a.clear()"); 1 }', 'f/1')).toEqual(null);
  });

  test('no call can change or leak the caller’s value', () => {
    const code = [
      'fn id(x) { x } fn first(x) { x[0] } fn g(x) { x.get(0) } fn h(x, y) { x.len() + y }',
      'fn m(x) { x.push(5); x.len() } fn r(x) { if x.len() > 0 { return x[0] } [] }',
      'let a = [[1]]; let b = id(a); b.push(2); let c = first(a); c.push(3); let d = g(a); d.push(4);',
      'let e = r(a); e.push(6); print(a);',
      'let z = [1, 2]; print(h(z, z.pop())); print(m(z)); print(z);',
    ].join('\n');
    expect(prints(code)).toEqual(['[[1]]', '4', '2', '[1]']);
  });
});

describe('for loops over a variable see none of the body’s changes', () => {
  test('nested elements changed during the loop keep their old values in the loop variable', () => {
    expect(prints('let arr = [#{x: 1}, #{x: 2}]; for v in arr { arr[1].x = 99; print(v.x) } print(arr[1].x)')).toEqual(['1', '2', '99']);
  });

  test('a read-only loop variable still behaves as a copy', () => {
    expect(prints('let arr = [[1], [2]]; let out = []; for v in arr { out.push(v) } out[0].push(5); print(arr); print(out)')).toEqual([
      '[[1], [2]]',
      '[[1, 5], [2]]',
    ]);
    expect(prints('fn f(a) { for v in a { return v } } let arr = [[1]]; let r = f(arr); r.push(2); print(arr)')).toEqual(['[[1]]']);
  });
});
