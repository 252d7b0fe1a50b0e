/**
 * Value helpers shared by the evaluator and the packages: equality, ordering,
 * copying, type tags, float/char construction and Unicode-scalar string access.
 */
import type { TypeTag } from './native.js';
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Int, type Value } from './values.js';

export function isInt(v: Value): v is Int {
  const t = typeof v;
  return t === 'number' || t === 'bigint';
}

/** Overload-resolution tag of a value. */
export function tagOf(v: Value): TypeTag {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'unit';
  }
  if (v instanceof RFloat) return 'float';
  if (v instanceof RChar) return 'char';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RMap) return 'map';
  if (v instanceof RRange) return v.inclusive ? 'rangeInclusive' : 'range';
  if (v instanceof FnPtr) return 'fnptr';
  if (v instanceof RBlob) return 'blob';
  if (v instanceof RTimestamp) return 'timestamp';
  return 'any';
}

// ---- floats and chars -------------------------------------------------------

export const FLOAT_ZERO = new RFloat(0);

export function mkFloat(n: number): RFloat {
  return new RFloat(n);
}

const ASCII_CHARS: RChar[] = [];
for (let i = 0; i < 128; i++) ASCII_CHARS.push(new RChar(String.fromCharCode(i)));

/** A char value from a one-scalar string (ASCII chars are shared instances). */
export function mkChar(c: string): RChar {
  if (c.length === 1) {
    const code = c.charCodeAt(0);
    if (code < 128) return ASCII_CHARS[code];
  }
  return new RChar(c);
}

/** A char value from a code point. */
export function charFromCode(cp: number): RChar {
  return cp < 128 ? ASCII_CHARS[cp] : new RChar(String.fromCodePoint(cp));
}

// ---- strings by Unicode scalar ---------------------------------------------

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when the string has a surrogate code unit (non-BMP chars): indexes then differ from UTF-16. */
export function hasSurrogates(s: string): boolean {
  // Short strings: a plain loop; long ones: the regex engine scans ~3x faster.
  if (s.length > 64) return SURROGATE.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Number of chars (Unicode scalars). */
export function charLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

/** UTF-8 byte length (`bytes`). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-16 offset of char index `ci` (0 <= ci <= charLength); s.length when past the end. */
export function charOffset(s: string, ci: number): number {
  let off = 0;
  for (let k = 0; k < ci; k++) {
    if (off >= s.length) return s.length;
    const c = s.charCodeAt(off);
    off += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return off;
}

/** Char index of a UTF-16 offset. */
export function charIndexOfOffset(s: string, off: number): number {
  let ci = 0;
  for (let i = 0; i < off; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    ci++;
  }
  return ci;
}

/** The char at char index `ci` (0-based, no negatives), or undefined when out of range. */
export function charAt(s: string, ci: number): RChar | undefined {
  if (ci < 0) return undefined;
  if (ci < s.length && !hasSurrogates(s)) return charFromCode(s.charCodeAt(ci));
  const off = charOffset(s, ci);
  if (off >= s.length) return undefined;
  return charFromCode(s.codePointAt(off)!);
}

/** Substring by char indexes [from, to) (clamped by the caller). */
export function charSlice(s: string, from: number, to: number): string {
  if (!hasSurrogates(s)) return s.slice(from, to);
  const a = charOffset(s, from);
  return s.slice(a, a + charOffset(s.slice(a), to - from));
}

/** Array of char values. */
export function stringToChars(s: string): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      out.push(new RChar(s.slice(i, i + 2)));
      i++;
    } else out.push(c < 128 ? ASCII_CHARS[c] : new RChar(s[i]));
  }
  return out;
}

/** Replace the char at char index ci with `c` (ci must be in range). */
export function replaceCharAt(s: string, ci: number, c: string): string {
  const off = charOffset(s, ci);
  const code = s.charCodeAt(off);
  const w = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return s.slice(0, off) + c + s.slice(off + w);
}

// ---- equality and ordering ---------------------------------------------------

const EPS = Number.EPSILON;

/** Rust f64::max: a NaN operand is ignored. */
function rustMax(x: number, y: number): number {
  if (x !== x) return y;
  if (y !== y) return x;
  return x > y ? x : y;
}

/** The scale Rhai divides float differences by (1.0 when either side is zero). */
function floatScale(x: number, y: number): number {
  return x * y === 0 ? 1 : rustMax(Math.abs(x), Math.abs(y));
}

/**
 * Rhai's float `==` (checked build): equal within a relative EPSILON, so
 * `0.1 * 3 == 0.3` is true, NaN and infinities never equal, and values below
 * EPSILON equal 0.0.
 */
export function floatEq(x: number, y: number): boolean {
  return Math.abs(x - y) / floatScale(x, y) <= EPS;
}

/**
 * Rhai's float ordering (checked build): 1 when (x-y)/scale > EPSILON, -1 when
 * (y-x)/scale > EPSILON, 0 when within EPSILON, NaN when unordered (NaN,
 * inf vs inf). `<` is c < 0, `>=` is c >= 0 and so on.
 */
export function floatCompare(x: number, y: number): number {
  const r = (x - y) / floatScale(x, y);
  if (r > EPS) return 1;
  if (r < -EPS) return -1;
  return r === r ? 0 : NaN;
}

/**
 * `==` semantics of Rhai's built-in operators: ints exactly, floats and
 * int/float mixes within a relative EPSILON, char == one-char string, deep
 * arrays/maps/blobs, and false for unrelated types.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  switch (typeof a) {
    case 'number':
    case 'bigint':
      if (b instanceof RFloat) return floatEq(Number(a), b.v);
      return a === b; // normalised ints are equal only when ===
    case 'string':
      return a === b || (b instanceof RChar && b.c === a);
    case 'boolean':
      return a === b;
    case 'undefined':
      return b === undefined;
  }
  if (a instanceof RFloat) {
    if (b instanceof RFloat) return floatEq(a.v, b.v);
    if (typeof b === 'number' || typeof b === 'bigint') return floatEq(a.v, Number(b));
    return false;
  }
  if (a instanceof RChar) {
    if (b instanceof RChar) return a.c === b.c;
    return typeof b === 'string' && b === a.c;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof RMap) {
    if (!(b instanceof RMap) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !valuesEqual(v, b.get(k))) return false;
    }
    return true;
  }
  if (a instanceof RBlob) {
    if (!(b instanceof RBlob) || a.bytes.length !== b.bytes.length) return false;
    const x = a.bytes;
    const y = b.bytes;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (a instanceof RRange) {
    return b instanceof RRange && a.inclusive === b.inclusive && a.start === b.start && a.end === b.end;
  }
  if (a instanceof FnPtr) {
    return b instanceof FnPtr && a.name === b.name && a.fn === b.fn && a.curried.length === 0 && b.curried.length === 0;
  }
  if (a instanceof RTimestamp) return b instanceof RTimestamp && a.ms === b.ms;
  return false;
}

/**
 * `!=` semantics: the negation of valuesEqual, except that a float operand
 * uses Rhai's own test (|x - y| / scale > EPSILON), under which NaN != NaN is false.
 */
export function valuesNotEqual(a: Value, b: Value): boolean {
  if (a instanceof RFloat || b instanceof RFloat) {
    const x = numOf(a);
    const y = numOf(b);
    if (x !== undefined && y !== undefined) return Math.abs(x - y) / floatScale(x, y) > EPS;
  }
  return !valuesEqual(a, b);
}

/** Rust str ordering is by code point; JS `<` compares UTF-16 units, equal unless astral chars meet U+E000..U+FFFF. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const lt = a < b;
  // JS compares UTF-16 code units; Rust compares code points (UTF-8 bytes).
  // They disagree only where a surrogate meets a unit in U+E000..U+FFFF.
  const n = a.length < b.length ? a.length : b.length;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return lt ? -1 : 1;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x < 0xd800 || y < 0xd800) return lt ? -1 : 1;
  return codePointKey(x) < codePointKey(y) ? -1 : 1;
}

/** A UTF-16 unit ranked in code point order: surrogates (astral chars) above the BMP. */
function codePointKey(u: number): number {
  return u >= 0xd800 && u <= 0xdfff ? u + 0x10000 : u;
}


/** Sorts strings in Rust's order (code points); the native sort when no astral chars are present. */
export function sortStrings(a: string[]): string[] {
  for (let i = 0; i < a.length; i++) {
    if (SURROGATE.test(a[i])) return a.sort(compareStrings);
  }
  return a.sort();
}

function numOf(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof RFloat) return v.v;
  return undefined;
}

/**
 * Ordering for `<` `<=` `>` `>=` with Rhai's built-in semantics. Returns
 * negative/0/positive; NaN when every comparison is false (NaN floats, `()`
 * vs `()`, values of different non-numeric types); undefined only for two
 * values of the same type that have no ordering (arrays, maps, blobs, Fn,
 * ranges): the caller then reports `Function not found: < (array, array)`.
 */
export function compareValues(a: Value, b: Value): number | undefined {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    return (a as Int) < (b as Int) ? -1 : (a as Int) > (b as Int) ? 1 : 0;
  }
  const x = numOf(a);
  const y = numOf(b);
  if (x !== undefined && y !== undefined) return floatCompare(x, y);
  const sa = ta === 'string' ? (a as string) : a instanceof RChar ? a.c : undefined;
  const sb = tb === 'string' ? (b as string) : b instanceof RChar ? b.c : undefined;
  if (sa !== undefined && sb !== undefined) return compareStrings(sa, sb);
  if (ta === 'boolean' && tb === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof RTimestamp && b instanceof RTimestamp) return a.ms < b.ms ? -1 : a.ms > b.ms ? 1 : 0;
  if (tagOf(a) === tagOf(b) && ta !== 'undefined') return undefined;
  return NaN;
}

// ---- copying -----------------------------------------------------------------

/** Deep copy of arrays, maps and blobs (Rhai's value semantics); other values are immutable. */
export function cloneValue(v: Value): Value {
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return cloneArray(v);
  if (v instanceof RMap) return cloneMap(v);
  if (v instanceof RBlob) return new RBlob(v.bytes.slice());
  return v;
}

export function cloneArray(a: Value[]): Value[] {
  const out = a.slice(); // keeps V8's packed element kind
  for (let i = 0; i < out.length; i++) {
    const e = out[i];
    if (typeof e === 'object') out[i] = cloneValue(e);
  }
  return out;
}

export function cloneMap(m: RMap): RMap {
  const out = new RMap();
  for (const [k, v] of m) out.set(k, typeof v === 'object' ? cloneValue(v) : v);
  return out;
}
