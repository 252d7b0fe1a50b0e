/**
 * A fixed-size pool of worker threads running the Rhai engine. Used by the
 * embedded task queue and by the Redis worker process.
 *
 * - Jobs wait in one FIFO queue. An idle thread gets the next job at once;
 *   a thread that is answering quickly may also get a few more (pipelining,
 *   sent as one message) so that short scripts do not pay a thread round
 *   trip each. A thread stuck on a long script gets nothing more, and the
 *   jobs already sent to it but not started are taken back (see the ring in
 *   script-protocol.ts) and given to other threads.
 * - Deadline and cancellation stop a script through the engine's interrupt
 *   hook. A thread that does not answer within deadline + grace is
 *   terminated and replaced; so is a thread that crashes (e.g. out of memory).
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { TaskFailure } from '../rhai/task.types.js';
import type { EngineLimitsConfig, ScriptJob, ScriptJobResult } from './script-execution.types.js';
import {
  CURRENT_CELL,
  MAX_PIPELINE_DEPTH,
  RING_CELLS,
  RING_SIZE,
  SEQ_MASK,
  SLOT_CANCEL,
  SLOT_PENDING,
  SLOT_REVOKED,
  SLOT_STARTED,
  slotValue,
  type ThreadInit,
  type WireJob,
  type WireResult,
} from './script-protocol.js';

export interface ScriptPoolOptions {
  threads: number;
  limits: EngineLimitsConfig;
  /** V8 old-generation cap per thread; a script exceeding it kills only its thread. */
  maxOldGenerationSizeMb?: number;
  /** How long past a job's deadline (or a cancel) a thread may stay silent before it is terminated. */
  graceMs?: number;
  /** Jobs a fast-answering thread may hold at once (1 = no pipelining). */
  pipelineDepth?: number;
  maxPrintLines?: number;
  maxPrintChars?: number;
  /** Logger for thread crashes/replacements; default console.error. */
  log?: (msg: string) => void;
  /** Thread entry override (tests); default: the compiled script-thread.js. */
  threadScript?: URL;
}

interface Entry {
  job: ScriptJob;
  resolve: (r: ScriptJobResult) => void;
  done: boolean;
  thread?: PoolThread;
  seq: number;
  cancelAt?: number; // when a cancel of the running script was requested
  /** Times the job was re-run because its thread died after finishing it (result lost). */
  reruns?: number;
}

interface PoolThread {
  index: number;
  worker: Worker;
  ring: Int32Array;
  nextSeq: number;
  /** Sent jobs by seq, in sending (= running) order. */
  inflight: Map<number, Entry>;
  outbox: WireJob[];
  flushScheduled: boolean;
  /** Last time the thread answered or was handed work while idle. */
  lastProgress: number;
  dead: boolean;
  fatal?: Error;
  name: string;
}

/** A thread answering within this many ms counts as "flowing" and may receive pipelined jobs. */
const FLOWING_MS = 2;
/** A thread silent for this long gets its not-yet-started jobs taken back. */
const STEAL_AFTER_MS = 20;
const WATCHDOG_MS = 50;

/** Finds the compiled thread entry: next to this file (dist/), else <repo>/dist/worker (jest runs src/). */
export function resolveThreadScript(): URL {
  const here = new URL('./script-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const built = path.join(dir, 'dist', 'worker', 'script-thread.js');
      if (!existsSync(built)) throw new Error(`Script thread entry not found: run "npm run build" (looked for ${built})`);
      return pathToFileURL(built);
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Script thread entry not found (no package.json above ' + fileURLToPath(import.meta.url) + ')');
    dir = up;
  }
}

function failed(taskId: string, error: TaskFailure, worker?: string): ScriptJobResult {
  return { taskId, status: 'error', error, durationMs: 0, worker };
}

export class ScriptPool {
  private readonly threads: PoolThread[] = [];
  private readonly queue: Entry[] = [];
  private queueHead = 0;
  private readonly byTask = new Map<string, Entry>();
  private readonly watchdog: NodeJS.Timeout;
  private readonly script: URL;
  private readonly graceMs: number;
  private readonly depth: number;
  private readonly log: (msg: string) => void;
  private closed = false;
  private respawnFailures = 0;

  constructor(private readonly opts: ScriptPoolOptions) {
    if (!(opts.threads >= 1)) throw new Error('ScriptPool needs at least one thread');
    this.script = opts.threadScript ?? resolveThreadScript();
    this.graceMs = opts.graceMs ?? 1000;
    this.depth = Math.max(1, Math.min(MAX_PIPELINE_DEPTH, opts.pipelineDepth ?? 16));
    this.log = opts.log ?? ((m) => console.error(`[ScriptPool] ${m}`));
    for (let i = 0; i < opts.threads; i++) this.threads.push(this.spawn(i));
    this.watchdog = setInterval(() => this.tick(), WATCHDOG_MS);
    this.watchdog.unref();
  }

  /** Number of threads (constant: replaced threads are counted once). */
  get size(): number {
    return this.threads.length;
  }

  /** Threads currently holding at least one job. */
  get busy(): number {
    let n = 0;
    for (const t of this.threads) if (t.inflight.size > 0) n++;
    return n;
  }

  /** Jobs waiting for a thread. */
  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** Run one script; always resolves (errors are outcomes with status 'error'). */
  run(job: ScriptJob): Promise<ScriptJobResult> {
    if (this.closed) return Promise.resolve(failed(job.taskId, { kind: 'cancelled', message: 'Script pool is closed' }));
    return new Promise((resolve) => {
      const entry: Entry = { job, resolve, done: false, seq: -1 };
      this.byTask.set(job.taskId, entry);
      this.queue.push(entry);
      this.pump();
    });
  }

  /** 'running' once a thread has started the job, 'queued' before; undefined when unknown or finished. */
  state(taskId: string): 'queued' | 'running' | undefined {
    const e = this.byTask.get(taskId);
    if (!e || e.done) return undefined;
    if (!e.thread) return 'queued';
    return Atomics.load(e.thread.ring, e.seq & (RING_SIZE - 1)) === slotValue(e.seq, SLOT_PENDING) ? 'queued' : 'running';
  }

  /** Stop a job: dropped if still queued or not started, interrupted if running. */
  cancel(taskId: string): void {
    const e = this.byTask.get(taskId);
    if (!e || e.done) return;
    const cancelled = { kind: 'cancelled' as const, message: 'Script cancelled' };
    const t = e.thread;
    if (!t) return this.finish(e, failed(taskId, cancelled)); // still in the pool queue (skipped lazily)
    const slot = e.seq & (RING_SIZE - 1);
    const prev = Atomics.compareExchange(t.ring, slot, slotValue(e.seq, SLOT_PENDING), slotValue(e.seq, SLOT_REVOKED));
    if (prev === slotValue(e.seq, SLOT_PENDING)) {
      t.inflight.delete(e.seq);
      return this.finish(e, failed(taskId, cancelled, t.name));
    }
    Atomics.compareExchange(t.ring, slot, slotValue(e.seq, SLOT_STARTED), slotValue(e.seq, SLOT_CANCEL));
    e.cancelAt ??= Date.now();
  }

  /** Answer everything still pending with 'cancelled' and stop the threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    const closedErr = { kind: 'cancelled' as const, message: 'Script pool is closed' };
    for (const e of this.byTask.values()) if (!e.done) this.finish(e, failed(e.job.taskId, closedErr));
    await Promise.all(
      this.threads.map((t) => {
        t.dead = true;
        return t.worker.terminate().catch(() => undefined);
      }),
    );
  }

  // ---- dispatching ------------------------------------------------------

  private pump(): void {
    while (this.queueHead < this.queue.length) {
      const e = this.queue[this.queueHead];
      if (e.done) {
        this.dequeue();
        continue;
      }
      const t = this.pickThread();
      if (!t) return;
      this.dequeue();
      this.send(t, e);
    }
  }

  private dequeue(): void {
    this.queue[this.queueHead++] = undefined as unknown as Entry;
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  private pickThread(): PoolThread | undefined {
    const now = performance.now();
    let best: PoolThread | undefined;
    for (const t of this.threads) {
      if (t.dead) continue;
      const n = t.inflight.size;
      if (n === 0) return t;
      if (n < this.depth && now - t.lastProgress < FLOWING_MS && (!best || n < best.inflight.size)) best = t;
    }
    return best;
  }

  private send(t: PoolThread, e: Entry): void {
    const seq = t.nextSeq;
    t.nextSeq = (seq + 1) & SEQ_MASK;
    e.thread = t;
    e.seq = seq;
    Atomics.store(t.ring, seq & (RING_SIZE - 1), slotValue(seq, SLOT_PENDING));
    const wasIdle = t.inflight.size === 0;
    t.inflight.set(seq, e);
    t.outbox.push({ seq, script: e.job.script, deadlineAt: e.job.deadlineAt });
    if (wasIdle) {
      // An idle thread starts as soon as the current callback and its promise
      // jobs are done (process.nextTick runs after the microtask queue drains):
      // jobs dispatched together — e.g. a Redis batch of records — share one
      // message without waiting for the next loop turn. Each postMessage wakes
      // the thread: a syscall on both sides, the main cost of a tiny script.
      t.lastProgress = performance.now();
      if (!t.flushScheduled) {
        t.flushScheduled = true;
        process.nextTick(() => this.flush(t));
      }
    } else if (!t.flushScheduled) {
      // A busy thread gets the jobs of this turn of the event loop as one message.
      t.flushScheduled = true;
      setImmediate(() => this.flush(t));
    }
  }

  private flush(t: PoolThread): void {
    t.flushScheduled = false;
    if (t.outbox.length === 0 || t.dead) return;
    const jobs = t.outbox;
    t.outbox = [];
    t.worker.postMessage(jobs);
  }

  private finish(e: Entry, r: ScriptJobResult): void {
    if (e.done) return;
    e.done = true;
    this.byTask.delete(e.job.taskId);
    e.resolve(r);
  }

  // ---- threads ----------------------------------------------------------

  private spawn(index: number): PoolThread {
    const sab = new SharedArrayBuffer(RING_CELLS * 4);
    const name = `${os.hostname()}:${process.pid}:t${index}`;
    const init: ThreadInit = {
      limits: this.opts.limits,
      ring: sab,
      maxPrintLines: this.opts.maxPrintLines ?? 1000,
      maxPrintChars: this.opts.maxPrintChars ?? 1_000_000,
      workerName: name,
    };
    const worker = new Worker(this.script, {
      workerData: init,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? 256, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    const t: PoolThread = {
      index,
      worker,
      ring: new Int32Array(sab),
      nextSeq: 1,
      inflight: new Map(),
      outbox: [],
      flushScheduled: false,
      lastProgress: performance.now(),
      dead: false,
      name,
    };
    worker.on('message', (rs: WireResult[]) => {
      for (const r of rs) this.onResult(t, r);
      this.pump();
    });
    worker.on('error', (err) => {
      t.fatal = err;
    });
    worker.on('exit', (code) => this.onExit(t, code));
    return t;
  }

  private onResult(t: PoolThread, r: WireResult): void {
    if (t.dead) return;
    this.respawnFailures = 0;
    t.lastProgress = performance.now();
    const e = t.inflight.get(r.seq);
    if (!e) return;
    t.inflight.delete(r.seq);
    const out: ScriptJobResult = r.ok
      ? { taskId: e.job.taskId, status: 'completed', output: r.output, value: r.value, valueType: r.valueType, durationMs: r.durationMs, worker: t.name }
      : { taskId: e.job.taskId, status: 'error', error: r.error, durationMs: r.durationMs, worker: t.name };
    if (r.prints) out.prints = r.prints;
    this.finish(e, out);
  }

  /** A thread exited: by our terminate() (already handled) or a crash. */
  private onExit(t: PoolThread, code: number): void {
    if (t.dead) return;
    const err = t.fatal;
    const oom = (err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    const failure: TaskFailure = oom
      ? { kind: 'limit', message: 'Script exceeded the memory limit of its worker thread', errorType: 'ErrorOutOfMemory' }
      : { kind: 'internal', message: `Worker thread crashed (${err ? err.message : `exit code ${code}`})` };
    this.log(`thread ${t.name} died: ${err ? err.message : `exit code ${code}`}; replacing it`);
    if (!oom) this.respawnFailures++;
    this.retire(t, failure);
  }

  /** The job the thread is running now (undefined between jobs). */
  private current(t: PoolThread): Entry | undefined {
    const v = Atomics.load(t.ring, CURRENT_CELL);
    return v === 0 ? undefined : t.inflight.get(v - 1);
  }

  /**
   * Take a thread out of service. The job it was running gets `failure`; jobs
   * sent to it but not started go back to the front of the queue, and so do
   * jobs it finished whose results had not reached us yet (a script has no
   * effect outside its run, so running it again is safe; once only). A fresh
   * thread takes its place.
   */
  private retire(t: PoolThread, failure: TaskFailure, culprit = this.current(t)): void {
    t.dead = true;
    const requeue: Entry[] = [];
    for (const e of t.inflight.values()) {
      const state = Atomics.load(t.ring, e.seq & (RING_SIZE - 1));
      e.thread = undefined;
      if (state === slotValue(e.seq, SLOT_PENDING)) {
        requeue.push(e);
      } else if (e.cancelAt !== undefined) {
        this.finish(e, failed(e.job.taskId, { kind: 'cancelled', message: 'Script cancelled (worker thread stopped)' }, t.name));
      } else if (e === culprit || (e.reruns ?? 0) >= 1) {
        this.finish(e, failed(e.job.taskId, failure, t.name));
      } else {
        e.reruns = (e.reruns ?? 0) + 1;
        requeue.push(e);
      }
    }
    t.inflight.clear();
    this.requeueFront(requeue);
    if (this.closed) return;
    void t.worker.terminate().catch(() => undefined);
    // Back off if threads keep dying at start (e.g. a broken build), so we do not spin.
    const delay = this.respawnFailures > 2 ? Math.min(30_000, 100 * 2 ** this.respawnFailures) : 0;
    const replace = () => {
      if (this.closed) return;
      this.threads[t.index] = this.spawn(t.index);
      this.pump();
    };
    if (delay > 0) setTimeout(replace, delay).unref();
    else replace();
  }

  private requeueFront(entries: Entry[]): void {
    if (entries.length === 0) return;
    const rest = this.queue.slice(this.queueHead);
    this.queue.length = 0;
    this.queueHead = 0;
    this.queue.push(...entries, ...rest);
  }

  /** Watchdog: enforce deadline + grace, and move jobs away from stuck threads. */
  private tick(): void {
    const now = Date.now();
    const perfNow = performance.now();
    let moved = false;
    for (const t of this.threads) {
      if (t.dead || t.inflight.size === 0) continue;
      // The running job (results of earlier ones may still be held by the thread).
      const cur = this.current(t);
      if (cur && cur.cancelAt !== undefined && now > cur.cancelAt + this.graceMs) {
        this.log(`thread ${t.name} ignored a cancel for ${this.graceMs} ms; terminating it`);
        this.retire(t, { kind: 'cancelled', message: 'Script cancelled' }, cur);
        continue;
      }
      if (cur && now > cur.job.deadlineAt + this.graceMs) {
        this.log(`thread ${t.name} passed a deadline by ${this.graceMs} ms; terminating it`);
        this.retire(t, { kind: 'timeout', message: 'Script timed out (worker thread terminated)' }, cur);
        continue;
      }
      if (t.inflight.size > 1 && perfNow - t.lastProgress > STEAL_AFTER_MS) moved = this.steal(t) || moved;
    }
    if (moved) this.pump();
  }

  /** Take back every job sent to `t` that it has not started. */
  private steal(t: PoolThread): boolean {
    const back: Entry[] = [];
    for (const e of t.inflight.values()) {
      const pending = slotValue(e.seq, SLOT_PENDING);
      if (Atomics.compareExchange(t.ring, e.seq & (RING_SIZE - 1), pending, slotValue(e.seq, SLOT_REVOKED)) === pending) {
        t.inflight.delete(e.seq);
        e.thread = undefined;
        back.push(e);
      }
    }
    this.requeueFront(back);
    return back.length > 0;
  }
}
