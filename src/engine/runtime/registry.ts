/**
 * Native function registry: overload resolution by name, arity and TypeTag
 * ('any' is a wildcard; the most specific match wins), plus a per-call-site
 * monomorphic cache so hot calls skip the lookup.
 */
import { typeNameForError } from '../format.js';
import { isPure, type NativeFnDef, type Package, type TypeTag } from '../native.js';
import { tagOf } from '../value-utils.js';
import { RChar, RFloat, RMap, type Value } from '../values.js';

export class Registry {
  private readonly byName = new Map<string, NativeFnDef[]>();
  private readonly getters = new Map<string, NativeFnDef[]>();
  private readonly setters = new Map<string, NativeFnDef[]>();
  /** Names with at least one non-pure overload (see isPure). */
  private readonly nonPure = new Set<string>();

  constructor(packages: Package[]) {
    for (const pkg of packages) for (const d of pkg) this.add(d);
  }

  add(d: NativeFnDef): void {
    const table = d.setter ? this.setters : this.byName;
    let list = table.get(d.name);
    if (!list) table.set(d.name, (list = []));
    list.push(d);
    if (!d.setter && !isPure(d)) this.nonPure.add(d.name);
    if (d.getter) {
      let g = this.getters.get(d.name);
      if (!g) this.getters.set(d.name, (g = []));
      g.push(d);
    }
  }

  /** Some overload of `name` modifies its receiver: refused as a method on a constant. */
  isNonPure(name: string): boolean {
    return this.nonPure.has(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  resolve(name: string, args: Value[]): NativeFnDef | null {
    return best(this.byName.get(name), args);
  }
  getter(name: string, obj: Value): NativeFnDef | null {
    return best(this.getters.get(name), [obj]);
  }
  setter(name: string, obj: Value, v: Value): NativeFnDef | null {
    return best(this.setters.get(name), [obj, v]);
  }
  /** Some overload of `name` takes this many arguments. */
  hasArity(name: string, n: number): boolean {
    return !!this.byName.get(name)?.some((d) => d.params.length === n);
  }
}

function best(list: NativeFnDef[] | undefined, args: Value[]): NativeFnDef | null {
  if (!list) return null;
  let found: NativeFnDef | null = null;
  let bestScore = -1;
  const n = args.length;
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    const ps = d.params;
    if (ps.length !== n) continue;
    let score = 0;
    let ok = true;
    for (let j = 0; j < n; j++) {
      const p = ps[j];
      if (p === 'any') continue;
      if (p !== tagOf(args[j])) {
        ok = false;
        break;
      }
      score++;
    }
    if (ok && score > bestScore) {
      found = d;
      bestScore = score;
      if (score === n) break;
    }
  }
  return found;
}

/** Tag test without computing the full tag (cheap checks for the common tags). */
function hasTag(p: TypeTag, v: Value): boolean {
  switch (p) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'array':
      return Array.isArray(v);
    case 'float':
      return v instanceof RFloat;
    case 'bool':
      return typeof v === 'boolean';
    case 'char':
      return v instanceof RChar;
    case 'map':
      return v instanceof RMap;
    case 'unit':
      return v === undefined;
    default:
      return tagOf(v) === p;
  }
}

/** Does a cached definition still fit these arguments? */
export function fits(params: TypeTag[], args: Value[]): boolean {
  if (params.length !== args.length) return false;
  for (let j = 0; j < params.length; j++) {
    if (!hasTag(params[j], args[j])) return false;
  }
  return true;
}

/** `Function not found: name (i64, bool)` */
export function signature(name: string, args: Value[]): string {
  return `${name} (${args.map(typeNameForError).join(', ')})`;
}
