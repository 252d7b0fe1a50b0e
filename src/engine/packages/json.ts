/**
 * parse_json(text): JSON → Rhai values (objects → maps, arrays, ints stay
 * ints, numbers with a fraction or exponent become floats, null → `()`).
 * A hand-written parser because JSON.parse cannot tell `1` from `1.0`.
 * Also `take(x)`, the other small core-language function.
 */
import { NO_POSITION, RhaiRuntimeError } from '../errors.js';
import { parseIntLiteral } from '../int.js';
import type { Package } from '../native.js';
import { RFloat, RMap, type Value } from '../values.js';

/**
 * Rhai's parse_json maps a serde_json error to a runtime error (as if the
 * script threw the message), e.g. "expected value at line 1 column 1".
 * serde_json's column counts UTF-8 bytes up to and including the first byte
 * of the offending char.
 */
export function jsonError(s: string, i: number, code: string): RhaiRuntimeError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < i && k < s.length; k++) {
    if (s.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  let column = Buffer.byteLength(s.slice(lineStart, Math.min(i, s.length)), 'utf8');
  if (i < s.length) {
    if (s.charCodeAt(i) === 10) {
      line++;
      column = 0;
    } else column++;
  }
  const msg = `${code} at line ${line} column ${column}`;
  return new RhaiRuntimeError('ErrorRuntime', `Runtime error: ${msg}`, NO_POSITION, msg);
}

/** serde_json's default recursion limit. */
const MAX_DEPTH = 128;

class JsonParser {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Error at the char at `at` (default: the current one). */
  fail(code: string, at = this.i): never {
    throw jsonError(this.s, at, code);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  parseDocument(): Value {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i < this.s.length) this.fail('trailing characters');
    return v;
  }

  value(depth: number): Value {
    this.ws();
    const c = this.s[this.i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) this.fail('recursion limit exceeded');
      return c === '{' ? this.object(depth) : this.array(depth);
    }
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', undefined);
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    return this.fail(c === undefined ? 'EOF while parsing a value' : 'expected value');
  }

  literal(word: string, v: Value): Value {
    for (let k = 1; k < word.length; k++) {
      const at = this.i + k;
      if (at >= this.s.length) this.fail('EOF while parsing a value', at);
      if (this.s[at] !== word[k]) this.fail('expected ident', at);
    }
    this.i += word.length;
    return v;
  }

  object(depth: number): RMap {
    const m = new RMap();
    this.i++;
    let first = true;
    for (;;) {
      this.ws();
      let c = this.s[this.i];
      if (c === '}') {
        if (!first) this.fail('trailing comma');
        this.i++;
        return m;
      }
      if (!first) {
        if (c === undefined) this.fail('EOF while parsing an object');
        if (c !== ',') this.fail('expected `,` or `}`');
        this.i++;
        this.ws();
        c = this.s[this.i];
        if (c === '}') this.fail('trailing comma');
      }
      if (c === undefined) this.fail(first ? 'EOF while parsing an object' : 'EOF while parsing a value');
      if (c !== '"') this.fail('key must be a string');
      first = false;
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(this.i >= this.s.length ? 'EOF while parsing an object' : 'expected `:`');
      this.i++;
      m.set(k, this.value(depth + 1));
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return m;
      }
    }
  }

  array(depth: number): Value[] {
    const a: Value[] = [];
    this.i++;
    let first = true;
    for (;;) {
      this.ws();
      let c = this.s[this.i];
      if (c === ']') {
        this.i++;
        return a;
      }
      if (!first) {
        if (c === undefined) this.fail('EOF while parsing a list');
        if (c !== ',') this.fail('expected `,` or `]`');
        this.i++;
        this.ws();
        c = this.s[this.i];
        if (c === ']') this.fail('trailing comma');
        if (c === undefined) this.fail('EOF while parsing a value');
      } else if (c === undefined) this.fail('EOF while parsing a list');
      first = false;
      a.push(this.value(depth + 1));
    }
  }

  string(): string {
    const s = this.s;
    let out = '';
    let start = ++this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('EOF while parsing a string');
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(start, this.i++);
        return out;
      }
      if (c === 92) {
        out += s.slice(start, this.i);
        const e = s[this.i + 1];
        if (e === undefined) this.fail('EOF while parsing a string', s.length);
        this.i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            let code = 0;
            for (let k = 0; k < 4; k++, this.i++) {
              if (this.i >= s.length) this.fail('EOF while parsing a string', s.length);
              const h = parseInt(s[this.i], 16);
              if (Number.isNaN(h)) this.fail('invalid escape');
              code = code * 16 + h;
            }
            out += String.fromCharCode(code);
            break;
          }
          default:
            this.fail('invalid escape', this.i - 1);
        }
        start = this.i;
      } else if (c < 0x20) this.fail('control character (\\u0000-\\u001F) found while parsing a string');
      else this.i++;
    }
  }

  number(): Value {
    const s = this.s;
    const start = this.i;
    if (s[this.i] === '-') this.i++;
    // At least one digit must follow; `fail` reports EOF or the offending char like serde_json.
    const digits = (): void => {
      const b = this.i;
      while (this.i < s.length && s.charCodeAt(this.i) >= 48 && s.charCodeAt(this.i) <= 57) this.i++;
      if (this.i === b) this.fail(this.i >= s.length ? 'EOF while parsing a value' : 'invalid number');
    };
    if (s[this.i] === '0') {
      this.i++;
      const c = s.charCodeAt(this.i);
      if (c >= 48 && c <= 57) this.fail('invalid number');
    } else digits();
    let isFloat = false;
    if (s[this.i] === '.') {
      this.i++;
      isFloat = true;
      digits();
    }
    if (s[this.i] === 'e' || s[this.i] === 'E') {
      this.i++;
      isFloat = true;
      if (s[this.i] === '+' || s[this.i] === '-') this.i++;
      digits();
    }
    const text = s.slice(start, this.i);
    if (!isFloat) {
      const neg = text.charCodeAt(0) === 45;
      const v = parseIntLiteral(neg ? text.slice(1) : text);
      if (v !== undefined) return neg ? (typeof v === 'number' ? 0 - v : -v) : v;
      if (text === '-9223372036854775808') return -9223372036854775808n;
    }
    return new RFloat(Number(text));
  }
}

export function parseJson(text: string): Value {
  return new JsonParser(text).parseDocument();
}

export const JSON_PACKAGE: Package = [
  { name: 'parse_json', params: ['string'], fn: (_c, a) => parseJson(a[0] as string) },
  {
    name: 'take',
    params: ['any'],
    mutates: true,
    fn: (_c, a) => {
      const v = a[0];
      a[0] = undefined;
      return v;
    },
  },
];
