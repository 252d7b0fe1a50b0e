/**
 * Object-map functions (Rhai's BasicMapPackage). args[0] is the live map;
 * keys() is sorted like Rhai's BTreeMap.
 */
import { mapToJson, sortedKeys } from '../format.js';
import type { NativeCallContext, Package } from '../native.js';
import { cloneValue, valuesEqual } from '../value-utils.js';
import { FnPtr, RChar, RMap, type Value } from '../values.js';
import { IN_PLACE } from './helpers.js';

const M = 'map' as const;

function key(v: Value): string {
  return typeof v === 'string' ? v : (v as RChar).c;
}

function callKV(ctx: NativeCallContext, f: FnPtr | string, m: RMap, k: string): Value {
  // Rhai's map callbacks take (key, value); a one-parameter closure gets the key and the value as `this`.
  if (f instanceof FnPtr && ctx.fnArity(f) === 1) {
    const ref = { value: m.get(k) };
    const r = ctx.callFnWithThis(f, ref, [k]);
    m.set(k, ref.value);
    return r;
  }
  return ctx.callFn(f, [k, cloneValue(m.get(k))]);
}

/** filter: copy of matches; drain: remove and return matches; retain: remove and return non-matches. */
function filterMap(ctx: NativeCallContext, m: RMap, f: FnPtr | string, mode: 'filter' | 'drain' | 'retain'): RMap {
  const hits = new RMap();
  const misses = new RMap();
  for (const k of sortedKeys(m)) {
    const r = callKV(ctx, f, m, k) === true;
    (r ? hits : misses).set(k, m.get(k));
  }
  if (mode === 'filter') return hits;
  const removed = mode === 'drain' ? hits : misses;
  for (const k of removed.keys()) m.delete(k);
  return removed;
}

export function mapEquals(a: RMap, b: RMap): boolean {
  return valuesEqual(a, b);
}

export const MAP_PACKAGE: Package = [
  { name: 'len', params: [M], fn: (_c, a) => (a[0] as RMap).size },
  { name: 'is_empty', params: [M], fn: (_c, a) => (a[0] as RMap).size === 0 },
  { name: 'contains', params: [M, 'string'], fn: (_c, a) => (a[0] as RMap).has(a[1] as string) },
  { name: 'contains', params: [M, 'char'], fn: (_c, a) => (a[0] as RMap).has(key(a[1])) },
  {
    name: 'get',
    params: [M, 'string'],
    fn: (_c, a) => cloneValue((a[0] as RMap).get(a[1] as string)),
  },
  {
    name: 'set',
    ...IN_PLACE,
    params: [M, 'string', 'any'],
    fn: (c, a) => {
      const m = a[0] as RMap;
      m.set(a[1] as string, a[2]);
      c.checkMapSize(m.size);
      return undefined;
    },
  },
  {
    name: 'remove',
    ...IN_PLACE,
    params: [M, 'string'],
    fn: (_c, a) => {
      const m = a[0] as RMap;
      const k = a[1] as string;
      const v = m.get(k);
      m.delete(k);
      return v;
    },
  },
  { name: 'clear', ...IN_PLACE, params: [M], fn: (_c, a) => ((a[0] as RMap).clear(), undefined) },
  {
    name: 'mixin',
    ...IN_PLACE,
    params: [M, M],
    fn: (c, a) => {
      const m = a[0] as RMap;
      for (const [k, v] of a[1] as RMap) m.set(k, v);
      c.checkMapSize(m.size);
      return undefined;
    },
  },
  {
    name: 'fill_with',
    ...IN_PLACE,
    params: [M, M],
    fn: (c, a) => {
      const m = a[0] as RMap;
      for (const [k, v] of a[1] as RMap) if (!m.has(k)) m.set(k, v);
      c.checkMapSize(m.size);
      return undefined;
    },
  },
  { name: 'keys', params: [M], fn: (_c, a) => sortedKeys(a[0] as RMap) },
  {
    name: 'values',
    params: [M],
    fn: (_c, a) => {
      const m = a[0] as RMap;
      return sortedKeys(m).map((k) => cloneValue(m.get(k)));
    },
  },
  { name: 'to_json', params: [M], fn: (_c, a) => mapToJson(a[0] as RMap) },
  {
    name: 'map',
    params: [M, 'fnptr'],
    fn: (c, a) => {
      const m = a[0] as RMap;
      const out = new RMap();
      for (const k of sortedKeys(m)) out.set(k, callKV(c, a[1] as FnPtr, m, k));
      return out;
    },
  },
  { name: 'filter', params: [M, 'fnptr'], fn: (c, a) => filterMap(c, a[0] as RMap, a[1] as FnPtr, 'filter') },
  { name: 'drain', ...IN_PLACE, params: [M, 'fnptr'], fn: (c, a) => filterMap(c, a[0] as RMap, a[1] as FnPtr, 'drain') },
  { name: 'retain', ...IN_PLACE, params: [M, 'fnptr'], fn: (c, a) => filterMap(c, a[0] as RMap, a[1] as FnPtr, 'retain') },
];

