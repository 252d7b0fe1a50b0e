/**
 * BLOB functions (Rhai's BasicBlobPackage). Bytes are 0..255; values written
 * keep their low 8 bits. Index reads/writes are the evaluator's job;
 * blobGet/blobSet implement their value semantics. Out-of-range reads of
 * get/pop/shift/remove give 0, as in Rhai.
 */
import type { NativeCallContext, Package, TypeTag } from '../native.js';
import { RBlob, RChar, RRange, type Int, type Value } from '../values.js';
import { byte, calcIndex, calcOffsetLen, defs, num, rangeStartLen, IN_PLACE } from './helpers.js';
import { blobToUtf8 } from './string.js';

const B: TypeTag = 'blob';
const RANGES: TypeTag[] = ['range', 'rangeInclusive'];

/** Byte at a (possibly negative) index, or undefined when out of range (for `b[i]`). */
export function blobGet(b: RBlob, index: number): number | undefined {
  const i = calcIndex(b.bytes.length, index);
  return i < 0 ? undefined : b.bytes[i];
}

/** Writes the low 8 bits of v (for `b[i] = v`); false when the index is out of range. */
export function blobSet(b: RBlob, index: number, v: Int): boolean {
  const i = calcIndex(b.bytes.length, index);
  if (i < 0) return false;
  b.bytes[i] = byte(v);
  return true;
}

function utf8(s: string): number[] {
  return Array.from(Buffer.from(s, 'utf8'));
}

function grow(ctx: NativeCallContext, b: RBlob, more: number[]): undefined {
  ctx.checkArraySize(b.bytes.length + more.length);
  for (let i = 0; i < more.length; i++) b.bytes.push(more[i]);
  return undefined;
}

/** Rhai's blob get/set index: calc_offset_len (below -len clamps to 0). */
function offsetIndex(len: number, index: number): number {
  return calcOffsetLen(len, index, 0)[0];
}

function extract(b: RBlob, start: number, len: number): RBlob {
  if (b.bytes.length === 0 || len <= 0) return new RBlob([]);
  const [s, l] = calcOffsetLen(b.bytes.length, start, len);
  return new RBlob(b.bytes.slice(s, s + l));
}

function splice(b: RBlob, start: number, len: number, repl: number[]): void {
  if (b.bytes.length === 0) {
    b.bytes = repl.slice();
    return;
  }
  const [s, l] = calcOffsetLen(b.bytes.length, start, len);
  if (l === 0) b.bytes.push(...repl);
  else b.bytes.splice(s, l, ...repl);
}

function drain(b: RBlob, start: number, len: number): RBlob {
  if (b.bytes.length === 0 || len <= 0) return new RBlob([]);
  const [s, l] = calcOffsetLen(b.bytes.length, start, len);
  return new RBlob(l === 0 ? [] : b.bytes.splice(s, l));
}

function retain(b: RBlob, start: number, len: number): RBlob {
  if (b.bytes.length === 0 || len <= 0) return new RBlob([]);
  const [s, l] = calcOffsetLen(b.bytes.length, start, len);
  if (l === 0) {
    const all = b.bytes;
    b.bytes = [];
    return new RBlob(all);
  }
  const removed = b.bytes.slice(0, s).concat(b.bytes.slice(s + l));
  b.bytes = b.bytes.slice(s, s + l);
  return new RBlob(removed);
}

/** Little/big-endian i64 from up to 8 bytes (zero-padded). */
function parseInt64(b: RBlob, start: number, len: number, le: boolean): Int {
  if (b.bytes.length === 0 || len <= 0) return 0;
  const [s, l0] = calcOffsetLen(b.bytes.length, start, len);
  const l = Math.min(l0, 8);
  if (l === 0) return 0;
  const buf = Buffer.alloc(8);
  for (let i = 0; i < l; i++) buf[i] = b.bytes[s + i];
  const v = le ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0);
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

function withRange(fn: (b: RBlob, s: number, l: number, a: Value[]) => Value) {
  return (_c: NativeCallContext, a: Value[]) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return fn(a[0] as RBlob, s, l, a);
  };
}

export const BLOB_PACKAGE: Package = [
  { name: 'blob', params: [], fn: () => new RBlob([]) },
  ...defs('blob', [['int'], ['int', 'int']], (c, a) => {
    const n = Math.max(0, num(a[0]));
    c.checkArraySize(n);
    return new RBlob(new Array<number>(n).fill(a.length > 1 ? byte(a[1]) : 0));
  }),
  { name: 'len', params: [B], getter: true, fn: (_c, a) => (a[0] as RBlob).bytes.length },
  { name: 'is_empty', params: [B], getter: true, fn: (_c, a) => (a[0] as RBlob).bytes.length === 0 },
  { name: 'to_array', params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.slice() },
  { name: 'as_string', params: [B], fn: (_c, a) => blobToUtf8(a[0] as RBlob) },
  { name: 'contains', params: [B, 'int'], fn: (_c, a) => (a[0] as RBlob).bytes.includes(byte(a[1])) },
  {
    name: 'get',
    params: [B, 'int'],
    fn: (_c, a) => {
      const bytes = (a[0] as RBlob).bytes;
      const i = offsetIndex(bytes.length, num(a[1]));
      return i < bytes.length ? bytes[i] : 0;
    },
  },
  {
    name: 'set',
    ...IN_PLACE,
    params: [B, 'int', 'int'],
    fn: (_c, a) => {
      const bytes = (a[0] as RBlob).bytes;
      const i = offsetIndex(bytes.length, num(a[1]));
      if (i < bytes.length) bytes[i] = byte(a[2]);
      return undefined;
    },
  },
  ...defs('push', [[B, 'int']], (c, a) => grow(c, a[0] as RBlob, [byte(a[1])]), IN_PLACE),
  ...defs('append', [[B, 'int']], (c, a) => grow(c, a[0] as RBlob, [byte(a[1])]), IN_PLACE),
  { name: 'append', ...IN_PLACE, params: [B, B], fn: (c, a) => grow(c, a[0] as RBlob, (a[1] as RBlob).bytes) },
  // `+=` with a string is Rhai's built-in blob op-assignment (appends the UTF-8 bytes).
  ...defs('append', [[B, 'string']], (c, a) => grow(c, a[0] as RBlob, utf8(a[1] as string)), IN_PLACE),
  ...defs('+=', [[B, 'string']], (c, a) => grow(c, a[0] as RBlob, utf8(a[1] as string))),
  { name: 'append', ...IN_PLACE, params: [B, 'char'], fn: (c, a) => grow(c, a[0] as RBlob, utf8((a[1] as RChar).c)) },
  {
    name: 'insert',
    ...IN_PLACE,
    params: [B, 'int', 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      c.checkArraySize(b.bytes.length + 1);
      const i = offsetIndex(b.bytes.length, num(a[1]));
      if (i >= b.bytes.length) b.bytes.push(byte(a[2]));
      else b.bytes.splice(i, 0, byte(a[2]));
      return undefined;
    },
  },
  {
    name: 'pad',
    ...IN_PLACE,
    params: [B, 'int', 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      const len = num(a[1]);
      if (len <= b.bytes.length) return undefined;
      c.checkArraySize(len);
      const old = b.bytes.length;
      b.bytes.length = len;
      b.bytes.fill(byte(a[2]), old);
      return undefined;
    },
  },
  { name: 'pop', ...IN_PLACE, params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.pop() ?? 0 },
  { name: 'shift', ...IN_PLACE, params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.shift() ?? 0 },
  {
    name: 'remove',
    ...IN_PLACE,
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const i = calcIndex(b.bytes.length, num(a[1]));
      return i < 0 ? 0 : b.bytes.splice(i, 1)[0];
    },
  },
  { name: 'clear', ...IN_PLACE, params: [B], fn: (_c, a) => (((a[0] as RBlob).bytes.length = 0), undefined) },
  {
    name: 'truncate',
    ...IN_PLACE,
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const n = num(a[1]);
      if (n <= 0) b.bytes.length = 0;
      else if (n < b.bytes.length) b.bytes.length = n;
      return undefined;
    },
  },
  {
    name: 'chop',
    ...IN_PLACE,
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const n = num(a[1]);
      if (b.bytes.length === 0) return undefined;
      if (n <= 0) b.bytes.length = 0;
      else if (n < b.bytes.length) b.bytes.splice(0, b.bytes.length - n);
      return undefined;
    },
  },
  { name: 'reverse', ...IN_PLACE, params: [B], fn: (_c, a) => ((a[0] as RBlob).bytes.reverse(), undefined) },
  {
    name: 'splice',
    ...IN_PLACE,
    params: [B, 'int', 'int', B],
    fn: (_c, a) => (splice(a[0] as RBlob, num(a[1]), num(a[2]), (a[3] as RBlob).bytes), undefined),
  },
  ...defs(
    'splice',
    RANGES.map((t) => [B, t, B]),
    withRange((b, s, l, a) => (splice(b, s, l, (a[2] as RBlob).bytes), undefined)),
    IN_PLACE,
  ),
  { name: 'extract', params: [B, 'int', 'int'], fn: (_c, a) => extract(a[0] as RBlob, num(a[1]), num(a[2])) },
  { name: 'extract', params: [B, 'int'], fn: (_c, a) => extract(a[0] as RBlob, num(a[1]), Infinity) },
  ...defs('extract', RANGES.map((t) => [B, t]), withRange((b, s, l) => extract(b, s, l))),
  {
    name: 'split',
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      if (b.bytes.length === 0) return new RBlob([]);
      const [s, l] = calcOffsetLen(b.bytes.length, num(a[1]), Infinity);
      if (s >= b.bytes.length) return new RBlob([]);
      if (s === 0) return new RBlob(b.bytes.splice(b.bytes.length - Math.min(l, b.bytes.length)));
      return new RBlob(b.bytes.splice(s));
    },
  },
  { name: 'drain', ...IN_PLACE, params: [B, 'int', 'int'], fn: (_c, a) => drain(a[0] as RBlob, num(a[1]), num(a[2])) },
  ...defs('drain', RANGES.map((t) => [B, t]), withRange((b, s, l) => drain(b, s, l)), IN_PLACE),
  { name: 'retain', ...IN_PLACE, params: [B, 'int', 'int'], fn: (_c, a) => retain(a[0] as RBlob, num(a[1]), num(a[2])) },
  ...defs('retain', RANGES.map((t) => [B, t]), withRange((b, s, l) => retain(b, s, l)), IN_PLACE),
  ...defs('parse_le_int', [[B, 'int', 'int']], (_c, a) => parseInt64(a[0] as RBlob, num(a[1]), num(a[2]), true)),
  ...defs('parse_be_int', [[B, 'int', 'int']], (_c, a) => parseInt64(a[0] as RBlob, num(a[1]), num(a[2]), false)),
  ...defs('parse_le_int', RANGES.map((t) => [B, t]), withRange((b, s, l) => parseInt64(b, s, l, true))),
  ...defs('parse_be_int', RANGES.map((t) => [B, t]), withRange((b, s, l) => parseInt64(b, s, l, false))),
];
