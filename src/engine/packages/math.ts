/**
 * Number functions (Rhai's BasicMathPackage and the int/float parts of the
 * arithmetic package): abs/sign/min/max, rounding, transcendental functions,
 * conversions between int and float, and radix formatting.
 */
import { runtimeError } from '../errors.js';
import { rustFloatDisplay } from '../format.js';
import { absInt, I64_MAX, intToRadix, normBig, signInt } from '../int.js';
import type { NativeFnDef, Package, TypeTag } from '../native.js';
import { RFloat, type Int } from '../values.js';
import { defs, flt } from './helpers.js';

const F: TypeTag = 'float';
const I: TypeTag = 'int';
const GET = { getter: true };

function f1(name: string, op: (x: number) => number, getter = false): NativeFnDef {
  return { name, params: [F], fn: (_c, a) => new RFloat(op((a[0] as RFloat).v)), getter };
}

/** Two-float functions: Rhai registers them for (f64, f64) only (no int promotion). */
function f2(name: string, op: (x: number, y: number) => number): NativeFnDef {
  return { name, params: [F, F], fn: (_c, a) => new RFloat(op((a[0] as RFloat).v, (a[1] as RFloat).v)) };
}

/** Round half away from zero (Rust f64::round). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** f64 → i64 as Rhai's to_int: errors outside the range, NaN gives 0, truncates. */
export function floatToIntChecked(x: number): Int {
  if (x > 9223372036854775807 || x < -9223372036854775808) {
    throw runtimeError('ErrorArithmetic', `Integer overflow: to_int(${rustFloatDisplay(x)})`);
  }
  if (x !== x) return 0;
  const t = Math.trunc(x);
  if (t >= -9007199254740991 && t <= 9007199254740991) return t || 0;
  if (t >= 9223372036854775807) return I64_MAX; // 2^63 saturates like Rust's `as`
  return normBig(BigInt(t));
}

/** Rhai's float sign: 0 for ±0, an arithmetic error for NaN. */
function fsign(x: number): number {
  if (x !== x) throw runtimeError('ErrorArithmetic', 'Sign of NaN is undefined');
  return x === 0 ? 0 : x < 0 ? -1 : 1;
}

export const MATH_PACKAGE: Package = [
  // ---- ints
  { name: 'abs', params: [I], fn: (_c, a) => absInt(a[0] as Int) },
  { name: 'sign', params: [I], fn: (_c, a) => signInt(a[0] as Int) },
  { name: 'is_odd', params: [I], ...GET, fn: (_c, a) => (typeof a[0] === 'number' ? a[0] % 2 !== 0 : (a[0] as bigint) % 2n !== 0n) },
  { name: 'is_even', params: [I], ...GET, fn: (_c, a) => (typeof a[0] === 'number' ? a[0] % 2 === 0 : (a[0] as bigint) % 2n === 0n) },
  { name: 'is_zero', params: [I], ...GET, fn: (_c, a) => a[0] === 0 },
  { name: 'to_float', params: [I], fn: (_c, a) => new RFloat(Number(a[0])) },
  { name: 'to_int', params: [I], fn: (_c, a) => a[0] },
  { name: 'to_hex', params: [I], fn: (_c, a) => intToRadix(a[0] as Int, 16) },
  { name: 'to_octal', params: [I], fn: (_c, a) => intToRadix(a[0] as Int, 8) },
  { name: 'to_binary', params: [I], fn: (_c, a) => intToRadix(a[0] as Int, 2) },
  { name: 'min', params: [I, I], fn: (_c, a) => ((a[0] as Int) <= (a[1] as Int) ? a[0] : a[1]) },
  { name: 'max', params: [I, I], fn: (_c, a) => ((a[0] as Int) >= (a[1] as Int) ? a[0] : a[1]) },

  // ---- floats
  { name: 'abs', params: [F], fn: (_c, a) => new RFloat(Math.abs((a[0] as RFloat).v)) },
  { name: 'sign', params: [F], fn: (_c, a) => fsign((a[0] as RFloat).v) },
  { name: 'is_zero', params: [F], ...GET, fn: (_c, a) => (a[0] as RFloat).v === 0 },
  { name: 'to_float', params: [F], fn: (_c, a) => a[0] },
  { name: 'to_int', params: [F], fn: (_c, a) => floatToIntChecked((a[0] as RFloat).v) },
  f1('floor', Math.floor, true),
  f1('ceiling', Math.ceil, true),
  f1('round', roundHalfAway, true),
  f1('int', Math.trunc, true),
  f1('fraction', (x) => x - Math.trunc(x), true),
  f1('sqrt', Math.sqrt),
  f1('exp', Math.exp),
  f1('ln', Math.log),
  f1('log', Math.log10),
  f1('sin', Math.sin),
  f1('cos', Math.cos),
  f1('tan', Math.tan),
  f1('asin', Math.asin),
  f1('acos', Math.acos),
  f1('atan', Math.atan),
  f1('sinh', Math.sinh),
  f1('cosh', Math.cosh),
  f1('tanh', Math.tanh),
  f1('asinh', Math.asinh),
  f1('acosh', Math.acosh),
  f1('atanh', Math.atanh),
  f1('to_degrees', (x) => (x * 180) / Math.PI),
  f1('to_radians', (x) => (x * Math.PI) / 180),
  f2('log', (x, b) => Math.log(x) / Math.log(b)),
  f2('atan', (y, x) => Math.atan2(y, x)),
  f2('hypot', (x, y) => Math.hypot(x, y)),
  { name: 'is_nan', params: [F], ...GET, fn: (_c, a) => Number.isNaN((a[0] as RFloat).v) },
  { name: 'is_finite', params: [F], ...GET, fn: (_c, a) => Number.isFinite((a[0] as RFloat).v) },
  {
    name: 'is_infinite',
    params: [F],
    ...GET,
    fn: (_c, a) => {
      const v = (a[0] as RFloat).v;
      return v === Infinity || v === -Infinity;
    },
  },
  { name: 'PI', params: [], fn: () => new RFloat(Math.PI) },
  { name: 'E', params: [], fn: () => new RFloat(Math.E) },
  ...defs(
    'min',
    [
      [F, F],
      [I, F],
      [F, I],
    ],
    (_c, a) => {
      const x = flt(a[0]);
      const y = flt(a[1]);
      return new RFloat(x <= y ? x : y);
    },
  ),
  ...defs(
    'max',
    [
      [F, F],
      [I, F],
      [F, I],
    ],
    (_c, a) => {
      const x = flt(a[0]);
      const y = flt(a[1]);
      return new RFloat(x >= y ? x : y);
    },
  ),
];

