/**
 * Range functions and the `range(from, to[, step])` constructors.
 *
 * `range(a, b)` is the same value as `a..b`. Stepped ranges have no value
 * type of their own in this engine: they evaluate to the array of their
 * elements (iterating it gives the same sequence; see guardLength for limits). For `for` loops over
 * ranges the evaluator can use rangeBounds/iterateRange without allocating.
 */
import { NO_POSITION, RhaiRuntimeError, runtimeError } from '../errors.js';
import { normBig } from '../int.js';
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

type StepCtx = { checkArraySize(n: number): void; tick(n?: number): void };

/**
 * Rhai's `range(from, to, step)` errors with ErrorInFunctionCall("range",
 * ErrorArithmetic) when from + step == from (a zero step, or a float step too
 * small to move `from`).
 */
function stepZeroError(): RhaiRuntimeError {
  const e = runtimeError('ErrorArithmetic', 'step value cannot be zero');
  e.callStack.push({ fn: 'range', position: NO_POSITION, source: '' });
  return e;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const SAFE = 2 ** 53;

/** Checked i64 add (std_add): undefined on overflow. */
function addI64(x: bigint, y: bigint): bigint | undefined {
  const n = x + y;
  return n < I64_MIN || n > I64_MAX ? undefined : n;
}

/**
 * Rhai's StepRange over ints, collected: the direction is fixed by the first
 * step (empty when it points away from `to` or overflows), and iteration
 * stops, without yielding the current value, when adding the step overflows.
 */
function steppedInt(ctx: StepCtx, from: Int, to: Int, step: Int): Value[] {
  const f = num(from);
  const t = num(to);
  const st = num(step);
  if (st === 0) throw stepZeroError();
  if (Math.abs(f) + Math.abs(st) < SAFE && Math.abs(t) + Math.abs(st) < SAFE) {
    // No overflow or precision loss possible: plain numbers.
    return steppedNumbers(ctx, f, t, st, false);
  }
  const bf = BigInt(from);
  const bt = BigInt(to);
  const bs = BigInt(step);
  const first = addI64(bf, bs);
  if (first === undefined) return [];
  const dir = bf < bt && first > bf ? 1 : bf > bt && first < bf ? -1 : 0;
  const out: Value[] = [];
  if (dir === 0) return out;
  let cur = bf;
  for (;;) {
    const next = addI64(cur, bs);
    if (next === undefined) break;
    out.push(normBig(cur));
    guardLength(ctx, out.length);
    cur = next;
    if (dir > 0 ? cur >= bt : cur <= bt) break;
  }
  return out;
}

function steppedFloat(ctx: StepCtx, from: number, to: number, step: number): Value[] {
  const first = from + step;
  if (first === from) throw stepZeroError();
  const dir = from < to && first > from ? 1 : from > to && first < from ? -1 : 0;
  if (dir === 0) return [];
  return steppedNumbers(ctx, from, to, step, true);
}

/**
 * Rhai's stepped range is a lazy iterator, not an array: the script's array
 * size limit does not apply and no operations are spent up front. We
 * materialise it, so only ranges too long to hold in memory are refused
 * (after charging their operations, which a max-operations limit reports first).
 */
const MAX_MATERIALISED = 1 << 24;

function guardLength(ctx: StepCtx, count: number): void {
  if (count <= MAX_MATERIALISED) return;
  ctx.tick(count);
  throw runtimeError('ErrorDataTooLarge', 'Size of array/BLOB too large');
}

/** from, from + step, ... while before `to` (direction already checked or implied by the step's sign). */
function steppedNumbers(ctx: StepCtx, from: number, to: number, step: number, float: boolean): Value[] {
  const count = step > 0 ? Math.max(0, Math.ceil((to - from) / step)) : Math.max(0, Math.ceil((from - to) / -step));
  guardLength(ctx, count);
  const out: Value[] = [];
  if (step > 0) for (let x = from; x < to; x += step) out.push(float ? new RFloat(x) : x);
  else for (let x = from; x > to; x += step) out.push(float ? new RFloat(x) : x);
  return out;
}

const R = 'range' as const;
const RI = 'rangeInclusive' as const;

export const RANGE_PACKAGE: Package = [
  { name: 'range', params: ['int', 'int'], fn: (_c, a) => new RRange(a[0] as Int, a[1] as Int, false) },
  { name: 'range', params: ['int', 'int', 'int'], fn: (c, a) => steppedInt(c, a[0] as Int, a[1] as Int, a[2] as Int) },
  {
    name: 'range',
    params: [R, 'int'],
    fn: (c, a) => {
      const r = a[0] as RRange;
      return steppedInt(c, r.start, r.end, a[1] as Int);
    },
  },
  {
    name: 'range',
    params: [RI, 'int'],
    fn: (c, a) => {
      const r = a[0] as RRange;
      return steppedInt(c, r.start, normBig(BigInt(r.end) + 1n), a[1] as Int);
    },
  },
  {
    name: 'range',
    params: ['float', 'float', 'float'],
    fn: (c, a) => steppedFloat(c, flt(a[0]), flt(a[1]), flt(a[2])),
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
