/**
 * AST → closure compilation for expressions. Every node becomes
 * `(frame) => Value`; variables are slot reads (or Cell reads when captured).
 */
import type { Node, NodeOf, VarInfo } from '../ast.js';
import { displayValue } from '../format.js';
import { FnPtr, RMap, RRange, type Value } from '../values.js';
import { Cell, type Ev, type Frame } from '../runtime/frame.js';
import { getIndex, getProp } from '../runtime/access.js';
import { rtErr } from '../runtime/errs.js';
import type { CompiledFn } from '../runtime/runtime.js';
import { compileCall, compileMethod } from './calls.js';
import { compileBin, compileLogic, compileUnary } from './ops.js';
import { exprLit, specialBin } from './ops-special.js';
import { compileStmt } from './stmt.js';
import { CState, copyVal, isFresh } from './state.js';
import { compileFnBody } from './functions.js';

const I64_MAX = 9223372036854775807n;

export function compileNode(c: CState, n: Node, sp: number): Ev {
  switch (n.k) {
    case 'lit': {
      const v = n.v;
      return () => v;
    }
    case 'var':
      return compileVarRead(n);
    case 'this': {
      const pos = n.pos;
      return (f) => {
        if (!f.hasThis) throw rtErr('ErrorUnboundThis', "'this' not bound", pos);
        return f.thisV;
      };
    }
    case 'global': {
      const { name, pos } = n;
      return (f) => {
        const g = f.rt.globals;
        if (g.has(name)) return g.get(name);
        throw rtErr('ErrorVariableNotFound', `Variable not found: global::${name}`, pos);
      };
    }
    case 'modvar': {
      const { ns, name, pos } = n;
      const nsPos = n.nsPos ?? pos;
      return (f) => f.rt.moduleVar(ns, name, pos, nsPos);
    }
    case 'interp':
      return compileInterp(c, n);
    case 'array':
      return compileArray(c, n);
    case 'map':
      return compileMap(c, n);
    case 'unary':
      return compileUnary(n.op, compileNode(c, n.e, 0), n.pos);
    case 'bin': {
      const sb = specialBin(n.op, n.l, n.r, n.pos);
      if (sb) return sb;
      const L = compileNode(c, n.l, 0);
      const r = n.r;
      const sl = r.k === 'lit' && typeof r.v === 'number' ? exprLit(n.op, L, r.v, n.pos) : null;
      return sl ?? compileBin(n.op, L, compileNode(c, r, 0), n.pos);
    }
    case 'and':
    case 'or':
    case 'coal':
      return compileLogic(n.k, compileNode(c, n.l, 0), compileNode(c, n.r, 0), n.l.pos, n.r.pos);
    case 'range':
      return compileRange(c, n);
    case 'index':
      return compileIndex(c, n);
    case 'prop':
      return compileProp(c, n);
    case 'call':
      return compileCall(c, n);
    case 'method':
      return compileMethod(c, n);
    case 'closure':
      return compileClosure(c, n);
    default:
      return compileStmt(c, n, sp);
  }
}

/** Compiles a node whose value is stored somewhere else (let, assignment, arguments): copies containers. */
export function compileValue(c: CState, n: Node): Ev {
  const e = compileNode(c, n, 0);
  if (isFresh(n)) return e;
  return (f) => copyVal(e(f));
}

export function compileVarRead(n: NodeOf<'var'>): Ev {
  const { vi, name, pos } = n;
  if (!vi) {
    return (f) => f.rt.lookupDynamic(f, name, pos);
  }
  const slot = vi.slot;
  if (vi.captured) return (f) => (f.s[slot] as unknown as Cell).v;
  return (f) => f.s[slot];
}

/** A writer for a variable slot (Cell-aware). */
export function varWriter(vi: VarInfo): (f: Frame, v: Value) => void {
  const slot = vi.slot;
  if (vi.captured) {
    return (f, v) => {
      const cell = f.s[slot] as unknown as Cell | undefined;
      if (cell instanceof Cell) cell.v = v;
      else f.s[slot] = new Cell(v) as unknown as Value;
    };
  }
  return (f, v) => {
    f.s[slot] = v;
  };
}

function compileInterp(c: CState, n: NodeOf<'interp'>): Ev {
  const pos = n.pos;
  // Literal pieces stay strings; only the `${..}` parts are closures.
  const lits: string[] = [];
  const evs: (Ev | null)[] = [];
  for (const p of n.parts) {
    if (p.k === 'lit' && typeof p.v === 'string') {
      lits.push(p.v);
      evs.push(null);
    } else {
      lits.push('');
      evs.push(compileNode(c, p, 0));
    }
  }
  const len = evs.length;
  return (f) => {
    let s = '';
    for (let i = 0; i < len; i++) {
      const e = evs[i];
      if (e === null) {
        s += lits[i];
        continue;
      }
      const v = e(f);
      s += typeof v === 'string' ? v : typeof v === 'number' ? '' + v : displayValue(v);
    }
    if (f.rt.limits.maxStringSize > 0) sized(f, s, pos);
    return s;
  };
}

function sized(f: Frame, v: Value, pos: NodeOf<'interp'>['pos']): void {
  try {
    f.rt.checkValueSize(v);
  } catch (e) {
    (e as { position: typeof pos }).position = pos;
    throw e;
  }
}

function compileArray(c: CState, n: NodeOf<'array'>): Ev {
  const items = n.items.map((it) => compileValue(c, it));
  const len = items.length;
  if (len === 0) return () => [];
  if (len === 1) {
    const [a] = items;
    return (f) => [a(f)];
  }
  if (len === 2) {
    const [a, b] = items;
    return (f) => [a(f), b(f)];
  }
  return (f) => {
    const out = new Array<Value>(len);
    for (let i = 0; i < len; i++) out[i] = items[i](f);
    return out;
  };
}

function compileMap(c: CState, n: NodeOf<'map'>): Ev {
  const keys = n.keys;
  const vals = n.vals.map((v) => compileValue(c, v));
  return (f) => {
    const m = new RMap();
    for (let i = 0; i < keys.length; i++) m.set(keys[i], vals[i](f));
    return m;
  };
}

function compileRange(c: CState, n: NodeOf<'range'>): Ev {
  const L = n.l ? compileNode(c, n.l, 0) : () => 0;
  const incl = n.incl;
  const R = n.r ? compileNode(c, n.r, 0) : () => I64_MAX;
  const open = n.r === null;
  const pos = n.pos;
  return (f) => {
    const a = L(f);
    const b = R(f);
    if ((typeof a !== 'number' && typeof a !== 'bigint') || (typeof b !== 'number' && typeof b !== 'bigint')) {
      throw rtErr('ErrorFunctionNotFound', `Function not found: ${incl ? '..=' : '..'} (${[a, b].map(tn).join(', ')})`, pos);
    }
    return new RRange(a, b, open ? false : incl);
  };
}

function tn(v: Value): string {
  return v === undefined ? '()' : typeof v === 'number' || typeof v === 'bigint' ? 'i64' : typeof v === 'string' ? 'string' : 'other';
}

function compileIndex(c: CState, n: NodeOf<'index'>): Ev {
  const O = compileNode(c, n.obj, 0);
  const I = compileNode(c, n.idx, 0);
  const { pos, safe } = n;
  if (safe) {
    return (f) => {
      const o = O(f);
      if (o === undefined) return undefined;
      return getIndex(o, I(f), pos, f.rt);
    };
  }
  const os = localSlot(n.obj);
  const is = localSlot(n.idx);
  if (n.obj.k === 'index' && !n.obj.safe && is >= 0) {
    const ms = localSlot(n.obj.obj);
    const rs = localSlot(n.obj.idx);
    if (ms >= 0 && rs >= 0) {
      // `m[r][c]` with all three locals (matrix code): one closure, no intermediate calls.
      const rpos = n.obj.pos;
      return (f) => {
        const m = f.s[ms];
        const r = f.s[rs];
        const row = Array.isArray(m) && typeof r === 'number' && r >= 0 && r < m.length ? m[r] : getIndex(m, r, rpos, f.rt);
        const c = f.s[is];
        if (Array.isArray(row) && typeof c === 'number' && c >= 0 && c < row.length) return row[c];
        return getIndex(row, c, pos, f.rt);
      };
    }
  }
  if (os >= 0 && is >= 0) {
    // `a[i]` with both locals: read the slots directly.
    return (f) => {
      const o = f.s[os];
      const i = f.s[is];
      if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) return o[i];
      return getIndex(o, i, pos, f.rt);
    };
  }
  if (is >= 0) {
    return (f) => {
      const o = O(f);
      const i = f.s[is];
      if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) return o[i];
      return getIndex(o, i, pos, f.rt);
    };
  }
  return (f) => {
    const o = O(f);
    const i = I(f);
    if (Array.isArray(o) && typeof i === 'number' && i >= 0 && i < o.length) return o[i];
    return getIndex(o, i, pos, f.rt);
  };
}

function localSlot(n: Node): number {
  return n.k === 'var' && n.vi !== null && !n.vi.captured ? n.vi.slot : -1;
}

function compileProp(c: CState, n: NodeOf<'prop'>): Ev {
  const O = compileNode(c, n.obj, 0);
  const { pos, safe, name } = n;
  return (f) => {
    const o = O(f);
    if (o instanceof RMap) return o.get(name);
    if (safe && o === undefined) return undefined;
    return getProp(o, name, pos, f.rt);
  };
}

function compileClosure(c: CState, n: NodeOf<'closure'>): Ev {
  const def = n.def;
  const cf: CompiledFn = compileFnBody(c, def);
  const outerSlots = def.captures.map((cap) => cap.outer.slot);
  const name = def.name;
  if (outerSlots.length === 0) return () => new FnPtr(name, [], cf, undefined);
  return (f) => {
    const cells: Cell[] = new Array(outerSlots.length);
    for (let i = 0; i < outerSlots.length; i++) {
      let cell = f.s[outerSlots[i]] as unknown as Cell | undefined;
      if (!(cell instanceof Cell)) {
        cell = new Cell(cell as Value);
        f.s[outerSlots[i]] = cell as unknown as Value;
      }
      cells[i] = cell;
    }
    return new FnPtr(name, [], cf, cells);
  };
}

