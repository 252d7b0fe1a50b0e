/**
 * Per-run state: limits, operation counting and interrupt polling, output
 * sinks, call depth, script-function table and function-pointer calls. It is
 * also the NativeCallContext handed to every native function.
 */
import type { EngineLimits, RunOptions } from '../api.js';
import { NO_POSITION, type Position } from '../errors.js';
import type { NativeCallContext } from '../native.js';
import { charLength } from '../value-utils.js';
import { FnPtr, type Value } from '../values.js';
import { Cell, Frame, ReturnSignal, type Ev } from './frame.js';
import { escapedCall, escapedEval, rtErr, withPos } from './errs.js';
import { Registry, signature } from './registry.js';
import type { NativeFnDef } from '../native.js';
import type { ScopeSnapshot, VarInfo } from '../ast.js';
import { RhaiSyntaxError } from '../errors.js';
import { mismatch } from './errs.js';
import { NOT_HANDLED, callBuiltin } from './builtins.js';

export interface CompiledFn {
  name: string;
  nparams: number;
  nslots: number;
  body: Ev;
  /** Param slots captured by closures: wrapped in Cells on entry. */
  cellParams: number[] | null;
  /** Closure: slots receiving the captured cells, in capture order. */
  captureSlots: number[] | null;
  /** The body may throw a ReturnSignal (a `return` nested inside an expression). */
  catchReturn: boolean;
  /** Operations charged per call: the call plus its body's always-run nodes (compiler/op-weight.ts). */
  weight: number;
  /** Parameters that only read their argument (compiler/param-use.ts): callers may pass without copying. */
  readonlyParams: boolean[] | null;
  thisType: string | null;
  isPrivate: boolean;
  /** Reusable frames of direct calls, indexed by call depth (see compiler/calls.ts). */
  pool: Frame[];
}

/** Script functions by `name/arity`; typed-receiver variants share the key. */
export type FnTable = Map<string, CompiledFn[]>;

/**
 * A reusable frame for a call of `cf` at the current depth: calls are LIFO,
 * so the frame of depth d is free whenever a new call at depth d starts
 * (arguments are evaluated before this is taken). Slots are always written
 * before they are read (the parser resolves declarations), so stale values in
 * a reused slot array are never observable. Pools are emptied after each run.
 */
export function frameFor(rt: Runtime, cf: CompiledFn): Frame {
  const d = rt.depth;
  const pool = cf.pool;
  let fr = pool[d];
  if (fr === undefined || fr.rt !== rt) {
    fr = new Frame(rt, new Array(cf.nslots));
    pool[d] = fr;
  } else {
    fr.flow = 0;
    fr.hasThis = false;
    fr.thisV = undefined;
    fr.dyn = null;
  }
  return fr;
}

export function fnKey(name: string, arity: number): string {
  return name + '/' + arity;
}

export class Runtime implements NativeCallContext {
  ops = 0;
  nextCheck = Infinity;
  depth = 0;
  readonly maxDepth: number;
  private readonly maxOps: number;
  private readonly interruptFn?: () => string | undefined;
  /** Value of `this` left by the last method-style script call (for write-back). */
  lastThis: Value = undefined;
  readonly globals = new Map<string, Value>();
  readonly modules = new Map<string, unknown>();

  constructor(
    readonly limits: EngineLimits,
    readonly registry: Registry,
    public fns: FnTable,
    readonly opts: RunOptions,
  ) {
    this.maxDepth = limits.maxCallLevels > 0 ? limits.maxCallLevels : Infinity;
    this.maxOps = limits.maxOperations;
    this.interruptFn = opts.interrupt;
    this.resetCheck();
  }

  private resetCheck(): void {
    let next = this.maxOps > 0 ? this.maxOps : Infinity;
    if (this.interruptFn) next = Math.min(next, this.ops + 1024);
    this.nextCheck = next;
  }

  /** Called when `ops` passes `nextCheck`: enforces max operations and polls the host. */
  checkOps(pos: Position = NO_POSITION): void {
    if (this.maxOps > 0 && this.ops > this.maxOps) throw rtErr('ErrorTooManyOperations', 'Too many operations', pos);
    if (this.interruptFn) {
      const r = this.interruptFn();
      if (typeof r === 'string') throw rtErr('ErrorTerminated', `Script terminated: ${r}`, pos);
    }
    this.resetCheck();
  }

  tick(n = 1): void {
    if ((this.ops += n) > this.nextCheck) this.checkOps();
  }

  // ---- output ----
  print(text: string): void {
    this.opts.onPrint?.(text);
  }
  debug(text: string): void {
    this.opts.onDebug?.(text);
  }

  // ---- size limits ----
  checkArraySize(len: number): void {
    const m = this.limits.maxArraySize;
    if (m > 0 && len > m) throw rtErr('ErrorDataTooLarge', 'Size of array/BLOB too large', NO_POSITION);
  }
  checkStringSize(len: number): void {
    const m = this.limits.maxStringSize;
    if (m > 0 && len > m) throw rtErr('ErrorDataTooLarge', 'Length of string too large', NO_POSITION);
  }
  checkMapSize(len: number): void {
    const m = this.limits.maxMapSize;
    if (m > 0 && len > m) throw rtErr('ErrorDataTooLarge', 'Size of object map too large', NO_POSITION);
  }
  /** Checks a produced value against the size limits (only called when a limit is set). */
  checkValueSize(v: Value): void {
    if (typeof v === 'string') {
      const m = this.limits.maxStringSize;
      if (m > 0 && v.length > m && charLength(v) > m) this.checkStringSize(charLength(v));
    } else if (Array.isArray(v)) this.checkArraySize(v.length);
    else if (v instanceof Map) this.checkMapSize(v.size);
  }

  // ---- script functions ----
  isScriptFnDefined(name: string, arity: number): boolean {
    return this.fns.has(fnKey(name, arity));
  }

  scriptFn(name: string, arity: number): CompiledFn | undefined {
    const l = this.fns.get(fnKey(name, arity));
    if (!l) return undefined;
    for (const c of l) if (c.thisType === null) return c;
    return l[0];
  }

  /** Calls a compiled script function / closure. */
  callScript(cf: CompiledFn, args: Value[], thisV: Value, hasThis: boolean, cells: Cell[] | null, pos: Position): Value {
    const f = frameFor(this, cf);
    if (++this.depth > this.maxDepth) {
      this.depth--;
      throw rtErr('ErrorStackOverflow', 'Stack overflow', pos);
    }
    if ((this.ops += cf.weight) > this.nextCheck) this.checkOps(pos);
    const s = f.s;
    for (let i = 0; i < cf.nparams; i++) s[i] = args[i];
    if (cf.cellParams !== null) for (const slot of cf.cellParams) s[slot] = new Cell(s[slot]) as unknown as Value;
    if (cf.captureSlots !== null && cells !== null) {
      const cs = cf.captureSlots;
      for (let j = 0; j < cs.length; j++) s[cs[j]] = cells[j] as unknown as Value;
    }
    if (hasThis) {
      f.thisV = thisV;
      f.hasThis = true;
    }
    let v: Value;
    try {
      v = cf.body(f);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw escapedCall(e, cf.name, pos, this.opts.sourceName);
      v = e.v;
    }
    this.depth--;
    if (hasThis) this.lastThis = f.thisV;
    return v;
  }

  // ---- function pointers ----
  callFnPtr(fp: FnPtr, args: Value[], thisRef: { value: Value } | null, pos: Position): Value {
    const all = fp.curried.length > 0 ? [...fp.curried, ...args] : args;
    const cf = fp.fn as CompiledFn | undefined;
    if (cf) {
      if (all.length !== cf.nparams) throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature(fp.name, all)}`, pos);
      const v = this.callScript(cf, all, thisRef?.value, thisRef !== null, (fp.captured as Cell[]) ?? null, pos);
      if (thisRef) thisRef.value = this.lastThis;
      return v;
    }
    return this.callByName(fp.name, all, thisRef, pos);
  }

  callByName(name: string, args: Value[], thisRef: { value: Value } | null, pos: Position): Value {
    const sf = this.scriptFn(name, args.length);
    if (sf) {
      const v = this.callScript(sf, args, thisRef?.value, thisRef !== null, null, pos);
      if (thisRef) thisRef.value = this.lastThis;
      return v;
    }
    const builtin = callBuiltin(this, name, args, pos);
    if (builtin !== NOT_HANDLED) return builtin;
    if (thisRef) {
      // A native called with a `this` receives it as its first argument.
      const withThis = [thisRef.value, ...args];
      const d = this.registry.resolve(name, withThis);
      if (d) {
        const v = this.callNative(d, withThis, pos);
        thisRef.value = withThis[0];
        return v;
      }
    }
    const d = this.registry.resolve(name, args);
    if (!d) throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature(name, args)}`, pos);
    return this.callNative(d, args, pos);
  }

  callNative(d: NativeFnDef, args: Value[], pos: Position): Value {
    try {
      return d.fn(this, args);
    } catch (e) {
      throw withPos(e, pos);
    }
  }


  // ---- dynamic features: eval, modules ----
  host: RuntimeHost | null = null;
  /** Module being initialised (receives `export` statements). */
  exportTarget: ModuleInstance | null = null;
  readonly imports = new Map<string, ModuleInstance>();
  /** Module programs run by this runtime (their frame pools are emptied after the run). */
  readonly loadedModules: unknown[] = [];

  /** A name the parser could not resolve: maybe declared by an earlier `eval` in this frame. */
  lookupDynamic(f: Frame, name: string, pos: Position): Value {
    const vi = f.dyn?.get(name);
    if (vi) return vi.captured ? (f.s[vi.slot] as unknown as Cell).v : f.s[vi.slot];
    throw rtErr('ErrorVariableNotFound', `Variable not found: ${name}`, pos);
  }

  /** Assignment to a name the parser could not resolve (see lookupDynamic). */
  assignDynamic(f: Frame, name: string, v: Value, pos: Position): void {
    const vi = f.dyn?.get(name);
    if (!vi) throw rtErr('ErrorVariableNotFound', `Variable not found: ${name}`, pos);
    if (vi.captured) (f.s[vi.slot] as unknown as Cell).v = v;
    else f.s[vi.slot] = v;
  }

  evalCode(code: Value, scope: ScopeSnapshot, f: Frame, pos: Position): Value {
    if (typeof code !== 'string') throw mismatch('string', code, pos);
    let frag: { ev: Ev; declared: VarInfo[] };
    let visible = scope;
    if (f.dyn) visible = new Map([...scope, ...f.dyn]);
    let v: Value;
    try {
      try {
        frag = this.host!.compileEval(code, visible, f.s.length, this.fns);
      } catch (e) {
        if (e instanceof RhaiSyntaxError) throw rtErr('ErrorParsing', e.bareMessage, e.position);
        throw e;
      }
      v = frag.ev(f);
    } catch (e) {
      throw escapedEval(e, pos, this.opts.sourceName);
    }
    // Variables the fragment declared at its top level stay visible in this frame.
    for (const vi of frag.declared) (f.dyn ??= new Map()).set(vi.name, vi);
    return v;
  }

  exportVar(name: string, v: Value): void {
    this.exportTarget?.vars.set(name, v);
  }

  importModule(path: Value, alias: string | null, pos: Position): void {
    if (typeof path !== 'string') throw mismatch('string', path, pos);
    let m: ModuleInstance | undefined;
    try {
      m = this.host?.loadModule(path, this);
    } catch (e) {
      throw withPos(e, pos);
    }
    if (!m) throw rtErr('ErrorModuleNotFound', `Module not found: ${path}`, pos);
    if (alias) this.imports.set(alias, m);
  }

  private module(ns: string, pos: Position): ModuleInstance {
    const m = this.imports.get(ns);
    if (!m) throw rtErr('ErrorModuleNotFound', `Module not found: ${ns}`, pos);
    return m;
  }

  moduleVar(ns: string, name: string, pos: Position, nsPos: Position = pos): Value {
    const m = this.module(ns, nsPos);
    if (!m.vars.has(name)) throw rtErr('ErrorVariableNotFound', `Variable not found: ${ns}::${name}`, pos);
    return m.vars.get(name);
  }

  callModuleFn(ns: string, name: string, args: Value[], pos: Position, nsPos: Position = pos): Value {
    const m = this.module(ns, nsPos);
    const l = m.fns.get(fnKey(name, args.length));
    const cf = l?.find((c) => !c.isPrivate);
    if (!cf) throw rtErr('ErrorFunctionNotFound', `Function not found: ${ns}::${signature(name, args)}`, pos);
    const saved = this.fns;
    this.fns = m.fns;
    try {
      return this.callScript(cf, args, undefined, false, null, pos);
    } finally {
      this.fns = saved;
    }
  }

  /** Iteration over values the language does not iterate natively (none yet). */
  iterate(_v: Value): Value[] | null {
    return null;
  }

  // ---- NativeCallContext ----
  callFn(fn: FnPtr | string, args: Value[]): Value {
    if (typeof fn === 'string') return this.callByName(fn, args, null, NO_POSITION);
    return this.callFnPtr(fn, args, null, NO_POSITION);
  }
  callFnWithThis(fn: FnPtr, thisRef: { value: Value }, args: Value[]): Value {
    return this.callFnPtr(fn, args, thisRef, NO_POSITION);
  }
  fnArity(fn: FnPtr | string): number {
    const name = typeof fn === 'string' ? fn : fn.name;
    const curried = typeof fn === 'string' ? 0 : fn.curried.length;
    if (typeof fn !== 'string' && fn.fn) return (fn.fn as CompiledFn).nparams - curried;
    for (let n = 0; n < 8; n++) if (this.fns.has(fnKey(name, n))) return n - curried;
    return -1;
  }
}

export { NOT_HANDLED };

/** A loaded module: its exported functions and variables. */
export interface ModuleInstance {
  fns: FnTable;
  vars: Map<string, Value>;
}

/** What the runtime needs from the engine (compilation at run time: eval, import). */
export interface RuntimeHost {
  /** Compiles `code` as a fragment running in frame `f` with `scope` visible. */
  compileEval(code: string, scope: ScopeSnapshot, nslots: number, fns: FnTable): { ev: Ev; declared: VarInfo[] };
  /** Loads, compiles and runs a module; undefined when the resolver does not know it. */
  loadModule(path: string, rt: Runtime): ModuleInstance | undefined;
}
