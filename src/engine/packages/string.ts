/**
 * String functions (Rhai's MoreStringPackage). Strings are indexed by Unicode
 * scalar; every helper has a fast path for surrogate-free strings. Mutating
 * functions (`mutates: true`) assign the new string to args[0].
 */
import { displayValue } from '../format.js';
import type { NativeCallContext, Package, TypeTag } from '../native.js';
import {
  charAt,
  charIndexOfOffset,
  charLength,
  charOffset,
  charSlice,
  hasSurrogates,
  mkChar,
  stringToChars,
  utf8Length,
} from '../value-utils.js';
import { RBlob, RChar, RRange, type Value } from '../values.js';
import { calcIndex, defs, num, rangeStartLen } from './helpers.js';
import { removeAll } from './operators.js';

/** Rust's char::is_whitespace (Unicode White_Space). */
export function isRustWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function rustTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isRustWhitespace(s.charCodeAt(a))) a++;
  while (b > a && isRustWhitespace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function splitWhitespace(s: string): Value[] {
  const out: Value[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isRustWhitespace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Rust splitn: at most n pieces, the last holds the rest. */
function splitN(s: string, sep: string, n: number): Value[] {
  if (n < 1) return [s];
  if (sep.length === 0) return splitEmptyN(s, n, false);
  const out: Value[] = [];
  let pos = 0;
  while (out.length < n - 1) {
    const i = s.indexOf(sep, pos);
    if (i < 0) break;
    out.push(s.slice(pos, i));
    pos = i + sep.length;
  }
  out.push(s.slice(pos));
  return out;
}

/**
 * Rust's (r)splitn with an empty pattern, which matches at every char
 * boundary (both ends included): "abc".splitn(3, "") is ["", "a", "bc"],
 * "abc".rsplitn(3, "") is ["", "c", "ab"].
 */
function splitEmptyN(s: string, n: number, rev: boolean): Value[] {
  const chars = stringToChars(s).map((c) => (c as RChar).c);
  if (rev) chars.reverse();
  const out: Value[] = [''];
  let i = 0;
  while (out.length < n - 1 && i < chars.length) out.push(chars[i++]);
  if (out.length < n) {
    const rest = chars.slice(i);
    if (rev) rest.reverse();
    if (rest.length > 0 || out.length < n) out.push(rest.join(''));
  }
  return out;
}

/** Rust split with an empty separator yields "", each char, "". */
function splitAll(s: string, sep: string): Value[] {
  if (sep.length === 0) return ['', ...stringToChars(s).map((c) => (c as RChar).c), ''];
  return s.split(sep);
}

/** Rust rsplitn: pieces from the end, at most n. */
function rsplitN(s: string, sep: string, n: number): Value[] {
  if (n < 1) return [s];
  if (sep.length === 0) return splitEmptyN(s, n, true);
  const out: Value[] = [];
  let end = s.length;
  while (out.length < n - 1) {
    const i = end - sep.length < 0 ? -1 : s.lastIndexOf(sep, end - sep.length);
    if (i < 0) break;
    out.push(s.slice(i + sep.length, end));
    end = i;
  }
  out.push(s.slice(0, end));
  return out;
}

/** Rhai's sub_string(start, len) by chars. */
export function subString(s: string, start: number, len: number): string {
  if (s.length === 0 || len <= 0) return '';
  const n = charLength(s);
  let off: number;
  if (start < 0) off = -start > n ? 0 : n + start;
  else if (start >= n) return '';
  else off = start;
  const l = off + len > n ? n - off : len;
  return charSlice(s, off, off + l);
}

/** Char offset for index_of's start argument, or -1 when the search cannot match. */
function searchStart(s: string, start: number): number {
  if (start === 0) return 0;
  const n = charLength(s);
  if (start < 0) return -start > n ? 0 : charOffset(s, n + start);
  if (start >= n) return -1;
  return charOffset(s, start);
}

function indexOf(s: string, find: string, start: number): number {
  if (s.length === 0) return -1;
  const from = searchStart(s, start);
  if (from < 0) return -1;
  const i = s.indexOf(find, from);
  if (i < 0) return -1;
  return hasSurrogates(s) ? charIndexOfOffset(s, i) : i;
}

function upperChar(c: string): string {
  const u = c.toUpperCase();
  return u.length === c.length || [...u].length === 1 ? u : c;
}

function lowerChar(c: string): string {
  const l = c.toLowerCase();
  return l.length === c.length || [...l].length === 1 ? l : c;
}

function padString(ctx: NativeCallContext, s: string, target: number, padding: string): string {
  if (target <= 0) return s;
  ctx.checkStringSize(target);
  let len = charLength(s);
  if (target <= len) return s;
  const plen = charLength(padding);
  if (plen === 0) return s;
  let out = s;
  while (len < target) {
    if (len + plen <= target) {
      out += padding;
      len += plen;
    } else {
      out += charSlice(padding, 0, target - len);
      len = target;
    }
  }
  ctx.checkStringSize(out.length);
  return out;
}


function getChar(s: string, index: number): Value {
  if (index >= 0) return charAt(s, index);
  const n = charLength(s);
  return -index <= n ? charAt(s, n + index) : undefined;
}

function setChar(s: string, index: number, c: string): string {
  const n = charLength(s);
  const i = calcIndex(n, index);
  if (i < 0) return s;
  const off = charOffset(s, i);
  const w = charOffset(s.slice(off), 1);
  return s.slice(0, off) + c + s.slice(off + w);
}

function splitAt(s: string, index: number): Value[] {
  const n = charLength(s);
  if (index <= 0) {
    if (-index > n) return ['', s];
    const cut = charOffset(s, n + index);
    return [s.slice(0, cut), s.slice(cut)];
  }
  const cut = charOffset(s, index);
  return [s.slice(0, cut), s.slice(cut)];
}

/** Rhai's CharsStream: `len` chars from `from` (negative counts from the end, saturating). */
function charsFrom(s: string, from: number, len: number): Value[] {
  if (len <= 0) return [];
  const chars = stringToChars(s);
  const start = from >= 0 ? from : Math.max(chars.length + from, 0);
  return chars.slice(start, start + len);
}

function strArg(v: Value): string {
  return typeof v === 'string' ? v : (v as RChar).c;
}

const S: TypeTag = 'string';
const STR_OR_CHAR: TypeTag[][] = [
  ['string', 'string'],
  ['string', 'char'],
];
const MUT = { mutates: true };

function setRecv(a: Value[], s: string): undefined {
  a[0] = s;
  return undefined;
}

export const STRING_PACKAGE: Package = [
  { name: 'len', params: [S], getter: true, fn: (_c, a) => charLength(a[0] as string) },
  { name: 'bytes', params: [S], getter: true, fn: (_c, a) => utf8Length(a[0] as string) },
  { name: 'is_empty', params: [S], getter: true, fn: (_c, a) => (a[0] as string).length === 0 },
  { name: 'to_upper', params: [S], fn: (_c, a) => (a[0] as string).toUpperCase() },
  { name: 'to_lower', params: [S], fn: (_c, a) => (a[0] as string).toLowerCase() },
  { name: 'make_upper', params: [S], ...MUT, fn: (_c, a) => setRecv(a, (a[0] as string).toUpperCase()) },
  { name: 'make_lower', params: [S], ...MUT, fn: (_c, a) => setRecv(a, (a[0] as string).toLowerCase()) },
  { name: 'to_upper', params: ['char'], fn: (_c, a) => mkChar(upperChar((a[0] as RChar).c)) },
  { name: 'to_lower', params: ['char'], fn: (_c, a) => mkChar(lowerChar((a[0] as RChar).c)) },
  {
    name: 'make_upper',
    params: ['char'],
    ...MUT,
    fn: (_c, a) => ((a[0] = mkChar(upperChar((a[0] as RChar).c))), undefined),
  },
  {
    name: 'make_lower',
    params: ['char'],
    ...MUT,
    fn: (_c, a) => ((a[0] = mkChar(lowerChar((a[0] as RChar).c))), undefined),
  },
  ...defs('contains', STR_OR_CHAR, (_c, a) => (a[0] as string).includes(strArg(a[1]))),
  { name: 'starts_with', params: [S, S], fn: (_c, a) => (a[0] as string).startsWith(a[1] as string) },
  { name: 'ends_with', params: [S, S], fn: (_c, a) => (a[0] as string).endsWith(a[1] as string) },
  ...defs('index_of', STR_OR_CHAR, (_c, a) => indexOf(a[0] as string, strArg(a[1]), 0)),
  ...defs(
    'index_of',
    [
      [S, S, 'int'],
      [S, 'char', 'int'],
    ],
    (_c, a) => indexOf(a[0] as string, strArg(a[1]), num(a[2])),
  ),
  { name: 'get', params: [S, 'int'], fn: (_c, a) => getChar(a[0] as string, num(a[1])) },
  {
    name: 'set',
    params: [S, 'int', 'char'],
    ...MUT,
    fn: (_c, a) => setRecv(a, setChar(a[0] as string, num(a[1]), (a[2] as RChar).c)),
  },
  { name: 'sub_string', params: [S, 'int', 'int'], fn: (_c, a) => subString(a[0] as string, num(a[1]), num(a[2])) },
  {
    name: 'sub_string',
    params: [S, 'int'],
    fn: (_c, a) => subString(a[0] as string, num(a[1]), (a[0] as string).length),
  },
  ...defs('sub_string', [[S, 'range'], [S, 'rangeInclusive']], (_c, a) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return subString(a[0] as string, s, l);
  }),
  {
    name: 'crop',
    params: [S, 'int', 'int'],
    ...MUT,
    fn: (_c, a) => setRecv(a, subString(a[0] as string, num(a[1]), num(a[2]))),
  },
  {
    name: 'crop',
    params: [S, 'int'],
    ...MUT,
    fn: (_c, a) => setRecv(a, subString(a[0] as string, num(a[1]), (a[0] as string).length)),
  },
  ...defs(
    'crop',
    [
      [S, 'range'],
      [S, 'rangeInclusive'],
    ],
    (_c, a) => {
      const r = a[1] as RRange;
      const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
      return setRecv(a, subString(a[0] as string, s, l));
    },
    MUT,
  ),
  ...defs(
    'replace',
    [
      [S, S, S],
      [S, S, 'char'],
      [S, 'char', S],
      [S, 'char', 'char'],
    ],
    (c, a) => {
      const s = a[0] as string;
      const find = strArg(a[1]);
      const out = find.length === 0 ? replaceEmpty(s, strArg(a[2])) : s.split(find).join(strArg(a[2]));
      c.checkStringSize(out.length);
      return setRecv(a, out);
    },
    MUT,
  ),
  ...defs(
    'pad',
    [
      [S, 'int', 'char'],
      [S, 'int', S],
    ],
    (c, a) => setRecv(a, padString(c, a[0] as string, num(a[1]), strArg(a[2]))),
    MUT,
  ),
  ...defs('remove', STR_OR_CHAR, (_c, a) => setRecv(a, removeAll(a[0] as string, strArg(a[1]))), MUT),
  { name: 'clear', params: [S], ...MUT, fn: (_c, a) => setRecv(a, '') },
  {
    name: 'truncate',
    params: [S, 'int'],
    ...MUT,
    fn: (_c, a) => {
      const n = num(a[1]);
      const s = a[0] as string;
      return setRecv(a, n <= 0 ? '' : s.slice(0, charOffset(s, n)));
    },
  },
  { name: 'trim', params: [S], ...MUT, fn: (_c, a) => setRecv(a, rustTrim(a[0] as string)) },
  {
    name: 'pop',
    params: [S],
    ...MUT,
    fn: (_c, a) => {
      const s = a[0] as string;
      if (s.length === 0) return undefined;
      const last = s.charCodeAt(s.length - 1);
      const w = last >= 0xdc00 && last <= 0xdfff && s.length > 1 ? 2 : 1;
      a[0] = s.slice(0, s.length - w);
      return mkChar(s.slice(s.length - w));
    },
  },
  {
    name: 'pop',
    params: [S, 'int'],
    ...MUT,
    fn: (_c, a) => {
      const s = a[0] as string;
      const n = num(a[1]);
      if (s.length === 0 || n <= 0) return '';
      const len = charLength(s);
      const cut = n >= len ? 0 : charOffset(s, len - n);
      a[0] = s.slice(0, cut);
      return s.slice(cut);
    },
  },
  ...defs(
    'append',
    [
      [S, 'any'],
      [S, S],
    ],
    (c, a) => {
      const out = (a[0] as string) + displayValue(a[1]);
      c.checkStringSize(out.length);
      return setRecv(a, out);
    },
    MUT,
  ),
  ...defs(
    '+=',
    [
      [S, 'any'],
      [S, S],
      [S, 'char'],
    ],
    (c, a) => {
      const out = (a[0] as string) + displayValue(a[1]);
      c.checkStringSize(out.length);
      return setRecv(a, out);
    },
    MUT,
  ),
  { name: 'to_chars', params: [S], fn: (_c, a) => stringToChars(a[0] as string) },
  { name: 'chars', params: [S], getter: true, fn: (_c, a) => stringToChars(a[0] as string) },
  { name: 'chars', params: [S, 'int'], fn: (_c, a) => charsFrom(a[0] as string, num(a[1]), Infinity) },
  { name: 'chars', params: [S, 'int', 'int'], fn: (_c, a) => charsFrom(a[0] as string, num(a[1]), num(a[2])) },
  ...defs('chars', [[S, 'range'], [S, 'rangeInclusive']], (_c, a) => {
    const r = a[1] as RRange;
    const from = Math.max(num(r.start), 0);
    const to = Math.max(num(r.end), r.inclusive ? from - 1 : from);
    return charsFrom(a[0] as string, from, to - from + (r.inclusive ? 1 : 0));
  }),
  { name: 'split', params: [S], fn: (_c, a) => splitWhitespace(a[0] as string) },
  ...defs('split', STR_OR_CHAR, (_c, a) => splitAll(a[0] as string, strArg(a[1]))),
  ...defs(
    'split',
    [
      [S, S, 'int'],
      [S, 'char', 'int'],
    ],
    (_c, a) => splitN(a[0] as string, strArg(a[1]), num(a[2])),
  ),
  { name: 'split', params: [S, 'int'], fn: (_c, a) => splitAt(a[0] as string, num(a[1])) },
  ...defs('split_rev', STR_OR_CHAR, (_c, a) => rsplitN(a[0] as string, strArg(a[1]), Infinity)),
  ...defs(
    'split_rev',
    [
      [S, S, 'int'],
      [S, 'char', 'int'],
    ],
    (_c, a) => rsplitN(a[0] as string, strArg(a[1]), num(a[2])),
  ),
  {
    name: 'to_blob',
    params: [S],
    fn: (_c, a) => new RBlob(Array.from(Buffer.from(a[0] as string, 'utf8'))),
  },
  { name: '+', params: [S, 'blob'], fn: (_c, a) => (a[0] as string) + blobToUtf8(a[1] as RBlob) },
  // string_more.rs: `s += blob` / `s.append(blob)` append the blob decoded as UTF-8.
  ...defs('+=', [[S, 'blob']], appendBlob, MUT),
  ...defs('append', [[S, 'blob']], appendBlob, MUT),
  { name: '+', params: ['blob', S], fn: (_c, a) => blobToUtf8(a[0] as RBlob) + (a[1] as string) },
];

function appendBlob(c: NativeCallContext, a: Value[]): undefined {
  const out = (a[0] as string) + blobToUtf8(a[1] as RBlob);
  c.checkStringSize(out.length);
  return setRecv(a, out);
}

/** Rust's `str::replace("", x)` inserts x between every char and at both ends. */
function replaceEmpty(s: string, sub: string): string {
  const chars = stringToChars(s);
  let out = sub;
  for (const c of chars) out += (c as RChar).c + sub;
  return out;
}

/** UTF-8 decode with replacement characters (String::from_utf8_lossy). */
export function blobToUtf8(b: RBlob): string {
  return Buffer.from(b.bytes).toString('utf8');
}

