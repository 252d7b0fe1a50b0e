/**
 * Checked 64-bit integer arithmetic over Int = number | bigint.
 *
 * Representation invariant (see values.ts): an INT is a JS number when
 * |v| <= 2^53-1 and a bigint only beyond that; every function here returns
 * normalised values and never returns -0. The number⊕number paths come first
 * and allocate nothing; the bigint paths handle the rare large values.
 * Error texts are those of Rust Rhai (ErrorArithmetic).
 */
import { runtimeError } from './errors.js';
import type { Int } from './values.js';

export const MAX_SAFE = 9007199254740991; // 2^53 - 1
const MAX_SAFE_BIG = 9007199254740991n;
export const I64_MAX = 9223372036854775807n;
export const I64_MIN = -9223372036854775808n;
const U32_MAX = 4294967295;

/** Normalise a bigint inside the i64 range to the canonical Int form. */
export function normBig(b: bigint): Int {
  return b >= -MAX_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}

/** Normalise any Int (e.g. a bigint that happens to be small). */
export function normInt(v: Int): Int {
  return typeof v === 'number' ? v || 0 : normBig(v);
}

/** Is this bigint inside i64? */
function inI64(b: bigint): boolean {
  return b >= I64_MIN && b <= I64_MAX;
}

function big(v: Int): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function arith(msg: string): never {
  throw runtimeError('ErrorArithmetic', msg);
}

export function intToString(v: Int): string {
  return typeof v === 'number' ? (v === 0 ? '0' : String(v)) : v.toString();
}

export function addInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  const r = big(a) + big(b);
  if (!inI64(r)) arith(`Addition overflow: ${intToString(a)} + ${intToString(b)}`);
  return normBig(r);
}

export function subInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  const r = big(a) - big(b);
  if (!inI64(r)) arith(`Subtraction overflow: ${intToString(a)} - ${intToString(b)}`);
  return normBig(r);
}

export function mulInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    // An exact product within ±(2^53-1) is computed exactly; a larger one rounds to >= 2^53.
    const r = a * b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r || 0;
  }
  const r = big(a) * big(b);
  if (!inI64(r)) arith(`Multiplication overflow: ${intToString(a)} * ${intToString(b)}`);
  return normBig(r);
}

/** Truncating division (Rust `/`). */
export function divInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) arith(`Division by zero: ${intToString(a)} / 0`);
    // a - a % b is exactly divisible by b, so the float division is exact.
    return (a - (a % b)) / b || 0;
  }
  if (b === 0) arith(`Division by zero: ${intToString(a)} / 0`);
  const bb = big(b);
  const ba = big(a);
  if (ba === I64_MIN && bb === -1n) arith(`Division overflow: ${intToString(a)} / ${intToString(b)}`);
  return normBig(ba / bb); // BigInt division truncates toward zero
}

/** Remainder with the dividend's sign (Rust `%`). */
export function modInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) arith(`Modulo division by zero or overflow: ${intToString(a)} % 0`);
    return a % b || 0;
  }
  const bb = big(b);
  const ba = big(a);
  if (bb === 0n || (ba === I64_MIN && bb === -1n)) {
    arith(`Modulo division by zero or overflow: ${intToString(a)} % ${intToString(b)}`);
  }
  return normBig(ba % bb);
}

export function powInt(a: Int, b: Int): Int {
  if (b < 0) arith(`Integer raised to a negative power: ${intToString(a)} ** ${intToString(b)}`);
  if (b > U32_MAX) arith(`Exponential overflow: ${intToString(a)} ** ${intToString(b)}`);
  const e = Number(b);
  if (typeof a === 'number') {
    if (a === 0) return e === 0 ? 1 : 0;
    if (a === 1) return 1;
    if (a === -1) return e % 2 === 0 ? 1 : -1;
    // Square-and-multiply while every step stays exact.
    let result = 1;
    let base = a;
    let n = e;
    for (;;) {
      if (n % 2 === 1) {
        result *= base;
        if (result > MAX_SAFE || result < -MAX_SAFE) break;
      }
      n = Math.floor(n / 2);
      if (n === 0) return result;
      base *= base;
      if (base > MAX_SAFE) break;
    }
  }
  // |a| >= 2 here (or a is a bigint): anything from exponent 64 up overflows.
  if (e >= 64) arith(`Exponential overflow: ${intToString(a)} ** ${intToString(b)}`);
  const r = big(a) ** BigInt(e);
  if (!inI64(r)) arith(`Exponential overflow: ${intToString(a)} ** ${intToString(b)}`);
  return normBig(r);
}

export function negInt(a: Int): Int {
  if (typeof a === 'number') return 0 - a;
  if (a === I64_MIN) arith(`Negation overflow: -${a}`);
  return normBig(-a);
}

export function absInt(a: Int): Int {
  if (typeof a === 'number') return a < 0 ? -a : a;
  if (a === I64_MIN) arith(`Negation overflow: -${a}`);
  return a < 0n ? normBig(-a) : a;
}

export function signInt(a: Int): number {
  return a > 0 ? 1 : a < 0 ? -1 : 0;
}

const POW2: number[] = [];
for (let i = 0; i <= 63; i++) POW2.push(2 ** i);

/** `a << n`; never errors: negative n shifts right, n >= 64 gives 0. */
export function shlInt(a: Int, n: Int): Int {
  if (n < 0) return shrInt(a, n === I64_MIN ? I64_MAX : negInt(n));
  if (n >= 64) return 0;
  const s = Number(n);
  if (typeof a === 'number') {
    const r = a * POW2[s];
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return normBig(BigInt.asIntN(64, big(a) << BigInt(s)));
}

/** Arithmetic `a >> n`; never errors: negative n shifts left, n >= 64 gives 0 or -1. */
export function shrInt(a: Int, n: Int): Int {
  if (n < 0) return shlInt(a, n === I64_MIN ? I64_MAX : negInt(n));
  if (n >= 64) return a < 0 ? -1 : 0;
  const s = Number(n);
  if (typeof a === 'number') return Math.floor(a / POW2[s]) || 0;
  return normBig(a >> BigInt(s));
}

function isI32(v: Int): boolean {
  return typeof v === 'number' && (v | 0) === v;
}

export function andInt(a: Int, b: Int): Int {
  if (isI32(a) && isI32(b)) return (a as number) & (b as number);
  return normBig(big(a) & big(b));
}

export function orInt(a: Int, b: Int): Int {
  if (isI32(a) && isI32(b)) return (a as number) | (b as number);
  return normBig(big(a) | big(b));
}

export function xorInt(a: Int, b: Int): Int {
  if (isI32(a) && isI32(b)) return (a as number) ^ (b as number);
  return normBig(big(a) ^ big(b));
}

/** Compare two Ints: negative, 0 or positive. */
export function cmpInt(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Float → i64 if it is integral and in range, else undefined (caller raises its own error). */
export function floatToInt(f: number): Int | undefined {
  const t = Math.trunc(f);
  if (!Number.isFinite(t)) return undefined;
  if (t <= MAX_SAFE && t >= -MAX_SAFE) return t || 0;
  // 2^63 itself is out of range; -2^63 is fine.
  if (t >= 9223372036854775808 || t < -9223372036854775808) return undefined;
  return normBig(BigInt(t));
}

/** Int → f64 (nearest). */
export function intToFloat(v: Int): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Two's-complement 64-bit pattern as an unsigned string in the given radix (to_hex etc.). */
export function intToRadix(v: Int, radix: number): string {
  if (typeof v === 'number' && v >= 0) return v.toString(radix);
  return BigInt.asUintN(64, big(v)).toString(radix);
}

const DIGIT_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) DIGIT_VALUES[48 + i] = i;
for (let i = 0; i < 26; i++) {
  DIGIT_VALUES[65 + i] = 10 + i;
  DIGIT_VALUES[97 + i] = 10 + i;
}

/** Value of a digit character code in radix up to 36, or -1. */
export function digitValue(code: number): number {
  return code < 128 ? DIGIT_VALUES[code] : -1;
}

/**
 * Parse an integer literal as the lexer sees it: decimal, 0x / 0o / 0b, with
 * `_` separators. Hex/octal/binary literals are 64-bit patterns (0xFFFF_FFFF_FFFF_FFFF
 * is -1). Returns undefined when the literal is malformed or does not fit in
 * 64 bits (for decimal literals the caller then makes a float).
 */
export function parseIntLiteral(text: string): Int | undefined {
  let radix = 10;
  let i = 0;
  if (text.length > 2 && text.charCodeAt(0) === 48) {
    const p = text.charCodeAt(1) | 0x20;
    if (p === 0x78) radix = 16;
    else if (p === 0x6f) radix = 8;
    else if (p === 0x62) radix = 2;
    if (radix !== 10) i = 2;
  }
  let acc = 0;
  let accBig: bigint | undefined;
  let digits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 95) continue; // '_'
    const d = digitValue(c);
    if (d < 0 || d >= radix) return undefined;
    digits++;
    if (accBig === undefined) {
      const next = acc * radix + d;
      if (next <= MAX_SAFE) {
        acc = next;
        continue;
      }
      accBig = BigInt(acc);
    }
    accBig = accBig * BigInt(radix) + BigInt(d);
    if (accBig > 0xffffffffffffffffn) return undefined;
  }
  if (digits === 0) return undefined;
  if (accBig === undefined) return acc;
  if (radix === 10) return accBig <= I64_MAX ? normBig(accBig) : undefined;
  return normBig(BigInt.asIntN(64, accBig));
}

/**
 * Rust's `i64::from_str_radix` on an already trimmed string: optional sign,
 * digits only. Returns the value or the Rust error text.
 */
export function parseIntRadix(s: string, radix: number): Int | string {
  if (s.length === 0) return 'cannot parse integer from empty string';
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
    if (s.length === 1) return 'invalid digit found in string';
  }
  let acc = 0;
  let accBig: bigint | undefined;
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= radix) return 'invalid digit found in string';
    if (accBig === undefined) {
      const next = acc * radix + d;
      if (next <= MAX_SAFE) {
        acc = next;
        continue;
      }
      accBig = BigInt(acc);
    }
    accBig = accBig * BigInt(radix) + BigInt(d);
    if (accBig > 9223372036854775808n) {
      return neg ? 'number too small to fit in target type' : 'number too large to fit in target type';
    }
  }
  if (accBig === undefined) return neg ? 0 - acc : acc;
  const r = neg ? -accBig : accBig;
  if (r > I64_MAX) return 'number too large to fit in target type';
  return normBig(r);
}
