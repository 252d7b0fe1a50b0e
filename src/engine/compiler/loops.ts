/** `for` loops over ranges, arrays, strings and blobs. */
import type { NodeOf } from '../ast.js';
import { cloneArray, stringToChars } from '../value-utils.js';
import { RBlob, RRange, type Value } from '../values.js';
import { Cell, FLOW_BREAK, FLOW_CONTINUE, type Ev, type Frame } from '../runtime/frame.js';
import { rtErr } from '../runtime/errs.js';
import { compileNode } from './expr.js';
import { CState, isFresh } from './state.js';
import { loopBody } from './stmt.js';
import { iterationWeight } from './op-weight.js';
import { readonlyLoopVar } from './param-use.js';

const STOP = 1;
const GO = 0;

/** After a body run: handles flow flags; returns STOP when the loop must end (result in f.loopValue). */
function afterBody(f: Frame): number {
  const fl = f.flow;
  if (fl === FLOW_CONTINUE) {
    f.flow = 0;
    return GO;
  }
  if (fl === FLOW_BREAK) f.flow = 0;
  return STOP;
}

export function compileFor(c: CState, n: NodeOf<'for'>, sp: number): Ev {
  const I = compileNode(c, n.iter, 0);
  // Elements are copied into the loop variable unless nothing in the body could tell.
  const fresh = isFresh(n.iter) || readonlyLoopVar(n, c.scriptFnNames());
  const { B, flags } = loopBody(c, n.body, sp);
  const k = iterationWeight(n.body, null, 1);
  const slot = n.vi.slot;
  const captured = n.vi.captured;
  const islot = n.idx ? n.idx.slot : -1;
  const icaptured = n.idx ? n.idx.captured : false;
  const pos = n.pos;
  const ipos = n.iter.pos;

  const runArray = (f: Frame, arr: Value[], copy: boolean): Value => {
    // A variable is iterated as the (deep) copy the reference makes: changes to it in the body are not seen.
    if (copy) arr = cloneArray(arr);
    const rt = f.rt;
    const s = f.s;
    const cell = captured ? new Cell(undefined) : null;
    const icell = icaptured ? new Cell(undefined) : null;
    if (cell) s[slot] = cell as unknown as Value;
    if (icell) s[islot] = icell as unknown as Value;
    const len = arr.length;
    for (let i = 0; i < len && i < arr.length; i++) {
      if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
      const x = arr[i];
      if (cell) cell.v = x;
      else s[slot] = x;
      if (islot >= 0) {
        if (icell) icell.v = i;
        else s[islot] = i;
      }
      const r = B(f);
      if (flags && f.flow !== 0 && afterBody(f) === STOP) return r;
    }
    return undefined;
  };

  /** Ranges starting beyond ±2^53 (rare): a bigint counter, values normalised to Int. */
  const runBig = (f: Frame, r: RRange): Value => {
    const rt = f.rt;
    const s = f.s;
    const cell = captured ? new Cell(undefined) : null;
    if (cell) s[slot] = cell as unknown as Value;
    const end = BigInt(r.end) + (r.inclusive ? 1n : 0n);
    let ix = 0;
    for (let i = BigInt(r.start); i < end; i++, ix++) {
      if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
      const x: Value = i >= -9007199254740991n && i <= 9007199254740991n ? Number(i) : i;
      if (cell) cell.v = x;
      else s[slot] = x;
      if (islot >= 0) s[islot] = icaptured ? (new Cell(ix) as unknown as Value) : ix;
      const res = B(f);
      if (flags && f.flow !== 0 && afterBody(f) === STOP) return res;
    }
    return undefined;
  };

  return (f) => {
    const it = I(f);
    if (it instanceof RRange) {
      const a = it.start;
      const b = it.end;
      if (typeof a === 'number') {
        const rt = f.rt;
        const s = f.s;
        // A bigint end is beyond 2^53: the counter never gets there (max operations stop it first).
        const end = typeof b === 'number' ? (it.inclusive ? b + 1 : b) : b > 0n ? Infinity : -Infinity;
        const cell = captured ? new Cell(undefined) : null;
        const icell = icaptured ? new Cell(undefined) : null;
        if (cell) s[slot] = cell as unknown as Value;
        if (icell) s[islot] = icell as unknown as Value;
        if (!cell && islot < 0) {
          for (let i = a; i < end; i++) {
            if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
            s[slot] = i;
            const r = B(f);
            if (flags && f.flow !== 0 && afterBody(f) === STOP) return r;
          }
          return undefined;
        }
        for (let i = a, ix = 0; i < end; i++, ix++) {
          if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
          if (cell) cell.v = i;
          else s[slot] = i;
          if (islot >= 0) {
            if (icell) icell.v = ix;
            else s[islot] = ix;
          }
          const r = B(f);
          if (flags && f.flow !== 0 && afterBody(f) === STOP) return r;
        }
        return undefined;
      }
      return runBig(f, it);
    }
    if (Array.isArray(it)) return runArray(f, it, !fresh);
    if (typeof it === 'string') return runArray(f, stringToChars(it), false);
    if (it instanceof RBlob) return runArray(f, it.bytes.slice(), false);
    const iter = f.rt.iterate(it);
    if (iter) return runArray(f, iter, false);
    throw rtErr('ErrorFor', 'For loop expects iterable type', ipos);
  };
}

