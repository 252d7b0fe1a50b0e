/**
 * Assignment and lvalue updates: `x = v`, `x op= v`, `a[i][j] += v`,
 * `m.a.b = v`, `s[0] = 'X'`, `n[3] = true`. An lvalue compiles to an
 * `update(frame, g)` that reads the current leaf, stores g(leaf), and writes
 * changed immutable containers (strings, ints) back up the chain.
 */
import type { Node, NodeOf } from '../ast.js';
import type { Position } from '../errors.js';
import type { Value } from '../values.js';
import { RFloat, RMap } from '../values.js';
import { getIndex, getProp, setIndex, setProp } from '../runtime/access.js';
import { Cell, type Ev, type Frame } from '../runtime/frame.js';
import { rtErr } from '../runtime/errs.js';
import { compileNode, compileValue, varWriter } from './expr.js';
import { OpSite, applyBin, assignOp } from './ops.js';
import { CState, copyVal } from './state.js';
import { checkSize } from './stmt.js';

export type Updater = (f: Frame, g: (old: Value) => Value) => void;

function localSlot(n: Node): number {
  return n.k === 'var' && n.vi !== null && !n.vi.captured ? n.vi.slot : -1;
}

/** Is this node an assignable path (variable/this rooted chain)? */
export function isLvalue(n: Node): boolean {
  while (n.k === 'index' || n.k === 'prop') n = n.obj;
  return (n.k === 'var' && n.vi !== null) || n.k === 'this';
}

export function compileUpdate(c: CState, n: Node): Updater {
  switch (n.k) {
    case 'var': {
      const vi = n.vi;
      const pos = n.pos;
      const name = n.name;
      if (!vi) {
        // Maybe declared by an earlier eval in this frame.
        return (f, g) => f.rt.assignDynamic(f, name, g(f.rt.lookupDynamic(f, name, pos)), pos);
      }
      const slot = vi.slot;
      if (vi.captured) {
        return (f, g) => {
          const cell = f.s[slot] as unknown as Cell;
          cell.v = g(cell.v);
        };
      }
      return (f, g) => {
        f.s[slot] = g(f.s[slot]);
      };
    }
    case 'this': {
      const pos = n.pos;
      return (f, g) => {
        if (!f.hasThis) throw rtErr('ErrorUnboundThis', "'this' not bound", pos);
        f.thisV = g(f.thisV);
      };
    }
    case 'index': {
      const parent = parentUpdater(c, n.obj);
      const I = compileNode(c, n.idx, 0);
      const pos = n.pos;
      return (f, g) => {
        parent(f, (container) => {
          const k = I(f);
          const old = getIndex(container, k, pos, f.rt);
          return setIndex(container, k, g(old), pos, f.rt);
        });
      };
    }
    case 'prop': {
      const parent = parentUpdater(c, n.obj);
      const { name, pos } = n;
      return (f, g) => {
        parent(f, (container) => {
          // A plain assignment's updater takes no old value: no getter is needed (nor called).
          const old = container instanceof RMap ? container.get(name) : g.length === 0 ? undefined : getProp(container, name, pos, f.rt);
          return setProp(container, name, g(old), pos, f.rt);
        });
      };
    }
    default: {
      // A temporary: evaluate it and apply the update to the throw-away value.
      const E = compileNode(c, n, 0);
      return (f, g) => {
        g(E(f));
      };
    }
  }
}

function parentUpdater(c: CState, obj: Node): Updater {
  return compileUpdate(c, obj);
}

export function compileAssign(c: CState, n: NodeOf<'assign'>): Ev {
  const { target, op, pos } = n;
  const V = compileValue(c, n.value);
  const sizeChecks = c.sizeChecks;
  let root = target;
  while (root.k === 'index' || root.k === 'prop') root = root.obj;
  if (root !== target && ((root.k === 'var' && root.vi?.isConst) || root.k === 'global')) {
    const { name, pos: rpos } = root;
    return (f) => {
      V(f);
      throw rtErr('ErrorAssignmentToConstant', `Cannot modify constant ${name}`, rpos, { variable: name });
    };
  }
  if (op === null) {
    if (target.k === 'var' && target.vi) {
      const w = varWriter(target.vi);
      if (!sizeChecks) {
        return (f) => {
          w(f, V(f));
          return undefined;
        };
      }
      return (f) => {
        const v = V(f);
        checkSize(f, v, pos);
        w(f, v);
        return undefined;
      };
    }
    if (target.k === 'index' && target.obj.k === 'var' && target.obj.vi && !target.obj.vi.captured) {
      // `a[i] = v` on a local: no updater chain; strings/ints get the new value written back.
      const slot = target.obj.vi.slot;
      const I = compileNode(c, target.idx, 0);
      const ipos = target.pos;
      const is = localSlot(target.idx);
      if (is >= 0 && n.value.k === 'lit') {
        // `a[i] = <literal>`: both operands without closure calls.
        const lit = n.value.v;
        return (f) => {
          const a = f.s[slot];
          const i = f.s[is];
          if (Array.isArray(a) && typeof i === 'number' && i >= 0 && i < a.length) {
            a[i] = lit;
            return undefined;
          }
          const r = setIndex(a, i, lit, ipos, f.rt);
          if (r !== a) f.s[slot] = r;
          if (sizeChecks) checkSizeOfRoot(f, slot, pos);
          return undefined;
        };
      }
      return (f) => {
        const v = V(f);
        const a = f.s[slot];
        const i = I(f);
        if (Array.isArray(a) && typeof i === 'number' && i >= 0 && i < a.length) {
          a[i] = v;
          return undefined;
        }
        const r = setIndex(a, i, v, ipos, f.rt);
        if (r !== a) f.s[slot] = r;
        if (sizeChecks) checkSizeOfRoot(f, slot, pos);
        return undefined;
      };
    }
    const upd = compileUpdate(c, target);
    return (f) => {
      const v = V(f);
      upd(f, () => v);
      if (sizeChecks) checkSize(f, v, pos);
      return undefined;
    };
  }
  const site = new OpSite(op, pos);
  if (target.k === 'var' && target.vi && !target.vi.captured) {
    const slot = target.vi.slot;
    const MAX = 9007199254740991;
    const val = n.value;
    if (op === '+' && val.k === 'bin' && val.op === '*') {
      // `acc += x * y` (dot products): one float allocation instead of two.
      const X = compileNode(c, val.l, 0);
      const Y = compileNode(c, val.r, 0);
      const mulSite = new OpSite('*', val.pos);
      return (f) => {
        const x = X(f);
        const y = Y(f);
        const a = f.s[slot];
        if (x instanceof RFloat && y instanceof RFloat && a instanceof RFloat) {
          f.s[slot] = new RFloat(a.v + x.v * y.v);
          return undefined;
        }
        const b = applyBin(f.rt, mulSite, x, y);
        const r = assignOp(f.rt, site, f.s[slot], b);
        if (sizeChecks) checkSize(f, r, pos);
        f.s[slot] = r;
        return undefined;
      };
    }
    const vs = localSlot(val);
    if (op === '+' && (vs >= 0 || (val.k === 'lit' && typeof val.v === 'number')) && !sizeChecks) {
      // `x += y` / `x += 1` with ints: no closure call for the operand.
      const k = val.k === 'lit' ? (val.v as number) : 0;
      if (vs >= 0) {
        return (f) => {
          const a = f.s[slot];
          const b = f.s[vs];
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a + b;
            if (r <= MAX && r >= -MAX) {
              f.s[slot] = r;
              return undefined;
            }
          } else if (typeof a === 'string' && typeof b === 'string') {
            f.s[slot] = a + b;
            return undefined;
          }
          f.s[slot] = assignOp(f.rt, site, a, copyVal(b));
          return undefined;
        };
      }
      return (f) => {
        const a = f.s[slot];
        if (typeof a === 'number') {
          const r = a + k;
          if (r <= MAX && r >= -MAX) {
            f.s[slot] = r;
            return undefined;
          }
        }
        f.s[slot] = assignOp(f.rt, site, a, k);
        return undefined;
      };
    }
    if (op === '+' || op === '-') {
      const plus = op === '+';
      return (f) => {
        const b = V(f);
        const a = f.s[slot];
        if (typeof a === 'number' && typeof b === 'number') {
          const r = plus ? a + b : a - b;
          if (r <= MAX && r >= -MAX) {
            f.s[slot] = r;
            return undefined;
          }
        } else if (a instanceof RFloat && b instanceof RFloat) {
          f.s[slot] = new RFloat(plus ? a.v + b.v : a.v - b.v);
          return undefined;
        } else if (plus && typeof a === 'string' && typeof b === 'string' && !sizeChecks) {
          f.s[slot] = a + b;
          return undefined;
        }
        const r = assignOp(f.rt, site, a, b);
        if (sizeChecks) checkSize(f, r, pos);
        f.s[slot] = r;
        return undefined;
      };
    }
    return (f) => {
      const b = V(f);
      const r = assignOp(f.rt, site, f.s[slot], b);
      if (sizeChecks) checkSize(f, r, pos);
      f.s[slot] = r;
      return undefined;
    };
  }
  if (target.k === 'index' && target.obj.k === 'var' && target.obj.vi && !target.obj.vi.captured) {
    // `a[i] op= v` / `m[k] op= v` on a local container.
    const slot = target.obj.vi.slot;
    const I = compileNode(c, target.idx, 0);
    const ipos = target.pos;
    return (f) => {
      const b = V(f);
      const a = f.s[slot];
      const i = I(f);
      const rt = f.rt;
      if (Array.isArray(a) && typeof i === 'number' && i >= 0 && i < a.length) {
        const r = assignOp(rt, site, a[i], b);
        if (sizeChecks) checkSize(f, r, pos);
        a[i] = r;
        return undefined;
      }
      const r = assignOp(rt, site, getIndex(a, i, ipos, rt), b);
      if (sizeChecks) checkSize(f, r, pos);
      const na = setIndex(a, i, r, ipos, rt);
      if (na !== a) f.s[slot] = na;
      return undefined;
    };
  }
  const upd = compileUpdate(c, target);
  return (f) => {
    const b = V(f);
    upd(f, (old) => {
      const r = assignOp(f.rt, site, old, b);
      if (sizeChecks) checkSize(f, r, pos);
      return r;
    });
    return undefined;
  };
}

function checkSizeOfRoot(f: Frame, slot: number, pos: Position): void {
  checkSize(f, f.s[slot], pos);
}
