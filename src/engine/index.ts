/** Public surface of the Rhai engine. */
import { displayValue } from './format.js';
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Value } from './values.js';

export { Engine, CompiledScript, StaticModuleResolver, type ModuleResolver } from './engine.js';
export * from './api.js';
export * from './errors.js';
export * from './values.js';
export { displayValue, debugValue, typeOfValue } from './format.js';

/** JSON for clients (see DESIGN: unit → null, big ints → decimal strings, NaN/inf → strings). */
export function valueToJson(v: Value): unknown {
  switch (typeof v) {
    case 'undefined':
      return null;
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return v.toString();
  }
  if (v instanceof RFloat) {
    const n = v.v;
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'inf';
    if (n === -Infinity) return '-inf';
    return n;
  }
  if (v instanceof RChar) return v.c;
  if (Array.isArray(v)) return v.map(valueToJson);
  if (v instanceof RMap) {
    const o: Record<string, unknown> = {};
    for (const k of [...v.keys()].sort()) o[k] = valueToJson(v.get(k));
    return o;
  }
  if (v instanceof RBlob) return v.bytes.slice();
  if (v instanceof RRange) {
    return { start: valueToJson(v.start), end: valueToJson(v.end), inclusive: v.inclusive };
  }
  if (v instanceof FnPtr) return `Fn(${v.name})`;
  if (v instanceof RTimestamp) return displayValue(v);
  return displayValue(v);
}
