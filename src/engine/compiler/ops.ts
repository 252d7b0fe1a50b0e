/**
 * Operators: inline fast paths for int⊕int (JS numbers in the safe range)
 * and float⊕float; everything else goes through the native registry with a
 * per-site cache ("Function not found: + (i64, bool)" when nothing fits).
 */
import type { Position } from '../errors.js';
import type { NativeFnDef } from '../native.js';
import { compareValues, valuesEqual } from '../value-utils.js';
import { RChar, RFloat, RMap, RRange, type Value } from '../values.js';
import type { Ev, Frame } from '../runtime/frame.js';
import { mismatch, rtErr } from '../runtime/errs.js';
import { fits, signature } from '../runtime/registry.js';
import type { Runtime } from '../runtime/runtime.js';

const MAX = 9007199254740991;

/** A call site of an operator: name, position and the cached overload. */
export class OpSite {
  def: NativeFnDef | null = null;
  assignDef: NativeFnDef | null = null;
  constructor(
    readonly op: string,
    readonly pos: Position,
  ) {}
}

const EPS = 2.220446049250313e-16;

/**
 * Rhai's epsilon-based float comparison (not IEEE): with max_diff =
 * max(|x|, |y|) × ε (just ε when either is zero), x > y means x - y > max_diff.
 */
export function floatCompare(op: string, x: number, y: number): boolean {
  const zero = x === 0 || y === 0;
  const md = zero ? EPS : Math.max(Math.abs(x), Math.abs(y)) * EPS;
  switch (op) {
    case '==':
      return Math.abs(x - y) < (zero ? EPS : md);
    case '!=':
      return zero ? !(Math.abs(x - y) < EPS) : Math.abs(x - y) > md;
    case '>':
      return x - y > md;
    case '>=':
      return x - y >= -md;
    case '<':
      return y - x > md;
    default:
      return y - x >= -md;
  }
}

function numOf(v: Value): number | null {
  if (v instanceof RFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** Comparison involving at least one float; null when not numeric. */
export function mixedCompare(op: string, a: Value, b: Value): boolean | null {
  if (!(a instanceof RFloat) && !(b instanceof RFloat)) return null;
  const x = numOf(a);
  const y = numOf(b);
  if (x === null || y === null) return null;
  return floatCompare(op, x, y);
}

function floatFast(op: string, x: number, y: number): Value {
  switch (op) {
    case '+':
      return new RFloat(x + y);
    case '-':
      return new RFloat(x - y);
    case '*':
      return new RFloat(x * y);
    case '/':
      return new RFloat(x / y);
    case '%':
      return new RFloat(x % y);
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
      return floatCompare(op, x, y);
  }
  return NOT_FAST;
}

const NOT_FAST = Symbol('nf') as unknown as Value;

/** The general path of a binary operator. */
export function binSlow(rt: Runtime, site: OpSite, a: Value, b: Value): Value {
  const op = site.op;
  if (a instanceof RFloat && b instanceof RFloat) {
    const r = floatFast(op, a.v, b.v);
    if (r !== NOT_FAST) return r;
  }
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    const m = mixedCompare(op, a, b);
    if (m !== null) return m;
    if (op === '==') return valuesEqual(a, b);
    if (op === '!=') return !valuesEqual(a, b);
  }
  const args = [a, b];
  let d = site.def;
  if (d === null || !fits(d.params, args)) {
    d = rt.registry.resolve(op, args);
    if (d === null) {
      if (op === '<' || op === '<=' || op === '>' || op === '>=') {
        const c = compareValues(a, b);
        if (c !== undefined) return cmpResult(op, c);
      }
      throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature(op, args)}`, site.pos);
    }
    site.def = d;
  }
  const v = rt.callNative(d, args, site.pos);
  return v;
}

function cmpResult(op: string, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

/** `a op= b`: tries an `op=` native (in-place append etc.) before the plain operator. */
export function assignOp(rt: Runtime, site: OpSite, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = binFastNum(site.op, a, b);
    if (r !== NOT_FAST) return r;
  } else if (a instanceof RFloat && b instanceof RFloat) {
    const r = floatFast(site.op, a.v, b.v);
    if (r !== NOT_FAST) return r;
  } else if (typeof a === 'string' && typeof b === 'string' && site.op === '+') {
    return strCat(rt, a, b, site.pos);
  }
  if (typeof a === 'object' && !(a instanceof RFloat)) {
    const args = [a, b];
    let d = site.assignDef;
    if (d === null || !fits(d.params, args)) d = rt.registry.resolve(site.op + '=', args);
    if (d !== null) {
      site.assignDef = d;
      rt.callNative(d, args, site.pos);
      return args[0];
    }
  }
  return binSlow(rt, site, a, b);
}

function binFastNum(op: string, a: number, b: number): Value {
  switch (op) {
    case '+': {
      const r = a + b;
      return r <= MAX && r >= -MAX ? r : NOT_FAST;
    }
    case '-': {
      const r = a - b;
      return r <= MAX && r >= -MAX ? r : NOT_FAST;
    }
    case '*': {
      const r = a * b;
      return r <= MAX && r >= -MAX ? r + 0 : NOT_FAST;
    }
    case '/':
      if (b === 0 || (b === -1 && a === -MAX)) return NOT_FAST;
      return (a - (a % b)) / b + 0;
    case '%':
      if (b === 0) return NOT_FAST;
      return (a % b) + 0;
  }
  return NOT_FAST;
}

/** Generic evaluator of a binary operator on two values (used by compound assignment too). */
export function applyBin(rt: Runtime, site: OpSite, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = binFastNum(site.op, a, b);
    if (r !== NOT_FAST) return r;
  }
  return binSlow(rt, site, a, b);
}

/** Compiles `l op r` into a closure with the type-specialised fast path inline. */
export function compileBin(op: string, L: Ev, R: Ev, pos: Position): Ev {
  const site = new OpSite(op, pos);
  switch (op) {
    case '+':
      return (f) => {
        const a = L(f);
        const b = R(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (r <= MAX && r >= -MAX) return r;
        } else if (typeof a === 'string') {
          if (typeof b === 'string') return strCat(f.rt, a, b, pos);
          if (typeof b === 'number') return strCat(f.rt, a, '' + b, pos);
        } else if (typeof b === 'string' && typeof a === 'number') return strCat(f.rt, '' + a, b, pos);
        if (a instanceof RFloat && b instanceof RFloat) return new RFloat(a.v + b.v);
        return binSlow(f.rt, site, a, b);
      };
    case '-':
      return (f) => {
        const a = L(f);
        const b = R(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (r <= MAX && r >= -MAX) return r;
        } else if (a instanceof RFloat && b instanceof RFloat) return new RFloat(a.v - b.v);
        return binSlow(f.rt, site, a, b);
      };
    case '*':
      return (f) => {
        const a = L(f);
        const b = R(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (r <= MAX && r >= -MAX) return r + 0;
        } else if (a instanceof RFloat && b instanceof RFloat) return new RFloat(a.v * b.v);
        return binSlow(f.rt, site, a, b);
      };
    case '/':
    case '%':
      return (f) => {
        const a = L(f);
        const b = R(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = binFastNum(op, a, b);
          if (r !== NOT_FAST) return r;
        } else if (a instanceof RFloat && b instanceof RFloat) return new RFloat(op === '/' ? a.v / b.v : a.v % b.v);
        return binSlow(f.rt, site, a, b);
      };
    case '<':
      return (f) => {
        const a = L(f);
        const b = R(f);
        return typeof a === 'number' && typeof b === 'number' ? a < b : binSlow(f.rt, site, a, b);
      };
    case '<=':
      return (f) => {
        const a = L(f);
        const b = R(f);
        return typeof a === 'number' && typeof b === 'number' ? a <= b : binSlow(f.rt, site, a, b);
      };
    case '>':
      return (f) => {
        const a = L(f);
        const b = R(f);
        return typeof a === 'number' && typeof b === 'number' ? a > b : binSlow(f.rt, site, a, b);
      };
    case '>=':
      return (f) => {
        const a = L(f);
        const b = R(f);
        return typeof a === 'number' && typeof b === 'number' ? a >= b : binSlow(f.rt, site, a, b);
      };
    case '==':
      return (f) => {
        const a = L(f);
        const b = R(f);
        const ta = typeof a;
        if (ta === typeof b && (ta === 'number' || ta === 'string' || ta === 'boolean')) return a === b;
        return binSlow(f.rt, site, a, b);
      };
    case '!=':
      return (f) => {
        const a = L(f);
        const b = R(f);
        const ta = typeof a;
        if (ta === typeof b && (ta === 'number' || ta === 'string' || ta === 'boolean')) return a !== b;
        return binSlow(f.rt, site, a, b);
      };
    case '&':
    case '|':
    case '^':
      return (f) => {
        const a = L(f);
        const b = R(f);
        if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) {
          return op === '&' ? a & b : op === '|' ? a | b : a ^ b;
        }
        if (typeof a === 'boolean' && typeof b === 'boolean') {
          return op === '&' ? a && b : op === '|' ? a || b : a !== b;
        }
        return binSlow(f.rt, site, a, b);
      };
    case 'in':
    case '!in': {
      const neg = op === '!in';
      return (f) => {
        const a = L(f);
        const b = R(f);
        const r = inOp(f.rt, site, a, b);
        return neg ? !r : r;
      };
    }
    default:
      return (f) => binSlow(f.rt, site, L(f), R(f));
  }
}

function strCat(rt: Runtime, a: string, b: string, pos: Position): string {
  const s = a + b;
  if (rt.limits.maxStringSize > 0) {
    try {
      rt.checkValueSize(s);
    } catch (e) {
      (e as { position: Position }).position = pos;
      throw e;
    }
  }
  return s;
}

/** `a in b`: membership, evaluated as `contains(b, a)`. */
export function inOp(rt: Runtime, site: OpSite, a: Value, b: Value): boolean {
  if (Array.isArray(b)) {
    for (let i = 0; i < b.length; i++) if (valuesEqual(b[i], a)) return true;
    return false;
  }
  if (typeof b === 'string') {
    if (typeof a === 'string') return b.includes(a);
    if (a instanceof RChar) return b.includes(a.c);
  }
  if (b instanceof RMap) {
    if (typeof a === 'string') return b.has(a);
    if (a instanceof RChar) return b.has(a.c);
  }
  if (b instanceof RRange && (typeof a === 'number' || typeof a === 'bigint')) {
    return a >= b.start && (b.inclusive ? a <= b.end : a < b.end);
  }
  const args = [b, a];
  const d = rt.registry.resolve('contains', args);
  if (!d) throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature('contains', args)}`, site.pos);
  return rt.callNative(d, args, site.pos) === true;
}

/** Unary operators. */
export function compileUnary(op: string, E: Ev, pos: Position): Ev {
  const site = new OpSite(op, pos);
  if (op === '!') {
    return (f) => {
      const a = E(f);
      if (typeof a === 'boolean') return !a;
      return unarySlow(f.rt, site, a);
    };
  }
  if (op === '-') {
    return (f) => {
      const a = E(f);
      if (typeof a === 'number') return a === 0 ? 0 : -a;
      if (a instanceof RFloat) return new RFloat(-a.v);
      return unarySlow(f.rt, site, a);
    };
  }
  return (f) => {
    const a = E(f);
    if (typeof a === 'number' || a instanceof RFloat) return a;
    return unarySlow(f.rt, site, a);
  };
}

function unarySlow(rt: Runtime, site: OpSite, a: Value): Value {
  const args = [a];
  const d = rt.registry.resolve(site.op, args);
  if (!d) throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature(site.op, args)}`, site.pos);
  return rt.callNative(d, args, site.pos);
}

/** `&&` / `||` with Rhai's bool checks; `??`. */
export function compileLogic(k: 'and' | 'or' | 'coal', L: Ev, R: Ev, lpos: Position, rpos: Position): Ev {
  if (k === 'coal') {
    return (f) => {
      const a = L(f);
      return a === undefined ? R(f) : a;
    };
  }
  const stop = k === 'or';
  return (f: Frame) => {
    const a = L(f);
    if (a === stop) return stop;
    if (typeof a !== 'boolean') throw mismatch('bool', a, lpos);
    const b = R(f);
    if (typeof b !== 'boolean') throw mismatch('bool', b, rpos);
    return b;
  };
}
