import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { RBlob, RChar, RFloat, RMap, RTimestamp, type Value } from '../values.js';
import { resolve, v } from './testing/call.js';

const f = (n: number) => new RFloat(n);
const ch = (c: string) => new RChar(c);
const show = (x: Value) => displayValue(x);

describe('operators', () => {
  it('mixes ints and floats', () => {
    expect(show(v('+', 1, f(2.5)))).toBe('3.5');
    expect(show(v('/', 7, f(2)))).toBe('3.5');
    expect(show(v('/', f(7), 2))).toBe('3.5');
    expect(show(v('%', 5, f(3)))).toBe('2.0');
    expect(show(v('%', f(-7.5), f(2)))).toBe('-1.5');
    expect(show(v('**', f(2), 10))).toBe('1024.0');
    expect(show(v('**', 2, f(0.5)))).toBe('1.4142135623730951');
    expect(show(v('**', f(4), -1))).toBe('0.25');
    expect(show(v('/', f(1), f(0)))).toBe('inf');
  });

  it('does checked int arithmetic', () => {
    expect(v('-', 5, 7)).toBe(-2);
    expect(() => v('+', 9223372036854775807n, 1)).toThrow('Addition overflow: 9223372036854775807 + 1');
    expect(v('-', 5)).toBe(-5);
    expect(show(v('-', f(2.5)))).toBe('-2.5');
  });

  it('concatenates strings with display forms', () => {
    expect(v('+', 'n=', 42)).toBe('n=42');
    expect(v('+', 42, '=n')).toBe('42=n');
    expect(v('+', 'pi~', f(3.25))).toBe('pi~3.25');
    expect(v('+', 'flag:', true)).toBe('flag:true');
    expect(v('+', 'c', ch('h'))).toBe('ch');
    expect(v('+', ch('x'), ch('y'))).toBe('xy');
    expect(v('+', 'unit[', undefined)).toBe('unit[');
    expect(v('+', 'arr ', [1, 2])).toBe('arr [1, 2]');
    expect(v('-', 'ab', 'b')).toBe('a');
    expect(v('-', 'banana', ch('a'))).toBe('bnn');
    expect(v('-', 'hello', 'l')).toBe('heo');
  });

  it('leaves unsupported pairs unregistered', () => {
    expect(resolve('+', [1, true])).toBeUndefined();
    expect(resolve('*', ['x', 3])).toBeUndefined();
    expect(resolve('!', [5])).toBeUndefined();
    expect(resolve('+', [[1], 5])).toBeUndefined();
  });

  it('combines collections without aliasing', () => {
    const inner = [1];
    const a: Value[] = [inner];
    const r = v('+', a, [2]) as Value[];
    expect(show(r)).toBe('[[1], 2]');
    (r[0] as Value[]).push(9);
    expect(inner).toEqual([1]);
    const m = v('+', new RMap([['a', 1]]), new RMap([['b', 2], ['a', 3]]));
    expect(show(m)).toBe('#{"a": 3, "b": 2}');
    expect(show(v('+', new RBlob([1]), new RBlob([2])))).toBe('[0102]');
  });

  it('compares', () => {
    expect(v('==', 1, f(1))).toBe(true);
    expect(v('==', 1, '1')).toBe(false);
    expect(v('!=', 3, f(3))).toBe(false);
    expect(v('==', ch('x'), 'x')).toBe(true);
    expect(v('==', [1, 2], [1, f(2)])).toBe(true);
    expect(v('==', new RMap([['a', 1]]), new RMap([['a', 1]]))).toBe(true);
    expect(v('==', undefined, undefined)).toBe(true);
    expect(v('<', 'apple', 'banana')).toBe(true);
    expect(v('<', 'Zebra', 'apple')).toBe(true);
    expect(v('<', '10', '9')).toBe(true);
    expect(v('<', ch('a'), ch('b'))).toBe(true);
    expect(v('>', 2, f(1.5))).toBe(true);
    expect(v('>', f(NaN), f(1))).toBe(false);
    expect(v('<=', 9007199254740993n, 9007199254740994n)).toBe(true);
  });

  it('compares floats like Rhai (relative EPSILON)', () => {
    expect(v('==', v('*', f(0.1), 3), f(0.3))).toBe(true);
    expect(v('>', f(Infinity), f(1e308))).toBe(false);
    expect(v('==', f(-Infinity), f(-Infinity))).toBe(false);
    expect(v('==', f(NaN), f(NaN))).toBe(false);
    expect(v('>', f(2), f(1))).toBe(true);
    expect(v('<', f(1), 2)).toBe(true);
    expect(v('>=', f(1), f(1))).toBe(true);
  });

  it('returns false for comparisons across unrelated types', () => {
    expect(v('<', 1, 'a')).toBe(false);
    expect(v('>=', 'a', true)).toBe(false);
    expect(v('<', undefined, undefined)).toBe(false);
    expect(v('<=', undefined, undefined)).toBe(false);
    expect(() => v('<', [1], [2])).toThrow('Function not found: < (array, array)');
    expect(v('<', ch('a'), 'ab')).toBe(true);
  });

  it('implements bool & | ^ and !', () => {
    expect(v('|', false, true)).toBe(true);
    expect(v('&', true, false)).toBe(false);
    expect(v('^', true, true)).toBe(false);
    expect(v('!', true)).toBe(false);
  });

  it('assign-ops mutate the receiver', () => {
    const a: Value[] = [1];
    v('+=', a, 5);
    v('+=', a, [6, 7]);
    expect(a).toEqual([1, 5, 6, 7]);
    const m = new RMap([['a', 1]]);
    v('+=', m, new RMap([['b', 2]]));
    expect(show(m)).toBe('#{"a": 1, "b": 2}');
  });

  it('subtracts timestamps to float seconds', () => {
    expect(show(v('-', new RTimestamp(3500), new RTimestamp(1000)))).toBe('2.5');
  });
});
