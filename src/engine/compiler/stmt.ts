/**
 * Statements and control flow: blocks, let, if, switch, loops, jumps,
 * throw, try/catch, import/export. Jumps in statement position set the
 * frame's `flow` flag; jumps nested inside expressions throw a Signal.
 */
import type { Node, NodeOf } from '../ast.js';
import { RhaiRuntimeError } from '../errors.js';
import { displayValue } from '../format.js';
import { tagOf, valuesEqual } from '../value-utils.js';
import { RRange, type Value } from '../values.js';
import {
  BreakSignal,
  Cell,
  ContinueSignal,
  FLOW_BREAK,
  FLOW_CONTINUE,
  FLOW_RETURN,
  ReturnSignal,
  type Ev,
  type Frame,
} from '../runtime/frame.js';
import { errorToValue, isCatchable, mismatch, rtErr, withPos } from '../runtime/errs.js';
import { compileAssign } from './assign.js';
import { compileNode, compileValue, varWriter } from './expr.js';
import { CState, SP_LOOP, SP_RET } from './state.js';
import { compileFor } from './loops.js';
import { bodyWeight, exprWeight, iterationWeight } from './op-weight.js';

export function compileStmt(c: CState, n: Node, sp: number): Ev {
  switch (n.k) {
    case 'block':
      return scopedImports(n.body, compileBlock(c, n.body, sp));
    case 'nop':
      return () => undefined;
    case 'let':
      return compileLet(c, n);
    case 'assign':
      return compileAssign(c, n);
    case 'if':
      return compileIf(c, n, sp);
    case 'switch':
      return compileSwitch(c, n, sp);
    case 'while':
      return compileWhile(c, n, sp);
    case 'do':
      return compileDo(c, n, sp);
    case 'for':
      return compileFor(c, n, sp);
    case 'return':
      return compileReturn(c, n, sp);
    case 'break':
      return compileBreak(c, n, sp);
    case 'continue':
      if (sp & SP_LOOP) {
        c.flagJumps++;
        return (f) => {
          f.flow = FLOW_CONTINUE;
          return undefined;
        };
      }
      c.throwLoop = true;
      return () => {
        throw new ContinueSignal();
      };
    case 'throw': {
      const E = n.e ? compileNode(c, n.e, 0) : () => undefined;
      const pos = n.pos;
      return (f) => {
        const v = E(f);
        // `throw;` / `throw ""` report a bare "Runtime error", as the reference does.
        const text = v === undefined || v === '' ? 'Runtime error' : `Runtime error: ${displayValue(v)}`;
        throw new RhaiRuntimeError('ErrorRuntime', text, pos, v);
      };
    }
    case 'try':
      return compileTry(c, n, sp);
    case 'import': {
      const P = compileNode(c, n.path, 0);
      const { alias } = n;
      const pos = n.path.pos;
      return (f) => {
        f.rt.importModule(P(f), alias, pos);
        return undefined;
      };
    }
    case 'export':
      return () => undefined;
    default:
      throw new Error(`cannot compile node ${n.k}`);
  }
}

/** Module aliases imported in a block (or function body) are dropped when it ends. */
function scopedImports(body: Node[], ev: Ev): Ev {
  const aliases: string[] = [];
  for (const s of body) if (s.k === 'import' && s.alias !== null) aliases.push(s.alias);
  if (aliases.length === 0) return ev;
  return (f) => {
    const imports = f.rt.imports;
    const saved = aliases.map((a) => imports.get(a));
    try {
      return ev(f);
    } finally {
      aliases.forEach((a, i) => (saved[i] === undefined ? imports.delete(a) : imports.set(a, saved[i]!)));
    }
  };
}

export function compileBlock(c: CState, body: Node[], sp: number): Ev {
  const evs: Ev[] = [];
  const checks: boolean[] = [];
  for (const s of body) {
    const before = c.flagJumps;
    evs.push(compileNode(c, s, sp));
    checks.push(c.flagJumps !== before);
  }
  const n = evs.length;
  if (n === 0) return () => undefined;
  if (n === 1) return evs[0];
  const anyCheck = checks.slice(0, -1).some((x) => x);
  if (!anyCheck) {
    if (n === 2) {
      const [a, b] = evs;
      return (f) => {
        a(f);
        return b(f);
      };
    }
    if (n === 3) {
      const [a, b, d] = evs;
      return (f) => {
        a(f);
        b(f);
        return d(f);
      };
    }
    return (f) => {
      for (let i = 0; i < n - 1; i++) evs[i](f);
      return evs[n - 1](f);
    };
  }
  return (f) => {
    let v: Value;
    for (let i = 0; i < n; i++) {
      v = evs[i](f);
      if (f.flow !== 0) return v;
    }
    return v;
  };
}

function compileLet(c: CState, n: NodeOf<'let'>): Ev {
  const init = n.init ? compileValue(c, n.init) : () => undefined;
  const { vi, pos, nvars } = n;
  const slot = vi.slot;
  const maxVars = c.limits.maxVariables;
  const tooMany = maxVars > 0 && nvars > maxVars;
  const isGlobalConst = vi.topLevel && vi.isConst;
  const name = vi.name;
  const sizeChecks = c.sizeChecks;
  const exported = n.exported;
  if (!tooMany && !isGlobalConst && !sizeChecks && !exported) {
    if (vi.captured) {
      return (f) => {
        f.s[slot] = new Cell(init(f)) as unknown as Value;
        return undefined;
      };
    }
    return (f) => {
      f.s[slot] = init(f);
      return undefined;
    };
  }
  return (f) => {
    if (tooMany) throw rtErr('ErrorTooManyVariables', 'Too many variables defined', pos);
    const v = init(f);
    if (sizeChecks) checkSize(f, v, pos);
    f.s[slot] = vi.captured ? (new Cell(v) as unknown as Value) : v;
    if (isGlobalConst) f.rt.globals.set(name, v);
    if (exported) f.rt.exportVar(exported, v);
    return undefined;
  };
}

export function checkSize(f: Frame, v: Value, pos: NodeOf<'let'>['pos']): void {
  try {
    f.rt.checkValueSize(v);
  } catch (e) {
    throw withPos(e, pos);
  }
}

function condEv(c: CState, n: Node): Ev {
  return compileNode(c, n, 0);
}

function compileIf(c: CState, n: NodeOf<'if'>, sp: number): Ev {
  const C = condEv(c, n.cond);
  const T = compileNode(c, n.then, sp);
  const E = n.else ? compileNode(c, n.else, sp) : null;
  const cpos = n.cond.pos;
  // The taken branch's operations (see op-weight.ts); checked at the next loop iteration or call.
  const wt = bodyWeight(n.then);
  const we = bodyWeight(n.else);
  if (E === null) {
    return (f) => {
      const v = C(f);
      if (v === true) {
        f.rt.ops += wt;
        return T(f);
      }
      if (v !== false) throw mismatch('bool', v, cpos);
      return undefined;
    };
  }
  return (f) => {
    const v = C(f);
    if (v === true) {
      f.rt.ops += wt;
      return T(f);
    }
    if (v !== false) throw mismatch('bool', v, cpos);
    f.rt.ops += we;
    return E(f);
  };
}

function caseMatches(subject: Value, v: Value): boolean {
  if (v instanceof RRange) {
    if (typeof subject !== 'number' && typeof subject !== 'bigint') return false;
    return subject >= v.start && (v.inclusive ? subject <= v.end : subject < v.end);
  }
  return tagOf(subject) === tagOf(v) && valuesEqual(subject, v);
}

function compileSwitch(c: CState, n: NodeOf<'switch'>, sp: number): Ev {
  const S = compileNode(c, n.subject, 0);
  const cases = n.cases.map((k) => ({
    values: k.values,
    guard: k.guard ? compileNode(c, k.guard, 0) : null,
    gpos: k.guard?.pos,
    body: compileNode(c, k.body, sp),
    // Operations of the case taken (see op-weight.ts).
    w: (k.guard ? exprWeight(k.guard) : 0) + exprWeight(k.body),
  }));
  const def = n.def ? compileNode(c, n.def, sp) : null;
  const wd = n.def ? exprWeight(n.def) : 0;
  return (f) => {
    const s = S(f);
    for (let i = 0; i < cases.length; i++) {
      const k = cases[i];
      let hit = false;
      for (let j = 0; j < k.values.length; j++) {
        if (caseMatches(s, k.values[j])) {
          hit = true;
          break;
        }
      }
      if (!hit) continue;
      if (k.guard) {
        const g = k.guard(f);
        if (g !== true) {
          if (g !== false) throw mismatch('bool', g, k.gpos!);
          continue;
        }
      }
      f.rt.ops += k.w;
      return k.body(f);
    }
    f.rt.ops += wd;
    return def ? def(f) : undefined;
  };
}

/** Compiles a loop body: returns the body closure and whether it can set flow / throw loop signals. */
export function loopBody(c: CState, body: Node, sp: number): { B: Ev; flags: boolean; throws: boolean } {
  const before = c.flagJumps;
  const saveLoop = c.throwLoop;
  c.throwLoop = false;
  let B = compileNode(c, body, (sp & SP_RET) | SP_LOOP);
  const throws = c.throwLoop;
  c.throwLoop = saveLoop;
  if (throws) {
    const inner = B;
    // Rare: a jump nested in an expression. Convert signals back to flow flags.
    B = (f) => {
      try {
        return inner(f);
      } catch (e) {
        if (e instanceof BreakSignal) {
          f.flow = FLOW_BREAK;
          return e.v;
        }
        if (e instanceof ContinueSignal) {
          f.flow = FLOW_CONTINUE;
          return undefined;
        }
        throw e;
      }
    };
  }
  return { B, flags: c.flagJumps !== before || throws, throws };
}

function compileWhile(c: CState, n: NodeOf<'while'>, sp: number): Ev {
  const C = n.cond ? condEv(c, n.cond) : null;
  const cpos = n.cond?.pos ?? n.pos;
  const { B, flags } = loopBody(c, n.body, sp);
  const pos = n.pos;
  const k = iterationWeight(n.body, n.cond, 0);
  if (!flags && C) {
    return (f) => {
      const rt = f.rt;
      for (;;) {
        if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
        const v = C(f);
        if (v !== true) {
          if (v === false) return undefined;
          throw mismatch('bool', v, cpos);
        }
        B(f);
      }
    };
  }
  return (f) => {
    const rt = f.rt;
    for (;;) {
      if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
      if (C) {
        const v = C(f);
        if (v !== true) {
          if (v === false) return undefined;
          throw mismatch('bool', v, cpos);
        }
      }
      const r = B(f);
      const fl = f.flow;
      if (fl !== 0) {
        if (fl === FLOW_BREAK) {
          f.flow = 0;
          return r;
        }
        if (fl === FLOW_CONTINUE) f.flow = 0;
        else return r;
      }
    }
  };
}

function compileDo(c: CState, n: NodeOf<'do'>, sp: number): Ev {
  const C = condEv(c, n.cond);
  const cpos = n.cond.pos;
  const { B } = loopBody(c, n.body, sp);
  const k = iterationWeight(n.body, n.cond, 0);
  const until = n.until;
  const pos = n.pos;
  return (f) => {
    const rt = f.rt;
    for (;;) {
      if ((rt.ops += k) > rt.nextCheck) rt.checkOps(pos);
      const r = B(f);
      const fl = f.flow;
      if (fl !== 0) {
        if (fl === FLOW_BREAK) {
          f.flow = 0;
          return r;
        }
        if (fl === FLOW_CONTINUE) f.flow = 0;
        else return r;
      }
      const v = C(f);
      if (typeof v !== 'boolean') throw mismatch('bool', v, cpos);
      if (v === until) return undefined;
    }
  };
}

function compileReturn(c: CState, n: NodeOf<'return'>, sp: number): Ev {
  const E = n.e ? compileNode(c, n.e, 0) : () => undefined;
  if (sp & SP_RET) {
    c.flagJumps++;
    return (f) => {
      const v = E(f);
      f.flow = FLOW_RETURN;
      return v;
    };
  }
  c.throwReturn = true;
  return (f) => {
    throw new ReturnSignal(E(f));
  };
}

function compileBreak(c: CState, n: NodeOf<'break'>, sp: number): Ev {
  const E = n.e ? compileNode(c, n.e, 0) : () => undefined;
  if (sp & SP_LOOP) {
    c.flagJumps++;
    return (f) => {
      const v = E(f);
      f.flow = FLOW_BREAK;
      return v;
    };
  }
  c.throwLoop = true;
  return (f) => {
    throw new BreakSignal(E(f));
  };
}

function compileTry(c: CState, n: NodeOf<'try'>, sp: number): Ev {
  const body = compileNode(c, n.body, sp);
  const handler = compileNode(c, n.handler, sp);
  const write = n.vi ? varWriter(n.vi) : null;
  const pos = n.pos;
  return (f) => {
    const rt = f.rt;
    const depth = rt.depth;
    try {
      return body(f);
    } catch (e) {
      const err = withPos(e, pos);
      if (!(err instanceof RhaiRuntimeError) || !isCatchable(err)) throw err;
      rt.depth = depth;
      if (write) write(f, errorToValue(err, rt.opts.sourceName));
      return handler(f);
    }
  };
}

