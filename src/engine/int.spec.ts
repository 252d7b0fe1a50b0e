import { describe, expect, it } from '@jest/globals';
import {
  absInt,
  addInt,
  andInt,
  divInt,
  floatToInt,
  intToRadix,
  modInt,
  mulInt,
  negInt,
  orInt,
  parseIntLiteral,
  parseIntRadix,
  powInt,
  shlInt,
  shrInt,
  subInt,
  xorInt,
} from './int.js';
import { RhaiRuntimeError } from './errors.js';

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RhaiRuntimeError);
    expect((e as RhaiRuntimeError).kind).toBe('ErrorArithmetic');
    return (e as RhaiRuntimeError).bareMessage;
  }
  throw new Error('no error');
}

describe('checked i64 arithmetic', () => {
  it('adds, normalising across the 2^53 boundary', () => {
    expect(addInt(1, 2)).toBe(3);
    expect(addInt(9007199254740991, 1)).toBe(9007199254740992n);
    expect(addInt(9007199254740992n, -1)).toBe(9007199254740991);
    expect(addInt(MIN, MAX)).toBe(-1);
    expect(err(() => addInt(MAX, 1))).toBe('Addition overflow: 9223372036854775807 + 1');
  });
  it('subtracts', () => {
    expect(subInt(-9223372036854775807n, 1)).toBe(MIN);
    expect(err(() => subInt(MIN, 1))).toBe('Subtraction overflow: -9223372036854775808 - 1');
  });
  it('multiplies', () => {
    expect(mulInt(1000000, 3)).toBe(3000000);
    expect(Object.is(mulInt(0, -5), 0)).toBe(true);
    expect(mulInt(3037000499, 3037000499)).toBe(9223372030926249001n);
    expect(err(() => mulInt(3037000500, 3037000500))).toBe('Multiplication overflow: 3037000500 * 3037000500');
  });
  it('divides truncating, % keeps the dividend sign', () => {
    expect(divInt(-7, 2)).toBe(-3);
    expect(divInt(7, -2)).toBe(-3);
    expect(Object.is(divInt(-1, 2), 0)).toBe(true);
    expect(modInt(-7, 3)).toBe(-1);
    expect(modInt(7, -3)).toBe(1);
    expect(Object.is(modInt(-8, 4), 0)).toBe(true);
    expect(divInt(MIN, 2)).toBe(-4611686018427387904n);
    expect(divInt(MAX, -1)).toBe(-MAX);
    expect(divInt(9007199254740991, 134217728)).toBe(67108863);
    expect(err(() => divInt(7, 0))).toBe('Division by zero: 7 / 0');
    expect(err(() => modInt(17, 0))).toBe('Modulo division by zero or overflow: 17 % 0');
    expect(err(() => divInt(MIN, -1))).toBe('Division overflow: -9223372036854775808 / -1');
  });
  it('raises to powers', () => {
    expect(powInt(2, 10)).toBe(1024);
    expect(powInt(3, 0)).toBe(1);
    expect(powInt(-2, 3)).toBe(-8);
    expect(powInt(0, 0)).toBe(1);
    expect(powInt(10, 18)).toBe(1000000000000000000n);
    expect(powInt(2, 62)).toBe(4611686018427387904n);
    expect(powInt(-2, 63)).toBe(MIN);
    expect(powInt(-1, 1000001)).toBe(-1);
    expect(err(() => powInt(2, 63))).toBe('Exponential overflow: 2 ** 63');
    expect(err(() => powInt(10, 19))).toBe('Exponential overflow: 10 ** 19');
    expect(err(() => powInt(5, -2))).toBe('Integer raised to a negative power: 5 ** -2');
  });
  it('negates', () => {
    expect(negInt(5)).toBe(-5);
    expect(Object.is(negInt(0), 0)).toBe(true);
    expect(negInt(MAX)).toBe(-MAX);
    expect(err(() => negInt(MIN))).toBe('Negation overflow: --9223372036854775808');
    expect(absInt(-3)).toBe(3);
  });
  it('shifts without errors', () => {
    expect(shlInt(12, 2)).toBe(48);
    expect(shrInt(12, 2)).toBe(3);
    expect(shrInt(-16, 2)).toBe(-4);
    expect(shlInt(1, 62)).toBe(4611686018427387904n);
    expect(shlInt(1, 63)).toBe(MIN);
    expect(shlInt(1, 64)).toBe(0);
    expect(shlInt(8, -1)).toBe(4);
    expect(shrInt(-8, 1)).toBe(-4);
    expect(shrInt(-8, 100)).toBe(-1);
    expect(shrInt(8, 100)).toBe(0);
    expect(shrInt(MIN, 63)).toBe(-1);
    expect(shlInt(3, 62)).toBe(MIN + 2n ** 62n);
  });
  it('does bitwise ops on 64-bit patterns', () => {
    expect(andInt(0b1100, 0b1010)).toBe(8);
    expect(orInt(0b1100, 0b1010)).toBe(14);
    expect(xorInt(0b1100, 0b1010)).toBe(6);
    expect(orInt(andInt(0xff, 0x0f), 0x100)).toBe(271);
    expect(andInt(-1, MAX)).toBe(MAX);
    expect(xorInt(MIN, -1)).toBe(MAX);
    expect(orInt(2 ** 40, 1)).toBe(2 ** 40 + 1);
  });
});

describe('conversions', () => {
  it('parses literals', () => {
    expect(parseIntLiteral('42')).toBe(42);
    expect(parseIntLiteral('1_000')).toBe(1000);
    expect(parseIntLiteral('0x1F')).toBe(31);
    expect(parseIntLiteral('0o17')).toBe(15);
    expect(parseIntLiteral('0b1011_0110')).toBe(182);
    expect(parseIntLiteral('9223372036854775807')).toBe(MAX);
    expect(parseIntLiteral('9223372036854775808')).toBeUndefined();
    expect(parseIntLiteral('0xFFFFFFFFFFFFFFFF')).toBe(-1);
    expect(parseIntLiteral('0x7FFFFFFFFFFFFFFF')).toBe(MAX);
    expect(parseIntLiteral('0x1FFFFFFFFFFFFFFFF')).toBeUndefined();
  });
  it('parses strings like from_str_radix', () => {
    expect(parseIntRadix('42', 10)).toBe(42);
    expect(parseIntRadix('-45', 10)).toBe(-45);
    expect(parseIntRadix('+7', 10)).toBe(7);
    expect(parseIntRadix('ff', 16)).toBe(255);
    expect(parseIntRadix('1010', 2)).toBe(10);
    expect(parseIntRadix('-9223372036854775808', 10)).toBe(MIN);
    expect(parseIntRadix('12abc', 10)).toBe('invalid digit found in string');
    expect(parseIntRadix('', 10)).toBe('cannot parse integer from empty string');
    expect(parseIntRadix('9223372036854775808', 10)).toBe('number too large to fit in target type');
    expect(parseIntRadix('-99999999999999999999', 10)).toBe('number too small to fit in target type');
  });
  it('formats radixes as 64-bit patterns', () => {
    expect(intToRadix(255, 16)).toBe('ff');
    expect(intToRadix(12, 2)).toBe('1100');
    expect(intToRadix(8, 8)).toBe('10');
    expect(intToRadix(-1, 16)).toBe('ffffffffffffffff');
  });
  it('converts floats to ints', () => {
    expect(floatToInt(3.99)).toBe(3);
    expect(floatToInt(-3.99)).toBe(-3);
    expect(floatToInt(1e20)).toBeUndefined();
    expect(floatToInt(NaN)).toBeUndefined();
    expect(floatToInt(-9223372036854775808)).toBe(MIN);
    expect(floatToInt(9223372036854775808)).toBeUndefined();
  });
});
