import { describe, expect, it } from '@jest/globals';
import { displayValue } from '../format.js';
import { RBlob, RFloat, RRange, RTimestamp, type Value } from '../values.js';
import { iterateRange } from './range.js';
import { call, m, resolve, v } from './testing/call.js';
import { fakeContext } from './testing/fake-context.js';

const f = (n: number) => new RFloat(n);
const show = (x: Value) => displayValue(x);

describe('math (074-math-fns)', () => {
  it('computes', () => {
    expect(v('abs', -12)).toBe(12);
    expect(show(v('abs', f(-2.5)))).toBe('2.5');
    expect(show(v('sqrt', f(81)))).toBe('9.0');
    expect(show(v('floor', f(3.7)))).toBe('3.0');
    expect(show(v('floor', f(-2.5)))).toBe('-3.0');
    expect(show(v('ceiling', f(3.2)))).toBe('4.0');
    expect(show(v('round', f(2.5)))).toBe('3.0');
    expect(show(v('round', f(-2.5)))).toBe('-3.0');
    expect(show(v('round', f(2.4)))).toBe('2.0');
    expect(show(v('int', f(3.7)))).toBe('3.0');
    expect(show(v('fraction', f(3.75)))).toBe('0.75');
    expect(v('max', 4, 9)).toBe(9);
    expect(v('min', -1, 3)).toBe(-1);
    expect(show(v('max', 3, f(2.5)))).toBe('3.0');
    expect(show(v('min', 3, f(2.5)))).toBe('2.5');
    expect(v('sign', -8)).toBe(-1);
    expect(v('sign', 0)).toBe(0);
    expect(show(v('log', f(1000)))).toBe('3.0');
    expect(show(v('log', f(8), f(2)))).toBe('3.0');
    expect(show(v('ln', f(1)))).toBe('0.0');
    expect(show(v('PI'))).toBe('3.141592653589793');
    expect(show(v('E'))).toBe('2.718281828459045');
    expect(show(v('hypot', f(6), f(8)))).toBe('10.0');
    expect(show(v('sqrt', f(-1)))).toBe('NaN');
    expect(v('is_nan', f(NaN))).toBe(true);
    expect(v('is_infinite', f(Infinity))).toBe(true);
    expect(v('is_finite', f(2))).toBe(true);
    expect(resolve('sqrt', [16])).toBeUndefined();
    expect(resolve('round', [f(1.2), 2])).toBeUndefined();
  });

  it('converts between ints and floats', () => {
    expect(v('to_int', f(3.99))).toBe(3);
    expect(v('to_int', f(-3.99))).toBe(-3);
    expect(show(v('to_float', 5))).toBe('5.0');
    expect(() => v('to_int', f(1e20))).toThrow('Integer overflow: to_int(100000000000000000000)');
    expect(v('is_even', 42)).toBe(true);
    expect(v('is_odd', 9007199254740993n)).toBe(true);
    expect(v('to_hex', 123)).toBe('7b');
    expect(v('to_binary', 12)).toBe('1100');
    expect(v('to_octal', 8)).toBe('10');
    expect(v('to_hex', -1)).toBe('ffffffffffffffff');
  });
});

describe('bit-fields', () => {
  it('reads and writes bits', () => {
    expect(v('get_bit', 0b1010, 1)).toBe(true);
    expect(v('get_bit', 0b1010, 0)).toBe(false);
    expect(v('get_bit', -1, 63)).toBe(true);
    expect(v('get_bit', -9223372036854775808n, -1)).toBe(true);
    expect(m('set_bit', 0, 3, true)).toBe(8);
    expect(m('set_bit', 0, 63, true)).toBe(-9223372036854775808n);
    expect(v('get_bits', 0b110110, 1, 3)).toBe(0b011);
    expect(m('set_bits', 0, 4, 4, 0b1111)).toBe(0b11110000);
    expect(() => v('get_bit', 1, 64)).toThrow('Bit-field index 64 out of bounds');
    expect(v('get_bits', 123456, new RRange(5, 10, false))).toBe(18);
    expect(v('get_bits', 123456, new RRange(5, 9, true))).toBe(18);
    expect(m('set_bits', 123456, new RRange(5, 10, false), 42)).toBe(123200);
    expect(m('set_bits', 123456, 5, 8, 42)).toBe(124224);
    expect(m('set_bits', 124224, -16, 10, 42)).toBe(11821949021971776n);
    expect(() => v('get_bits', 1, new RRange(0, 64, true))).toThrow('Bit-field index 64 out of bounds');
    expect(show(v('bits', 0b1011, 0, 4))).toBe('[true, true, false, true]');
    expect(show(v('bits', 0b1011, new RRange(1, 3, false)))).toBe('[true, false]');
    expect((v('bits', -1) as Value[]).length).toBe(64);
    expect((v('bits', 5, 60) as Value[]).length).toBe(4);
  });
});

describe('blobs (078-blob)', () => {
  it('builds and edits', () => {
    const b = v('blob', 4, 0x10) as RBlob;
    expect(show(b)).toBe('[10101010]');
    expect(v('len', b)).toBe(4);
    v('set', b, 1, 255);
    v('push', b, 0x7f);
    expect(show(b)).toBe('[10ff10107f]');
    expect(v('get', b, 1)).toBe(255);
    expect(v('is_empty', v('blob'))).toBe(true);
    expect(v('as_string', v('to_blob', 'héllo'))).toBe('héllo');
    const e = v('blob') as RBlob;
    expect(v('pop', e)).toBe(0);
    v('append', e, 'hi');
    v('append', e, 0x1ff);
    expect(show(e)).toBe('[6869ff]');
    expect(v('get', e, 99)).toBe(0);
    expect(v('get', e, -99)).toBe(0x68);
    const g = v('blob', 10, 0x42) as RBlob;
    v('splice', g, 1, 3, v('blob', 5, 0x18));
    expect(show(g)).toBe('[4218181818184242 42424242]');
    const h = new RBlob([1, 2, 3, 4, 5]);
    expect(show(v('split', h, 2))).toBe('[030405]');
    expect(show(h)).toBe('[0102]');
    expect(show(v('retain', new RBlob([1, 2, 3, 4, 5]), 1, 2))).toBe('[010405]');
    expect(v('parse_le_int', new RBlob([1, 2, 3, 4, 5]), 1, 2)).toBe(0x0302);
    expect(v('parse_be_int', new RBlob([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, 8)).toBe(-1);
  });
});

describe('ranges', () => {
  it('answers range queries', () => {
    const r = new RRange(2, 6, false);
    expect(v('start', r)).toBe(2);
    expect(v('end', r)).toBe(6);
    expect(v('contains', r, 6)).toBe(false);
    expect(v('contains', new RRange(2, 6, true), 6)).toBe(true);
    expect(v('is_empty', new RRange(5, 2, false))).toBe(true);
    expect(v('is_inclusive', r)).toBe(false);
  });

  it('builds stepped ranges', () => {
    expect(show(v('range', 0, 20, 5))).toBe('[0, 5, 10, 15]');
    expect(show(v('range', 10, 0, -3))).toBe('[10, 7, 4, 1]');
    expect(show(v('range', 5, 0, -2))).toBe('[5, 3, 1]');
    expect(show(v('range', new RRange(1, 10, false), 4))).toBe('[1, 5, 9]');
    expect(show(v('range', 0, 3))).toBe('0..3');
    expect([...iterateRange(0, 10, 3)]).toEqual([0, 3, 6, 9]);
    expect(() => v('range', 0, 3, 0)).toThrow('step value cannot be zero');
  });
});

describe('sleep', () => {
  it('returns unit and polls the operation counter', () => {
    const ctx = fakeContext();
    expect(call('sleep', [new RFloat(0.06)], ctx).value).toBeUndefined();
    expect(ctx.ticks).toBeGreaterThan(0);
    expect(call('sleep', [0], ctx).value).toBeUndefined();
  });
});

describe('timestamps', () => {
  it('measures elapsed seconds', () => {
    const t = v('timestamp') as RTimestamp;
    expect(t).toBeInstanceOf(RTimestamp);
    expect((v('elapsed', t) as RFloat).v).toBeGreaterThanOrEqual(0);
  });
});

describe('float sign (Rhai arithmetic.rs)', () => {
  it('is 0 for zeros, ±1 otherwise, an error for NaN', () => {
    expect(v('sign', f(-0))).toBe(0);
    expect(v('sign', f(-Infinity))).toBe(-1);
    expect(v('sign', f(0.5))).toBe(1);
    expect(() => v('sign', f(NaN))).toThrow('Sign of NaN is undefined');
  });
});

describe('stepped ranges follow Rhai StepRange (iter_basic.rs)', () => {
  it('reports a zero step as an error in the call to range', () => {
    let err: unknown;
    try {
      v('range', 1, 5, 0);
    } catch (e) {
      err = e;
    }
    expect(String((err as Error).message)).toContain('step value cannot be zero');
    expect((err as { callStack: { fn: string }[] }).callStack[0].fn).toBe('range');
    // A float step too small to move `from` counts as zero.
    expect(() => v('range', f(1e20), f(2e20), f(1))).toThrow('step value cannot be zero');
  });
  it('is empty when the first step overflows or points away', () => {
    expect(show(v('range', 1, 10, 9223372036854775807n))).toBe('[]');
    expect(show(v('range', 1, 10, -1))).toBe('[]');
    expect(show(v('range', f(0), f(1), f(-0.5)))).toBe('[]');
  });
  it('stops without the value whose next step overflows', () => {
    expect(show(v('range', 9223372036854775800n, 9223372036854775807n, 5))).toBe('[9223372036854775800]');
    expect(show(v('range', -9223372036854775807n, -9223372036854775800n, 3))).toBe(
      '[-9223372036854775807, -9223372036854775804, -9223372036854775801]',
    );
  });
  it('steps floats by repeated addition', () => {
    expect(show(v('range', f(1), f(2), f(0.3)))).toBe('[1.0, 1.3, 1.6, 1.9000000000000001]');
    expect(show(v('range', f(2), f(1), f(-0.5)))).toBe('[2.0, 1.5]');
  });
});

describe('stepped ranges are not arrays in Rhai', () => {
  it('ignore the array size limit and spend no operations up front', () => {
    const ctx = fakeContext();
    ctx.limits.array = 3;
    expect(show(call('range', [0, 10, 2], ctx).value)).toBe('[0, 2, 4, 6, 8]');
    expect(ctx.ticks).toBe(0);
  });
  it('refuse only ranges too long to materialise', () => {
    const ctx = fakeContext();
    expect(() => call('range', [0, 2 ** 30, 1], ctx)).toThrow('Size of array/BLOB too large');
    expect(ctx.ticks).toBe(2 ** 30);
  });
});
