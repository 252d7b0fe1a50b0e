import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { FnPtr, RFloat, RMap, RRange, type Value } from '../values.js';
import { rustStableSort } from './array.js';
import { call, v } from './testing/call.js';
import { fakeContext, jsFn } from './testing/fake-context.js';
import { ALL_DEFS } from './testing/call.js';

const show = (x: Value) => displayValue(x);
const a8 = () => [0, 1, 2, 3, 4, 5, 6, 7] as Value[];

describe('array mutation', () => {
  it('push/pop/shift/insert/remove/truncate (032-array-mutate)', () => {
    const a: Value[] = [1, 2, 3];
    v('push', a, 4);
    v('+=', a, 5);
    v('+=', a, [6, 7]);
    expect(show(a)).toBe('[1, 2, 3, 4, 5, 6, 7]');
    expect(v('pop', a)).toBe(7);
    expect(v('shift', a)).toBe(1);
    v('insert', a, 0, 100);
    v('insert', a, 2, 200);
    expect(show(a)).toBe('[100, 2, 200, 3, 4, 5, 6]');
    expect(v('remove', a, 1)).toBe(2);
    v('truncate', a, 3);
    expect(show(a)).toBe('[100, 200, 3]');
    v('clear', a);
    expect(v('pop', a)).toBeUndefined();
    expect(v('is_empty', a)).toBe(true);
    const b: Value[] = [1, 2, 3];
    v('insert', b, -2, 42);
    expect(show(b)).toBe('[1, 42, 2, 3]');
  });

  it('splice/extract/drain/retain/split/chop (036)', () => {
    const a = a8();
    expect(show(v('extract', a, 2, 3))).toBe('[2, 3, 4]');
    expect(show(v('extract', a, 5))).toBe('[5, 6, 7]');
    expect(show(v('extract', a, new RRange(1, 4, false)))).toBe('[1, 2, 3]');
    expect(show(v('extract', a, -2))).toBe('[6, 7]');
    const b = a8();
    v('splice', b, 1, 3, ['x', 'y']);
    expect(show(b)).toBe('[0, "x", "y", 4, 5, 6, 7]');
    const c = a8();
    expect(show(v('drain', c, jsFn(([x]) => (x as number) % 2 === 0)))).toBe('[0, 2, 4, 6]');
    expect(show(c)).toBe('[1, 3, 5, 7]');
    const d = a8();
    v('retain', d, jsFn(([x]) => (x as number) > 4));
    expect(show(d)).toBe('[5, 6, 7]');
    const e = a8();
    expect(show(v('split', e, 5))).toBe('[5, 6, 7]');
    expect(show(e)).toBe('[0, 1, 2, 3, 4]');
    const f = a8();
    v('chop', f, 3);
    expect(show(f)).toBe('[5, 6, 7]');
    const g: Value[] = [];
    v('pad', g, 3, 0);
    expect(show(g)).toBe('[0, 0, 0]');
  });

  it('sorts (035)', () => {
    const a: Value[] = [5, 2, 9, 1, 7];
    v('sort', a);
    expect(show(a)).toBe('[1, 2, 5, 7, 9]');
    v('reverse', a);
    expect(show(a)).toBe('[9, 7, 5, 2, 1]');
    const w: Value[] = ['pear', 'apple', 'fig', 'banana'];
    v('sort', w);
    expect(show(w)).toBe('["apple", "banana", "fig", "pear"]');
    v('sort', w, jsFn(([x, y]) => (x as string).length - (y as string).length));
    expect(show(w)).toBe('["fig", "pear", "apple", "banana"]');
    const d: Value[] = [1, 1, 2, 3, 3, 3, 1];
    v('dedup', d);
    expect(show(d)).toBe('[1, 2, 3, 1]');
    const dd: Value[] = [1, 2, 2, 2, 3, 1, 2, 3, 4, 3, 3, 2, 1];
    v('dedup', dd, jsFn(([x, y]) => (x as number) >= (y as number), 2));
    expect(show(dd)).toBe('[1, 2, 3, 4]');
    const fl: Value[] = [new RFloat(2.5), new RFloat(-1)];
    v('sort_desc', fl);
    expect(show(fl)).toBe('[2.5, -1.0]');
    expect(() => v('sort', [1, 'a'])).toThrow('Function not found: elements of different types cannot be sorted');
    const wide: Value[] = [5, -3e12, 7, 2 ** 40, 0];
    v('sort', wide);
    expect(wide).toEqual([-3e12, 0, 5, 7, 2 ** 40]);
    v('sort_desc', wide);
    expect(wide).toEqual([2 ** 40, 7, 5, 0, -3e12]);
    const big: Value[] = [3, 2n ** 62n, -(2n ** 62n), 1];
    v('sort', big);
    expect(big).toEqual([-(2n ** 62n), 1, 3, 2n ** 62n]);
    const dense: Value[] = [];
    for (let i = 0; i < 1000; i++) dense.push((i * 7919) % 101);
    const expected = [...(dense as number[])].sort((x, y) => x - y);
    v('sort', dense);
    expect(dense).toEqual(expected);
    v('sort_desc', dense);
    expect(dense).toEqual(expected.reverse());
    const ws: Value[] = ['b', 'a', 'c'];
    v('sort_desc', ws);
    expect(ws).toEqual(['c', 'b', 'a']);
  });
});

describe('array queries and callbacks', () => {
  it('searches (033)', () => {
    const a: Value[] = [5, 3, 8, 3, 1];
    expect(v('contains', a, 8)).toBe(true);
    expect(v('contains', a, new RFloat(8))).toBe(true);
    expect(v('index_of', a, 3)).toBe(1);
    expect(v('index_of', a, 42)).toBe(-1);
    expect(v('find', a, jsFn(([x]) => (x as number) > 4))).toBe(5);
    expect(v('find', a, jsFn(([x]) => (x as number) > 100))).toBeUndefined();
    expect(v('some', a, jsFn(([x]) => x === 1))).toBe(true);
    expect(v('all', a, jsFn(([x]) => (x as number) > 0))).toBe(true);
    expect(v('index_of', a, jsFn(([x]) => (x as number) > 5))).toBe(2);
    expect(v('get', a, -1)).toBe(1);
    expect(v('get', a, 9)).toBeUndefined();
    expect(v('get', a, -99)).toBe(5);
  });

  it('passes the index when the callback takes two parameters', () => {
    const nums: Value[] = [1, 2, 3];
    expect(show(v('map', nums, jsFn(([x]) => (x as number) * 2, 1)))).toBe('[2, 4, 6]');
    expect(show(v('map', nums, jsFn(([x, i]) => (x as number) * (i as number), 2)))).toBe('[0, 2, 6]');
    expect(show(v('filter', nums, jsFn(([, i]) => (i as number) >= 1, 2)))).toBe('[2, 3]');
    expect(v('reduce', nums, jsFn(([s, x]) => (s as number) + (x as number), 2), 0)).toBe(6);
    expect(v('reduce', nums, jsFn(([s, x, i]) => (s as number) + (x as number) * (i as number), 3), 0)).toBe(8);
    expect(v('reduce', [], jsFn(([s]) => s), 5)).toBe(5);
  });

  it('binds `this` for zero-parameter callbacks (for_each)', () => {
    const a: Value[] = [1, 2];
    v('for_each', a, jsFn((_args, t) => ((t!.value = (t!.value as number) * 10), undefined), 0));
    expect(show(a)).toBe('[10, 20]');
    const b: Value[] = [1, 2, 3];
    v('for_each', b, jsFn(([i], t) => ((t!.value = (t!.value as number) * (i as number)), undefined), 1));
    expect(show(b)).toBe('[0, 2, 6]');
  });

  it('accepts a function name or a curried pointer', () => {
    const ctx = fakeContext({ triple: ([x]) => (x as number) * 3 }, ALL_DEFS);
    expect(show(call('map', [[1, 2], 'triple'], ctx).value)).toBe('[3, 6]');
    expect(show(call('map', [[1, 2], new FnPtr('triple')], ctx).value)).toBe('[3, 6]');
    expect(show(call('map', [[1, 2], 'to_string'], ctx).value)).toBe('["1", "2"]');
  });

  it('copies elements handed to callbacks', () => {
    const inner: Value[] = [1];
    const a: Value[] = [inner];
    v('map', a, jsFn(([x]) => ((x as Value[]).push(2), x)));
    expect(inner).toEqual([1]);
  });

  it('zips', () => {
    expect(show(v('zip', [1, 2, 3], [10, 20], jsFn(([x, y]) => (x as number) + (y as number), 2)))).toBe('[11, 22]');
  });

  it('sorts maps with a comparator (035 people)', () => {
    const p1 = new RMap([['n', 'b'], ['age', 30]]);
    const p2 = new RMap([['n', 'a'], ['age', 25]]);
    const people: Value[] = [p1, p2];
    v('sort', people, jsFn(([p, q]) => ((p as RMap).get('age') as number) - ((q as RMap).get('age') as number)));
    expect(show(people)).toBe('[#{"age": 25, "n": "a"}, #{"age": 30, "n": "b"}]');
  });
});

describe('size limits', () => {
  it('reports growth past max_array_size / max_string_size', () => {
    const ctx = fakeContext({}, ALL_DEFS);
    ctx.limits.array = 3;
    const a: Value[] = [1, 2];
    call('push', [a, 3], ctx);
    expect(a).toEqual([1, 2, 3]);
    expect(() => call('push', [a, 4], ctx)).toThrow('Size of array/BLOB too large');
    expect(() => call('pad', [[], 4, 0], ctx)).toThrow('Size of array/BLOB too large');
    ctx.limits.string = 10;
    expect(() => call('pad', ['ab', 11, 'x'], ctx)).toThrow('Length of string too large');
    expect(() => call('+', ['abcdef', 'ghijk'], ctx)).toThrow('Length of string too large');
    const objs: Value[] = [];
    ctx.limits.array = 0;
    call('pad', [objs, 2, [0]], ctx);
    (objs[0] as Value[]).push(1);
    expect(objs).toEqual([[0, 1], [0]]);
  });
});

describe('sort order for inconsistent comparisons (Rust insertion sort up to 20 elements)', () => {
  it('leaves NaN where Rust leaves it', () => {
    const a: Value[] = [new RFloat(2.5), new RFloat(1.5), new RFloat(NaN), new RFloat(-1)];
    call('sort', [a]);
    expect(show(a)).toBe('[1.5, 2.5, NaN, -1.0]');
  });
  it('compares each new element with its left neighbours', () => {
    const seen: string[] = [];
    const a = [3, 1, 2];
    rustStableSort(a, (x, y) => (seen.push(`${x}:${y}`), x - y));
    expect(a).toEqual([1, 2, 3]);
    expect(seen).toEqual(['1:3', '2:3', '2:1']);
  });
});
