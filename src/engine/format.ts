/**
 * How values print, byte-compatible with Rust Rhai:
 *
 * - displayValue: `print(x)`, `${x}`, `x.to_string()`, `"s" + x`.
 * - debugValue:   `x.to_debug()`, `debug(x)`, and every element inside an
 *   array or map (even when the container itself is displayed). Strings are
 *   quoted with Rust escaping, unit is `()`, floats use Rust's `{:?}`; chars
 *   print bare (Rhai registers a to_debug for char that does not quote).
 * - inspectValue: Rust's `{}` of a Dynamic (what rhai-run shows after `=>`):
 *   like displayValue at top level, but containers use Dynamic's Debug, in
 *   which chars are quoted ('c').
 */
import { intToString } from './int.js';
import type { TypeTag } from './native.js';
import { sortStrings, tagOf } from './value-utils.js';
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Int, type Value } from './values.js';

const F32_1E13 = Math.fround(1e13); // 9999999827968
const F32_1EM13 = Math.fround(1e-13);

/** Rust `{:e}` of a finite non-zero f64: shortest digits, `1e20`, `1.5e-7`. */
function expForm(n: number): string {
  const s = n.toExponential();
  const e = s.indexOf('e');
  return s.charCodeAt(e + 1) === 43 /* + */ ? s.slice(0, e + 1) + s.slice(e + 2) : s;
}

/** Rust plain (non-exponent) shortest form of a finite f64, without a trailing `.0`. */
function plainForm(n: number): string {
  if (n === 0) return '0';
  const abs = n < 0 ? -n : n;
  if (abs >= 1e-6 && abs < 1e21) return String(n); // JS already prints these plainly
  const s = n.toExponential();
  const e = s.indexOf('e');
  const exp = Number(s.slice(e + 1));
  let mant = s.slice(0, e);
  let sign = '';
  if (mant.charCodeAt(0) === 45) {
    sign = '-';
    mant = mant.slice(1);
  }
  const digits = mant.length > 1 ? mant[0] + mant.slice(2) : mant;
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return sign + digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

/** Rhai's float display (print / to_string / interpolation). */
export function formatFloat(n: number): string {
  if (n === 0) return '0.0';
  if (n !== n) return 'NaN';
  const abs = n < 0 ? -n : n;
  if (abs === Infinity) return n > 0 ? 'inf' : '-inf';
  if (abs > F32_1E13 || abs < F32_1EM13) return expForm(n);
  const s = plainForm(n);
  return Number.isInteger(n) ? s + '.0' : s;
}

/** Rust `{:?}` of an f64 (floats inside arrays/maps, to_debug). */
export function formatFloatDebug(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  if (n !== n) return 'NaN';
  const abs = n < 0 ? -n : n;
  if (abs === Infinity) return n > 0 ? 'inf' : '-inf';
  if (abs < 1e-4 || abs >= 1e16) return expForm(n);
  const s = String(n); // plain in this range
  return Number.isInteger(n) ? s + '.0' : s;
}

/** Rust `{}` of an f64 (no `.0`, never an exponent): used in some error messages. */
export function rustFloatDisplay(n: number): string {
  if (n !== n) return 'NaN';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return Object.is(n, -0) ? '-0' : plainForm(n);
}

export function formatInt(v: Int): string {
  return intToString(v);
}

/**
 * Rust's Debug escapes as \u{..} what `char::is_printable` rejects (control,
 * format, private-use, unassigned, separators other than ' ') and grapheme
 * extenders (combining marks).
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;

function needsUnicodeEscape(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return true;
  if (cp < 0x7f) return false;
  return NON_PRINTABLE.test(String.fromCodePoint(cp));
}

function escapeChar(cp: number, quote: number): string | undefined {
  switch (cp) {
    case 0:
      return '\\0';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 92:
      return '\\\\';
  }
  if (cp === quote) return quote === 34 ? '\\"' : "\\'";
  if (needsUnicodeEscape(cp)) return '\\u{' + cp.toString(16) + '}';
  return undefined;
}

/** Rust `{:?}` of a str: `"a\tb"`. */
export function debugString(s: string): string {
  let i = 0;
  const n = s.length;
  // Fast path: printable ASCII without quote/backslash.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92 || c >= 0x7f) break;
  }
  if (i === n) return '"' + s + '"';
  let out = '"' + s.slice(0, i);
  for (; i < n; i++) {
    const cp = s.codePointAt(i)!;
    const wide = cp > 0xffff;
    const esc = escapeChar(cp, 34);
    if (esc === undefined) out += wide ? s.slice(i, i + 2) : s[i];
    else out += esc;
    if (wide) i++;
  }
  return out + '"';
}

/** Rust `{:?}` of a char: `'a'`, `'\''`. */
export function debugCharQuoted(c: string): string {
  const esc = escapeChar(c.codePointAt(0)!, 39);
  return "'" + (esc ?? c) + "'";
}

/** Keys of an object map in Rhai's (sorted) order. */
export function sortedKeys(m: RMap): string[] {
  const keys = Array.from(m.keys());
  if (keys.length > 1) sortStrings(keys);
  return keys;
}

function hex2(b: number): string {
  return b < 16 ? '0' + b.toString(16) : b.toString(16);
}

/** Blob display `[0a0bff]`, with a space every 8 bytes as in Rust Rhai. */
export function formatBlob(b: RBlob): string {
  const bytes = b.bytes;
  let s = '[';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 8 === 0) s += ' ';
    s += hex2(bytes[i]);
  }
  return s + ']';
}

export function formatRange(r: RRange): string {
  // An open-ended range (`3..`) has end i64::MAX and prints without it.
  const openEnd = r.end === 9223372036854775807n;
  return intToString(r.start) + (r.inclusive ? '..=' : '..') + (openEnd ? '' : intToString(r.end));
}

function formatArray(a: Value[], elem: (v: Value) => string): string {
  const n = a.length;
  if (n === 0) return '[]';
  let s = '[' + elem(a[0]);
  for (let i = 1; i < n; i++) s += ', ' + elem(a[i]);
  return s + ']';
}

function formatMap(m: RMap, elem: (v: Value) => string): string {
  if (m.size === 0) return '#{}';
  const keys = sortedKeys(m);
  let s = '#{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) s += ', ';
    s += debugString(keys[i]) + ': ' + elem(m.get(keys[i]));
  }
  return s + '}';
}

/** The `to_string` / print form. */
export function displayValue(v: Value): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return v === 0 ? '0' : String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '';
  }
  if (v instanceof RFloat) return formatFloat(v.v);
  if (v instanceof RChar) return v.c;
  return containerForm(v, debugValue);
}

/** The `to_debug` form (also used for elements inside arrays and maps). */
export function debugValue(v: Value): string {
  switch (typeof v) {
    case 'string':
      return debugString(v);
    case 'number':
      return v === 0 ? '0' : String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '()';
  }
  if (v instanceof RFloat) return formatFloatDebug(v.v);
  if (v instanceof RChar) return v.c;
  return containerForm(v, debugValue);
}

/** Rust `{:?}` of a Dynamic (chars quoted); used for inspectValue's containers. */
function rustDebug(v: Value): string {
  if (v instanceof RChar) return debugCharQuoted(v.c);
  if (typeof v === 'object' && !(v instanceof RFloat)) return containerForm(v, rustDebug);
  return debugValue(v);
}

/** Rust `{:?}` of a Dynamic: like debugValue but chars are quoted ('c'). */
export function rustDebugValue(v: Value): string {
  return rustDebug(v);
}

/** Rhai's `map.to_json()`: keys and values in Rust debug form, `()` as null, no spaces. */
export function mapToJson(m: RMap): string {
  let s = '{';
  for (const k of sortedKeys(m)) {
    if (s.length > 1) s += ',';
    const v = m.get(k);
    s += debugString(k) + ':' + (v instanceof RMap ? mapToJson(v) : v === undefined ? 'null' : rustDebug(v));
  }
  return s + '}';
}

/** Rust `{}` of a Dynamic, as rhai-run prints a script's result. */
export function inspectValue(v: Value): string {
  if (typeof v === 'object' && !(v instanceof RFloat) && !(v instanceof RChar)) return containerForm(v, rustDebug);
  return displayValue(v);
}

function containerForm(v: Value, elem: (v: Value) => string): string {
  if (Array.isArray(v)) return formatArray(v, elem);
  if (v instanceof RMap) return formatMap(v, elem);
  if (v instanceof RBlob) return formatBlob(v);
  if (v instanceof RRange) return formatRange(v);
  if (v instanceof FnPtr) return 'Fn(' + v.name + ')';
  if (v instanceof RTimestamp) return '<timestamp>';
  return String(v);
}

/** `type_of(x)`. */
/** `type_of` names, by the type tag overload resolution already computes. */
const TYPE_OF_NAMES: Record<TypeTag, string> = {
  unit: '()',
  bool: 'bool',
  int: 'i64',
  float: 'f64',
  string: 'string',
  char: 'char',
  array: 'array',
  map: 'map',
  blob: 'blob',
  range: 'range',
  rangeInclusive: 'range=',
  fnptr: 'Fn',
  timestamp: 'timestamp',
  any: 'unknown',
};

export function typeOfValue(v: Value): string {
  return TYPE_OF_NAMES[tagOf(v)];
}

/**
 * Type names as the reference shows them in `Function not found: f (..)` and
 * `Data type incorrect: X (expecting Y)` messages.
 */
export function typeNameForError(v: Value): string {
  if (typeof v === 'string') return '&str | ImmutableString | String';
  if (v instanceof RRange) {
    return v.inclusive ? 'core::ops::range::RangeInclusive<i64>' : 'core::ops::range::Range<i64>';
  }
  return typeOfValue(v);
}

/** Type name for `Data type incorrect` messages, where strings are just `string`. */
export function typeNameForMismatch(v: Value): string {
  if (v instanceof RRange) {
    return v.inclusive ? 'core::ops::range::RangeInclusive<i64>' : 'core::ops::range::Range<i64>';
  }
  return typeOfValue(v);
}
