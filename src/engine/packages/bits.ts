/**
 * Integers as 64-bit bit-fields: get_bit/set_bit/get_bits/set_bits and the
 * helpers behind the evaluator's `x[bit]` / `x[bit] = b`. A negative bit
 * index counts from the top (-1 is bit 63).
 */
import { runtimeError } from '../errors.js';
import { normBig } from '../int.js';
import type { NativeCallContext, NativeFnDef, Package, TypeTag } from '../native.js';
import { RRange, type Int, type Value } from '../values.js';
import { num } from './helpers.js';

const BITS = 64;

function bitIndex(bit: number): number {
  const i = bit < 0 ? (-bit <= BITS ? BITS + bit : -1) : bit < BITS ? bit : -1;
  if (i < 0) {
    throw runtimeError('ErrorBitFieldBounds', `Bit-field index ${bit} out of bounds: only ${BITS} bits in bit-field`, {
      length: BITS,
      index: bit,
    });
  }
  return i;
}

function big(v: Int): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export function getBit(v: Int, bit: number): boolean {
  const i = bitIndex(bit);
  if (typeof v === 'number' && i < 31 && (v | 0) === v) return (v & (1 << i)) !== 0;
  return ((big(v) >> BigInt(i)) & 1n) === 1n;
}

export function setBit(v: Int, bit: number, on: boolean): Int {
  const i = bitIndex(bit);
  if (typeof v === 'number' && i < 30 && (v | 0) === v) return on ? v | (1 << i) : v & ~(1 << i);
  const m = 1n << BigInt(i);
  const r = on ? big(v) | m : big(v) & ~m;
  return normBig(BigInt.asIntN(64, r));
}

export function getBits(v: Int, start: number, bits: number): Int {
  if (bits <= 0) return 0;
  const i = bitIndex(start);
  const n = i + bits > BITS ? BITS - i : bits;
  const mask = (1n << BigInt(n)) - 1n;
  return normBig(BigInt.asIntN(64, (big(v) >> BigInt(i)) & mask));
}

export function setBits(v: Int, start: number, bits: number, value: Int): Int {
  if (bits <= 0) return v;
  const i = bitIndex(start);
  const n = i + bits > BITS ? BITS - i : bits;
  const mask = ((1n << BigInt(n)) - 1n) << BigInt(i);
  const r = (big(v) & ~mask) | ((big(value) << BigInt(i)) & mask);
  return normBig(BigInt.asIntN(64, r));
}

/** [from, len] of a bit range argument; an inclusive end past bit 63 is an error as in Rhai. */
function bitSpan(r: RRange): [number, number] {
  const from = Math.max(num(r.start), 0);
  if (!r.inclusive) return [from, Math.max(num(r.end), from) - from];
  const to = Math.max(num(r.end), from - 1);
  if (to >= BITS) {
    throw runtimeError('ErrorBitFieldBounds', `Bit-field index ${to} out of bounds: only ${BITS} bits in bit-field`, {
      length: BITS,
      index: to,
    });
  }
  return [from, to - from + 1];
}

/** Rhai's BitRange: `len` bits of `v` from bit `from` (LSB first), as an array of bools. */
export function bitRange(v: Int, from: number, len: number): Value[] {
  const i = bitIndex(from);
  const n = len < 0 ? 0 : len > BITS - i ? BITS - i : len;
  const out: Value[] = [];
  for (let k = 0; k < n; k++) out.push(getBit(v, i + k));
  return out;
}

export const BITS_PACKAGE: Package = [
  { name: 'get_bit', params: ['int', 'int'], fn: (_c, a) => getBit(a[0] as Int, num(a[1])) },
  {
    name: 'set_bit',
    params: ['int', 'int', 'bool'],
    mutates: true,
    fn: (_c, a) => {
      a[0] = setBit(a[0] as Int, num(a[1]), a[2] as boolean);
      return undefined;
    },
  },
  { name: 'get_bits', params: ['int', 'int', 'int'], fn: (_c, a) => getBits(a[0] as Int, num(a[1]), num(a[2])) },
  {
    name: 'set_bits',
    params: ['int', 'int', 'int', 'int'],
    mutates: true,
    fn: (_c, a) => {
      a[0] = setBits(a[0] as Int, num(a[1]), num(a[2]), a[3] as Int);
      return undefined;
    },
  },
  ...(['range', 'rangeInclusive'] as const).flatMap((t): NativeFnDef[] => [
    {
      name: 'get_bits',
      params: ['int', t],
      fn: (_c, a) => {
        const [from, len] = bitSpan(a[1] as RRange);
        return getBits(a[0] as Int, from, len);
      },
    },
    {
      name: 'set_bits',
      params: ['int', t, 'int'],
      mutates: true,
      fn: (_c, a) => {
        const [from, len] = bitSpan(a[1] as RRange);
        a[0] = setBits(a[0] as Int, from, len, a[2] as Int);
        return undefined;
      },
    },
  ]),
  { name: 'bits', params: ['int'], getter: true, fn: (_c, a) => bitRange(a[0] as Int, 0, Infinity) },
  { name: 'bits', params: ['int', 'int'], fn: (_c, a) => bitRange(a[0] as Int, num(a[1]), Infinity) },
  { name: 'bits', params: ['int', 'int', 'int'], fn: (_c, a) => bitRange(a[0] as Int, num(a[1]), num(a[2])) },
  ...(['range', 'rangeInclusive'] as const).map((t) => ({
    name: 'bits',
    params: ['int', t] as TypeTag[],
    fn: (_c: NativeCallContext, a: Value[]) => {
      const r = a[1] as RRange;
      const from = Math.max(num(r.start), 0);
      const to = Math.max(num(r.end), r.inclusive ? from - 1 : from);
      return bitRange(a[0] as Int, from, to - from + (r.inclusive ? 1 : 0));
    },
  })),
];
