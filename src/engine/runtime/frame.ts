/**
 * Execution frames and control-flow signalling.
 *
 * Each script-function call gets a Frame with a fixed-size slot array (the
 * parser resolved every variable to a slot). `return`/`break`/`continue` in
 * statement position set `flow` instead of throwing (cheap); the rare ones
 * nested inside expressions throw a Signal that the target catches.
 */
import type { VarInfo } from '../ast.js';
import type { Value } from '../values.js';
import type { Runtime } from './runtime.js';

/** A variable shared with closures. */
export class Cell {
  constructor(public v: Value) {}
}

export const FLOW_NONE = 0;
export const FLOW_BREAK = 1;
export const FLOW_CONTINUE = 2;
export const FLOW_RETURN = 3;

export class Frame {
  flow = 0;
  /** `this` of a method-style call; `hasThis` tells unbound from a unit `this`. */
  thisV: Value = undefined;
  hasThis = false;
  /** Variables declared by `eval` in this frame (looked up by name). */
  dyn: Map<string, VarInfo> | null = null;
  constructor(
    readonly rt: Runtime,
    public s: Value[],
  ) {}
}

export type Ev = (f: Frame) => Value;

/** Thrown (rarely) when a jump sits inside an expression. */
export class BreakSignal {
  constructor(readonly v: Value) {}
}
export class ContinueSignal {}
export class ReturnSignal {
  constructor(readonly v: Value) {}
}
/** `exit(v)`: ends the whole script. */
export class ExitSignal {
  constructor(readonly v: Value) {}
}

export function isSignal(e: unknown): boolean {
  return e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal || e instanceof ExitSignal;
}
