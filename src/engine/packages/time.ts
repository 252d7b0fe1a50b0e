/** Timestamps: `timestamp()`, `t.elapsed` (float seconds); arithmetic lives in operators.ts. */
import { runtimeError } from '../errors.js';
import type { NativeCallContext, Package } from '../native.js';
import { defs, flt } from './helpers.js';
import { RFloat, RTimestamp } from '../values.js';

export function now(): RTimestamp {
  return new RTimestamp(performance.now());
}

const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the (worker) thread; sleeps in slices so operation limits and interrupts are polled. */
function sleep(ctx: NativeCallContext, secs: number): void {
  if (!(secs > 0)) return;
  const until = performance.now() + secs * 1000;
  for (;;) {
    const left = until - performance.now();
    if (left <= 0) return;
    Atomics.wait(SLEEP_CELL, 0, 0, Math.min(left, 50));
    ctx.tick(1);
  }
}

export const TIME_PACKAGE: Package = [
  ...defs('sleep', [['int'], ['float']], (c, a) => (sleep(c, flt(a[0])), undefined)),
  { name: 'timestamp', params: [], fn: () => now() },
  {
    name: 'elapsed',
    params: ['timestamp'],
    getter: true,
    fn: (_c, a) => {
      const diff = performance.now() - (a[0] as RTimestamp).ms;
      if (diff < 0) throw runtimeError('ErrorArithmetic', 'Time-stamp is later than now');
      return new RFloat(diff / 1000);
    },
  },
];
