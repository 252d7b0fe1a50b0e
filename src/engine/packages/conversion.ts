/**
 * Conversions: to_string / to_debug for every type, parse_int / parse_float,
 * char ↔ int, plus small type-generic helpers (type_of as a method, Fn name).
 */
import { runtimeError } from '../errors.js';
import { debugValue, displayValue, typeOfValue } from '../format.js';
import { parseIntRadix } from '../int.js';
import type { Package } from '../native.js';
import { FnPtr, RChar, RFloat, type Value } from '../values.js';
import { num } from './helpers.js';
import { rustTrim } from './string.js';

/** Rhai's parse_int: trims, then i64::from_str_radix; errors name the original string. */
export function parseInt(s: string, radix: number): Value {
  if (radix < 2 || radix > 36) throw runtimeError('ErrorArithmetic', `Invalid radix: '${radix}'`);
  const r = parseIntRadix(rustTrim(s), radix);
  if (typeof r === 'string') throw runtimeError('ErrorArithmetic', `Error parsing integer number '${s}': ${r}`);
  return r;
}

const FLOAT_SYNTAX = /^[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/i;

/** Rhai's parse_float: trims, then Rust's f64 grammar. */
export function parseFloat(s: string): RFloat {
  const t = rustTrim(s);
  if (t.length === 0) {
    throw runtimeError('ErrorArithmetic', `Error parsing floating-point number '${s}': cannot parse float from empty string`);
  }
  if (!FLOAT_SYNTAX.test(t)) {
    throw runtimeError('ErrorArithmetic', `Error parsing floating-point number '${s}': invalid float literal`);
  }
  const lower = t.toLowerCase();
  const neg = lower.charCodeAt(0) === 45;
  const body = lower.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return new RFloat(neg ? -Infinity : Infinity);
  if (body === 'nan') return new RFloat(NaN);
  return new RFloat(Number(t));
}

export const CONVERSION_PACKAGE: Package = [
  { name: 'to_string', params: ['any'], fn: (_c, a) => displayValue(a[0]) },
  { name: 'to_debug', params: ['any'], fn: (_c, a) => debugValue(a[0]) },
  { name: 'type_of', params: ['any'], fn: (_c, a) => typeOfValue(a[0]) },
  { name: 'parse_int', params: ['string'], fn: (_c, a) => parseInt(a[0] as string, 10) },
  { name: 'parse_int', params: ['string', 'int'], fn: (_c, a) => parseInt(a[0] as string, num(a[1])) },
  { name: 'parse_float', params: ['string'], fn: (_c, a) => parseFloat(a[0] as string) },
  { name: 'to_int', params: ['char'], fn: (_c, a) => (a[0] as RChar).c.codePointAt(0)! },
  { name: 'name', params: ['fnptr'], getter: true, fn: (_c, a) => (a[0] as FnPtr).name },
  { name: 'is_anonymous', params: ['fnptr'], getter: true, fn: (_c, a) => (a[0] as FnPtr).name.startsWith('anon$') },
];
