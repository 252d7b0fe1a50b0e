/**
 * Which parameters of a script function only ever read their argument.
 * Arguments are passed by value; a caller may skip copying an array/map
 * argument into such a parameter (compiler/calls.ts), turning an O(size)
 * copy per call into O(1). A parameter qualifies only if the body never
 * assigns through it, never calls a possibly-mutating method on it (also
 * in call style `push(a, 1)`, see calls.ts byRefFirstArg), never lets a
 * closure capture it, never hands it (or a part of it) out through
 * return/throw/break or the body's value, and the body uses no `eval`.
 * Every other use of a variable (let, assignment values, call arguments,
 * literals, for loops) copies by itself.
 */
import type { FnDef, Node, NodeOf, VarInfo } from '../ast.js';
import { fnKey } from '../runtime/runtime.js';

/** Natives that never modify their receiver (when no script function shares the name). */
const PURE_METHODS = new Set([
  'len', 'is_empty', 'contains', 'get', 'keys', 'values', 'index_of', 'to_string', 'to_debug', 'to_upper',
  'to_lower', 'starts_with', 'ends_with', 'sub_string', 'abs', 'to_float', 'to_int', 'filter', 'map', 'reduce',
  'some', 'all', 'find', 'split', 'type_of', 'bytes', 'chars', 'to_chars', 'is_odd', 'is_even', 'floor',
  'ceiling', 'round', 'sqrt', 'min', 'max', 'sign',
]);

export function readonlyParams(def: FnDef, scriptFnNames: Set<string>): boolean[] | null {
  if (def.params.length === 0) return null;
  const bad = new Set<VarInfo>();
  for (const p of def.params) if (p.captured) bad.add(p);
  let usesEval = false;

  const rootVar = (n: Node): VarInfo | null => {
    while (n.k === 'index' || n.k === 'prop' || n.k === 'method') n = n.obj;
    return n.k === 'var' ? n.vi : null;
  };
  const escapes = (n: Node | null): void => {
    if (n) aliasRoots(n, bad);
  };

  visit(def.body, (n) => {
    switch (n.k) {
      case 'assign': {
        const r = rootVar(n.target);
        if (r) bad.add(r);
        break;
      }
      case 'method': {
        const r = rootVar(n.obj);
        if (r && (!PURE_METHODS.has(n.name) || scriptFnNames.has(n.name))) bad.add(r);
        break;
      }
      case 'call':
        if (n.name === 'eval') usesEval = true;
        callByRef(n, scriptFnNames, bad);
        break;
      case 'return':
      case 'throw':
      case 'break':
        escapes(n.e);
        break;
    }
  });
  if (usesEval) return null;
  // The body's value is handed back too.
  escapes(def.body);
  const out = def.params.map((p) => !bad.has(p));
  return out.some((x) => x) ? out : null;
}

/**
 * Can `for v in <iter> { body }` bind each element without copying it? Yes when
 * the body never modifies or leaks `v` and cannot modify the iterated variable
 * (so the elements cannot change under `v` either).
 */
export function readonlyLoopVar(n: NodeOf<'for'>, scriptFnNames: Set<string>): boolean {
  if (n.vi.captured) return false;
  let root = n.iter;
  while (root.k === 'index' || root.k === 'prop') root = root.obj;
  if (root.k !== 'var' || root.vi === null || root.vi.captured) return false;
  const watched = [n.vi, root.vi];
  const bad = new Set<VarInfo>();
  let usesEval = false;
  visit(n.body, (x) => {
    switch (x.k) {
      case 'assign': {
        const r = rootVar(x.target);
        if (r) bad.add(r);
        break;
      }
      case 'method': {
        const r = rootVar(x.obj);
        if (r && (!PURE_METHODS.has(x.name) || scriptFnNames.has(x.name))) bad.add(r);
        break;
      }
      case 'call':
        if (x.name === 'eval') usesEval = true;
        callByRef(x, scriptFnNames, bad);
        break;
      case 'return':
      case 'throw':
      case 'break':
        if (x.e) aliasRoots(x.e, bad);
        break;
    }
  });
  return !usesEval && !watched.some((v) => bad.has(v));
}

/** `f(x, ..)` may modify the variable x like `x.f(..)` does (compiler/calls.ts byRefFirstArg). */
function callByRef(n: NodeOf<'call'>, scriptFnNames: Set<string>, bad: Set<VarInfo>): void {
  const a = n.args[0];
  if (n.ns !== null || a === undefined || a.k !== 'var' || a.vi === null) return;
  // A script function of this arity is called instead, with a copy.
  if (scriptFnNames.has(fnKey(n.name, n.args.length))) return;
  if (!PURE_METHODS.has(n.name) || scriptFnNames.has(n.name)) bad.add(a.vi);
}

function rootVar(n: Node): VarInfo | null {
  while (n.k === 'index' || n.k === 'prop' || n.k === 'method') n = n.obj;
  return n.k === 'var' ? n.vi : null;
}

/** Variables whose value (or a part of it) the value of `n` may share. */
function aliasRoots(n: Node, out: Set<VarInfo>): void {
  switch (n.k) {
    case 'var':
      if (n.vi) out.add(n.vi);
      break;
    case 'index':
    case 'prop':
      aliasRoots(n.obj, out);
      break;
    case 'method':
      aliasRoots(n.obj, out);
      n.args.forEach((a) => aliasRoots(a, out));
      break;
    case 'coal':
      aliasRoots(n.l, out);
      aliasRoots(n.r, out);
      break;
    case 'block':
      if (n.body.length > 0) aliasRoots(n.body[n.body.length - 1], out);
      break;
    case 'if':
      aliasRoots(n.then, out);
      if (n.else) aliasRoots(n.else, out);
      break;
    case 'switch':
      n.cases.forEach((c) => aliasRoots(c.body, out));
      if (n.def) aliasRoots(n.def, out);
      break;
    case 'try':
      aliasRoots(n.body, out);
      aliasRoots(n.handler, out);
      break;
    case 'while':
    case 'do':
    case 'for':
      // A loop's value comes from `break v`, handled where the break is.
      break;
    default:
      // Calls, operators and literals build new values (arguments were copied).
      break;
  }
}

/** Calls f on every node of the tree (closure bodies excluded: they use their own variables). */
export function visit(n: Node, f: (n: Node) => void): void {
  f(n);
  switch (n.k) {
    case 'interp':
      n.parts.forEach((x) => visit(x, f));
      break;
    case 'array':
      n.items.forEach((x) => visit(x, f));
      break;
    case 'map':
      n.vals.forEach((x) => visit(x, f));
      break;
    case 'unary':
      visit(n.e, f);
      break;
    case 'bin':
    case 'and':
    case 'or':
    case 'coal':
      visit(n.l, f);
      visit(n.r, f);
      break;
    case 'range':
      if (n.l) visit(n.l, f);
      if (n.r) visit(n.r, f);
      break;
    case 'index':
      visit(n.obj, f);
      visit(n.idx, f);
      break;
    case 'prop':
      visit(n.obj, f);
      break;
    case 'call':
      n.args.forEach((x) => visit(x, f));
      break;
    case 'method':
      visit(n.obj, f);
      n.args.forEach((x) => visit(x, f));
      break;
    case 'block':
      n.body.forEach((x) => visit(x, f));
      break;
    case 'if':
      visit(n.cond, f);
      visit(n.then, f);
      if (n.else) visit(n.else, f);
      break;
    case 'switch':
      visit(n.subject, f);
      for (const c of n.cases) {
        if (c.guard) visit(c.guard, f);
        visit(c.body, f);
      }
      if (n.def) visit(n.def, f);
      break;
    case 'while':
      if (n.cond) visit(n.cond, f);
      visit(n.body, f);
      break;
    case 'do':
      visit(n.body, f);
      visit(n.cond, f);
      break;
    case 'for':
      visit(n.iter, f);
      visit(n.body, f);
      break;
    case 'assign':
      visit(n.target, f);
      visit(n.value, f);
      break;
    case 'let':
      if (n.init) visit(n.init, f);
      break;
    case 'return':
    case 'throw':
    case 'break':
      if (n.e) visit(n.e, f);
      break;
    case 'try':
      visit(n.body, f);
      visit(n.handler, f);
      break;
    case 'import':
      visit(n.path, f);
      break;
  }
}
