/**
 * Range functions and the `range(from, to[, step])` constructors.
 *
 * `range(a, b)` is the same value as `a..b`. Stepped ranges have no value
 * type of their own in this engine: they evaluate to the array of their
 * elements (iterating it gives the same sequence). For `for` loops over
 * ranges the evaluator can use rangeBounds/iterateRange without allocating.
 */
import { runtimeError } from '../errors.js';
import type { NativeFnDef, Package } from '../native.js';
import { RFloat, RRange, type Int, type Value } from '../values.js';
import { flt, num } from './helpers.js';

/** [first, endExclusive] of an int range as numbers (bigint ends are clamped; loops that long never finish). */
export function rangeBounds(r: RRange): [number, number] {
  const s = num(r.start);
  const e = num(r.end);
  return [s, r.inclusive ? e + 1 : e];
}

/** Is n inside the range? */
export function rangeContains(r: RRange, n: Int): boolean {
  return n >= r.start && (r.inclusive ? n <= r.end : n < r.end);
}

export function rangeIsEmpty(r: RRange): boolean {
  return r.inclusive ? r.start > r.end : r.start >= r.end;
}

/** Elements of from..to by step (exclusive end; step sign decides the direction). */
export function* iterateRange(from: number, to: number, step: number): Generator<number> {
  if (step === 0) throw runtimeError('ErrorArithmetic', 'step value cannot be zero');
  if (step > 0) for (let i = from; i < to; i += step) yield i;
  else for (let i = from; i > to; i += step) yield i;
}

function stepped(ctx: { checkArraySize(n: number): void; tick(n?: number): void }, from: number, to: number, step: number, float: boolean): Value[] {
  if (step === 0) throw runtimeError('ErrorArithmetic', 'step value cannot be zero');
  const count = step > 0 ? Math.max(0, Math.ceil((to - from) / step)) : Math.max(0, Math.ceil((from - to) / -step));
  ctx.checkArraySize(count);
  ctx.tick(count);
  const out: Value[] = [];
  if (step > 0) for (let x = from; x < to; x += step) out.push(float ? new RFloat(x) : x);
  else for (let x = from; x > to; x += step) out.push(float ? new RFloat(x) : x);
  return out;
}

const R = 'range' as const;
const RI = 'rangeInclusive' as const;

export const RANGE_PACKAGE: Package = [
  { name: 'range', params: ['int', 'int'], fn: (_c, a) => new RRange(a[0] as Int, a[1] as Int, false) },
  { name: 'range', params: ['int', 'int', 'int'], fn: (c, a) => stepped(c, num(a[0]), num(a[1]), num(a[2]), false) },
  {
    name: 'range',
    params: [R, 'int'],
    fn: (c, a) => {
      const r = a[0] as RRange;
      return stepped(c, num(r.start), num(r.end), num(a[1]), false);
    },
  },
  {
    name: 'range',
    params: [RI, 'int'],
    fn: (c, a) => {
      const r = a[0] as RRange;
      return stepped(c, num(r.start), num(r.end) + 1, num(a[1]), false);
    },
  },
  {
    name: 'range',
    params: ['float', 'float', 'float'],
    fn: (c, a) => stepped(c, flt(a[0]), flt(a[1]), flt(a[2]), true),
  },
  ...[R, RI].flatMap((t): NativeFnDef[] => [
    { name: 'start', params: [t], getter: true, fn: (_c: unknown, a: Value[]) => (a[0] as RRange).start },
    { name: 'end', params: [t], getter: true, fn: (_c: unknown, a: Value[]) => (a[0] as RRange).end },
    { name: 'is_inclusive', params: [t], getter: true, fn: (_c: unknown, a: Value[]) => (a[0] as RRange).inclusive },
    { name: 'is_exclusive', params: [t], getter: true, fn: (_c: unknown, a: Value[]) => !(a[0] as RRange).inclusive },
    { name: 'is_empty', params: [t], getter: true, fn: (_c: unknown, a: Value[]) => rangeIsEmpty(a[0] as RRange) },
    { name: 'contains', params: [t, 'int'], fn: (_c: unknown, a: Value[]) => rangeContains(a[0] as RRange, a[1] as Int) },
  ]),
];
