import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { RChar, RRange, type Value } from '../values.js';
import { m, v } from './testing/call.js';

const ch = (c: string) => new RChar(c);
const show = (x: Value) => displayValue(x);

describe('string functions', () => {
  it('measures and indexes by char', () => {
    expect(v('len', 'héllo wörld')).toBe(11);
    expect(v('bytes', 'héllo wörld')).toBe(13);
    expect(v('len', '😀a')).toBe(2);
    expect(v('is_empty', '')).toBe(true);
    expect(show(v('get', 'abc', -1))).toBe('c');
    expect(v('get', 'abc', 5)).toBeUndefined();
    expect(show(v('get', '😀b', 1))).toBe('b');
    expect(show(v('to_chars', 'héllo'))).toBe('[h, é, l, l, o]');
    expect(show(v('chars', 'hello, world!', 2, 4))).toBe('[l, l, o, ,]');
    expect(show(v('chars', 'hello', -2))).toBe('[l, o]');
    expect(show(v('chars', 'hello', new RRange(1, 3, true)))).toBe('[e, l, l]');
  });

  it('searches', () => {
    const s = 'the quick brown fox';
    expect(v('contains', s, 'quick')).toBe(true);
    expect(v('contains', s, ch('z'))).toBe(false);
    expect(v('index_of', s, 'o')).toBe(12);
    expect(v('index_of', s, ch('o'), 13)).toBe(17);
    expect(v('index_of', s, 'cat')).toBe(-1);
    expect(v('index_of', 'hello, world! hello, foobar!', 'll', -15)).toBe(16);
    expect(v('index_of', 'héllo', 'l')).toBe(2);
    expect(v('starts_with', s, 'the')).toBe(true);
    expect(v('ends_with', s, 'fox')).toBe(true);
  });

  it('takes substrings', () => {
    const s = 'the quick brown fox';
    expect(v('sub_string', s, 4, 5)).toBe('quick');
    expect(v('sub_string', s, 16)).toBe('fox');
    expect(v('sub_string', s, -3)).toBe('fox');
    expect(v('sub_string', 'programming', new RRange(3, 7, false))).toBe('gram');
    expect(v('sub_string', 'hello, world!', -8, 3)).toBe(', w');
    expect(v('to_upper', s)).toBe('THE QUICK BROWN FOX');
    expect(v('to_lower', 'MiXeD')).toBe('mixed');
  });

  it('mutates in place (024-string-mutating)', () => {
    expect(m('trim', '   padded text   ')).toBe('padded text');
    expect(m('replace', 'a-b-c-d', '-', '+')).toBe('a+b+c+d');
    expect(m('pad', '7', 3, ch('0'))).toBe('700');
    expect(m('crop', 'abcdef', 2, 3)).toBe('cde');
    expect(m('truncate', 'truncate me', 8)).toBe('truncate');
    expect(m('make_upper', 'shout')).toBe('SHOUT');
    expect(m('remove', 'mississippi', 'ss')).toBe('miiippi');
    expect(m('clear', 'gone')).toBe('');
    expect(m('pad', 'ab', 6, 'xy')).toBe('abxyxy');
    expect(m('pad', 'ab', 5, 'xy')).toBe('abxyx');
    expect(m('crop', 'hello, world!', 5)).toBe(', world!');
    expect(m('append', 'x', 5)).toBe('x5');
    expect(m('set', 'cat', 0, ch('b'))).toBe('bat');
  });

  it('pops chars', () => {
    const args: Value[] = ['hello, world!'];
    const r = v('pop', ...args);
    expect(show(r)).toBe('!');
    const args2: Value[] = ['hello, world!', 4];
    expect(v('pop', ...args2)).toBe('rld!');
  });

  it('splits (025-string-split)', () => {
    expect(show(v('split', 'alpha,beta,,gamma', ','))).toBe('["alpha", "beta", "", "gamma"]');
    expect(show(v('split', 'one two  three'))).toBe('["one", "two", "three"]');
    expect(show(v('split', 'k=v=w', '=', 2))).toBe('["k", "v=w"]');
    expect(show(v('split', 'a;b;c', ch(';')))).toBe('["a", "b", "c"]');
    expect(show(v('split', 'hello, world!', 6))).toBe('["hello,", " world!"]');
    expect(show(v('split', 'hello, world!', -6))).toBe('["hello, ", "world!"]');
    expect(show(v('split_rev', 'hello, world! hello, foo!', 'll'))).toBe('["o, foo!", "o, world! he", "he"]');
    expect(show(v('split_rev', 'hello, world! hello, foo!', 'll', 2))).toBe('["o, foo!", "hello, world! he"]');
  });

  it('converts', () => {
    expect(show(v('to_blob', 'Hi!'))).toBe('[486921]');
    expect(v('parse_int', '42')).toBe(42);
    expect(v('parse_int', '  12 ')).toBe(12);
    expect(v('parse_int', 'ff', 16)).toBe(255);
    expect(() => v('parse_int', '12abc')).toThrow("Error parsing integer number '12abc': invalid digit found in string");
    expect(show(v('parse_float', '2.5'))).toBe('2.5');
    expect(show(v('parse_float', '1e3'))).toBe('1000.0');
    expect(show(v('parse_float', '7'))).toBe('7.0');
    expect(() => v('parse_float', 'abc')).toThrow("Error parsing floating-point number 'abc': invalid float literal");
    expect(v('to_debug', 'abc')).toBe('"abc"');
    expect(v('to_string', [1, 2])).toBe('[1, 2]');
  });

  it('handles chars', () => {
    expect(v('to_int', ch('R'))).toBe(82);
    expect(show(v('to_lower', ch('R')))).toBe('r');
    expect(show(v('to_upper', ch('é')))).toBe('É');
    expect(show(v('to_upper', ch('ß')))).toBe('ß');
    expect(v('to_int', ch('\t'))).toBe(9);
  });
});

describe('split with an empty delimiter (Rust str::splitn / rsplitn)', () => {
  it('matches at every char boundary', () => {
    expect(show(v('split', 'abc', ''))).toBe('["", "a", "b", "c", ""]');
    expect(show(v('split', 'abc', '', 2))).toBe('["", "abc"]');
    expect(show(v('split', 'abc', '', 3))).toBe('["", "a", "bc"]');
    expect(show(v('split', 'abc', '', 9))).toBe('["", "a", "b", "c", ""]');
    expect(show(v('split_rev', 'abc', ''))).toBe('["", "c", "b", "a", ""]');
    expect(show(v('split_rev', 'abc', '', 3))).toBe('["", "c", "ab"]');
    expect(show(v('split_rev', '', '', 2))).toBe('["", ""]');
  });
  it('keeps the documented examples', () => {
    expect(show(v('split_rev', 'hello, world! hello, foo!', 'll', 2))).toBe('["o, foo!", "hello, world! he"]');
    expect(show(v('split_rev', 'hello, world! hello, foo!', ch('l')))).toBe(
      '["o, foo!", "", "d! he", "o, wor", "", "he"]',
    );
    expect(show(v('split', 'hello, world! hello, foo!', ch('l'), 3))).toBe('["he", "", "o, world! hello, foo!"]');
  });
});
