/**
 * Parser infrastructure: token cursor, error helpers, expression-depth
 * accounting and compile-time variable resolution (scopes → frame slots).
 */
import type { ClosureCapture, FnLayout, Node, Pos, VarInfo } from '../ast.js';
import { RhaiSyntaxError } from '../errors.js';
import type { Token } from '../lexer.js';

export interface ParseLimits {
  maxExprDepth: number;
  maxFunctionExprDepth: number;
  maxStringSize: number;
  maxArraySize: number;
  maxMapSize: number;
}

/** Variable scopes of one function body (script fn, closure, or the main script). */
export class FnScope {
  readonly vars: VarInfo[] = [];
  readonly layout: FnLayout = { nslots: 0 };
  readonly captures: ClosureCapture[] = [];
  private readonly capMap = new Map<string, VarInfo>();
  constructor(
    readonly parent: FnScope | null,
    readonly isClosure: boolean,
    readonly isTop: boolean,
  ) {}

  declare(name: string, isConst: boolean, blockDepth: number): VarInfo {
    const vi: VarInfo = { name, slot: this.layout.nslots++, isConst, captured: false, topLevel: this.isTop && blockDepth === 0 };
    this.vars.push(vi);
    return vi;
  }

  lookup(name: string): VarInfo | null {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    const cap = this.capMap.get(name);
    if (cap) return cap;
    if (this.isClosure && this.parent) {
      const outer = this.parent.lookup(name);
      if (!outer) return null;
      outer.captured = true;
      const inner: VarInfo = { name, slot: this.layout.nslots++, isConst: outer.isConst, captured: true, topLevel: false };
      this.capMap.set(name, inner);
      this.captures.push({ outer, inner });
      return inner;
    }
    return null;
  }

  /** Every name visible here (for eval / is_def_var), innermost last. */
  snapshot(): Map<string, VarInfo> {
    const m = new Map<string, VarInfo>();
    if (this.isClosure && this.parent) for (const [k, v] of this.parent.snapshot()) m.set(k, v);
    for (const [k, v] of this.capMap) m.set(k, v);
    for (const v of this.vars) m.set(v.name, v);
    return m;
  }
}

export const RESERVED = new Set([
  'var', 'static', 'shared', 'sync', 'async', 'await', 'spawn', 'thread', 'go', 'goto', 'is', 'match',
  'case', 'default', 'public', 'protected', 'package', 'module', 'new', 'nil', 'null', 'void', 'with',
  'use', 'super', 'yield',
]);

export const KEYWORDS = new Set([
  'let', 'const', 'if', 'else', 'switch', 'do', 'while', 'until', 'loop', 'for', 'in', 'break', 'continue',
  'return', 'throw', 'try', 'catch', 'fn', 'private', 'import', 'export', 'as', 'true', 'false', 'this',
  'global',
]);

export const RESERVED_SYMBOLS = new Set([
  '++', '--', '~', '?', '@', '$', '#', '->', '<-', '::<', ':=', ':;', '===', '!==', '...', '|>', '<|', '(*', '*)', '!.', '#!',
]);

export abstract class ParserBase {
  protected p = 0;
  protected fn: FnScope;
  protected blockDepth = 0;
  protected depth = 0;
  protected inFunction = false;
  /** Loop nesting inside the current function (for `break` outside a loop). */
  protected loopDepth = 0;

  constructor(
    protected toks: Token[],
    protected readonly limits: ParseLimits,
    top: FnScope,
  ) {
    this.fn = top;
  }

  protected get tok(): Token {
    return this.toks[this.p];
  }
  protected peek(n = 1): Token {
    return this.toks[Math.min(this.p + n, this.toks.length - 1)];
  }
  protected pos(t: Token = this.tok): Pos {
    return { line: t.line, column: t.col };
  }
  protected isOp(v: string, t: Token = this.tok): boolean {
    return t.t === 'op' && t.v === v;
  }
  protected isKw(v: string, t: Token = this.tok): boolean {
    return t.t === 'id' && t.v === v;
  }
  protected advance(): Token {
    const t = this.toks[this.p];
    if (t.t !== 'eof') this.p++;
    return t;
  }

  error(msg: string, pos: Pos = this.pos()): never {
    throw new RhaiSyntaxError('Syntax error: ' + msg, pos);
  }

  /** The message for an unexpected token (lexer errors carry their own text). */
  protected unexpected(t: Token = this.tok): never {
    if (t.t === 'error') this.error(t.v, this.pos(t));
    if (t.t === 'eof') this.error('Script is incomplete', this.pos(t));
    if (t.t === 'op' && RESERVED_SYMBOLS.has(t.v)) this.error(`Unknown operator: '${t.v}'`, this.pos(t));
    if (t.t === 'id' && RESERVED.has(t.v)) this.error(`'${t.v}' is a reserved keyword`, this.pos(t));
    this.error(`Unexpected '${tokText(t)}'`, this.pos(t));
  }

  protected expectOp(v: string, why: string): Token {
    if (this.isOp(v)) return this.advance();
    if (this.tok.t === 'error') this.unexpected();
    this.error(`Expecting '${v}' ${why}`);
  }

  /** Identifier for a new variable / parameter / function name. */
  protected declName(): { name: string; pos: Pos } {
    const t = this.tok;
    if (t.t !== 'id') {
      if (t.t === 'error') this.unexpected();
      this.error('Expecting name of a variable');
    }
    if (RESERVED.has(t.v)) this.error(`'${t.v}' is a reserved keyword`);
    if (KEYWORDS.has(t.v)) this.error(`Expecting name of a variable`);
    if (t.v.startsWith('_')) this.error(`Variable name is not proper: '${t.v}'`);
    this.advance();
    return { name: t.v, pos: this.pos(t) };
  }

  /** Expression depth: each nesting level costs `cost`; exceeding the limit is a parse error. */
  protected enter(cost: number, pos: Pos): void {
    this.depth += cost;
    const max = this.inFunction ? this.limits.maxFunctionExprDepth : this.limits.maxExprDepth;
    if (max > 0 && this.depth > max) this.error('Expression exceeds maximum complexity', pos);
  }
  protected leave(cost: number): void {
    this.depth -= cost;
  }

  abstract parseBlock(): Node;
  abstract parseStmt(): Node;
  abstract parseExpr(): Node;
}

export function tokText(t: Token): string {
  switch (t.t) {
    case 'int':
    case 'float':
      return String(t.v);
    case 'str':
      return JSON.stringify(t.v);
    case 'char':
      return `'${t.v}'`;
    case 'interp':
      return '`';
    case 'eof':
      return '<EOF>';
    default:
      return String(t.v);
  }
}
