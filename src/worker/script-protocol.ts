/**
 * The message protocol between ScriptPool (main thread) and script-thread.ts.
 *
 * Each thread shares an Int32Array "ring" with the pool. The slot of job `seq`
 * is `seq & (RING_SIZE - 1)` and holds `(seq << 2) | state`. Both sides move a
 * slot with Atomics.compareExchange, so exactly one of "the thread starts the
 * job" and "the pool takes it back" wins — this is what lets the pool cancel
 * or re-dispatch a job that was sent but not started, without a round trip.
 */
import type { EngineLimitsConfig } from './script-execution.types.js';
import type { TaskFailure } from '../rhai/task.types.js';

export const RING_SIZE = 256; // > 2 × the largest per-thread pipeline depth
/** Extra ring cell after the slots: seq + 1 of the job the thread is running, 0 between jobs. */
export const CURRENT_CELL = RING_SIZE;
export const RING_CELLS = RING_SIZE + 1;
export const MAX_PIPELINE_DEPTH = 64;

export const SLOT_PENDING = 0; // sent, not started
export const SLOT_STARTED = 1; // the thread runs (or ran) it
export const SLOT_REVOKED = 2; // the pool took it back before it started
export const SLOT_CANCEL = 3; // the pool asks the running script to stop

export const SEQ_MASK = 0x1fffffff; // seq << 2 stays within int32

export function slotValue(seq: number, state: number): number {
  return ((seq << 2) | state) | 0;
}

export interface ThreadInit {
  limits: EngineLimitsConfig;
  ring: SharedArrayBuffer;
  maxPrintLines: number;
  maxPrintChars: number;
  workerName: string;
}

/** Pool → thread (posted as an array of these). */
export interface WireJob {
  seq: number;
  script: string;
  deadlineAt: number;
}

/** Thread → pool (posted as an array of these: results finished close together travel together). */
export interface WireResult {
  seq: number;
  ok: boolean;
  output?: string;
  value?: unknown;
  valueType?: string;
  prints?: string[];
  error?: TaskFailure;
  durationMs: number;
}
