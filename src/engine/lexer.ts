/**
 * Tokenizer for Rhai source. Produces a flat token array (each token with a
 * 1-based line and column). Back-tick strings become one `interp` token whose
 * `${...}` parts are themselves token arrays, so the parser can recurse.
 * Malformed input becomes an `error` token: the parser reports it only when it
 * reaches it, as the reference does.
 */
export type TokType =
  | 'int' // v: number | bigint (bigint only when beyond the safe range)
  | 'float' // v: number
  | 'str' // v: string
  | 'char' // v: string (one scalar)
  | 'interp' // parts: (string | Token[])[]
  | 'id' // v: identifier or keyword text
  | 'op' // v: symbol text
  | 'error' // v: message (without "Syntax error: ")
  | 'eof';

export interface Token {
  t: TokType;
  v: any;
  line: number;
  col: number;
  parts?: (string | Token[])[];
  /** For int tokens: the magnitude did not fit i64 (9223372036854775808 folds with a leading '-'). */
  big?: bigint;
}

const SYMBOLS = [
  '**=', '<<=', '>>=', '..=', '...', '===', '!==', '::<',
  '==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '**', '<<', '>>', '..', '=>', '::', '?.', '?[', '??', '#{', '++', '--', '->', '<-',
  ':=', ':;', '|>', '<|', '(*', '*)', '!.', '#!',
  '+', '-', '*', '/', '%', '&', '|', '^', '!', '<', '>', '=', '(', ')', '[', ']', '{', '}',
  ',', ';', ':', '.', '?', '@', '$', '#', '~',
];

const I64_MAX = 9223372036854775807n;
const U64_MOD = 18446744073709551616n;

function isIdStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdChar(c: string): boolean {
  return isIdStart(c) || (c >= '0' && c <= '9');
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Normalises a bigint to the Int representation (number when safe). */
function toInt(b: bigint): number | bigint {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export class Lexer {
  private i = 0;
  private line = 1;
  private col = 1;
  /** Set when an interpolation `${` reached the end of the source without its `}`. */
  private unclosed = false;
  constructor(private readonly src: string) {}

  /** Tokenizes the whole source (or, with `untilBrace`, up to the `}` closing an interpolation). */
  tokenize(untilBrace = false): Token[] {
    const out: Token[] = [];
    let depth = 0;
    for (;;) {
      this.skipSpace();
      if (this.i >= this.src.length) {
        if (untilBrace) this.unclosed = true;
        out.push({ t: 'eof', v: null, line: this.line, col: this.col });
        return out;
      }
      if (untilBrace && this.src[this.i] === '}' && depth === 0) {
        out.push({ t: 'eof', v: null, line: this.line, col: this.col });
        this.adv(1);
        return out;
      }
      const tok = this.next();
      if (untilBrace && tok.t === 'op') {
        if (tok.v === '{' || tok.v === '#{') depth++;
        else if (tok.v === '}') depth--;
      }
      out.push(tok);
      if (tok.t === 'error') {
        // Keep going is pointless after malformed input: the parser stops here.
        out.push({ t: 'eof', v: null, line: this.line, col: this.col });
        return out;
      }
    }
  }

  private adv(n: number): void {
    for (let k = 0; k < n; k++) {
      if (this.src.charCodeAt(this.i) === 10) {
        this.line++;
        this.col = 1;
      } else {
        // Columns count Unicode scalars: skip the low surrogate of a pair.
        const code = this.src.charCodeAt(this.i);
        if (!(code >= 0xdc00 && code <= 0xdfff)) this.col++;
      }
      this.i++;
    }
  }

  private skipSpace(): void {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
        this.adv(1);
      } else if (c === '/' && s[this.i + 1] === '/') {
        while (this.i < s.length && s[this.i] !== '\n') this.adv(1);
      } else if (c === '/' && s[this.i + 1] === '*') {
        let depth = 0;
        while (this.i < s.length) {
          if (s[this.i] === '/' && s[this.i + 1] === '*') {
            depth++;
            this.adv(2);
          } else if (s[this.i] === '*' && s[this.i + 1] === '/') {
            depth--;
            this.adv(2);
            if (depth === 0) break;
          } else this.adv(1);
        }
      } else if (c === '\u00a0' || c === '\ufeff') {
        this.adv(1);
      } else break;
    }
  }

  private tok(t: TokType, v: any, line: number, col: number): Token {
    return { t, v, line, col };
  }

  private next(): Token {
    const s = this.src;
    const line = this.line;
    const col = this.col;
    const c = s[this.i];
    if (isDigit(c)) return this.number(line, col);
    if (isIdStart(c)) {
      let j = this.i;
      while (j < s.length && isIdChar(s[j])) j++;
      const word = s.slice(this.i, j);
      this.adv(j - this.i);
      // Rhai 1.26 rejects identifiers with a leading underscore (a lone `_` is fine).
      if (word.length > 1 && word[0] === '_') return this.tok('error', `Variable name is not proper: '${word}'`, line, col);
      return this.tok('id', word, line, col);
    }
    if (c === '"') return this.string(line, col);
    if (c === '`') return this.backtick(line, col);
    if (c === "'") return this.charLit(line, col);
    if (c === '#' && (s[this.i + 1] === '"' || (s[this.i + 1] === '#' && /^#+"/.test(s.slice(this.i, this.i + 64))))) {
      return this.rawString(line, col);
    }
    if (c === '!' && s.startsWith('in', this.i + 1) && !isIdChar(s[this.i + 3] ?? ' ')) {
      this.adv(3);
      return this.tok('op', '!in', line, col);
    }
    for (const sym of SYMBOLS) {
      if (s.startsWith(sym, this.i)) {
        this.adv(sym.length);
        return this.tok('op', sym, line, col);
      }
    }
    const cp = s.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.adv(ch.length);
    return this.tok('error', `Unexpected '${ch}'`, line, col);
  }

  private number(line: number, col: number): Token {
    const s = this.src;
    let j = this.i;
    const start = j;
    if (s[j] === '0' && (s[j + 1] === 'x' || s[j + 1] === 'o' || s[j + 1] === 'b')) {
      const radix = s[j + 1] === 'x' ? 16 : s[j + 1] === 'o' ? 8 : 2;
      const re = radix === 16 ? /[0-9a-fA-F_]/ : radix === 8 ? /[0-7_]/ : /[01_]/;
      j += 2;
      while (j < s.length && (re.test(s[j]) || isIdChar(s[j]))) j++;
      const text = s.slice(start, j);
      this.adv(j - start);
      const digits = text.slice(2).replace(/_/g, '');
      if (digits === '' || !digits.split('').every((d) => re.test(d))) {
        return this.tok('error', `Invalid number: '${text}'`, line, col);
      }
      let b = BigInt((radix === 16 ? '0x' : radix === 8 ? '0o' : '0b') + digits);
      if (b >= U64_MOD) return this.tok('error', `Invalid number: '${text}'`, line, col);
      if (b > I64_MAX) b -= U64_MOD; // 64-bit pattern: 0xFFFF_FFFF_FFFF_FFFF is -1
      return this.tok('int', toInt(b), line, col);
    }
    while (j < s.length && (isDigit(s[j]) || s[j] === '_')) j++;
    let isFloat = false;
    if (s[j] === '.' && isDigit(s[j + 1] ?? '')) {
      isFloat = true;
      j++;
      while (j < s.length && (isDigit(s[j]) || s[j] === '_')) j++;
    }
    if ((s[j] === 'e' || s[j] === 'E') && (isDigit(s[j + 1] ?? '') || ((s[j + 1] === '-' || s[j + 1] === '+') && isDigit(s[j + 2] ?? '')))) {
      isFloat = true;
      j += 2;
      while (j < s.length && isDigit(s[j])) j++;
    }
    // A number running into identifier characters is malformed (`12abc`).
    if (j < s.length && isIdChar(s[j])) {
      let k = j;
      while (k < s.length && isIdChar(s[k])) k++;
      const text = s.slice(start, k);
      this.adv(k - start);
      return this.tok('error', `Invalid number: '${text}'`, line, col);
    }
    const text = s.slice(start, j).replace(/_/g, '');
    this.adv(j - start);
    if (isFloat) return this.tok('float', Number(text), line, col);
    const b = BigInt(text);
    if (b > I64_MAX) {
      // Too large for i64: becomes a float (unless negated to exactly i64::MIN).
      const t = this.tok('float', Number(text), line, col);
      t.big = b;
      return t;
    }
    return this.tok('int', toInt(b), line, col);
  }

  /** Reads one escape sequence after a backslash; returns the text or an error message. */
  private escape(): { ok: string } | { err: string } {
    const s = this.src;
    const c = s[this.i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0', '`': '`' };
    if (c in simple) {
      this.adv(1);
      return { ok: simple[c] };
    }
    const len = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (len > 0) {
      const hex = s.slice(this.i + 1, this.i + 1 + len);
      if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        this.adv(1 + len);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { err: `Invalid escape sequence: '\\${c}${hex}'` };
        return { ok: String.fromCodePoint(cp) };
      }
      this.adv(1);
      return { err: `Invalid escape sequence: '\\${c}${hex}'` };
    }
    this.adv(1);
    return { err: `Invalid escape sequence: '\\${c ?? ''}'` };
  }

  private string(line: number, col: number): Token {
    const s = this.src;
    this.adv(1);
    let out = '';
    for (;;) {
      if (this.i >= s.length) return this.tok('error', 'Open string is not terminated', line, col);
      const c = s[this.i];
      if (c === '"') {
        this.adv(1);
        return this.tok('str', out, line, col);
      }
      if (c === '\n') return this.tok('error', 'Open string is not terminated', line, col);
      if (c === '\\') {
        this.adv(1);
        if (s[this.i] === '\n' || (s[this.i] === '\r' && s[this.i + 1] === '\n')) {
          // Line continuation: skip the newline and the next line's indentation.
          this.adv(s[this.i] === '\r' ? 2 : 1);
          while (s[this.i] === ' ' || s[this.i] === '\t') this.adv(1);
          continue;
        }
        const e = this.escape();
        if ('err' in e) return this.tok('error', e.err, line, col);
        out += e.ok;
        continue;
      }
      out += c;
      this.adv(1);
    }
  }

  private rawString(line: number, col: number): Token {
    const s = this.src;
    let hashes = 0;
    while (s[this.i] === '#') {
      hashes++;
      this.adv(1);
    }
    this.adv(1); // opening quote
    const close = '"' + '#'.repeat(hashes);
    const end = s.indexOf(close, this.i);
    if (end < 0) {
      this.adv(s.length - this.i);
      return this.tok('error', 'Open string is not terminated', line, col);
    }
    const text = s.slice(this.i, end);
    this.adv(end + close.length - this.i);
    return this.tok('str', text, line, col);
  }

  private backtick(line: number, col: number): Token {
    const s = this.src;
    this.adv(1);
    const parts: (string | Token[])[] = [];
    let cur = '';
    for (;;) {
      if (this.i >= s.length) return this.tok('error', 'Open string is not terminated', line, col);
      const c = s[this.i];
      if (c === '`') {
        if (s[this.i + 1] === '`') {
          cur += '`';
          this.adv(2);
          continue;
        }
        this.adv(1);
        break;
      }
      if (c === '$' && s[this.i + 1] === '{') {
        this.adv(2);
        if (cur) parts.push(cur);
        cur = '';
        const inner = this.tokenize(true);
        const last = inner[inner.length - 2];
        if (last && last.t === 'error') return last;
        if (this.unclosed) return this.tok('error', 'Open string is not terminated', line, col);
        parts.push(inner);
        continue;
      }
      if (c === '\r' && s[this.i + 1] === '\n') {
        this.adv(1);
        continue;
      }
      cur += c;
      this.adv(1);
    }
    if (cur || parts.length === 0) parts.push(cur);
    const t = this.tok('interp', null, line, col);
    t.parts = parts;
    return t;
  }

  private charLit(line: number, col: number): Token {
    const s = this.src;
    this.adv(1);
    let out = '';
    let count = 0;
    for (;;) {
      if (this.i >= s.length || s[this.i] === '\n') return this.tok('error', `Invalid character: '${out}`, line, col);
      const c = s[this.i];
      if (c === "'") {
        this.adv(1);
        break;
      }
      if (c === '\\') {
        this.adv(1);
        const e = this.escape();
        if ('err' in e) return this.tok('error', e.err, line, col);
        out += e.ok;
      } else {
        const ch = String.fromCodePoint(s.codePointAt(this.i)!);
        out += ch;
        this.adv(ch.length);
      }
      count++;
    }
    if (count !== 1) return this.tok('error', `Invalid character: '${out}'`, line, col);
    return this.tok('char', out, line, col);
  }
}

export function tokenize(src: string): Token[] {
  // A leading `#!` line (shebang) is a comment; keep its newline so lines still count.
  if (src.startsWith('#!')) {
    const nl = src.indexOf('\n');
    src = nl < 0 ? '' : ' '.repeat(nl) + src.slice(nl);
  }
  return new Lexer(src).tokenize(false);
}
