/** Entry points of the compiler: a whole script, or an eval fragment. */
import type { EngineLimits } from '../api.js';
import type { ScriptAst } from '../ast.js';
import type { Ev } from '../runtime/frame.js';
import type { Registry } from '../runtime/registry.js';
import type { CompiledFn, FnTable } from '../runtime/runtime.js';
import { compileBlock } from './stmt.js';
import { compileFnBody } from './functions.js';
import { CState, SP_RET, declareFns } from './state.js';

export interface Program {
  main: Ev;
  nslots: number;
  fns: FnTable;
  /** The main body may throw a ReturnSignal (top-level `return` inside an expression). */
  catchReturn: boolean;
  /** All functions and closures, for clearing their frame pools after a run. */
  compiled: CompiledFn[];
}

export function compileProgram(ast: ScriptAst, limits: EngineLimits, registry: Registry): Program {
  const fns: FnTable = new Map();
  const shells = declareFns(ast.fns, fns);
  const c = new CState(limits, registry, fns);
  for (const [def, shell] of shells) compileFnBody(c, def, shell);
  c.throwReturn = false;
  const main = compileBlock(c, ast.main, SP_RET);
  return { main, nslots: ast.layout.nslots, fns, catchReturn: c.throwReturn, compiled: c.compiled };
}

export function compileFragment(ast: ScriptAst, limits: EngineLimits, registry: Registry, fns: FnTable): Ev {
  const c = new CState(limits, registry, fns);
  return compileBlock(c, ast.main, SP_RET);
}
