/**
 * Static operation counts. Rhai counts one operation per statement and per
 * expression node it evaluates. Counting each node at run time would cost a
 * counter update per node, so the compiler charges the count of the nodes a
 * piece of code always evaluates in one go, at the points where execution can
 * repeat: each loop iteration, each script-function call and each taken
 * `if`/`switch` branch. Totals therefore track the reference closely; the
 * position reported for "Too many operations" is that of the charge point.
 */
import type { Node } from '../ast.js';

/** Operations of a statement list run as a block body (the block itself is not counted). */
export function bodyWeight(n: Node | null): number {
  if (n === null) return 0;
  if (n.k !== 'block') return stmtWeight(n);
  let w = 0;
  for (const s of n.body) w += stmtWeight(s);
  return w;
}

export function stmtWeight(n: Node): number {
  switch (n.k) {
    case 'nop':
      return 0;
    case 'call':
      return exprWeight(n); // a call statement is counted once, like the reference
    case 'let':
      return 1 + (n.init ? exprWeight(n.init) : 0);
    case 'assign':
      return 1 + exprWeight(n.value) + (n.target.k === 'var' ? 0 : exprWeight(n.target));
    case 'block':
      return 1 + bodyWeight(n);
    case 'if':
      // Branches are charged when taken.
      return 1 + exprWeight(n.cond);
    case 'while':
    case 'do':
      return 1; // condition and body are charged per iteration
    case 'for':
      return 1 + exprWeight(n.iter);
    case 'switch':
      return 1 + exprWeight(n.subject);
    case 'return':
    case 'throw':
    case 'break':
      return 1 + (n.e ? exprWeight(n.e) : 0);
    case 'try':
      return 1 + bodyWeight(n.body);
    case 'import':
      return 1 + exprWeight(n.path);
    case 'continue':
    case 'export':
      return 1;
    default:
      return 1 + exprWeight(n);
  }
}

export function exprWeight(n: Node): number {
  switch (n.k) {
    case 'lit':
    case 'var':
    case 'this':
    case 'global':
    case 'modvar':
    case 'closure':
      return 1;
    case 'interp':
      return 1 + sum(n.parts);
    case 'array':
      return 1 + sum(n.items);
    case 'map':
      return 1 + sum(n.vals);
    case 'unary':
      return 1 + exprWeight(n.e);
    case 'bin':
    case 'and':
    case 'or':
    case 'coal':
      return 1 + exprWeight(n.l) + exprWeight(n.r);
    case 'range':
      return 1 + (n.l ? exprWeight(n.l) : 0) + (n.r ? exprWeight(n.r) : 0);
    case 'index':
      return 1 + exprWeight(n.obj) + exprWeight(n.idx);
    case 'prop':
      return 1 + exprWeight(n.obj);
    case 'call':
      return 1 + sum(n.args);
    case 'method':
      return 1 + exprWeight(n.obj) + sum(n.args);
    case 'if':
    case 'switch':
    case 'while':
    case 'do':
    case 'for':
    case 'block':
    case 'try':
      // Statement-like expressions: their own charges apply.
      return stmtWeight(n);
    default:
      return 1;
  }
}

function sum(ns: Node[]): number {
  let w = 0;
  for (const x of ns) w += exprWeight(x);
  return w;
}

/** Operations charged per loop iteration: body plus condition (at least one, so `loop {}` is bounded). */
export function iterationWeight(body: Node, cond: Node | null, perIteration: number): number {
  // `while true` is `loop` once the reference's optimizer has run.
  const c = cond === null || (cond.k === 'lit' && cond.v === true) ? 0 : exprWeight(cond);
  return Math.max(1, perIteration + c + bodyWeight(body));
}
