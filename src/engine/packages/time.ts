/** Timestamps: `timestamp()`, `t.elapsed` (float seconds); arithmetic lives in operators.ts. */
import type { Package } from '../native.js';
import { RFloat, RTimestamp } from '../values.js';

export function now(): RTimestamp {
  return new RTimestamp(performance.now());
}

export const TIME_PACKAGE: Package = [
  { name: 'timestamp', params: [], fn: () => now() },
  {
    name: 'elapsed',
    params: ['timestamp'],
    getter: true,
    fn: (_c, a) => new RFloat((performance.now() - (a[0] as RTimestamp).ms) / 1000),
  },
];
