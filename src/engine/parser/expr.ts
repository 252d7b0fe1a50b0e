/**
 * Expression parsing: precedence climbing with Rhai's table, unary folding of
 * negative literals, postfix chains (. ?. [ ?[ calls), literals, closures.
 */
import type { FnDef, Node, Pos, SwitchCase, VarInfo } from '../ast.js';
import type { Token } from '../lexer.js';
import { RChar, RFloat, RRange, type Value } from '../values.js';
import { FnScope, ParserBase } from './base.js';

/** Binary operator precedences (Rhai's internal numbers). */
export const PREC: Record<string, number> = {
  '||': 30, '|': 30, '^': 30,
  '&&': 60, '&': 60,
  '==': 90, '!=': 90,
  in: 110, '!in': 110,
  '<': 130, '<=': 130, '>': 130, '>=': 130,
  '??': 135,
  '..': 140, '..=': 140,
  '+': 150, '-': 150,
  '*': 180, '/': 180, '%': 180,
  '**': 190,
  '<<': 210, '>>': 210,
};

const I64_MIN_MAGNITUDE = 9223372036854775808n;
const I64_MAX = 9223372036854775807n;
let anonCounter = 0;

export function boolMismatch(e: Node): string | null {
  if (e.k === 'lit') {
    const v = e.v;
    if (v === undefined) return '()';
    if (typeof v === 'number' || typeof v === 'bigint') return 'a number';
    if (v instanceof RFloat) return 'a floating-point number';
    if (v instanceof RChar) return 'a character';
    if (typeof v === 'string') return 'a string';
    return null;
  }
  if (e.k === 'interp') return 'a string';
  if (e.k === 'array') return 'an array';
  if (e.k === 'map') return 'an object map';
  return null;
}

export abstract class ExprParser extends ParserBase {
  protected fns: FnDef[] = [];

  protected ensureBool(e: Node): Node {
    const what = boolMismatch(e);
    if (what) this.error(`Expecting a boolean expression, not ${what}`, e.pos);
    return e;
  }

  parseExpr(): Node {
    return this.parseBinary(0);
  }

  private binOp(t: Token): string | null {
    if (t.t === 'op') return t.v in PREC ? t.v : null;
    if (t.t === 'id' && t.v === 'in') return 'in';
    return null;
  }

  protected parseBinary(minPrec: number): Node {
    let lhs = this.parseUnary();
    for (;;) {
      const t = this.tok;
      const op = this.binOp(t);
      if (!op) return lhs;
      const prec = PREC[op];
      if (prec < minPrec) return lhs;
      this.advance();
      const pos = this.pos(t);
      if (op === '..' || op === '..=') {
        // Open-ended range `a..` inside an index or argument list.
        const n = this.tok;
        if (op === '..' && n.t === 'op' && (n.v === ']' || n.v === ')' || n.v === ',')) {
          lhs = { k: 'range', l: lhs, r: null, incl: false, pos };
          continue;
        }
      }
      // Right operands nest (right-associative chains recurse): they count towards the depth limit.
      this.enter(1, pos);
      const rhs = this.parseBinary(op === '**' ? prec : prec + 1);
      this.leave(1);
      switch (op) {
        case '&&':
          lhs = { k: 'and', l: this.ensureBool(lhs), r: this.ensureBool(rhs), pos };
          break;
        case '||':
          lhs = { k: 'or', l: this.ensureBool(lhs), r: this.ensureBool(rhs), pos };
          break;
        case '??':
          lhs = { k: 'coal', l: lhs, r: rhs, pos };
          break;
        case '..':
        case '..=':
          lhs = { k: 'range', l: lhs, r: rhs, incl: op === '..=', pos };
          break;
        default:
          lhs = { k: 'bin', op, l: lhs, r: rhs, pos };
      }
    }
  }

  protected parseUnary(): Node {
    const t = this.tok;
    if (t.t === 'op') {
      if (t.v === '-' || t.v === '+') {
        const n = this.peek();
        if (n.t === 'int' || n.t === 'float') {
          // Negative literals are folded before postfix operators: `-5.abs()` is 5.
          this.advance();
          this.advance();
          let v: Value;
          if (t.v === '+') v = n.t === 'int' ? n.v : new RFloat(n.v);
          else if (n.t === 'int') v = typeof n.v === 'bigint' ? normBig(-n.v) : n.v === 0 ? 0 : -n.v;
          else if (n.big === I64_MIN_MAGNITUDE) v = -9223372036854775808n;
          else v = new RFloat(-n.v);
          return this.parsePostfix({ k: 'lit', v, pos: this.pos(t) });
        }
        this.advance();
        this.enter(1, this.pos(t));
        const e = this.parseUnary();
        this.leave(1);
        if (t.v === '+') return { k: 'unary', op: '+', e, pos: this.pos(t) };
        return { k: 'unary', op: '-', e, pos: this.pos(t) };
      }
      if (t.v === '!') {
        this.advance();
        this.enter(1, this.pos(t));
        const e = this.parseUnary();
        this.leave(1);
        return { k: 'unary', op: '!', e, pos: this.pos(t) };
      }
      if (t.v === '..' || t.v === '..=') {
        // `..4` (range from the start)
        this.advance();
        const r = this.parseBinary(PREC['..'] + 1);
        return { k: 'range', l: null, r, incl: t.v === '..=', pos: this.pos(t) };
      }
    }
    return this.parsePostfix(this.parsePrimary());
  }

  protected parsePostfix(e: Node): Node {
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op') return e;
      if (t.v === '.' || t.v === '?.') {
        this.advance();
        const nt = this.tok;
        if (nt.t !== 'id') {
          if (nt.t === 'error') this.unexpected();
          this.error('Expecting name of a property', this.pos(nt));
        }
        this.advance();
        const safe = t.v === '?.';
        if (this.isOp('(')) {
          const args = this.parseArgs();
          e = { k: 'method', obj: e, name: nt.v, args, safe, pos: this.pos(nt) };
        } else {
          e = { k: 'prop', obj: e, name: nt.v, safe, pos: this.pos(nt) };
        }
      } else if (t.v === '[' || t.v === '?[') {
        this.advance();
        this.enter(2, this.pos(t));
        const idx = this.parseExpr();
        this.leave(2);
        this.expectOp(']', 'to close the index expression');
        e = { k: 'index', obj: e, idx, safe: t.v === '?[', pos: idx.pos };
      } else return e;
    }
  }

  protected parseArgs(): Node[] {
    const open = this.tok;
    this.advance(); // (
    this.enter(2, this.pos(open));
    const args: Node[] = [];
    while (!this.isOp(')')) {
      args.push(this.parseExpr());
      if (this.isOp(',')) this.advance();
      else if (!this.isOp(')')) {
        if (this.tok.t === 'error' || this.tok.t === 'eof') this.unexpected();
        this.error("Expecting ')' to close the arguments list");
      }
    }
    this.advance();
    this.leave(2);
    return args;
  }

  protected parsePrimary(): Node {
    const t = this.tok;
    const pos = this.pos(t);
    switch (t.t) {
      case 'int':
        this.advance();
        return { k: 'lit', v: t.v, pos };
      case 'float':
        this.advance();
        return { k: 'lit', v: new RFloat(t.v), pos };
      case 'str':
        this.advance();
        this.checkStringLiteral(t.v, pos);
        return { k: 'lit', v: t.v, pos };
      case 'char':
        this.advance();
        return { k: 'lit', v: new RChar(t.v), pos };
      case 'interp':
        this.advance();
        return this.parseInterp(t);
      case 'op':
        return this.parsePrimaryOp(t, pos);
      case 'id':
        return this.parsePrimaryId(t, pos);
      default:
        this.unexpected();
    }
  }

  protected checkStringLiteral(s: string, pos: Pos): void {
    const max = this.limits.maxStringSize;
    if (max > 0 && s.length > max && [...s].length > max) {
      this.error(`Length of string exceeds the maximum limit (${max})`, pos);
    }
  }

  private parseInterp(t: Token): Node {
    const parts: Node[] = [];
    for (const part of t.parts!) {
      if (typeof part === 'string') {
        parts.push({ k: 'lit', v: part, pos: this.pos(t) });
        continue;
      }
      const saveToks = this.toks;
      const saveP = this.p;
      this.toks = part;
      this.p = 0;
      if (this.tok.t === 'eof') this.error('Expecting an expression', this.pos(this.tok));
      const e = this.parseExpr();
      if (!this.atEof()) this.unexpected();
      this.toks = saveToks;
      this.p = saveP;
      parts.push(e);
    }
    return { k: 'interp', parts, pos: this.pos(t) };
  }

  private parsePrimaryOp(t: Token, pos: Pos): Node {
    switch (t.v) {
      case '(': {
        this.advance();
        this.enter(2, pos);
        if (this.isOp(')')) {
          this.advance();
          this.leave(2);
          return { k: 'lit', v: undefined, pos };
        }
        const e = this.parseExpr();
        this.expectOp(')', 'to close the parenthesized expression');
        this.leave(2);
        return e;
      }
      case '[': {
        this.advance();
        this.enter(2, pos);
        const items: Node[] = [];
        while (!this.isOp(']')) {
          items.push(this.parseExpr());
          if (this.isOp(',')) this.advance();
          else if (!this.isOp(']')) {
            if (this.tok.t === 'error' || this.tok.t === 'eof') this.unexpected();
            this.error("Expecting ',' to separate the items of this array literal");
          }
        }
        const max = this.limits.maxArraySize;
        if (max > 0 && items.length >= max) this.error(`Size of array literal exceeds the maximum limit (${max})`, this.pos());
        this.advance();
        this.leave(2);
        return { k: 'array', items, pos };
      }
      case '#{':
        return this.parseMapLit(pos);
      case '{':
        return this.parseBlock();
      case '|':
      case '||':
        return this.parseClosure();
      default:
        this.unexpected();
    }
  }

  private parseMapLit(pos: Pos): Node {
    this.advance();
    this.enter(2, pos);
    const keys: string[] = [];
    const vals: Node[] = [];
    while (!this.isOp('}')) {
      const kt = this.tok;
      let key: string;
      if (kt.t === 'id' || kt.t === 'str') key = kt.v;
      else {
        if (kt.t === 'error' || kt.t === 'eof') this.unexpected();
        this.error('Expecting name of a property', this.pos(kt));
      }
      if (keys.includes(key)) this.error(`Duplicated property '${key}' for object map literal`, this.pos(kt));
      this.advance();
      this.expectOp(':', `to follow the property '${key}' in this object map literal`);
      keys.push(key);
      vals.push(this.parseExpr());
      if (this.isOp(',')) this.advance();
      else if (!this.isOp('}')) {
        if (this.tok.t === 'error' || this.tok.t === 'eof') this.unexpected();
        this.error("Expecting ',' to separate the items of this object map literal");
      }
    }
    const max = this.limits.maxMapSize;
    if (max > 0 && keys.length > max) this.error(`Size of object map literal exceeds the maximum limit (${max})`, this.pos());
    this.advance();
    this.leave(2);
    return { k: 'map', keys, vals, pos };
  }

  protected parseClosure(): Node {
    const t = this.advance();
    const pos = this.pos(t);
    const outerFn = this.fn;
    const scope = new FnScope(outerFn, true, false);
    this.fn = scope;
    const params: VarInfo[] = [];
    if (t.v === '|') {
      while (!this.isOp('|')) {
        const { name } = this.declName();
        if (params.some((p) => p.name === name)) this.error(`Duplicated parameter '${name}'`);
        params.push(scope.declare(name, false, 1));
        if (this.isOp(',')) this.advance();
        else if (!this.isOp('|')) this.error("Expecting '|' to close the parameters list of anonymous function");
      }
      this.advance();
    }
    const saveBlock = this.blockDepth;
    const saveLoop = this.loopDepth;
    this.blockDepth = 1;
    this.loopDepth = 0;
    const body = this.parseStmt();
    this.blockDepth = saveBlock;
    this.loopDepth = saveLoop;
    this.fn = outerFn;
    const def: FnDef = {
      name: `anon$${(++anonCounter).toString(16).padStart(16, '0')}`,
      params,
      body,
      layout: scope.layout,
      thisType: null,
      isPrivate: false,
      isClosure: true,
      captures: scope.captures,
      pos,
    };
    return { k: 'closure', def, pos };
  }

  private parsePrimaryId(t: Token, pos: Pos): Node {
    const w: string = t.v;
    switch (w) {
      case 'true':
      case 'false':
        this.advance();
        return { k: 'lit', v: w === 'true', pos };
      case 'this':
        this.advance();
        return { k: 'this', pos };
      case 'if':
        return this.parseIf();
      case 'switch':
        return this.parseSwitch();
      case 'while':
      case 'loop':
      case 'do':
      case 'for':
        return this.parseLoop();
      case 'global':
        if (this.isOp('::', this.peek())) {
          this.advance();
          this.advance();
          const nt = this.advance();
          if (nt.t !== 'id') this.unexpected(nt);
          return { k: 'global', name: nt.v, pos: this.pos(nt) };
        }
        this.unexpected();
    }
    if (KEYWORD_NOT_EXPR.has(w)) this.unexpected();
    this.advance();
    if (this.isOp('::')) {
      // Module namespace: `m::name` or `m::f(..)`
      this.advance();
      const nt = this.advance();
      if (nt.t !== 'id') this.unexpected(nt);
      if (this.isOp('(')) return { k: 'call', name: nt.v, ns: w, args: this.parseArgs(), pos: this.pos(nt), nsPos: pos };
      return { k: 'modvar', ns: w, name: nt.v, pos: this.pos(nt), nsPos: pos };
    }
    if (this.isOp('(')) {
      const args = this.parseArgs();
      const node: Node = { k: 'call', name: w, ns: null, args, pos };
      if (w === 'eval' || w === 'is_def_var') node.scope = this.fn.snapshot();
      return node;
    }
    if (this.isOp('!') && this.isOp('(', this.peek())) {
      // `f!(..)`: call with the caller's scope; treated as a normal call.
      this.advance();
      return { k: 'call', name: w, ns: null, args: this.parseArgs(), pos };
    }
    if (RESERVED_WORDS.has(w)) this.error(`'${w}' is a reserved keyword`, pos);
    return { k: 'var', name: w, vi: this.fn.lookup(w), pos };
  }

  protected atEof(): boolean {
    return this.tok.t === 'eof';
  }

  protected abstract parseIf(): Node;
  protected abstract parseSwitch(): Node;
  protected abstract parseLoop(): Node;

  /** A switch case value: a constant literal or a literal range. */
  protected caseValue(e: Node): Value {
    if (e.k === 'lit') return e.v;
    if (e.k === 'range' && e.l?.k === 'lit' && e.r?.k === 'lit') {
      const a = e.l.v;
      const b = e.r.v;
      if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
        return new RRange(a, b, e.incl);
      }
    }
    if (e.k === 'unary' && e.op === '-' && e.e.k === 'lit' && e.e.v instanceof RFloat) return new RFloat(-e.e.v.v);
    // Rhai takes case labels as literals only (no folding at parse time).
    this.error('Expecting a literal expression', startPos(e));
  }

  protected makeCase(values: Value[], guard: Node | null, body: Node): SwitchCase {
    return { values, guard, body };
  }
}

function normBig(b: bigint): number | bigint {
  if (b > I64_MAX) return b;
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

const KEYWORD_NOT_EXPR = new Set([
  'let', 'const', 'else', 'until', 'in', 'break', 'continue', 'return', 'throw', 'try', 'catch', 'fn',
  'private', 'import', 'export', 'as',
]);

const RESERVED_WORDS = new Set([
  'var', 'static', 'shared', 'sync', 'async', 'await', 'spawn', 'thread', 'go', 'goto', 'is', 'match',
  'case', 'default', 'public', 'protected', 'package', 'module', 'new', 'nil', 'null', 'void', 'with',
  'use', 'super', 'yield',
]);


/** Where an expression starts (its leftmost operand), as the reference reports it. */
function startPos(e: Node): Pos {
  for (;;) {
    switch (e.k) {
      case 'bin':
      case 'and':
      case 'or':
      case 'coal':
        e = e.l;
        break;
      case 'range':
        if (!e.l) return e.pos;
        e = e.l;
        break;
      case 'index':
      case 'prop':
      case 'method':
        e = e.obj;
        break;
      default:
        return e.pos;
    }
  }
}
