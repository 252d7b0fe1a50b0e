/**
 * Worker-thread entry: runs scripts with the engine, one at a time, in the
 * order the pool sent them. Cancellation and deadlines come through the shared
 * ring (see script-protocol.ts) and the engine's interrupt hook — no messages,
 * so a busy script can be stopped without the thread reading its port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Engine, displayValue, typeOfValue, valueToJson } from '../engine/index.js';
import { EngineError, RhaiRuntimeError } from '../engine/errors.js';
import type { TaskFailure } from '../rhai/task.types.js';
import {
  CURRENT_CELL,
  RING_SIZE,
  SLOT_CANCEL,
  SLOT_PENDING,
  SLOT_STARTED,
  slotValue,
  type ThreadInit,
  type WireJob,
  type WireResult,
} from './script-protocol.js';

const init = workerData as ThreadInit;
const ring = new Int32Array(init.ring);
const engine = new Engine(init.limits);

const LIMIT_KINDS = new Set([
  'ErrorTooManyOperations',
  'ErrorStackOverflow',
  'ErrorDataTooLarge',
  'ErrorTooManyVariables',
]);

// State of the running job, read by the interrupt hook.
let curSlot = 0;
let curCancel = 0;
let curDeadline = 0;
let stopReason: 'timeout' | 'cancelled' | undefined;

// Results of finished jobs not yet posted (see the message handler).
let held: WireResult[] = [];
let heldSince = 0;
const HOLD_MS = 0.5;

function flushHeld(): void {
  if (held.length === 0) return;
  parentPort!.postMessage(held);
  held = [];
}

function interrupt(): string | undefined {
  // A long script must not delay the results finished before it.
  if (held.length > 0 && performance.now() - heldSince > HOLD_MS) flushHeld();
  if (Atomics.load(ring, curSlot) === curCancel) {
    stopReason = 'cancelled';
    return 'Script cancelled';
  }
  if (Date.now() > curDeadline) {
    stopReason = 'timeout';
    return 'Script timed out';
  }
  return undefined;
}

function failure(err: unknown): TaskFailure {
  if (err instanceof EngineError) {
    // Line/column are separate fields; the call chain ("in call to function 'f' (line .., position ..)") stays in the message.
    const message = err instanceof RhaiRuntimeError ? err.messageWithCalls : err.bareMessage;
    const f: TaskFailure = { kind: 'runtime', message };
    if (err.position.line > 0) {
      f.line = err.position.line;
      f.column = err.position.column;
    }
    if (err instanceof RhaiRuntimeError) {
      f.errorType = err.kind;
      if (err.kind === 'ErrorTerminated' && stopReason) {
        f.kind = stopReason;
        f.message = stopReason === 'timeout' ? 'Script timed out' : 'Script cancelled';
      } else if (LIMIT_KINDS.has(err.kind)) f.kind = 'limit';
    } else {
      f.kind = 'compile';
      f.errorType = 'ErrorParsing';
    }
    return f;
  }
  // A raw JS error escaping the engine is an engine bug; keep the process alive.
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { kind: 'limit', message: 'Stack overflow', errorType: 'ErrorStackOverflow' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message: `Internal engine error: ${message}` };
}

function runOne(job: WireJob): WireResult {
  const t0 = performance.now();
  curSlot = job.seq & (RING_SIZE - 1);
  curCancel = slotValue(job.seq, SLOT_CANCEL);
  curDeadline = job.deadlineAt;
  stopReason = undefined;

  const prints: string[] = [];
  let chars = 0;
  let dropped = 0;
  const collect = (line: string): void => {
    if (prints.length < init.maxPrintLines && chars + line.length <= init.maxPrintChars) {
      prints.push(line);
      chars += line.length;
    } else dropped++;
  };

  let res: WireResult;
  if (Date.now() > job.deadlineAt) {
    res = { seq: job.seq, ok: false, error: { kind: 'timeout', message: 'Script timed out before it started' }, durationMs: 0 };
  } else {
    try {
      const { value } = engine.run(job.script, { onPrint: collect, onDebug: collect, interrupt });
      res = {
        seq: job.seq,
        ok: true,
        output: displayValue(value),
        value: valueToJson(value),
        valueType: typeOfValue(value),
        durationMs: 0,
      };
    } catch (err) {
      res = { seq: job.seq, ok: false, error: failure(err), durationMs: 0 };
    }
  }
  if (dropped > 0) prints.push(`[${dropped} more print/debug line(s) dropped: output limit reached]`);
  if (prints.length > 0) res.prints = prints;
  res.durationMs = performance.now() - t0;
  return res;
}

parentPort!.on('message', (jobs: WireJob[]) => {
  const last = jobs.length - 1;
  for (let i = 0; i <= last; i++) {
    const job = jobs[i];
    const slot = job.seq & (RING_SIZE - 1);
    const pending = slotValue(job.seq, SLOT_PENDING);
    // Claim the job; losing means the pool took it back (cancelled or moved).
    if (Atomics.compareExchange(ring, slot, pending, slotValue(job.seq, SLOT_STARTED)) !== pending) continue;
    Atomics.store(ring, CURRENT_CELL, job.seq + 1);
    const r = runOne(job);
    Atomics.store(ring, CURRENT_CELL, 0);
    if (held.length === 0) heldSince = performance.now();
    held.push(r);
    // Results of a batch travel together (one message, one wake-up of the
    // main thread); the interrupt hook flushes them if a later script runs long.
    if (i === last || held.length >= 64 || performance.now() - heldSince > HOLD_MS) flushHeld();
  }
  flushHeld();
});
