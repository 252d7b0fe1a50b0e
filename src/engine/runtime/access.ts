/**
 * Indexing and property access (read and write) for every indexable type:
 * arrays, maps, strings (by char), blobs, integer bit fields, plus property
 * getters/setters registered by the packages. Setters return the (possibly
 * new) container so immutable containers (strings, ints) can be written back.
 */
import type { Position } from '../errors.js';
import { typeNameForError, typeOfValue } from '../format.js';
import { charAt, charLength, charSlice, hasSurrogates, replaceCharAt } from '../value-utils.js';
import { FnPtr, RBlob, RChar, RMap, RRange, type Value } from '../values.js';
import { mismatch, rtErr } from './errs.js';
import type { Runtime } from './runtime.js';

function toIdx(i: Value): number | null {
  if (typeof i === 'number') return i;
  if (typeof i === 'bigint') return Number(i);
  return null;
}

function arrayBounds(i: number, len: number, pos: Position): never {
  throw rtErr('ErrorArrayBounds', `Array index ${i} out of bounds: only ${len} element${len === 1 ? '' : 's'} in array`, pos, {
    index: i,
    length: len,
  });
}

function stringBounds(i: number, len: number, pos: Position): never {
  throw rtErr('ErrorStringBounds', `String index ${i} out of bounds: only ${len} character${len === 1 ? '' : 's'} in string`, pos, {
    index: i,
    length: len,
  });
}

function bitBounds(i: number, pos: Position): never {
  throw rtErr('ErrorBitFieldBounds', `Bit-field index ${i} out of bounds: only 64 bits in bit-field`, pos, { index: i, length: 64 });
}

function mapKey(k: Value, pos: Position): string {
  if (typeof k === 'string') return k;
  if (k instanceof RChar) return k.c;
  throw mismatch('string', k, pos);
}

/** Range → [from, to) clamped char/element bounds. */
function rangeBounds(r: RRange, len: number): [number, number] {
  let a = Number(r.start);
  let b = Number(r.end);
  if (r.inclusive) b += 1;
  if (a < 0) a = Math.max(0, len + a);
  if (b < 0) b = Math.max(0, len + b);
  a = Math.min(a, len);
  b = Math.min(Math.max(b, a), len);
  return [a, b];
}

export function getIndex(obj: Value, idx: Value, pos: Position, rt: Runtime): Value {
  if (Array.isArray(obj)) {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const len = obj.length;
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) arrayBounds(i, len, pos);
    return obj[j];
  }
  if (obj instanceof RMap) return obj.get(mapKey(idx, pos));
  if (typeof obj === 'string') {
    if (idx instanceof RRange) {
      const len = charLength(obj);
      const [a, b] = rangeBounds(idx, len);
      return charSlice(obj, a, b);
    }
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const len = i < 0 || i >= obj.length || hasSurrogates(obj) ? charLength(obj) : obj.length;
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) stringBounds(i, len, pos);
    return charAt(obj, j)!;
  }
  if (obj instanceof RBlob) {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const len = obj.bytes.length;
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) arrayBounds(i, len, pos);
    return obj.bytes[j];
  }
  if (typeof obj === 'number' || typeof obj === 'bigint') {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const bit = i < 0 ? 64 + i : i;
    if (bit < 0 || bit >= 64) bitBounds(i, pos);
    return ((BigInt(obj) >> BigInt(bit)) & 1n) === 1n;
  }
  // Custom indexers registered as natives.
  const d = rt.registry.resolve('index$get$', [obj, idx]);
  if (d) return rt.callNative(d, [obj, idx], pos);
  throw rtErr('ErrorIndexingType', `Indexer unavailable: ${typeNameForError(obj)}`, pos);
}

/** Sets obj[idx] = v; returns the container (a new value for strings and ints). */
export function setIndex(obj: Value, idx: Value, v: Value, pos: Position, rt: Runtime): Value {
  if (Array.isArray(obj)) {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const len = obj.length;
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) arrayBounds(i, len, pos);
    obj[j] = v;
    return obj;
  }
  if (obj instanceof RMap) {
    const k = mapKey(idx, pos);
    if (!obj.has(k) && rt.limits.maxMapSize > 0) sizeCheck(() => rt.checkMapSize(obj.size + 1), pos);
    obj.set(k, v);
    return obj;
  }
  if (typeof obj === 'string') {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    if (!(v instanceof RChar)) throw mismatch('char', v, pos);
    const len = charLength(obj);
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) stringBounds(i, len, pos);
    return replaceCharAt(obj, j, v.c);
  }
  if (obj instanceof RBlob) {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const len = obj.bytes.length;
    const j = i < 0 ? len + i : i;
    if (j < 0 || j >= len) arrayBounds(i, len, pos);
    if (typeof v !== 'number' && typeof v !== 'bigint') throw mismatch('i64', v, pos);
    obj.bytes[j] = Number(BigInt.asUintN(8, BigInt(v)));
    return obj;
  }
  if (typeof obj === 'number' || typeof obj === 'bigint') {
    const i = toIdx(idx);
    if (i === null) throw mismatch('i64', idx, pos);
    const bit = i < 0 ? 64 + i : i;
    if (bit < 0 || bit >= 64) bitBounds(i, pos);
    if (typeof v !== 'boolean') throw mismatch('bool', v, pos);
    const mask = 1n << BigInt(bit);
    let b = BigInt(obj);
    b = v ? b | mask : b & ~mask;
    b = BigInt.asIntN(64, b);
    return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
  }
  const d = rt.registry.resolve('index$set$', [obj, idx, v]);
  if (d) {
    const args = [obj, idx, v];
    rt.callNative(d, args, pos);
    return args[0];
  }
  throw rtErr('ErrorIndexingType', `Indexer unavailable: ${typeNameForError(obj)}`, pos);
}

function sizeCheck(fn: () => void, pos: Position): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && 'position' in e) (e as { position: Position }).position = pos;
    throw e;
  }
}

export function getProp(obj: Value, name: string, pos: Position, rt: Runtime): Value {
  if (obj instanceof RMap) return obj.get(name);
  const d = rt.registry.getter(name, obj);
  if (d) return rt.callNative(d, [obj], pos);
  if (obj instanceof FnPtr && name === 'name') return obj.name;
  const msg = `Unknown property '${name}' - a getter is not registered for type '${typeOfValue(obj)}'`;
  throw rtErr('ErrorDotExpr', msg, pos, { property: msg });
}

export function setProp(obj: Value, name: string, v: Value, pos: Position, rt: Runtime): Value {
  if (obj instanceof RMap) {
    if (!obj.has(name) && rt.limits.maxMapSize > 0) sizeCheck(() => rt.checkMapSize(obj.size + 1), pos);
    obj.set(name, v);
    return obj;
  }
  const d = rt.registry.setter(name, obj, v);
  if (d) {
    const args = [obj, v];
    rt.callNative(d, args, pos);
    return args[0];
  }
  const msg = `No writable property '${name}' - a setter is not registered for type '${typeOfValue(obj)}' to handle '${typeOfValue(v)}'`;
  throw rtErr('ErrorDotExpr', msg, pos, { property: msg });
}
