/**
 * Typed AST. Variables are resolved by the parser: every declaration gets a
 * VarInfo with a slot index in its function's frame; references point at it.
 * A VarInfo captured by a closure is `captured` and lives in a shared Cell.
 */
import type { Position } from './errors.js';
import type { Value } from './values.js';

export type Pos = Position;

export interface VarInfo {
  name: string;
  slot: number;
  isConst: boolean;
  /** Captured by a closure: the slot holds a Cell shared with it. */
  captured: boolean;
  /** Declared at the script's top level (candidate for `global::NAME`). */
  topLevel: boolean;
}

/** One function body's variable layout (script function, closure or main script). */
export interface FnLayout {
  nslots: number;
}

export interface ClosureCapture {
  outer: VarInfo;
  inner: VarInfo;
}

export interface FnDef {
  name: string;
  params: VarInfo[];
  body: Node;
  layout: FnLayout;
  /** `fn int.calc()`: receiver type restriction (Rhai type word), or null. */
  thisType: string | null;
  isPrivate: boolean;
  isClosure: boolean;
  captures: ClosureCapture[];
  pos: Pos;
  /** Filled in by the compiler. */
  compiled?: unknown;
}

/** Names and variables visible at a call site (for eval / is_def_var). */
export type ScopeSnapshot = Map<string, VarInfo>;

export type SwitchCase = {
  /** Literal values to match (alternatives), or ranges. Empty for `_`. */
  values: Value[];
  guard: Node | null;
  body: Node;
};

export type Node =
  | { k: 'lit'; v: Value; pos: Pos }
  | { k: 'interp'; parts: Node[]; pos: Pos }
  | { k: 'var'; name: string; vi: VarInfo | null; pos: Pos }
  | { k: 'this'; pos: Pos }
  | { k: 'global'; name: string; pos: Pos }
  | { k: 'modvar'; ns: string; name: string; pos: Pos; nsPos?: Pos }
  | { k: 'array'; items: Node[]; pos: Pos }
  | { k: 'map'; keys: string[]; vals: Node[]; pos: Pos }
  | { k: 'unary'; op: string; e: Node; pos: Pos }
  | { k: 'bin'; op: string; l: Node; r: Node; pos: Pos }
  | { k: 'and' | 'or' | 'coal'; l: Node; r: Node; pos: Pos }
  | { k: 'range'; l: Node | null; r: Node | null; incl: boolean; pos: Pos }
  | { k: 'index'; obj: Node; idx: Node; safe: boolean; pos: Pos }
  | { k: 'prop'; obj: Node; name: string; safe: boolean; pos: Pos }
  | { k: 'call'; name: string; ns: string | null; args: Node[]; pos: Pos; scope?: ScopeSnapshot; nsPos?: Pos }
  | { k: 'method'; obj: Node; name: string; args: Node[]; safe: boolean; pos: Pos }
  | { k: 'closure'; def: FnDef; pos: Pos }
  | { k: 'block'; body: Node[]; pos: Pos }
  | { k: 'if'; cond: Node; then: Node; else: Node | null; pos: Pos }
  | { k: 'switch'; subject: Node; cases: SwitchCase[]; def: Node | null; pos: Pos }
  | { k: 'while'; cond: Node | null; body: Node; pos: Pos }
  | { k: 'do'; body: Node; cond: Node; until: boolean; pos: Pos }
  | { k: 'for'; vi: VarInfo; idx: VarInfo | null; iter: Node; body: Node; pos: Pos }
  | { k: 'assign'; target: Node; op: string | null; value: Node; pos: Pos }
  | { k: 'let'; vi: VarInfo; init: Node | null; pos: Pos; nvars: number; exported: string | null }
  | { k: 'return'; e: Node | null; pos: Pos }
  | { k: 'throw'; e: Node | null; pos: Pos }
  | { k: 'break'; e: Node | null; pos: Pos }
  | { k: 'continue'; pos: Pos }
  | { k: 'try'; body: Node; vi: VarInfo | null; handler: Node; pos: Pos }
  | { k: 'import'; path: Node; alias: string | null; pos: Pos }
  | { k: 'export'; vi: VarInfo; alias: string; pos: Pos }
  | { k: 'nop'; pos: Pos };

export type NodeOf<K extends Node['k']> = Extract<Node, { k: K }>;

export interface ScriptAst {
  main: Node[];
  layout: FnLayout;
  fns: FnDef[];
  /** Names of top-level constants/variables (for module exports). */
  topLevel: Map<string, VarInfo>;
}
