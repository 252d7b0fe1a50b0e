/**
 * Compiler state shared by the compile-* modules: limits, the script
 * function table, and bookkeeping for the flag-vs-throw control-flow choice.
 */
import { bodyWeight } from './op-weight.js';
import { readonlyParams } from './param-use.js';
import type { EngineLimits } from '../api.js';
import type { FnDef, Node } from '../ast.js';
import { cloneValue } from '../value-utils.js';
import { RBlob, RMap, type Value } from '../values.js';
import type { Registry } from '../runtime/registry.js';
import { fnKey, type CompiledFn, type FnTable } from '../runtime/runtime.js';

/** Statement-position flags: jumps here may use the cheap flow flag. */
export const SP_RET = 1;
export const SP_LOOP = 2;

export class CState {
  /** Incremented whenever a flag-mode jump is compiled (so blocks know to check). */
  flagJumps = 0;
  /** The function being compiled needs a ReturnSignal catch. */
  throwReturn = false;
  /** The loop being compiled needs a Break/ContinueSignal catch. */
  throwLoop = false;
  readonly sizeChecks: boolean;
  /** Every compiled function and closure (their frame pools are emptied after a run). */
  readonly compiled: CompiledFn[] = [];

  constructor(
    readonly limits: EngineLimits,
    readonly registry: Registry,
    readonly fns: FnTable,
  ) {
    this.sizeChecks = limits.maxStringSize > 0 || limits.maxArraySize > 0 || limits.maxMapSize > 0;
  }

  /** Script functions callable as `name(..)` with this many args (untyped receiver first). */
  scriptFn(name: string, arity: number): CompiledFn | undefined {
    const l = this.fns.get(fnKey(name, arity));
    if (!l) return undefined;
    return l.find((c) => c.thisType === null) ?? l[0];
  }

  private fnNames: Set<string> | null = null;
  /** Names of the script's functions (any arity), plus their fnKey(name, arity) keys. */
  scriptFnNames(): Set<string> {
    return (this.fnNames ??= new Set([...this.fns.keys()].flatMap((k) => [k, k.slice(0, k.lastIndexOf('/'))])));
  }

  scriptFns(name: string, arity: number): CompiledFn[] | undefined {
    return this.fns.get(fnKey(name, arity));
  }
}

/** Creates the (body-less) CompiledFn shells for a script's function definitions. */
export function declareFns(defs: FnDef[], table: FnTable): Map<FnDef, CompiledFn> {
  const out = new Map<FnDef, CompiledFn>();
  const names = new Set(defs.flatMap((d) => [d.name, fnKey(d.name, d.params.length)]));
  for (const d of defs) {
    const cf = shellOf(d);
    cf.readonlyParams = readonlyParams(d, names);
    out.set(d, cf);
    const key = fnKey(d.name, d.params.length);
    let l = table.get(key);
    if (!l) table.set(key, (l = []));
    l.push(cf);
  }
  return out;
}

export function shellOf(d: FnDef): CompiledFn {
  const cellParams = d.params.filter((p) => p.captured).map((p) => p.slot);
  return {
    name: d.name,
    nparams: d.params.length,
    nslots: Math.max(d.layout.nslots, d.params.length),
    body: () => undefined,
    cellParams: cellParams.length ? cellParams : null,
    captureSlots: d.isClosure ? d.captures.map((c) => c.inner.slot) : null,
    catchReturn: false,
    weight: 1 + bodyWeight(d.body),
    readonlyParams: null,
    thisType: d.thisType,
    isPrivate: d.isPrivate,
    pool: [],
  };
}

/** Does evaluating this node yield a value nobody else references (no copy needed)? */
export function isFresh(n: Node): boolean {
  switch (n.k) {
    case 'var':
    case 'this':
    case 'index':
    case 'prop':
    case 'global':
    case 'modvar':
    case 'block':
    case 'if':
    case 'switch':
      return false;
    default:
      return true;
  }
}

/** Copy-on-assign for arrays, maps and blobs. */
export function copyVal(v: Value): Value {
  return typeof v === 'object' && (Array.isArray(v) || v instanceof RMap || v instanceof RBlob) ? cloneValue(v) : v;
}
