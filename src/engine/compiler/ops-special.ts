/**
 * Specialised closures for the most frequent operator shapes: a local
 * (non-captured) variable against a small int literal or another local,
 * e.g. `n < 2`, `n - 1`, `i % 7`, `a + b`. Reading the slot directly saves two
 * closure calls per operation; each shape/op is its own function literal so
 * V8 keeps separate, monomorphic type feedback for it.
 */
import type { Node } from '../ast.js';
import type { Position } from '../errors.js';
import type { Value } from '../values.js';
import type { Ev } from '../runtime/frame.js';
import { OpSite, binSlow } from './ops.js';

const MAX = 9007199254740991;

function localSlot(n: Node): number {
  return n.k === 'var' && n.vi !== null && !n.vi.captured ? n.vi.slot : -1;
}

export function specialBin(op: string, l: Node, r: Node, pos: Position): Ev | null {
  const a = localSlot(l);
  if (a < 0) return null;
  const site = new OpSite(op, pos);
  if (r.k === 'lit' && typeof r.v === 'number') return varLit(op, a, r.v, site);
  const b = localSlot(r);
  if (b >= 0) return varVar(op, a, b, site);
  return null;
}

function varLit(op: string, s: number, k: number, site: OpSite): Ev | null {
  const kv: Value = k;
  switch (op) {
    case '+':
      return (f) => {
        const x = f.s[s];
        if (typeof x === 'number') {
          const r = x + k;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '-':
      return (f) => {
        const x = f.s[s];
        if (typeof x === 'number') {
          const r = x - k;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '*':
      return (f) => {
        const x = f.s[s];
        if (typeof x === 'number') {
          const r = x * k;
          if (r <= MAX && r >= -MAX) return r + 0;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '%':
      if (k === 0) return null;
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? (x % k) + 0 : binSlow(f.rt, site, x, kv);
      };
    case '<':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x < k : binSlow(f.rt, site, x, kv);
      };
    case '<=':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x <= k : binSlow(f.rt, site, x, kv);
      };
    case '>':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x > k : binSlow(f.rt, site, x, kv);
      };
    case '>=':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x >= k : binSlow(f.rt, site, x, kv);
      };
    case '==':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x === k : binSlow(f.rt, site, x, kv);
      };
    case '!=':
      return (f) => {
        const x = f.s[s];
        return typeof x === 'number' ? x !== k : binSlow(f.rt, site, x, kv);
      };
  }
  return null;
}

/** `<expr> op <int literal>`: saves the literal's closure call. */
export function exprLit(op: string, L: Ev, k: number, pos: Position): Ev | null {
  const site = new OpSite(op, pos);
  const kv: Value = k;
  switch (op) {
    case '+':
      return (f) => {
        const x = L(f);
        if (typeof x === 'number') {
          const r = x + k;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '-':
      return (f) => {
        const x = L(f);
        if (typeof x === 'number') {
          const r = x - k;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '*':
      return (f) => {
        const x = L(f);
        if (typeof x === 'number') {
          const r = x * k;
          if (r <= MAX && r >= -MAX) return r + 0;
        }
        return binSlow(f.rt, site, x, kv);
      };
    case '%':
      if (k === 0) return null;
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? (x % k) + 0 : binSlow(f.rt, site, x, kv);
      };
    case '<':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x < k : binSlow(f.rt, site, x, kv);
      };
    case '<=':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x <= k : binSlow(f.rt, site, x, kv);
      };
    case '>':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x > k : binSlow(f.rt, site, x, kv);
      };
    case '>=':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x >= k : binSlow(f.rt, site, x, kv);
      };
    case '==':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x === k : binSlow(f.rt, site, x, kv);
      };
    case '!=':
      return (f) => {
        const x = L(f);
        return typeof x === 'number' ? x !== k : binSlow(f.rt, site, x, kv);
      };
  }
  return null;
}

function varVar(op: string, s: number, t: number, site: OpSite): Ev | null {
  switch (op) {
    case '+':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x + y;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, y);
      };
    case '-':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x - y;
          if (r <= MAX && r >= -MAX) return r;
        }
        return binSlow(f.rt, site, x, y);
      };
    case '*':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x * y;
          if (r <= MAX && r >= -MAX) return r + 0;
        }
        return binSlow(f.rt, site, x, y);
      };
    case '<':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        return typeof x === 'number' && typeof y === 'number' ? x < y : binSlow(f.rt, site, x, y);
      };
    case '<=':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        return typeof x === 'number' && typeof y === 'number' ? x <= y : binSlow(f.rt, site, x, y);
      };
    case '>':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        return typeof x === 'number' && typeof y === 'number' ? x > y : binSlow(f.rt, site, x, y);
      };
    case '>=':
      return (f) => {
        const x = f.s[s];
        const y = f.s[t];
        return typeof x === 'number' && typeof y === 'number' ? x >= y : binSlow(f.rt, site, x, y);
      };
  }
  return null;
}
