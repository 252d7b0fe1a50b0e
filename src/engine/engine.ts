/**
 * The public Engine: compile (tokenize → parse → compile to closures) and run
 * with limits, output hooks and interrupt polling. Nothing but EngineError
 * escapes compile/run.
 */
import { DEFAULT_LIMITS, type EngineLimits, type RunOptions, type RunResult } from './api.js';
import type { ScopeSnapshot, VarInfo } from './ast.js';
import { EngineError, RhaiRuntimeError, RhaiSyntaxError, NO_POSITION } from './errors.js';
import { ALL_PACKAGES } from './packages/index.js';
import { FnScope } from './parser/base.js';
import { parse } from './parser/stmt.js';
import { compileFragment, compileProgram, type Program } from './compiler/index.js';
import { BreakSignal, ContinueSignal, ExitSignal, Frame, ReturnSignal, type Ev } from './runtime/frame.js';
import { withPos } from './runtime/errs.js';
import { Registry } from './runtime/registry.js';
import { Runtime, type FnTable, type ModuleInstance, type RuntimeHost } from './runtime/runtime.js';
import type { Value } from './values.js';

/** Supplies module sources for `import "name" as m;` (no file access: static modules only). */
export interface ModuleResolver {
  resolve(path: string): string | undefined;
}

export class StaticModuleResolver implements ModuleResolver {
  private readonly modules: Map<string, string>;
  constructor(modules: Record<string, string> | Map<string, string> = {}) {
    this.modules = modules instanceof Map ? new Map(modules) : new Map(Object.entries(modules));
  }
  resolve(path: string): string | undefined {
    return this.modules.get(path);
  }
}

export class CompiledScript {
  constructor(
    /** @internal */ readonly program: Program,
    readonly sourceName: string | undefined,
  ) {}
}

let sharedRegistry: Registry | null = null;
function registry(): Registry {
  return (sharedRegistry ??= new Registry(ALL_PACKAGES));
}

export class Engine implements RuntimeHost {
  readonly limits: EngineLimits;
  private resolver: ModuleResolver | null = null;
  private readonly moduleCache = new Map<string, Program>();

  constructor(limits: Partial<EngineLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  setModuleResolver(r: ModuleResolver | null): this {
    this.resolver = r;
    this.moduleCache.clear();
    return this;
  }

  compile(source: string, sourceName?: string): CompiledScript {
    return new CompiledScript(this.compileProgram(source), sourceName);
  }

  private compileProgram(source: string): Program {
    try {
      const ast = parse(source, this.limits);
      return compileProgram(ast, this.limits, registry());
    } catch (e) {
      throw toSyntaxError(e);
    }
  }

  run(sourceOrCompiled: string | CompiledScript, opts: RunOptions = {}): RunResult {
    const script = typeof sourceOrCompiled === 'string' ? this.compile(sourceOrCompiled, opts.sourceName) : sourceOrCompiled;
    const runOpts = opts.sourceName === undefined && script.sourceName ? { ...opts, sourceName: script.sourceName } : opts;
    const prog = script.program;
    const rt = new Runtime(this.limits, registry(), prog.fns, runOpts);
    rt.host = this;
    return { value: this.exec(rt, prog) };
  }

  private exec(rt: Runtime, prog: Program): Value {
    const f = new Frame(rt, new Array(prog.nslots));
    try {
      return prog.main(f);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.v;
      if (e instanceof BreakSignal || e instanceof ContinueSignal) return undefined;
      throw toRuntimeError(e);
    } finally {
      // Pooled frames must not keep this run's values alive.
      for (const cf of prog.compiled) cf.pool.length = 0;
      for (const p of rt.loadedModules as Program[]) for (const cf of p.compiled) cf.pool.length = 0;
    }
  }

  // ---- RuntimeHost ----
  compileEval(code: string, scope: ScopeSnapshot, nslots: number, fns: FnTable): { ev: Ev; declared: VarInfo[] } {
    const top = new FnScope(null, false, false);
    for (const vi of scope.values()) top.vars.push(vi);
    top.layout.nslots = nslots;
    const ast = parse(code, this.limits, top);
    const declared = top.vars.filter((vi) => vi.slot >= nslots);
    return { ev: compileFragment(ast, this.limits, registry(), fns), declared };
  }

  loadModule(path: string, rt: Runtime): ModuleInstance | undefined {
    const src = this.resolver?.resolve(path);
    if (src === undefined) return undefined;
    let prog = this.moduleCache.get(path);
    if (!prog) {
      try {
        prog = compileProgram(parse(src, this.limits), this.limits, registry());
      } catch (e) {
        if (e instanceof RhaiSyntaxError) throw new RhaiRuntimeError('ErrorParsing', e.bareMessage, NO_POSITION);
        throw e;
      }
      this.moduleCache.set(path, prog);
    }
    rt.loadedModules.push(prog);
    const inst: ModuleInstance = { fns: prog.fns, vars: new Map() };
    const saveTarget = rt.exportTarget;
    const saveFns = rt.fns;
    rt.exportTarget = inst;
    rt.fns = prog.fns;
    try {
      const f = new Frame(rt, new Array(prog.nslots));
      prog.main(f);
    } finally {
      rt.exportTarget = saveTarget;
      rt.fns = saveFns;
    }
    return inst;
  }
}

function toSyntaxError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (e instanceof RangeError) return new RhaiSyntaxError('Syntax error: Expression exceeds maximum complexity', NO_POSITION);
  return new RhaiSyntaxError(`Syntax error: Internal error: ${e instanceof Error ? e.message : String(e)}`, NO_POSITION);
}

function toRuntimeError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const w = withPos(e, NO_POSITION);
  if (w instanceof EngineError) return w;
  return new RhaiRuntimeError('ErrorSystem', String(e), NO_POSITION);
}
