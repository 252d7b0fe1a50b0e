/**
 * Statement parsing and the script entry point: let/const, blocks, control
 * flow, function definitions, try/catch, import/export, assignments and the
 * statement-termination rules.
 */
import type { FnDef, Node, Pos, ScriptAst, SwitchCase, VarInfo } from '../ast.js';
import { tokenize, type Token } from '../lexer.js';
import type { Value } from '../values.js';
import { FnScope, RESERVED_SYMBOLS, type ParseLimits } from './base.js';
import { ExprParser } from './expr.js';

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=']);
const BLOCK_LIKE = new Set(['if', 'switch', 'while', 'loop', 'do', 'for', 'try', 'fn', 'private']);

export class Parser extends ExprParser {
  private readonly top: FnScope;

  constructor(toks: Token[], limits: ParseLimits, scope?: FnScope) {
    const top = scope ?? new FnScope(null, false, true);
    super(toks, limits, top);
    this.top = top;
  }

  parseScript(): ScriptAst {
    const main: Node[] = [];
    while (this.tok.t !== 'eof') {
      const s = this.parseStmtTerminated(true);
      if (s) main.push(s);
    }
    const topLevel = new Map<string, VarInfo>();
    for (const v of this.top.vars) topLevel.set(v.name, v);
    return { main, layout: this.top.layout, fns: this.fns, topLevel };
  }

  /** Parses one statement plus its terminator; null for a function definition or `;`. */
  private parseStmtTerminated(topLevel: boolean): Node | null {
    const t = this.tok;
    if (this.isOp(';')) {
      this.advance();
      return null;
    }
    if (t.t === 'id' && (t.v === 'fn' || (t.v === 'private' && this.isKw('fn', this.peek())))) {
      if (!topLevel || this.inFunction || this.blockDepth > 0) {
        this.error('Function definitions must be at global level and cannot be inside a block or another function', this.pos(t));
      }
      this.parseFnDef();
      return null;
    }
    const blockLike = (t.t === 'id' && BLOCK_LIKE.has(t.v)) || this.isOp('{');
    const s = this.parseStmt();
    if (this.isOp(';')) this.advance();
    else if (!blockLike && !this.isOp('}') && this.tok.t !== 'eof') {
      const n = this.tok;
      if (n.t === 'error') this.unexpected();
      if (n.t === 'op' && RESERVED_SYMBOLS.has(n.v)) this.error(`Unknown operator: '${n.v}'`, this.pos(n));
      this.error("Expecting ';' to terminate this statement", this.pos(n));
    }
    return s;
  }

  parseStmt(): Node {
    const t = this.tok;
    const pos = this.pos(t);
    if (t.t === 'id') {
      switch (t.v) {
        case 'let':
        case 'const':
          return this.parseLet(false);
        case 'export':
          return this.parseExport();
        case 'return':
        case 'throw': {
          this.advance();
          const e = this.atStmtEnd() ? null : this.exprStmt();
          return t.v === 'return' ? { k: 'return', e, pos } : { k: 'throw', e, pos };
        }
        case 'break': {
          this.advance();
          if (this.loopDepth === 0) this.error('Break statement should only be used inside a loop', pos);
          const e = this.atStmtEnd() ? null : this.exprStmt();
          return { k: 'break', e, pos };
        }
        case 'continue':
          this.advance();
          if (this.loopDepth === 0) this.error('Continue statement should only be used inside a loop', pos);
          return { k: 'continue', pos };
        case 'try':
          return this.parseTry();
        case 'import':
          return this.parseImport();
        case 'if':
          return this.parseIf();
        case 'switch':
          return this.parseSwitch();
        case 'while':
        case 'loop':
        case 'do':
        case 'for':
          return this.parseLoop();
        case 'fn':
          this.error('Function definitions must be at global level and cannot be inside a block or another function', pos);
      }
    }
    if (this.isOp('{')) return this.parseBlock();
    return this.exprStmt();
  }

  private atStmtEnd(): boolean {
    return this.isOp(';') || this.isOp('}') || this.tok.t === 'eof';
  }

  /** An expression statement, possibly an assignment. */
  private exprStmt(): Node {
    const start = this.tok;
    this.enter(1, this.pos(start));
    const e = this.parseExpr();
    const t = this.tok;
    if (t.t === 'op' && ASSIGN_OPS.has(t.v)) {
      this.advance();
      this.checkAssignTarget(e);
      const value = this.parseExpr();
      this.leave(1);
      const op = t.v === '=' ? null : t.v.slice(0, -1);
      return { k: 'assign', target: e, op, value, pos: this.pos(t) };
    }
    this.leave(1);
    return e;
  }

  private checkAssignTarget(e: Node): void {
    let root = e;
    while (root.k === 'index' || root.k === 'prop') root = root.obj;
    if (root.k === 'var') {
      // An element/property of a constant is a runtime error (compiler/assign.ts).
      if (root.vi?.isConst && root === e) this.error(`Cannot assign to constant ${root.name}`, root.pos);
      return;
    }
    if (root.k === 'this') return;
    if (e.k === 'index' || e.k === 'prop') return; // assignment to a temporary: evaluated, then dropped
    this.error('Expression cannot be assigned to', e.pos);
  }

  private parseLet(exported: boolean): Node {
    const kw = this.advance();
    const isConst = kw.v === 'const';
    const { name, pos } = this.declName();
    let init: Node | null = null;
    if (this.isOp('=')) {
      this.advance();
      this.enter(1, pos);
      init = this.parseExpr();
      this.leave(1);
    } else if (isConst) {
      this.error(`Expecting '=' for the constant ${name}`);
    }
    const vi = this.fn.declare(name, isConst, this.blockDepth);
    return { k: 'let', vi, init, pos: this.pos(kw), nvars: this.fn.vars.length, exported: exported ? name : null };
  }

  private parseExport(): Node {
    const pos = this.pos();
    this.advance();
    if (this.isKw('let') || this.isKw('const')) return this.parseLet(true);
    const { name } = this.declName();
    let alias = name;
    if (this.isKw('as')) {
      this.advance();
      alias = this.declName().name;
    }
    const vi = this.fn.lookup(name);
    if (!vi) this.error(`Variable not found: ${name}`, pos);
    return { k: 'export', vi, alias, pos };
  }

  parseBlock(): Node {
    const open = this.tok;
    const pos = this.pos(open);
    this.expectOp('{', 'to start a statement block');
    this.enter(1, pos);
    const mark = this.fn.vars.length;
    this.blockDepth++;
    const body: Node[] = [];
    while (!this.isOp('}')) {
      if (this.tok.t === 'eof') this.error("Expecting '}' to end this statement block", this.pos());
      if (this.tok.t === 'error') this.unexpected();
      const s = this.parseStmtTerminated(false);
      if (s) body.push(s);
    }
    this.advance();
    this.blockDepth--;
    this.fn.vars.length = mark;
    this.leave(1);
    return { k: 'block', body, pos };
  }

  protected parseIf(): Node {
    const pos = this.pos();
    this.advance();
    this.enter(1, pos);
    const cond = this.ensureBool(this.parseExpr());
    this.leave(1);
    const then = this.parseBlock();
    let els: Node | null = null;
    if (this.isKw('else')) {
      this.advance();
      els = this.isKw('if') ? this.parseIf() : this.parseBlock();
    }
    return { k: 'if', cond, then, else: els, pos };
  }

  protected parseSwitch(): Node {
    const pos = this.pos();
    this.advance();
    this.enter(1, pos);
    const subject = this.parseExpr();
    this.leave(1);
    this.expectOp('{', 'to start a switch block');
    const cases: SwitchCase[] = [];
    let def: Node | null = null;
    while (!this.isOp('}')) {
      if (this.tok.t === 'eof') this.error("Expecting '}' to end this switch block");
      if (def) this.error('Default switch case must be the last', this.pos());
      const values: Value[] = [];
      let isDefault = false;
      if (this.isKw('_')) {
        this.advance();
        isDefault = true;
      } else {
        for (;;) {
          values.push(this.caseValue(this.parseBinary(31)));
          if (this.isOp('|')) this.advance();
          else break;
        }
      }
      let guard: Node | null = null;
      if (this.isKw('if')) {
        if (isDefault) this.error('Default switch case cannot have a condition', this.pos());
        this.advance();
        guard = this.ensureBool(this.parseExpr());
      }
      this.expectOp('=>', 'in this switch case');
      const bodyIsBlock = this.isOp('{');
      const body = bodyIsBlock ? this.parseBlock() : this.exprStmt();
      if (isDefault) def = body;
      else cases.push(this.makeCase(values, guard, body));
      if (this.isOp(',')) this.advance();
      else if (!this.isOp('}') && !bodyIsBlock) this.error("Expecting ',' to separate the items of this switch block");
    }
    this.advance();
    return { k: 'switch', subject, cases, def, pos };
  }

  protected parseLoop(): Node {
    const t = this.advance();
    const pos = this.pos(t);
    switch (t.v) {
      case 'while': {
        this.enter(1, pos);
        const cond = this.ensureBool(this.parseExpr());
        this.leave(1);
        const body = this.loopBody();
        return { k: 'while', cond, body, pos };
      }
      case 'loop':
        return { k: 'while', cond: null, body: this.loopBody(), pos };
      case 'do': {
        const body = this.loopBody();
        let until: boolean;
        if (this.isKw('while')) until = false;
        else if (this.isKw('until')) until = true;
        else this.error("Expecting 'while' or 'until' to complete the do loop");
        this.advance();
        this.enter(1, pos);
        const cond = this.ensureBool(this.parseExpr());
        this.leave(1);
        return { k: 'do', body, cond, until, pos };
      }
      default:
        return this.parseFor(pos);
    }
  }

  private loopBody(): Node {
    this.loopDepth++;
    const b = this.parseBlock();
    this.loopDepth--;
    return b;
  }

  private parseFor(pos: Pos): Node {
    let name: string;
    let idxName: string | null = null;
    if (this.isOp('(')) {
      this.advance();
      name = this.declName().name;
      this.expectOp(',', 'to separate the loop variables');
      idxName = this.declName().name;
      this.expectOp(')', 'to close the loop variables');
    } else name = this.declName().name;
    if (!this.isKw('in')) this.error("Expecting 'in' after the iteration variable");
    this.advance();
    this.enter(1, pos);
    const iter = this.parseExpr();
    this.leave(1);
    const mark = this.fn.vars.length;
    this.blockDepth++;
    const vi = this.fn.declare(name, false, this.blockDepth);
    const idx = idxName ? this.fn.declare(idxName, false, this.blockDepth) : null;
    const body = this.loopBody();
    this.blockDepth--;
    this.fn.vars.length = mark;
    return { k: 'for', vi, idx, iter, body, pos };
  }

  private parseTry(): Node {
    const pos = this.pos();
    this.advance();
    const body = this.parseBlock();
    if (!this.isKw('catch')) this.error("Expecting 'catch' after the try block");
    this.advance();
    const mark = this.fn.vars.length;
    this.blockDepth++;
    let vi: VarInfo | null = null;
    if (this.isOp('(')) {
      this.advance();
      vi = this.fn.declare(this.declName().name, false, this.blockDepth);
      this.expectOp(')', 'to close the catch variable');
    }
    const handler = this.parseBlock();
    this.blockDepth--;
    this.fn.vars.length = mark;
    return { k: 'try', body, vi, handler, pos };
  }

  private parseImport(): Node {
    const pos = this.pos();
    this.advance();
    this.enter(1, pos);
    const path = this.parseExpr();
    this.leave(1);
    let alias: string | null = null;
    if (this.isKw('as')) {
      this.advance();
      alias = this.declName().name;
    }
    return { k: 'import', path, alias, pos };
  }

  private parseFnDef(): void {
    let isPrivate = false;
    if (this.isKw('private')) {
      isPrivate = true;
      this.advance();
    }
    const fnTok = this.advance();
    const pos = this.pos(fnTok);
    let thisType: string | null = null;
    let { name } = this.declName();
    if (this.isOp('.')) {
      this.advance();
      thisType = name;
      name = this.declName().name;
    }
    if (!this.isOp('(')) this.error(`Expecting parameters for function ${name}`);
    this.advance();
    const scope = new FnScope(null, false, false);
    const saveFn = this.fn;
    this.fn = scope;
    const params: VarInfo[] = [];
    while (!this.isOp(')')) {
      const p = this.declName();
      if (params.some((x) => x.name === p.name)) this.error(`Duplicated parameter ${p.name} for function ${name}`, p.pos);
      params.push(scope.declare(p.name, false, 0));
      if (this.isOp(',')) this.advance();
      else if (!this.isOp(')')) this.error(`Expecting ')' to close the parameters list of function ${name}`);
    }
    this.advance();
    const dup = this.fns.find((f) => f.name === name && f.params.length === params.length && f.thisType === thisType);
    if (dup) {
      const n = params.length;
      this.error(`Function ${name} with ${n} parameter${n === 1 ? '' : 's'} already exists`, pos);
    }
    if (!this.isOp('{')) this.error(`Expecting body statement block for function ${name}`);
    const saveDepth = this.depth;
    this.inFunction = true;
    this.depth = 1;
    const body = this.parseBlock();
    this.depth = saveDepth;
    this.inFunction = false;
    this.fn = saveFn;
    const def: FnDef = { name, params, body, layout: scope.layout, thisType, isPrivate, isClosure: false, captures: [], pos };
    this.fns.push(def);
  }
}

export function parse(source: string, limits: ParseLimits, scope?: FnScope): ScriptAst {
  return new Parser(tokenize(source), limits, scope).parseScript();
}
