/**
 * BLOB functions (byte buffers). Index reads/writes are the evaluator's job;
 * blobGet/blobSet implement their value semantics (bytes are 0..255, writes
 * keep the low 8 bits).
 */
import type { Package } from '../native.js';
import { RBlob, type Int, type Value } from '../values.js';
import { calcIndex, calcOffsetLen, num } from './helpers.js';
import { blobToUtf8 } from './string.js';

const B = 'blob' as const;

/** Byte at a (possibly negative) index, or undefined when out of range. */
export function blobGet(b: RBlob, index: number): number | undefined {
  const i = calcIndex(b.bytes.length, index);
  return i < 0 ? undefined : b.bytes[i];
}

/** Writes the low 8 bits of v; returns false when the index is out of range. */
export function blobSet(b: RBlob, index: number, v: Int): boolean {
  const i = calcIndex(b.bytes.length, index);
  if (i < 0) return false;
  b.bytes[i] = Number(BigInt.asUintN(8, BigInt(v)));
  return true;
}

function byte(v: Value): number {
  return typeof v === 'number' ? v & 0xff : Number(BigInt.asUintN(8, v as bigint));
}

export const BLOB_PACKAGE: Package = [
  { name: 'blob', params: [], fn: () => new RBlob([]) },
  {
    name: 'blob',
    params: ['int'],
    fn: (c, a) => {
      const n = Math.max(0, num(a[0]));
      c.checkArraySize(n);
      return new RBlob(new Array<number>(n).fill(0));
    },
  },
  {
    name: 'blob',
    params: ['int', 'int'],
    fn: (c, a) => {
      const n = Math.max(0, num(a[0]));
      c.checkArraySize(n);
      return new RBlob(new Array<number>(n).fill(byte(a[1])));
    },
  },
  { name: 'len', params: [B], getter: true, fn: (_c, a) => (a[0] as RBlob).bytes.length },
  { name: 'is_empty', params: [B], getter: true, fn: (_c, a) => (a[0] as RBlob).bytes.length === 0 },
  {
    name: 'push',
    params: [B, 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      c.checkArraySize(b.bytes.length + 1);
      b.bytes.push(byte(a[1]));
      return undefined;
    },
  },
  {
    name: 'append',
    params: [B, B],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      const more = (a[1] as RBlob).bytes;
      c.checkArraySize(b.bytes.length + more.length);
      for (let i = 0; i < more.length; i++) b.bytes.push(more[i]);
      return undefined;
    },
  },
  {
    name: 'append',
    params: [B, 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      c.checkArraySize(b.bytes.length + 1);
      b.bytes.push(byte(a[1]));
      return undefined;
    },
  },
  {
    name: 'insert',
    params: [B, 'int', 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      c.checkArraySize(b.bytes.length + 1);
      const [s] = calcOffsetLen(b.bytes.length, num(a[1]), 0);
      b.bytes.splice(s, 0, byte(a[2]));
      return undefined;
    },
  },
  { name: 'pop', params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.pop() },
  { name: 'shift', params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.shift() },
  {
    name: 'remove',
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const i = calcIndex(b.bytes.length, num(a[1]));
      return i < 0 ? undefined : b.bytes.splice(i, 1)[0];
    },
  },
  { name: 'clear', params: [B], fn: (_c, a) => (((a[0] as RBlob).bytes.length = 0), undefined) },
  {
    name: 'truncate',
    params: [B, 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const n = num(a[1]);
      if (n <= 0) b.bytes.length = 0;
      else if (n < b.bytes.length) b.bytes.length = n;
      return undefined;
    },
  },
  { name: 'get', params: [B, 'int'], fn: (_c, a) => blobGet(a[0] as RBlob, num(a[1])) ?? 0 },
  {
    name: 'set',
    params: [B, 'int', 'int'],
    fn: (_c, a) => (blobSet(a[0] as RBlob, num(a[1]), a[2] as Int), undefined),
  },
  { name: 'contains', params: [B, 'int'], fn: (_c, a) => (a[0] as RBlob).bytes.includes(num(a[1])) },
  { name: 'as_string', params: [B], fn: (_c, a) => blobToUtf8(a[0] as RBlob) },
  { name: 'to_array', params: [B], fn: (_c, a) => (a[0] as RBlob).bytes.slice() },
  {
    name: 'extract',
    params: [B, 'int', 'int'],
    fn: (_c, a) => {
      const b = a[0] as RBlob;
      const len = num(a[2]);
      if (b.bytes.length === 0 || len <= 0) return new RBlob([]);
      const [s, l] = calcOffsetLen(b.bytes.length, num(a[1]), len);
      return new RBlob(b.bytes.slice(s, s + l));
    },
  },
  { name: 'reverse', params: [B], fn: (_c, a) => ((a[0] as RBlob).bytes.reverse(), undefined) },
];
