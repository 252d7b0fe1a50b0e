/**
 * Purity comes from the NativeFnDef flags: a new in-place native is refused on
 * a constant receiver without being listed anywhere else.
 */
import { describe, expect, it } from '@jest/globals';
import { Engine } from '../index.js';
import { isPure, type NativeFnDef } from '../native.js';
import { ALL_PACKAGES } from '../packages/index.js';
import { Registry } from './registry.js';

const noop = () => undefined;

describe('Registry.isNonPure', () => {
  it('derives non-purity from mutates / mutatesReceiver on any overload', () => {
    const defs: NativeFnDef[] = [
      { name: 'grow', params: ['array'], fn: noop, mutatesReceiver: true },
      { name: 'grow', params: ['int'], fn: noop },
      { name: 'bump', params: ['string'], fn: noop, mutates: true },
      { name: 'peek', params: ['array'], fn: noop },
    ];
    const r = new Registry([defs]);
    expect(r.isNonPure('grow')).toBe(true);
    expect(r.isNonPure('bump')).toBe(true);
    expect(r.isNonPure('peek')).toBe(false);
    expect(isPure(defs[1])).toBe(true);
    expect(isPure(defs[0])).toBe(false);
  });

  it('flags the built-in in-place mutators and not the readers', () => {
    const r = new Registry(ALL_PACKAGES);
    for (const n of ['push', 'insert', 'clear', 'sort', 'retain', 'mixin', 'fill_with', 'splice', 'pad', 'trim', 'set_bit', 'take']) {
      expect([n, r.isNonPure(n)]).toEqual([n, true]);
    }
    for (const n of ['len', 'contains', 'get', 'keys', 'extract', 'sub_string', 'to_upper', 'filter']) {
      expect([n, r.isNonPure(n)]).toEqual([n, false]);
    }
  });

  it('a flagged native is refused on a constant receiver', () => {
    expect(() => new Engine().run('const b = blob(3); b.splice(0..1, blob(1))')).toThrow(
      /Non-pure method 'splice' cannot be called on constant/,
    );
    expect(new Engine().run('const a = [2, 1]; a.len()').value).toBe(2);
  });
});
