/**
 * parse_json(text): JSON → Rhai values (objects → maps, arrays, ints stay
 * ints, numbers with a fraction or exponent become floats, null → `()`).
 * A hand-written parser because JSON.parse cannot tell `1` from `1.0`.
 * Also `take(x)`, the other small core-language function.
 */
import { runtimeError } from '../errors.js';
import { parseIntLiteral } from '../int.js';
import type { Package } from '../native.js';
import { RFloat, RMap, type Value } from '../values.js';

class JsonParser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw runtimeError('ErrorParsing', `Invalid JSON: ${what} at position ${this.i + 1}`);
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
    if (this.i < this.s.length) this.fail('unexpected trailing text');
    return v;
  }

  value(depth: number): Value {
    if (depth > 256) this.fail('nesting too deep');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.i)) return (this.i += 4), true;
    if (c === 'f' && this.s.startsWith('false', this.i)) return (this.i += 5), false;
    if (c === 'n' && this.s.startsWith('null', this.i)) return (this.i += 4), undefined;
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected '${c}'`);
  }

  object(depth: number): RMap {
    const m = new RMap();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return this.i++, m;
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expecting a property name');
      const k = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') this.fail("expecting ':'");
      m.set(k, this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return m;
      if (c !== ',') this.fail("expecting ',' or '}'");
    }
  }

  array(depth: number): Value[] {
    const a: Value[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') return this.i++, a;
    for (;;) {
      a.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return a;
      if (c !== ',') this.fail("expecting ',' or ']'");
    }
  }

  string(): string {
    const s = this.s;
    let out = '';
    let start = ++this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('unterminated string');
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(start, this.i++);
        return out;
      }
      if (c === 92) {
        out += s.slice(start, this.i);
        const e = s[this.i + 1];
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
            const hex = s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            this.i += 4;
            break;
          }
          default:
            this.fail('bad escape');
        }
        start = this.i;
      } else if (c < 0x20) this.fail('control character in string');
      else this.i++;
    }
  }

  number(): Value {
    const s = this.s;
    const start = this.i;
    if (s[this.i] === '-') this.i++;
    const digits = (): number => {
      const b = this.i;
      while (this.i < s.length && s.charCodeAt(this.i) >= 48 && s.charCodeAt(this.i) <= 57) this.i++;
      return this.i - b;
    };
    if (digits() === 0) this.fail('bad number');
    let isFloat = false;
    if (s[this.i] === '.') {
      this.i++;
      isFloat = true;
      if (digits() === 0) this.fail('bad number');
    }
    if (s[this.i] === 'e' || s[this.i] === 'E') {
      this.i++;
      isFloat = true;
      if (s[this.i] === '+' || s[this.i] === '-') this.i++;
      if (digits() === 0) this.fail('bad number');
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
