import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { RMap, type Value } from '../values.js';
import { call, v } from './testing/call.js';
import { jsFn } from './testing/fake-context.js';

const show = (x: Value) => displayValue(x);
const mk = (o: Record<string, Value>) => new RMap(Object.entries(o));

describe('map functions (041-map-methods)', () => {
  it('reads keys and values in sorted order', () => {
    const m = mk({ b: 2, a: 1, c: 3 });
    expect(v('len', m)).toBe(3);
    expect(show(v('keys', m))).toBe('["a", "b", "c"]');
    expect(show(v('values', m))).toBe('[1, 2, 3]');
    expect(v('contains', m, 'a')).toBe(true);
    expect(v('contains', m, 'z')).toBe(false);
    expect(v('remove', m, 'b')).toBe(2);
    expect(show(m)).toBe('#{"a": 1, "c": 3}');
    expect(v('remove', m, 'zz')).toBeUndefined();
  });

  it('mixes in and fills', () => {
    const m = mk({ a: 1, c: 3 });
    v('mixin', m, mk({ e: 5 }));
    expect(show(m)).toBe('#{"a": 1, "c": 3, "e": 5}');
    v('fill_with', m, mk({ a: -1, f: 6 }));
    expect(show(m)).toBe('#{"a": 1, "c": 3, "e": 5, "f": 6}');
    v('clear', m);
    expect(v('len', m)).toBe(0);
  });

  it('renders JSON like Rhai (debug forms, null for unit)', () => {
    const m = mk({ b: [1, 'x'], a: undefined, c: mk({ d: 1.5 }), e: 'q"' });
    expect(v('to_json', m)).toBe('{"a":null,"b":[1, "x"],"c":{"d":1.5},"e":"q\\""}');
  });

  it('filters, drains and retains by (key, value)', () => {
    const m = mk({ a: 1, b: 2, c: 3 });
    expect(show(v('filter', m, jsFn(([, x]) => (x as number) > 1, 2)))).toBe('#{"b": 2, "c": 3}');
    expect(show(v('filter', m, jsFn((_a, t) => (t!.value as number) > 2, 1)))).toBe('#{"c": 3}');
    expect(show(v('map', m, jsFn(([k, x]) => (k as string) + x, 2)))).toBe('#{"a": "a1", "b": "b2", "c": "c3"}');
    expect(show(v('drain', m, jsFn(([k]) => k === 'a', 2)))).toBe('#{"a": 1}');
    expect(show(m)).toBe('#{"b": 2, "c": 3}');
    expect(show(v('retain', m, jsFn(([k]) => k === 'b', 2)))).toBe('#{"c": 3}');
    expect(show(m)).toBe('#{"b": 2}');
  });
});

describe('parse_json / take', () => {
  it('parses JSON into Rhai values', () => {
    const r = v('parse_json', '{"a": 1, "b": [1.0, 2.5e1, -3, true, null, "x\\n\\u0041"], "c": {"d": {}}, "big": 9223372036854775807}');
    expect(show(r)).toBe('#{"a": 1, "b": [1.0, 25.0, -3, true, (), "x\\nA"], "big": 9223372036854775807, "c": #{"d": #{}}}');
    expect(show(v('parse_json', ' [ ] '))).toBe('[]');
    expect(() => v('parse_json', '{"a": }')).toThrow('expected value at line 1 column 7');
    expect(() => v('parse_json', '[1] x')).toThrow('trailing characters at line 1 column 5');
  });
  it('fails like serde_json, as a catchable runtime error carrying the message', () => {
    const msg = (text: string): unknown => {
      try {
        v('parse_json', text);
      } catch (e) {
        const err = e as { kind: string; thrown: unknown };
        expect(err.kind).toBe('ErrorRuntime');
        return err.thrown;
      }
      return undefined;
    };
    expect(msg('')).toBe('EOF while parsing a value at line 1 column 0');
    expect(msg('xyz')).toBe('expected value at line 1 column 1');
    expect(msg('{"a": 1,}')).toBe('trailing comma at line 1 column 9');
    expect(msg('[1, 2')).toBe('EOF while parsing a list at line 1 column 5');
    expect(msg('[1 2]')).toBe('expected `,` or `]` at line 1 column 4');
    expect(msg('{"a" 1}')).toBe('expected `:` at line 1 column 6');
    expect(msg('{1: 2}')).toBe('key must be a string at line 1 column 2');
    expect(msg('trx')).toBe('expected ident at line 1 column 3');
    expect(msg('01')).toBe('invalid number at line 1 column 2');
    expect(msg('[\n1,\n]')).toBe('trailing comma at line 3 column 1');
    expect(msg('"a\\qb"')).toBe('invalid escape at line 1 column 4');
    expect(msg('"é\n"')).toBe('control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0');
    expect(msg('["é", x]')).toBe('expected value at line 1 column 8');
  });
  it('take returns the value and leaves ()', () => {
    const r = call('take', [[1, 2]]);
    expect(show(r.value)).toBe('[1, 2]');
    expect(r.recv).toBeUndefined();
  });
});
