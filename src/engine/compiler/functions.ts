/** Compiles script-function and closure bodies into CompiledFn records. */
import type { FnDef } from '../ast.js';
import type { CompiledFn } from '../runtime/runtime.js';
import { compileNode } from './expr.js';
import { CState, SP_RET, shellOf } from './state.js';

export function compileFnBody(c: CState, def: FnDef, shell?: CompiledFn): CompiledFn {
  const cf = shell ?? shellOf(def);
  const saveRet = c.throwReturn;
  const saveLoop = c.throwLoop;
  c.throwReturn = false;
  c.throwLoop = false;
  cf.body = compileNode(c, def.body, SP_RET);
  cf.catchReturn = c.throwReturn;
  c.throwReturn = saveRet;
  c.throwLoop = saveLoop;
  def.compiled = cf;
  c.compiled.push(cf);
  return cf;
}
