import { describe, expect, it } from '@jest/globals';
import { Slots } from './slots.js';

describe('Slots', () => {
  it('hands out at most its capacity and wakes waiters in order', async () => {
    const s = new Slots(2);
    await s.acquire();
    expect(s.tryTake(5)).toBe(1);
    const order: number[] = [];
    const a = s.acquire().then(() => order.push(1));
    const b = s.acquire().then(() => order.push(2));
    s.release();
    await a;
    expect(order).toEqual([1]);
    s.release(2); // one to the waiter, one back to the pool
    await b;
    expect(order).toEqual([1, 2]);
    expect(s.available).toBe(1);
  });
});
