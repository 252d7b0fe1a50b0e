/**
 * BLOB binary I/O (Rhai's parse_float / write_int / write_float /
 * write_string modules in blob_basic.rs): parse_le_float, parse_be_float,
 * write_le, write_be, write_utf8, write_ascii. Every position argument goes
 * through calc_offset_len; a range is clamped like the other *_range wrappers.
 */
import type { NativeCallContext, Package, TypeTag } from '../native.js';
import { RBlob, RFloat, RRange, type Value } from '../values.js';
import { calcOffsetLen, defs, num, rangeStartLen } from './helpers.js';

const B: TypeTag = 'blob';

/** The target window [start, len] of a blob, or undefined when nothing is read/written. */
function window(b: RBlob, start: number, len: number): [number, number] | undefined {
  if (b.bytes.length === 0 || len <= 0) return undefined;
  const [s, l] = calcOffsetLen(b.bytes.length, start, len);
  return l === 0 ? undefined : [s, l];
}

function parseFloat64(b: RBlob, start: number, len: number, le: boolean): RFloat {
  const w = window(b, start, len);
  if (!w) return new RFloat(0);
  const l = Math.min(w[1], 8);
  const buf = Buffer.alloc(8);
  for (let i = 0; i < l; i++) buf[i] = b.bytes[w[0] + i];
  return new RFloat(le ? buf.readDoubleLE(0) : buf.readDoubleBE(0));
}

/** Writes the first bytes of the 8-byte encoding of an int or float value. */
function writeNumber(b: RBlob, start: number, len: number, v: Value, le: boolean): undefined {
  const w = window(b, start, len);
  if (!w) return undefined;
  const buf = Buffer.alloc(8);
  if (v instanceof RFloat) {
    if (le) buf.writeDoubleLE(v.v, 0);
    else buf.writeDoubleBE(v.v, 0);
  } else {
    const n = BigInt.asIntN(64, BigInt(v as number | bigint));
    if (le) buf.writeBigInt64LE(n, 0);
    else buf.writeBigInt64BE(n, 0);
  }
  const l = Math.min(w[1], 8);
  for (let i = 0; i < l; i++) b.bytes[w[0] + i] = buf[i];
  return undefined;
}

function writeString(b: RBlob, start: number, len: number, s: string, asciiOnly: boolean): undefined {
  if (s.length === 0) return undefined;
  const w = window(b, start, len);
  if (!w) return undefined;
  const bytes = Buffer.from(s, 'utf8');
  // Rust limits the count to the string's byte length even when only ASCII chars are kept.
  const l = Math.min(w[1], bytes.length);
  if (asciiOnly) {
    let i = 0;
    for (const ch of s) {
      if (i >= l) break;
      const c = ch.codePointAt(0)!;
      if (c < 0x80) b.bytes[w[0] + i++] = c;
    }
  } else {
    for (let i = 0; i < l; i++) b.bytes[w[0] + i] = bytes[i];
  }
  return undefined;
}

type Op = (b: RBlob, start: number, len: number, a: Value[], last: Value) => Value;

/** Registers `name` for (blob, int, int, ...rest), (blob, range, ...rest) and (blob, range=, ...rest). */
function positional(name: string, rest: TypeTag[][], op: Op): Package {
  const withInts = (_c: NativeCallContext, a: Value[]) => op(a[0] as RBlob, num(a[1]), num(a[2]), a, a[a.length - 1]);
  const withRange = (_c: NativeCallContext, a: Value[]) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return op(a[0] as RBlob, s, l, a, a[a.length - 1]);
  };
  return [
    ...defs(name, rest.map((t) => [B, 'int', 'int', ...t]), withInts),
    ...defs(name, rest.map((t) => [B, 'range', ...t]), withRange),
    ...defs(name, rest.map((t) => [B, 'rangeInclusive', ...t]), withRange),
  ];
}

export const BLOB_IO_PACKAGE: Package = [
  ...positional('parse_le_float', [[]], (b, s, l) => parseFloat64(b, s, l, true)),
  ...positional('parse_be_float', [[]], (b, s, l) => parseFloat64(b, s, l, false)),
  ...positional('write_le', [['int'], ['float']], (b, s, l, _a, v) => writeNumber(b, s, l, v, true)),
  ...positional('write_be', [['int'], ['float']], (b, s, l, _a, v) => writeNumber(b, s, l, v, false)),
  ...positional('write_utf8', [['string']], (b, s, l, _a, v) => writeString(b, s, l, v as string, false)),
  ...positional('write_ascii', [['string']], (b, s, l, _a, v) => writeString(b, s, l, v as string, true)),
];
