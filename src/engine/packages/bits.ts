/**
 * Integers as 64-bit bit-fields: get_bit/set_bit/get_bits/set_bits and the
 * helpers behind the evaluator's `x[bit]` / `x[bit] = b`. A negative bit
 * index counts from the top (-1 is bit 63).
 */
import { runtimeError } from '../errors.js';
import { normBig } from '../int.js';
import type { Package } from '../native.js';
import type { Int, Value } from '../values.js';
import { num } from './helpers.js';

const BITS = 64;

function bitIndex(bit: number): number {
  const i = bit < 0 ? (-bit <= BITS ? BITS + bit : -1) : bit < BITS ? bit : -1;
  if (i < 0) {
    throw runtimeError('ErrorBitFieldBounds', `Bit-field index ${bit} out of bounds: only ${BITS} bits in a bit-field`, {
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
  {
    name: 'bits',
    params: ['int'],
    fn: (_c, a) => {
      const out: Value[] = [];
      for (let i = 0; i < BITS; i++) out.push(getBit(a[0] as Int, i));
      return out;
    },
  },
];
