/**
 * Function calls: script functions (resolved at compile time, called with a
 * fresh slot array), language built-ins, natives (per-site cached overload),
 * and method calls `x.f(..)` with receiver write-back for mutating natives
 * and `this`-assigning script methods.
 */
import type { Node, NodeOf, VarInfo } from '../ast.js';
import type { Position, RhaiRuntimeError } from '../errors.js';
import { displayValue, typeOfValue } from '../format.js';
import type { NativeFnDef } from '../native.js';
import { tagOf } from '../value-utils.js';
import { FnPtr, RMap, type Value } from '../values.js';
import { callBuiltin, debugLine } from '../runtime/builtins.js';
import { Cell, Frame, ReturnSignal, type Ev } from '../runtime/frame.js';
import { escapedCall, rtErr } from '../runtime/errs.js';
import { fits, signature } from '../runtime/registry.js';
import { NOT_HANDLED, frameFor, type CompiledFn, type Runtime } from '../runtime/runtime.js';
import { compileUpdate, isLvalue } from './assign.js';
import { visit } from './param-use.js';
import { compileNode, compileValue } from './expr.js';
import { CState, copyVal } from './state.js';

/** Runs a script function on a frame whose parameter slots are filled. */
export function invoke(rt: Runtime, cf: CompiledFn, f: Frame, pos: Position): Value {
  if (++rt.depth > rt.maxDepth) {
    rt.depth--;
    throw rtErr('ErrorStackOverflow', 'Stack overflow', pos);
  }
  if ((rt.ops += cf.weight) > rt.nextCheck) rt.checkOps(pos);
  const s = f.s;
  if (cf.cellParams !== null) for (const slot of cf.cellParams) s[slot] = new Cell(s[slot]) as unknown as Value;
  let v: Value;
  try {
    v = cf.body(f);
  } catch (e) {
    if (!(e instanceof ReturnSignal)) throw escapedCall(e, cf.name, pos, rt.opts.sourceName);
    v = e.v;
  }
  rt.depth--;
  return v;
}

function notFound(name: string, args: Value[], pos: Position): never {
  throw rtErr('ErrorFunctionNotFound', `Function not found: ${signature(name, args)}`, pos);
}

class NativeSite {
  def: NativeFnDef | null = null;
}

function callNativeCached(rt: Runtime, site: NativeSite, name: string, args: Value[], pos: Position): Value {
  let d = site.def;
  if (d === null || !fits(d.params, args)) {
    d = rt.registry.resolve(name, args);
    if (d === null) {
      const sf = rt.scriptFn(name, args.length);
      if (sf) return rt.callScript(sf, args, undefined, false, null, pos);
      notFound(name, args, pos);
    }
    site.def = d;
  }
  return rt.callNative(d, args, pos);
}

export function compileCall(c: CState, n: NodeOf<'call'>): Ev {
  const { name, pos } = n;
  const nargs = n.args.length;
  if (n.ns !== null) {
    const ns = n.ns;
    const nsPos = n.nsPos ?? pos;
    const evs = n.args.map((a) => compileValue(c, a));
    return (f) => f.rt.callModuleFn(ns, name, evs.map((e) => e(f)), pos, nsPos);
  }
  const special = compileSpecial(c, n);
  if (special) return special;
  const cf = c.scriptFn(name, nargs);
  if (cf) return compileScriptCall(cf, scriptArgs(c, cf, n.args), pos);
  const site = new NativeSite();
  if (byRefFirstArg(n)) return compileByRefCall(c, n, site);
  const evs = n.args.map((a) => compileValue(c, a));
  switch (nargs) {
    case 0:
      return (f) => callNativeCached(f.rt, site, name, [], pos);
    case 1: {
      const [a] = evs;
      return (f) => callNativeCached(f.rt, site, name, [a(f)], pos);
    }
    case 2: {
      const [a, b] = evs;
      return (f) => callNativeCached(f.rt, site, name, [a(f), b(f)], pos);
    }
    default:
      return (f) => callNativeCached(f.rt, site, name, evs.map((e) => e(f)), pos);
  }
}

/**
 * Rhai turns `f(x, ..)` with a plain variable `x` into `x.f(..)` for natives:
 * `push(a, 1)` and `pad(s, 5, '+')` modify the variable. Not for constants
 * (they pass a copy, no error), closure-shared variables, or script functions.
 */
export function byRefFirstArg(n: NodeOf<'call'>): boolean {
  if (n.ns !== null || n.args.length === 0) return false;
  const a = n.args[0];
  return (a.k === 'var' && a.vi !== null && !a.vi.isConst && !a.vi.captured) || a.k === 'this';
}

function compileByRefCall(c: CState, n: NodeOf<'call'>, site: NativeSite): Ev {
  const { name, pos } = n;
  const first = compileNode(c, n.args[0], 0);
  const upd = compileUpdate(c, n.args[0]);
  const rest = n.args.slice(1).map((a) => compileValue(c, a));
  const nrest = rest.length;
  return (f) => {
    // Like Rhai, the other arguments are evaluated before the variable is taken.
    const args = new Array<Value>(nrest + 1);
    for (let i = 0; i < nrest; i++) args[i + 1] = rest[i](f);
    const recv = first(f);
    args[0] = recv;
    const rt = f.rt;
    let d = site.def;
    if (d === null || !fits(d.params, args)) {
      d = rt.registry.resolve(name, args);
      if (d === null) {
        // A script function (e.g. defined by eval) gets a copy.
        const sf = rt.scriptFn(name, args.length);
        args[0] = copyVal(recv);
        if (sf) return rt.callScript(sf, args, undefined, false, null, pos);
        notFound(name, args, pos);
      }
      site.def = d;
    }
    const r = rt.callNative(d, args, pos);
    if (args[0] !== recv) upd(f, () => args[0]);
    return r;
  };
}

/**
 * Arguments of a direct script-function call. An argument read from a local
 * variable goes uncopied into a read-only parameter, unless another argument
 * could change that variable before the call starts.
 */
function scriptArgs(c: CState, cf: CompiledFn, args: Node[]): Ev[] {
  const ro = cf.readonlyParams;
  return args.map((a, i) => {
    if (ro === null || !ro[i]) return compileValue(c, a);
    let root = a;
    while (root.k === 'index' || root.k === 'prop') root = root.obj;
    if (root.k !== 'var' || root.vi === null || root.vi.captured) return compileValue(c, a);
    const vi = root.vi;
    const touched = args.some((b, j) => j !== i && mutatesVar(b, vi));
    return touched ? compileValue(c, a) : compileNode(c, a, 0);
  });
}

/** Could evaluating `n` modify variable `vi` (a method call, by-reference call or assignment rooted at it)? */
function mutatesVar(n: Node, vi: VarInfo): boolean {
  let found = false;
  visit(n, (x) => {
    if (x.k === 'call' && byRefFirstArg(x) && x.args[0].k === 'var' && x.args[0].vi === vi) found = true;
    if (x.k !== 'method' && x.k !== 'assign') return;
    let r = x.k === 'method' ? x.obj : x.target;
    while (r.k === 'index' || r.k === 'prop' || r.k === 'method') r = r.obj;
    if (r.k === 'var' && r.vi === vi) found = true;
  });
  return found;
}

function compileScriptCall(cf: CompiledFn, evs: Ev[], pos: Position): Ev {
  const n = evs.length;
  if (n === 0) {
    return (f) => invoke(f.rt, cf, frameFor(f.rt, cf), pos);
  }
  if (n === 1) {
    const [a] = evs;
    return (f) => {
      const x = a(f);
      const fr = frameFor(f.rt, cf);
      fr.s[0] = x;
      return invoke(f.rt, cf, fr, pos);
    };
  }
  if (n === 2) {
    const [a, b] = evs;
    return (f) => {
      const x = a(f);
      const y = b(f);
      const fr = frameFor(f.rt, cf);
      fr.s[0] = x;
      fr.s[1] = y;
      return invoke(f.rt, cf, fr, pos);
    };
  }
  return (f) => {
    const xs = new Array<Value>(n);
    for (let i = 0; i < n; i++) xs[i] = evs[i](f);
    const fr = frameFor(f.rt, cf);
    for (let i = 0; i < n; i++) fr.s[i] = xs[i];
    return invoke(f.rt, cf, fr, pos);
  };
}

/** print / debug / type_of / eval / is_def_var ... compiled without a registry lookup. */
function compileSpecial(c: CState, n: NodeOf<'call'>): Ev | null {
  const { name, pos } = n;
  const nargs = n.args.length;
  if (c.scriptFn(name, nargs) && !KEYWORD_FNS.has(name)) return null;
  const evs = () => n.args.map((a) => compileValue(c, a));
  switch (name) {
    case 'print':
      if (nargs !== 1) return null;
      {
        const [a] = evs();
        return (f) => {
          const v = a(f);
          f.rt.print(typeof v === 'string' ? v : displayValue(v));
          return undefined;
        };
      }
    case 'debug':
      if (nargs !== 1) return null;
      {
        const [a] = evs();
        return (f) => {
          f.rt.debug(debugLine(f.rt, a(f), pos));
          return undefined;
        };
      }
    case 'type_of':
      if (nargs !== 1) return null;
      {
        const [a] = evs();
        return (f) => typeOfValue(a(f));
      }
    case 'is_def_var': {
      if (nargs !== 1) return null;
      const [a] = evs();
      const scope = n.scope!;
      return (f) => {
        const v = a(f);
        return typeof v === 'string' && scope.has(v);
      };
    }
    case 'is_shared': {
      if (nargs !== 1) return null;
      const arg = n.args[0];
      const shared = arg.k === 'var' && !!arg.vi?.captured;
      return () => shared;
    }
    case 'eval': {
      if (nargs !== 1) return null;
      const [a] = evs();
      const scope = n.scope!;
      return (f) => f.rt.evalCode(a(f), scope, f, pos);
    }
    case 'Fn':
    case 'call':
    case 'curry':
    case 'is_def_fn':
    case 'exit': {
      const es = evs();
      return (f) => {
        const r = callBuiltin(f.rt, name, es.map((e) => e(f)), pos);
        if (r === NOT_HANDLED) notFound(name, es.map((e) => e(f)), pos);
        return r;
      };
    }
  }
  return null;
}

const KEYWORD_FNS = new Set(['print', 'debug', 'type_of', 'eval', 'is_def_var', 'is_shared', 'Fn', 'call', 'curry', 'is_def_fn']);

function rootIsConst(n: Node): boolean {
  while (n.k === 'index' || n.k === 'prop') n = n.obj;
  // `global::X` only reaches constants.
  return (n.k === 'var' && !!n.vi?.isConst) || n.k === 'global';
}

function nonPure(name: string, pos: Position): RhaiRuntimeError {
  return rtErr('ErrorNonPureMethodCallOnConstant', `Non-pure method '${name}' cannot be called on constant`, pos, { function: name });
}

function thisTypeMatches(t: string, v: Value): boolean {
  const tag = tagOf(v);
  switch (t) {
    case 'int':
    case 'i64':
      return tag === 'int';
    case 'float':
    case 'f64':
      return tag === 'float';
    case 'string':
    case 'str':
      return tag === 'string';
    case 'Fn':
      return tag === 'fnptr';
    case 'range':
      return tag === 'range' || tag === 'rangeInclusive';
    default:
      return tag === t || typeOfValue(v) === t;
  }
}

function pickMethod(cands: CompiledFn[] | undefined, recv: Value): CompiledFn | null {
  if (!cands) return null;
  let untyped: CompiledFn | null = null;
  for (const cf of cands) {
    if (cf.thisType === null) untyped ??= cf;
    else if (thisTypeMatches(cf.thisType, recv)) return cf;
  }
  return untyped;
}

export function compileMethod(c: CState, n: NodeOf<'method'>): Ev {
  const { name, pos, safe } = n;
  const O = compileNode(c, n.obj, 0);
  const evs = n.args.map((a) => compileValue(c, a));
  const nargs = evs.length;
  const lvalue = isLvalue(n.obj);
  const upd = lvalue ? compileUpdate(c, n.obj) : null;
  const cands = c.scriptFns(name, nargs);
  const site = new NativeSite();
  const constRoot = rootIsConst(n.obj);
  // Natives flagged mutates/mutatesReceiver (native.ts isPure) refuse a constant receiver.
  const onConst = constRoot && c.registry.isNonPure(name);
  const writeBack = (f: Frame, v: Value) => {
    if (upd) upd(f, () => v);
  };
  const generic = (f: Frame, recv: Value): Value => {
    const rt = f.rt;
    let args: Value[];
    switch (nargs) {
      case 0:
        args = [recv];
        break;
      case 1:
        args = [recv, evs[0](f)];
        break;
      default:
        args = [recv];
        for (let i = 0; i < nargs; i++) args.push(evs[i](f));
    }
    // Cached native overload first: the overwhelmingly common case.
    let d = site.def;
    if (onConst) return constReceiver(rt, f, recv, args);
    if (d !== null && cands === undefined && fits(d.params, args)) {
      const r = rt.callNative(d, args, pos);
      if (args[0] !== recv) writeBack(f, args[0]);
      return r;
    }
    if (recv instanceof FnPtr) {
      if (name === 'call') return rt.callFnPtr(recv, args.slice(1), null, pos);
      if (name === 'curry') return new FnPtr(recv.name, [...recv.curried, ...args.slice(1)], recv.fn, recv.captured);
    }
    if (recv instanceof RMap) {
      const p = recv.get(name);
      if (p instanceof FnPtr) {
        const ref = { value: recv as Value };
        const r = rt.callFnPtr(p, args.slice(1), ref, pos);
        if (ref.value !== recv) writeBack(f, ref.value);
        return r;
      }
    }
    const cf = pickMethod(cands, recv);
    if (cf) {
      if (constRoot) return rt.callScript(cf, args.slice(1), copyVal(recv), true, null, pos);
      const r = rt.callScript(cf, args.slice(1), recv, true, null, pos);
      const nt = rt.lastThis;
      if (nt !== recv) writeBack(f, nt);
      return r === recv ? copyVal(r) : r;
    }
    d = rt.registry.resolve(name, args);
    if (d !== null) {
      if (onConst) throw nonPure(name, pos);
      site.def = d;
      const r = rt.callNative(d, args, pos);
      if (args[0] !== recv) writeBack(f, args[0]);
      return r;
    }
    const b = callBuiltin(rt, name, args, pos);
    if (b !== NOT_HANDLED) return b;
    notFound(name, args, pos);
  };
  // A mutating native on a constant fails (Rhai's ErrorNonPureMethodCallOnConstant); a script method gets a copy.
  const constReceiver = (rt: Runtime, f: Frame, recv: Value, args: Value[]): Value => {
    const cf = pickMethod(cands, recv);
    if (cf) return rt.callScript(cf, args.slice(1), copyVal(recv), true, null, pos);
    if (rt.registry.resolve(name, args) !== null) throw nonPure(name, pos);
    const b = callBuiltin(rt, name, args, pos);
    if (b !== NOT_HANDLED) return b;
    notFound(name, args, pos);
  };
  if (name === 'push' && nargs === 1 && cands === undefined && !onConst && c.limits.maxArraySize === 0) {
    // Intrinsic: appending to an array needs no overload resolution.
    const [A] = evs;
    return (f) => {
      const recv = O(f);
      if (Array.isArray(recv)) {
        recv.push(A(f));
        return undefined;
      }
      if (safe && recv === undefined) return undefined;
      return generic(f, recv);
    };
  }
  return (f) => {
    const recv = O(f);
    if (safe && recv === undefined) return undefined;
    return generic(f, recv);
  };
}

