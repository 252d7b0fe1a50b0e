import { describe, expect, it } from '@jest/globals';
import {
  debugString,
  debugValue,
  displayValue,
  formatFloat,
  formatFloatDebug,
  inspectValue,
  typeNameForError,
  typeOfValue,
} from './format.js';
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Value } from './values.js';

const f = (n: number) => new RFloat(n);
const ch = (c: string) => new RChar(c);
const map = (o: Record<string, Value>) => new RMap(Object.entries(o));

describe('formatFloat (display)', () => {
  it.each([
    [3.0, '3.0'],
    [2.5, '2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e3, '1000.0'],
    [1.5e-7, '0.00000015'],
    [100 / 3, '33.333333333333336'],
    [1e15, '1e15'],
    [123456789.0 * 1000000000000.0, '1.23456789e20'],
    [1e-14, '1e-14'],
    [-2.75, '-2.75'],
    [10000000000000.0, '1e13'],
    [9999999827968.0, '9999999827968.0'],
    [0.0000000000001, '0.0000000000001'],
    [-0.0, '0.0'],
    [0, '0.0'],
    [6.02e23, '6.02e23'],
    [1.0e10, '10000000000.0'],
    [123456789012345.678, '1.2345678901234567e14'],
    [1e20, '1e20'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'NaN'],
    [0.0000001, '0.0000001'],
    [0.00001, '0.00001'],
    [-1e-20, '-1e-20'],
    [-123.0, '-123.0'],
    [12345.678, '12345.678'],
  ])('%p -> %s', (n, s) => expect(formatFloat(n)).toBe(s));
});

describe('formatFloatDebug', () => {
  it.each([
    [1e15, '1000000000000000.0'],
    [1e16, '1e16'],
    [1e17, '1e17'],
    [0.0001, '0.0001'],
    [0.00001, '1e-5'],
    [3.0, '3.0'],
    [-0.0, '-0.0'],
    [1e-7, '1e-7'],
    [12345.678, '12345.678'],
    [1e20, '1e20'],
    [2e-10, '2e-10'],
    [NaN, 'NaN'],
    [Infinity, 'inf'],
    [1.5e-7, '1.5e-7'],
  ])('%p -> %s', (n, s) => expect(formatFloatDebug(n)).toBe(s));
});

describe('displayValue / debugValue', () => {
  it('prints scalars', () => {
    expect(displayValue(42)).toBe('42');
    expect(displayValue(-9223372036854775808n)).toBe('-9223372036854775808');
    expect(displayValue(true)).toBe('true');
    expect(displayValue(undefined)).toBe('');
    expect(debugValue(undefined)).toBe('()');
    expect(displayValue(ch('c'))).toBe('c');
    expect(debugValue(ch('c'))).toBe('c');
    expect(displayValue('text')).toBe('text');
    expect(debugValue('abc')).toBe('"abc"');
  });

  it('prints arrays with debug elements (071-print-formats)', () => {
    expect(displayValue([1, ch('c'), 's', f(2), undefined, false])).toBe('[1, c, "s", 2.0, (), false]');
    expect(displayValue(map({ b: 'x', a: ch('y'), c: [undefined] }))).toBe('#{"a": y, "b": "x", "c": [()]}');
    expect(displayValue([[], new RMap()])).toBe('[[], #{}]');
    expect(displayValue(['tab\there', 'nl\n'])).toBe('["tab\\there", "nl\\n"]');
    expect(displayValue([])).toBe('[]');
    expect(displayValue([[]])).toBe('[[]]');
  });

  it('prints floats in collections with {:?}', () => {
    const xs = [1e15, 1e16, 1e17, 0.0001, 0.00001, 3.0, -0.0, 1e-7, 12345.678].map(f);
    expect(displayValue(xs)).toBe('[1000000000000000.0, 1e16, 1e17, 0.0001, 1e-5, 3.0, -0.0, 1e-7, 12345.678]');
    expect(displayValue(map({ big: f(1e20), small: f(2e-10), normal: f(4.5) }))).toBe(
      '#{"big": 1e20, "normal": 4.5, "small": 2e-10}',
    );
  });

  it('prints other types', () => {
    expect(displayValue(new FnPtr('abs'))).toBe('Fn(abs)');
    expect(displayValue(new RRange(0, 4, false))).toBe('0..4');
    expect(displayValue(new RRange(2, 9, true))).toBe('2..=9');
    expect(displayValue(new RRange(3, 9223372036854775807n, false))).toBe('3..');
    expect(displayValue(new RBlob([255, 255]))).toBe('[ffff]');
    expect(displayValue(new RBlob([0x10, 0xff, 0x10, 0x10, 0x7f]))).toBe('[10ff10107f]');
    expect(displayValue(new RBlob([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('[0102030405060708 09]');
    expect(displayValue(new RTimestamp(1))).toBe('<timestamp>');
    expect(debugValue([new FnPtr('f')])).toBe('[Fn(f)]');
  });

  it('inspectValue quotes chars inside containers', () => {
    expect(inspectValue([1, 'a', ch('c'), f(2.5), undefined, true, map({ k: 1 })])).toBe(
      `[1, "a", 'c', 2.5, (), true, #{"k": 1}]`,
    );
    expect(inspectValue(ch('a'))).toBe('a');
    expect(inspectValue(undefined)).toBe('');
  });
});

describe('debugString', () => {
  it('escapes like Rust', () => {
    expect(debugString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(debugString("it's")).toBe('"it\'s"');
    expect(debugString('\u0001\r\0')).toBe('"\\u{1}\\r\\0"');
    expect(debugString('héllo 中 😀')).toBe('"héllo 中 😀"');
    expect(debugString('e\u0301')).toBe('"e\\u{301}"');
    expect(debugString('a\u00a0b\u200bc')).toBe('"a\\u{a0}b\\u{200b}c"');
    expect(debugString('\u{10ffff}')).toBe('"\\u{10ffff}"');
  });
});

describe('type names', () => {
  it('type_of', () => {
    const cases: [Value, string][] = [
      [1, 'i64'],
      [2n ** 60n, 'i64'],
      [f(1), 'f64'],
      [true, 'bool'],
      [ch('c'), 'char'],
      ['s', 'string'],
      [[], 'array'],
      [new RMap(), 'map'],
      [undefined, '()'],
      [new FnPtr('abs'), 'Fn'],
      [new RRange(1, 2, false), 'range'],
      [new RRange(1, 2, true), 'range='],
      [new RBlob(), 'blob'],
      [new RTimestamp(0), 'timestamp'],
    ];
    for (const [v, t] of cases) expect(typeOfValue(v)).toBe(t);
  });
  it('error names', () => {
    expect(typeNameForError('x')).toBe('&str | ImmutableString | String');
    expect(typeNameForError(new RRange(1, 2, false))).toBe('core::ops::range::Range<i64>');
    expect(typeNameForError(new RRange(1, 2, true))).toBe('core::ops::range::RangeInclusive<i64>');
    expect(typeNameForError(undefined)).toBe('()');
    expect(typeNameForError(true)).toBe('bool');
  });
});
