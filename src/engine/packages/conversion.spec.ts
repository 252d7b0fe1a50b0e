import { describe, expect, it } from '@jest/globals';
import { call, resolve } from './testing/call.js';

describe('take (Rhai lang_core.rs)', () => {
  it('returns the value and leaves () in the receiver', () => {
    expect(resolve('take', [1])?.mutates).toBe(true);
    const r = call('take', [[1, 2]]);
    expect(r.value).toEqual([1, 2]);
    expect(r.recv).toBeUndefined();
    expect(call('take', ['s']).value).toBe('s');
  });
});
