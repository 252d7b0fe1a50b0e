import { describe, expect, it } from '@jest/globals';
import {
  charAt,
  charLength,
  charSlice,
  cloneValue,
  compareStrings,
  compareValues,
  floatEq,
  mkChar,
  replaceCharAt,
  sortStrings,
  stringToChars,
  tagOf,
  utf8Length,
  valuesEqual,
  valuesNotEqual,
} from './value-utils.js';
import { sortedKeys } from './format.js';
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Value } from './values.js';

const f = (n: number) => new RFloat(n);

describe('valuesEqual', () => {
  it('follows Rhai ==', () => {
    expect(valuesEqual(1, f(1))).toBe(true);
    expect(valuesEqual(1, '1')).toBe(false);
    expect(valuesEqual('a', new RChar('a'))).toBe(true);
    expect(valuesEqual([1, 2], [1, f(2)])).toBe(true);
    expect(valuesEqual([1, 2], [2, 1])).toBe(false);
    expect(valuesEqual(new RMap([['a', 1]]), new RMap([['a', 1]]))).toBe(true);
    expect(valuesEqual(new RMap([['a', 1]]), new RMap([['b', 1]]))).toBe(false);
    expect(valuesEqual(undefined, undefined)).toBe(true);
    expect(valuesEqual(new RBlob([1]), new RBlob([1]))).toBe(true);
    expect(valuesEqual(new RRange(1, 2, false), new RRange(1, 2, true))).toBe(false);
    const nan = f(NaN);
    expect(valuesEqual(nan, nan)).toBe(false);
    expect(valuesEqual(9007199254740993n, 9007199254740993n)).toBe(true);
  });
  it('uses a relative epsilon for floats', () => {
    expect(floatEq(0.1 * 3, 0.3)).toBe(true);
    expect(floatEq(1e-20, 0)).toBe(true);
    expect(floatEq(1, 1.0000001)).toBe(false);
    expect(floatEq(Infinity, Infinity)).toBe(false);
    expect(valuesNotEqual(f(NaN), f(NaN))).toBe(false);
    expect(valuesNotEqual(f(1), 2)).toBe(true);
    expect(valuesNotEqual([f(NaN)], [f(NaN)])).toBe(true);
    expect(valuesNotEqual('a', 1)).toBe(true);
  });
});

describe('compareValues', () => {
  it('orders comparable values', () => {
    expect(compareValues(1, 2)).toBe(-1);
    expect(compareValues(2n ** 60n, 1)).toBe(1);
    expect(compareValues(f(2.5), 2)).toBe(1);
    expect(compareValues('b', new RChar('a'))).toBe(1);
    expect(compareValues(true, false)).toBe(1);
    expect(compareValues(new RTimestamp(1), new RTimestamp(2))).toBe(-1);
  });
  it('is NaN for unrelated types and undefined for unordered same types', () => {
    expect(compareValues(1, 'a')).toBeNaN();
    expect(compareValues(undefined, undefined)).toBeNaN();
    expect(compareValues(f(NaN), f(1))).toBeNaN();
    expect(compareValues([1], [2])).toBeUndefined();
    expect(compareValues(new RMap(), new RMap())).toBeUndefined();
  });
});

describe('cloneValue', () => {
  it('deep-copies arrays, maps and blobs', () => {
    const inner = [1];
    const m = new RMap([["k", inner]]);
    const orig: Value[] = [inner, m, new RBlob([1])];
    const c = cloneValue(orig) as Value[];
    (c[0] as Value[]).push(2);
    ((c[1] as RMap).get('k') as Value[]).push(3);
    (c[2] as RBlob).bytes.push(9);
    expect(orig).toEqual([[1], new RMap([['k', [1]]]), new RBlob([1])]);
    const fp = new FnPtr('f');
    expect(cloneValue(fp)).toBe(fp);
  });
});

describe('tags and chars', () => {
  it('tags values', () => {
    expect(tagOf(1)).toBe('int');
    expect(tagOf(1n)).toBe('int');
    expect(tagOf(f(1))).toBe('float');
    expect(tagOf(new RRange(1, 2, true))).toBe('rangeInclusive');
    expect(tagOf(undefined)).toBe('unit');
    expect(tagOf(new FnPtr('x'))).toBe('fnptr');
  });
  it('indexes strings by Unicode scalar', () => {
    const s = 'a😀b';
    expect(charLength(s)).toBe(3);
    expect(utf8Length(s)).toBe(6);
    expect(charAt(s, 1)!.c).toBe('😀');
    expect(charAt(s, 2)!.c).toBe('b');
    expect(charAt(s, 3)).toBeUndefined();
    expect(charSlice(s, 1, 3)).toBe('😀b');
    expect(replaceCharAt(s, 1, 'X')).toBe('aXb');
    expect(stringToChars(s).map((c) => (c as RChar).c)).toEqual(['a', '😀', 'b']);
    expect(mkChar('a')).toBe(mkChar('a'));
  });
});

describe('string ordering follows Rust (code points, not UTF-16 units)', () => {
  it('ranks astral chars above U+E000..U+FFFF', () => {
    expect(compareStrings('\u{1F600}', '\uFF01')).toBe(1);
    expect(compareStrings('\uFF01', '\u{1F600}')).toBe(-1);
    expect(compareStrings('a\u{1F600}', 'a\u{1F601}')).toBe(-1);
    expect(compareStrings('ab', 'abc')).toBe(-1);
    expect(compareStrings('b', 'abc')).toBe(1);
    expect(compareStrings('x', 'x')).toBe(0);
  });
  it('sorts string arrays and map keys the same way', () => {
    expect(sortStrings(['\u{1F600}', '\uFF01', 'a'])).toEqual(['a', '\uFF01', '\u{1F600}']);
    expect(sortStrings(['b', 'a'])).toEqual(['a', 'b']);
    expect(sortedKeys(new RMap([['\u{1F600}', 1], ['\uFF01', 2]]))).toEqual(['\uFF01', '\u{1F600}']);
  });
});
