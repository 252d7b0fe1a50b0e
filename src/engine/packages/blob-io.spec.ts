import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { RBlob, RFloat, RRange } from '../values.js';
import { call, v } from './testing/call.js';

const blob = (n: number, fill = 0) => new RBlob(new Array(n).fill(fill));
const show = (b: unknown) => displayValue(b as RBlob);

describe('blob write/parse (Rhai blob_basic.rs examples)', () => {
  it('write_le/write_be ints by position and range', () => {
    let b = blob(8);
    call('write_le', [b, 1, 3, 0x12345678]);
    expect(show(b)).toBe('[0078563400000000]');
    b = blob(8);
    call('write_le', [b, new RRange(1, 3, false), 0x12345678]);
    expect(show(b)).toBe('[0078560000000000]');
    b = blob(8, 0x42);
    call('write_be', [b, new RRange(1, 3, false), 0x99]);
    expect(show(b)).toBe('[4200004242424242]');
    b = blob(8, 0x42);
    call('write_be', [b, 1, 3, 0x99]);
    expect(show(b)).toBe('[4200000042424242]');
    b = blob(8);
    call('write_le', [b, 0, 8, -2]);
    expect(show(b)).toBe('[feffffffffffffff]');
  });

  it('writes and parses floats', () => {
    const b = blob(8);
    call('write_le', [b, 0, 8, new RFloat(1.5)]);
    expect(displayValue(v('parse_le_float', b, 0, 8))).toBe('1.5');
    call('write_be', [b, new RRange(0, 7, true), new RFloat(-0.25)]);
    expect(displayValue(v('parse_be_float', b, new RRange(0, 8, false)))).toBe('-0.25');
    expect(displayValue(v('parse_le_float', new RBlob([]), 0, 8))).toBe('0.0');
  });

  it('write_utf8 / write_ascii', () => {
    let b = blob(8);
    call('write_utf8', [b, new RRange(1, 5, false), '朝には紅顔']);
    expect(show(b)).toBe('[00e69c9de3000000]');
    b = blob(8);
    call('write_utf8', [b, 1, 5, '朝には紅顔']);
    expect(show(b)).toBe('[00e69c9de3810000]');
    b = blob(8);
    call('write_ascii', [b, new RRange(1, 5, false), 'hello, world!']);
    expect(show(b)).toBe('[0068656c6c000000]');
    b = blob(8);
    call('write_ascii', [b, new RRange(1, 5, true), 'hello, world!']);
    expect(show(b)).toBe('[0068656c6c6f0000]');
  });
});

describe('blob/string appends', () => {
  it('blob += string appends UTF-8 bytes; string += / append blob decodes it', () => {
    const b = new RBlob([0x43]);
    call('+=', [b, 'zé']);
    expect(show(b)).toBe('[437ac3a9]');
    expect(call('+=', ['x', new RBlob([0x41, 0x41])]).recv).toBe('xAA');
    expect(call('append', ['x', new RBlob([0x42])]).recv).toBe('xB');
  });
});
