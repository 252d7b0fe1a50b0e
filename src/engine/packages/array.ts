/**
 * Array functions (Rhai's BasicArrayPackage). args[0] is the live array;
 * other arguments are private copies. Callbacks may be closures, function
 * pointers or function names; they get an extra index argument when their
 * arity allows, or the element as `this` when they take no element parameter.
 */
import { runtimeError } from '../errors.js';
import type { NativeCallContext, NativeFn, Package, TypeTag } from '../native.js';
import { cloneValue, compareStrings, sortStrings, tagOf, valuesEqual } from '../value-utils.js';
import { FnPtr, RChar, RFloat, RRange, type Int, type Value } from '../values.js';
import { appendArray, calcIndex, calcOffsetLen, ItemCaller, defs, isFatal, num, rangeStartLen, truthy, IN_PLACE } from './helpers.js';

type Cb = FnPtr | string;
const A: TypeTag = 'array';
const CB: TypeTag[] = ['fnptr', 'string'];

function withCb(name: string, extra: TypeTag[], fn: NativeFn, flags?: { mutatesReceiver?: boolean }) {
  return CB.map((t) => ({ name, params: [A, t, ...extra], fn, ...flags }));
}

function extract(a: Value[], start: number, len: number): Value[] {
  if (a.length === 0 || len <= 0) return [];
  const [s, l] = calcOffsetLen(a.length, start, len);
  const out = a.slice(s, s + l);
  for (let i = 0; i < out.length; i++) if (typeof out[i] === 'object') out[i] = cloneValue(out[i]);
  return out;
}

function splice(a: Value[], start: number, len: number, repl: Value[]): void {
  if (a.length === 0) {
    a.push(...repl);
    return;
  }
  const [s, l] = calcOffsetLen(a.length, start, len);
  if (s >= a.length) a.push(...repl);
  else a.splice(s, l, ...repl);
}

function drainRange(a: Value[], start: number, len: number): Value[] {
  if (a.length === 0 || len <= 0) return [];
  const [s, l] = calcOffsetLen(a.length, start, len);
  return l === 0 ? [] : a.splice(s, l);
}

function retainRange(a: Value[], start: number, len: number): Value[] {
  if (a.length === 0 || len <= 0) return [];
  const [s, l] = calcOffsetLen(a.length, start, len);
  if (l === 0) return [];
  const drained = a.slice(0, s).concat(a.slice(s + l));
  const kept = a.slice(s, s + l);
  a.length = 0;
  for (let i = 0; i < kept.length; i++) a.push(kept[i]);
  return drained;
}

function indexOfValue(a: Value[], v: Value, start: number): number {
  if (a.length === 0) return -1;
  const [s] = calcOffsetLen(a.length, start, 0);
  for (let i = s; i < a.length; i++) if (valuesEqual(a[i], v)) return i;
  return -1;
}

function indexOfPred(ctx: NativeCallContext, a: Value[], f: Cb, start: number): number {
  if (a.length === 0) return -1;
  const [s] = calcOffsetLen(a.length, start, 0);
  const caller = new ItemCaller(ctx, f);
  for (let i = s; i < a.length; i++) {
    if (truthy(caller.call(a, i))) return i;
  }
  return -1;
}

function findMap(ctx: NativeCallContext, a: Value[], f: Cb, start: number): Value {
  if (a.length === 0) return undefined;
  const [s] = calcOffsetLen(a.length, start, 0);
  const caller = new ItemCaller(ctx, f);
  for (let i = s; i < a.length; i++) {
    const r = caller.call(a, i);
    if (r !== undefined) return r;
  }
  return undefined;
}

/**
 * Sorts an all-`number` int array; false if it holds bigints. A dense value
 * range uses a counting sort (O(n), fast even before the JIT warms up),
 * otherwise the native numeric sort of a Float64Array.
 */
function sortSmallInts(a: Value[], desc: boolean): boolean {
  const n = a.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (typeof x !== 'number') return false;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (max - min <= 2 * n + 1024) {
    const counts = new Uint32Array(max - min + 1);
    for (let i = 0; i < n; i++) counts[(a[i] as number) - min]++;
    let j = desc ? n - 1 : 0;
    const step = desc ? -1 : 1;
    for (let v = 0; v < counts.length; v++) {
      const x = v + min;
      for (let c = counts[v]; c > 0; c--, j += step) a[j] = x;
    }
    return true;
  }
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = a[i] as number;
  t.sort();
  if (desc) for (let i = 0; i < n; i++) a[i] = t[n - 1 - i];
  else for (let i = 0; i < n; i++) a[i] = t[i];
  return true;
}

/** Built-in sort: all elements of one type (int, float, char, string, bool, unit). */
export function sortBuiltin(ctx: NativeCallContext, a: Value[], desc: boolean): void {
  if (a.length <= 1) return;
  const tag = tagOf(a[0]);
  for (let i = 1; i < a.length; i++) {
    if (tagOf(a[i]) !== tag) {
      const what = 'elements of different types cannot be sorted';
      throw runtimeError('ErrorFunctionNotFound', `Function not found: ${what}`, { function: what });
    }
  }
  ctx.tick(a.length);
  const sign = desc ? -1 : 1;
  switch (tag) {
    case 'int':
      if (!sortSmallInts(a, desc)) a.sort((x, y) => sign * ((x as Int) < (y as Int) ? -1 : (x as Int) > (y as Int) ? 1 : 0));
      return;
    case 'float':
      rustStableSort(a, (x, y) => {
        const p = (x as RFloat).v;
        const q = (y as RFloat).v;
        return sign * (p < q ? -1 : p > q ? 1 : 0);
      });
      return;
    case 'char':
      a.sort((x, y) => sign * compareStrings((x as RChar).c, (y as RChar).c));
      return;
    case 'string':
      // Code point order, as Rust compares strings.
      sortStrings(a as string[]);
      if (desc) a.reverse();
      return;
    case 'bool':
      a.sort((x, y) => sign * ((x ? 1 : 0) - (y ? 1 : 0)));
      return;
    case 'unit':
      return;
    default:
      // Rhai leaves other element types in place.
      return;
  }
}

/**
 * Stable sort in Rust's order of comparisons for short arrays: slices of up
 * to 20 elements are insertion-sorted, each new element compared (as the
 * first argument) with its left neighbours. With a consistent comparer any
 * stable sort agrees; this also matches Rust for NaN floats and for
 * comparers that are inconsistent or have side effects.
 */
export function rustStableSort<T>(a: T[], cmp: (x: T, y: T) => number): void {
  const n = a.length;
  if (n > 20) {
    a.sort(cmp);
    return;
  }
  for (let i = 1; i < n; i++) {
    const tmp = a[i];
    let j = i;
    while (j > 0 && cmp(tmp, a[j - 1]) < 0) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = tmp;
  }
}

/** Sort with a comparer returning an int; a failing comparer counts as "equal". */
function sortWith(ctx: NativeCallContext, a: Value[], f: Cb): void {
  if (a.length <= 1) return;
  ctx.tick(a.length);
  rustStableSort(a, (x, y) => {
    let r: Value;
    try {
      r = ctx.callFn(f, [x, y]);
    } catch (e) {
      if (isFatal(e)) throw e;
      return 0;
    }
    if (typeof r === 'number') return r > 0 ? 1 : r < 0 ? -1 : 0;
    if (typeof r === 'bigint') return r > 0n ? 1 : -1;
    return 0;
  });
}

function dedupWith(ctx: NativeCallContext, a: Value[], f: Cb | undefined): void {
  if (a.length <= 1) return;
  let w = 1;
  for (let i = 1; i < a.length; i++) {
    const prev = a[w - 1];
    let same: boolean;
    if (f === undefined) same = valuesEqual(a[i], prev);
    else {
      try {
        same = truthy(ctx.callFn(f, [prev, a[i]])); // (kept element, candidate) as Rhai calls it
      } catch (e) {
        if (isFatal(e)) throw e;
        same = false;
      }
    }
    if (!same) a[w++] = a[i];
  }
  a.length = w;
}

function filterInPlace(ctx: NativeCallContext, a: Value[], f: Cb, keepMatches: boolean): Value[] {
  if (a.length === 0) return [];
  const caller = new ItemCaller(ctx, f);
  const removed: Value[] = [];
  const kept: Value[] = [];
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const hit = truthy(caller.call(a, i));
    if (hit === keepMatches) kept.push(a[i]);
    else removed.push(a[i]);
  }
  a.length = 0;
  for (let i = 0; i < kept.length; i++) a.push(kept[i]);
  return removed;
}

export const ARRAY_PACKAGE: Package = [
  { name: 'len', params: [A], getter: true, fn: (_c, a) => (a[0] as Value[]).length },
  { name: 'is_empty', params: [A], getter: true, fn: (_c, a) => (a[0] as Value[]).length === 0 },
  {
    name: 'get',
    params: [A, 'int'],
    fn: (_c, a) => {
      // Rhai uses calc_offset_len here: an index below -len reads element 0.
      const arr = a[0] as Value[];
      if (arr.length === 0) return undefined;
      const [i] = calcOffsetLen(arr.length, num(a[1]), 0);
      return i < arr.length ? cloneValue(arr[i]) : undefined;
    },
  },
  {
    name: 'set',
    ...IN_PLACE,
    params: [A, 'int', 'any'],
    fn: (_c, a) => {
      const arr = a[0] as Value[];
      if (arr.length === 0) return undefined;
      const [i] = calcOffsetLen(arr.length, num(a[1]), 0);
      if (i < arr.length) arr[i] = a[2];
      return undefined;
    },
  },
  {
    name: 'push',
    ...IN_PLACE,
    params: [A, 'any'],
    fn: (c, a) => {
      const arr = a[0] as Value[];
      c.checkArraySize(arr.length + 1);
      arr.push(a[1]);
      return undefined;
    },
  },
  {
    name: 'append',
    ...IN_PLACE,
    params: [A, A],
    fn: appendArray,
  },
  {
    name: 'insert',
    ...IN_PLACE,
    params: [A, 'int', 'any'],
    fn: (c, a) => {
      const arr = a[0] as Value[];
      c.checkArraySize(arr.length + 1);
      const idx = num(a[1]);
      const [s] = calcOffsetLen(arr.length, idx, 0);
      if (s >= arr.length) arr.push(a[2]);
      else arr.splice(s, 0, a[2]);
      return undefined;
    },
  },
  {
    name: 'pad',
    ...IN_PLACE,
    params: [A, 'int', 'any'],
    fn: (c, a) => {
      const arr = a[0] as Value[];
      const len = num(a[1]);
      if (len <= arr.length) return undefined;
      c.checkArraySize(len);
      c.tick(len - arr.length);
      const item = a[2];
      if (typeof item === 'object') {
        while (arr.length < len) arr.push(cloneValue(item));
      } else {
        // Growing by length + fill is ~4x faster than a push loop for large pads.
        const old = arr.length;
        arr.length = len;
        arr.fill(item, old);
      }
      return undefined;
    },
  },
  { name: 'pop', ...IN_PLACE, params: [A], fn: (_c, a) => (a[0] as Value[]).pop() },
  { name: 'shift', ...IN_PLACE, params: [A], fn: (_c, a) => (a[0] as Value[]).shift() },
  {
    name: 'remove',
    ...IN_PLACE,
    params: [A, 'int'],
    fn: (_c, a) => {
      const arr = a[0] as Value[];
      const i = calcIndex(arr.length, num(a[1]));
      return i < 0 ? undefined : arr.splice(i, 1)[0];
    },
  },
  { name: 'clear', ...IN_PLACE, params: [A], fn: (_c, a) => (((a[0] as Value[]).length = 0), undefined) },
  {
    name: 'truncate',
    ...IN_PLACE,
    params: [A, 'int'],
    fn: (_c, a) => {
      const arr = a[0] as Value[];
      const n = num(a[1]);
      if (n <= 0) arr.length = 0;
      else if (n < arr.length) arr.length = n;
      return undefined;
    },
  },
  {
    name: 'chop',
    ...IN_PLACE,
    params: [A, 'int'],
    fn: (_c, a) => {
      const arr = a[0] as Value[];
      const n = num(a[1]);
      if (n <= 0) arr.length = 0;
      else if (n < arr.length) arr.splice(0, arr.length - n);
      return undefined;
    },
  },
  { name: 'reverse', ...IN_PLACE, params: [A], fn: (_c, a) => ((a[0] as Value[]).reverse(), undefined) },
  {
    name: 'splice',
    ...IN_PLACE,
    params: [A, 'int', 'int', A],
    fn: (c, a) => {
      splice(a[0] as Value[], num(a[1]), num(a[2]), a[3] as Value[]);
      c.checkArraySize((a[0] as Value[]).length);
      return undefined;
    },
  },
  ...defs('splice', [[A, 'range', A], [A, 'rangeInclusive', A]], (c, a) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    splice(a[0] as Value[], s, l, a[2] as Value[]);
    c.checkArraySize((a[0] as Value[]).length);
    return undefined;
  }, IN_PLACE),
  { name: 'extract', params: [A, 'int', 'int'], fn: (_c, a) => extract(a[0] as Value[], num(a[1]), num(a[2])) },
  { name: 'extract', params: [A, 'int'], fn: (_c, a) => extract(a[0] as Value[], num(a[1]), Infinity) },
  ...defs('extract', [[A, 'range'], [A, 'rangeInclusive']], (_c, a) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return extract(a[0] as Value[], s, l);
  }),
  {
    name: 'split',
    params: [A, 'int'],
    fn: (_c, a) => {
      const arr = a[0] as Value[];
      if (arr.length === 0) return [];
      const [s, l] = calcOffsetLen(arr.length, num(a[1]), Infinity);
      if (s === 0) return l >= arr.length ? arr.splice(0, arr.length) : arr.splice(arr.length - l, l);
      return s >= arr.length ? [] : arr.splice(s, arr.length - s);
    },
  },
  ...defs('contains', [[A, 'any']], (_c, a) => indexOfValue(a[0] as Value[], a[1], 0) >= 0),
  { name: 'index_of', params: [A, 'any'], fn: (_c, a) => indexOfValue(a[0] as Value[], a[1], 0) },
  {
    name: 'index_of',
    params: [A, 'any', 'int'],
    fn: (_c, a) => indexOfValue(a[0] as Value[], a[1], num(a[2])),
  },
  { name: 'index_of', params: [A, 'fnptr'], fn: (c, a) => indexOfPred(c, a[0] as Value[], a[1] as Cb, 0) },
  {
    name: 'index_of',
    params: [A, 'fnptr', 'int'],
    fn: (c, a) => indexOfPred(c, a[0] as Value[], a[1] as Cb, num(a[2])),
  },
  ...withCb('find', [], (c, a) => {
    const arr = a[0] as Value[];
    const i = indexOfPred(c, arr, a[1] as Cb, 0);
    return i < 0 ? undefined : cloneValue(arr[i]);
  }),
  ...withCb('find', ['int'], (c, a) => {
    const arr = a[0] as Value[];
    const i = indexOfPred(c, arr, a[1] as Cb, num(a[2]));
    return i < 0 ? undefined : cloneValue(arr[i]);
  }),
  ...withCb('find_map', [], (c, a) => findMap(c, a[0] as Value[], a[1] as Cb, 0)),
  ...withCb('find_map', ['int'], (c, a) => findMap(c, a[0] as Value[], a[1] as Cb, num(a[2]))),
  ...withCb('map', [], (c, a) => {
    const arr = a[0] as Value[];
    const f = a[1] as Cb;
    const caller = new ItemCaller(c, f);
    const out: Value[] = [];
    for (let i = 0; i < arr.length; i++) out.push(caller.call(arr, i));
    return out;
  }),
  ...withCb('filter', [], (c, a) => {
    const arr = a[0] as Value[];
    const f = a[1] as Cb;
    const caller = new ItemCaller(c, f);
    const out: Value[] = [];
    for (let i = 0; i < arr.length; i++) {
      if (truthy(caller.call(arr, i))) out.push(cloneValue(arr[i]));
    }
    return out;
  }),
  ...withCb('for_each', [], (c, a) => {
    const arr = a[0] as Value[];
    const f = a[1] as Cb;
    if (!(f instanceof FnPtr)) {
      for (let i = 0; i < arr.length; i++) c.callFn(f, [arr[i]]);
      return undefined;
    }
    const withIndex = c.fnArity(f) >= 1;
    const ref = { value: undefined as Value };
    for (let i = 0; i < arr.length; i++) {
      ref.value = arr[i];
      c.callFnWithThis(f, ref, withIndex ? [i] : []);
      arr[i] = ref.value;
    }
    return undefined;
  }),
  ...withCb('some', [], (c, a) => {
    const arr = a[0] as Value[];
    const f = a[1] as Cb;
    const caller = new ItemCaller(c, f);
    for (let i = 0; i < arr.length; i++) if (truthy(caller.call(arr, i))) return true;
    return false;
  }),
  ...withCb('all', [], (c, a) => {
    const arr = a[0] as Value[];
    const f = a[1] as Cb;
    const caller = new ItemCaller(c, f);
    for (let i = 0; i < arr.length; i++) if (!truthy(caller.call(arr, i))) return false;
    return true;
  }),
  ...withCb('reduce', [], (c, a) => reduce(c, a[0] as Value[], a[1] as Cb, undefined, false)),
  ...withCb('reduce', ['any'], (c, a) => reduce(c, a[0] as Value[], a[1] as Cb, a[2], false)),
  ...withCb('reduce_rev', [], (c, a) => reduce(c, a[0] as Value[], a[1] as Cb, undefined, true)),
  ...withCb('reduce_rev', ['any'], (c, a) => reduce(c, a[0] as Value[], a[1] as Cb, a[2], true)),
  { name: 'sort', ...IN_PLACE, params: [A], fn: (c, a) => (sortBuiltin(c, a[0] as Value[], false), undefined) },
  { name: 'sort_desc', ...IN_PLACE, params: [A], fn: (c, a) => (sortBuiltin(c, a[0] as Value[], true), undefined) },
  // order: a sorted copy (the receiver is left as is).
  {
    name: 'order',
    params: [A],
    fn: (c, a) => {
      const copy = extract(a[0] as Value[], 0, Infinity);
      sortBuiltin(c, copy, false);
      return copy;
    },
  },
  ...withCb('order', [], (c, a) => {
    const copy = extract(a[0] as Value[], 0, Infinity);
    sortWith(c, copy, a[1] as Cb);
    return copy;
  }),
  ...withCb('sort', [], (c, a) => (sortWith(c, a[0] as Value[], a[1] as Cb), undefined), IN_PLACE),
  { name: 'dedup', ...IN_PLACE, params: [A], fn: (c, a) => (dedupWith(c, a[0] as Value[], undefined), undefined) },
  ...withCb('dedup', [], (c, a) => (dedupWith(c, a[0] as Value[], a[1] as Cb), undefined), IN_PLACE),
  ...withCb('retain', [], (c, a) => filterInPlace(c, a[0] as Value[], a[1] as Cb, true), IN_PLACE),
  ...withCb('drain', [], (c, a) => filterInPlace(c, a[0] as Value[], a[1] as Cb, false), IN_PLACE),
  { name: 'drain', ...IN_PLACE, params: [A, 'int', 'int'], fn: (_c, a) => drainRange(a[0] as Value[], num(a[1]), num(a[2])) },
  ...defs('drain', [[A, 'range'], [A, 'rangeInclusive']], (_c, a) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return drainRange(a[0] as Value[], s, l);
  }, IN_PLACE),
  { name: 'retain', ...IN_PLACE, params: [A, 'int', 'int'], fn: (_c, a) => retainRange(a[0] as Value[], num(a[1]), num(a[2])) },
  ...defs('retain', [[A, 'range'], [A, 'rangeInclusive']], (_c, a) => {
    const r = a[1] as RRange;
    const [s, l] = rangeStartLen(r.start, r.end, r.inclusive);
    return retainRange(a[0] as Value[], s, l);
  }, IN_PLACE),
  {
    name: 'zip',
    params: [A, A, 'fnptr'],
    fn: (c, a) => {
      const x = a[0] as Value[];
      const y = a[1] as Value[];
      const f = a[2] as Cb;
      const n = Math.min(x.length, y.length);
      const withIndex = c.fnArity(f) >= 3;
      const out: Value[] = [];
      for (let i = 0; i < n; i++) out.push(c.callFn(f, withIndex ? [x[i], y[i], i] : [x[i], y[i]]));
      return out;
    },
  },
];

function reduce(ctx: NativeCallContext, a: Value[], f: Cb, init: Value, rev: boolean): Value {
  let acc = init;
  if (a.length === 0) return acc;
  const caller = new ItemCaller(ctx, f, true);
  if (rev) for (let i = a.length - 1; i >= 0; i--) acc = caller.call(a, i, acc);
  else for (let i = 0; i < a.length; i++) acc = caller.call(a, i, acc);
  return acc;
}

