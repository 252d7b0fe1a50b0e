/**
 * The Redis worker's consumer (reliable-queue pattern, docs/protocol.md):
 * BLMOVE a task id from `rhai_tasks:<circle>` into this worker's processing
 * list, read the task hash, run the script on the pool, write the result and
 * LPUSH the reply onto the task's `replyToQueue`, then LREM the id.
 *
 * Capacity: at most `concurrency × prefetch` tasks, and only `concurrency` (the
 * pool's threads) while a script has been running for more than 50 ms, so a
 * worker busy with long scripts leaves the queue to others.
 * Connections: one command connection, one subscriber (cancellations), one
 * blocking connection per circle consumed.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CANCEL_CHANNEL, F, assertCircleName, processingKey, queueKey, taskKey } from '../rhai/redis-keys.js';
import { outcomeToHash, parseClientRpcId, replyJson } from '../rhai/redis-task-record.js';
import { createRedis, sleep, waitReady, withTimeout } from '../rhai/redis-connection.js';
import { CommandBatcher } from '../rhai/redis-batch.js';
import type { TaskFailure, TaskOutcome } from '../rhai/task.types.js';
import type { ScriptJob } from './script-execution.types.js';
import { Slots } from './slots.js';
import { WorkerLease } from './worker-lease.js';

/** What the consumer needs from the script pool (ScriptPool satisfies it). */
export interface ScriptRunner {
  run(job: ScriptJob): Promise<TaskOutcome>;
  cancel(taskId: string): unknown;
}

export interface RedisConsumerOptions {
  url: string;
  workerId?: string;
  circles: string[];
  /** The pool's threads: tasks held at once whenever the pool has a backlog. */
  concurrency: number;
  /** Tasks held per thread while no script runs long (the pool pipelines short ones); default 1. */
  prefetch?: number;
  resultTtlS: number;
  leaseMs: number;
  /** How often a dead worker's task is put back on the queue before it is failed; default 1. */
  maxRequeues?: number;
  /** BLMOVE timeout (s): bounds how long stop() waits for the blocking reads; default 1. */
  blockTimeoutS?: number;
  commandTimeoutMs?: number;
  logger?: { log(msg: string): void; warn(msg: string): void };
}

interface Inflight {
  cancelled: boolean;
  running: boolean;
  /** When it was handed to the runner (performance.now()). */
  startedAt: number;
}

/** LMOVE up to ARGV[1] ids from KEYS[1] (right) to KEYS[2] (left); returns them. */
const MOVE_MANY_LUA = `local out = {}
for i = 1, tonumber(ARGV[1]) do
  local id = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not id then break end
  out[i] = id
end
return out`;

/**
 * Read a task record and, if it is runnable (complete, not cancelled, deadline ARGV[1] not
 * passed), mark it `processing` (updatedAt ARGV[2], worker ARGV[3]) — one round trip, one key
 * (cluster-safe). Returns the record as it was read (HGETALL's flat list; empty when missing).
 */
const TAKE_LUA = `local h = redis.call('HGETALL', KEYS[1])
local f = {}
for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
if f.taskId and f.script and f.replyToQueue and f.cancelled ~= '1'
  and (tonumber(f.deadlineAt) == nil or tonumber(f.deadlineAt) > tonumber(ARGV[1])) then
  redis.call('HSET', KEYS[1], 'status', 'processing', 'updatedAt', ARGV[2], 'worker', ARGV[3])
end
return h`;

/** A task running longer than this on the pool marks the scripts as "slow" (stop prefetching). */
const SLOW_SCRIPT_MS = 50;

export function defaultWorkerId(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export class RedisTaskConsumer {
  readonly workerId: string;
  private readonly cmd: Redis;
  /** Hot-path commands of one tick in one pipeline (take, record reads, finishes). */
  private readonly batch: CommandBatcher;
  private readonly sub: Redis;
  private readonly blockers = new Map<string, Redis>();
  private readonly slots: Slots;
  private readonly inflight = new Map<string, Inflight>();
  private readonly lease: WorkerLease;
  private loops: Promise<void>[] = [];
  private registered: Promise<void> = Promise.resolve();
  private busy = 0; // tasks taken and not yet fully written back
  private idle?: () => void;
  private progressWaiters: (() => void)[] = [];
  private readonly replyListExpiry = new Map<string, number>();
  private orphanCandidates = new Set<string>();
  /** Circles whose queue had tasks left at the last take (take batches without blocking). */
  private readonly flowing = new Set<string>();
  private sweepTimer?: NodeJS.Timeout;
  private stopping = false;
  private abandoned = false;
  private readonly warn: (msg: string) => void;

  constructor(
    private readonly runner: ScriptRunner,
    private readonly opts: RedisConsumerOptions,
  ) {
    opts.circles.forEach(assertCircleName);
    this.workerId = opts.workerId ?? defaultWorkerId();
    this.warn = (m) => opts.logger?.warn(m);
    const tuning = { commandTimeoutMs: opts.commandTimeoutMs };
    const name = `circle-ws:worker:${this.workerId}`;
    this.cmd = createRedis(opts.url, `${name}:cmd`, tuning);
    this.batch = new CommandBatcher(this.cmd);
    this.sub = createRedis(opts.url, `${name}:cancel`, tuning, true);
    for (const c of opts.circles) this.blockers.set(c, createRedis(opts.url, `${name}:take:${c}`, tuning, true));
    this.slots = new Slots(Math.max(1, opts.concurrency) * Math.max(1, opts.prefetch ?? 1));
    this.lease = new WorkerLease(this.cmd, this.workerId, opts.circles, opts.leaseMs, (dead, circle, id) =>
      this.recoverTask(dead, circle, id), this.warn);
  }

  /** Start consuming. Redis may still be down: loops wait for it. */
  start(): void {
    this.sub.on('message', (_ch: string, taskId: string) => this.onCancel(taskId));
    // ioredis re-subscribes by itself after a reconnect.
    this.sub.subscribe(CANCEL_CHANNEL).catch(() => {
      this.sub.once('ready', () => void this.sub.subscribe(CANCEL_CHANNEL).catch((e) => this.warn(`subscribe: ${e}`)));
    });
    // Register (lease + registry) before taking anything, so the reaper can always find our tasks.
    this.registered = this.register().then(() => {
      if (this.stopping) return;
      this.lease.start();
      this.sweepTimer = setInterval(() => void this.sweepOrphans(), this.opts.leaseMs);
      this.loops = this.opts.circles.map((c) => this.takeLoop(c));
    });
  }

  /** Resolves once the worker is registered and consuming. */
  whenStarted(): Promise<void> {
    return this.registered;
  }

  /** Run one reaper pass now (tests). */
  async reapNow(): Promise<void> {
    await this.registered;
    return this.lease.reapOnce();
  }

  /** Tasks currently held by this worker. */
  get heldTasks(): number {
    return this.busy;
  }

  /**
   * Graceful stop: take nothing more, let held tasks finish up to `graceMs`,
   * put whatever is left back on the queues, release the lease.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.sweepTimer);
    for (const b of this.blockers.values()) b.disconnect();
    this.slots.wakeAll();
    this.progressWaiters.forEach((r) => r());
    await this.registered;
    await Promise.all(this.loops);
    if (this.busy > 0) {
      await withTimeout(new Promise<void>((r) => (this.idle = r)), graceMs);
    }
    // Unfinished work goes back to the front of its queue for another worker.
    this.abandoned = true;
    for (const c of this.opts.circles) {
      try {
        while ((await this.cmd.lmove(processingKey(this.workerId, c), queueKey(c), 'RIGHT', 'RIGHT')) !== null);
      } catch (err) {
        this.warn(`stop: could not re-queue held tasks of ${c}: ${(err as Error).message}`);
      }
    }
    await this.lease.stop(true);
    for (const r of [this.sub, this.cmd]) await r.quit().catch(() => r.disconnect());
  }

  /** Kill the connections without any clean-up (tests simulating a crash). */
  crash(): void {
    this.stopping = true;
    this.abandoned = true;
    clearInterval(this.sweepTimer);
    void this.lease.stop(false);
    for (const r of [this.sub, this.cmd, ...this.blockers.values()]) r.disconnect();
    this.slots.wakeAll();
  }

  private async takeLoop(circle: string): Promise<void> {
    const blk = this.blockers.get(circle)!;
    const q = queueKey(circle);
    const proc = processingKey(this.workerId, circle);
    const blockS = this.opts.blockTimeoutS ?? 1;
    while (!this.stopping) {
      await this.slots.acquire();
      if (this.stopping) {
        this.slots.release();
        break;
      }
      // Hold more than one task per thread only while the pool keeps up (no backlog).
      if (this.busy >= this.opts.concurrency && this.slowScripts()) {
        this.slots.release();
        await this.nextProgress();
        continue;
      }
      if (blk.status !== 'ready') {
        this.slots.release();
        await waitReady(blk, () => this.stopping);
        continue;
      }
      // While tasks are flowing the queue is rarely empty: take a batch without blocking,
      // one round trip for as many tasks as there are slots. When it ran dry, block instead
      // (at low load this saves a command per task).
      const flowing = this.flowing.has(circle);
      const n = 1 + (flowing ? this.slots.tryTake(this.extraAllowance()) : 0);
      if (flowing && this.busy > 0) {
        let got: string[];
        try {
          got = await this.moveMany(q, proc, n);
        } catch (err) {
          this.slots.release(n);
          if (!this.stopping) {
            this.warn(`take ${circle}: ${(err as Error).message}`);
            await sleep(100);
          }
          continue;
        }
        if (got.length < n) this.flowing.delete(circle);
        if (got.length > 0) {
          this.slots.release(n - got.length);
          for (const id of got) this.begin(circle, id);
          continue;
        }
      }
      this.slots.release(n - 1); // the queue is empty: block for one task
      let id: string | null;
      try {
        id = await blk.blmove(q, proc, 'RIGHT', 'LEFT', blockS);
      } catch (err) {
        this.slots.release();
        if (!this.stopping) {
          this.warn(`take ${circle}: ${(err as Error).message}`);
          await sleep(100);
        }
        continue;
      }
      if (id === null) {
        this.slots.release();
        continue;
      }
      // A task arriving while others run suggests load: fetch more waiting tasks with the
      // first one's record (one round trip) and take batches from now on.
      if (this.busy > 0) this.flowing.add(circle);
      void this.startBatch(circle, id, this.busy > 0 ? this.slots.tryTake(this.extraAllowance()) : 0);
    }
  }

  private async startBatch(circle: string, firstId: string, extraSlots: number): Promise<void> {
    this.hold(firstId);
    const q = queueKey(circle);
    const proc = processingKey(this.workerId, circle);
    // Issued in the same tick: the record read and the extra moves share one round trip.
    const first = this.fetch(firstId);
    const moves = extraSlots > 0
      ? this.retry(() => this.moveMany(q, proc, extraSlots))
      : Promise.resolve([] as string[]);
    const h = await first;
    if (h === null) this.drop(firstId); // stopping (stop() re-queues it) or gave up (the sweep does)
    else void this.runTask(circle, firstId, h);
    const extra = (await moves) ?? [];
    this.slots.release(extraSlots - extra.length);
    for (const id of extra) this.begin(circle, id);
  }

  /** A task id now in our processing list, its slot held: read the record and run it. */
  private begin(circle: string, id: string): void {
    this.hold(id);
    void this.fetch(id).then((h) => (h === null ? this.drop(id) : this.runTask(circle, id, h)));
  }

  /** Move up to `n` ids from the queue to our processing list in one command (both keys share a slot). */
  private async moveMany(q: string, proc: string, n: number): Promise<string[]> {
    if (n === 1) {
      const [id] = await this.batch.run((p) => p.lmove(q, proc, 'RIGHT', 'LEFT'));
      return id === null ? [] : [id as string];
    }
    const [ids] = await this.batch.run((p) => p.eval(MOVE_MANY_LUA, 2, q, proc, n));
    return ids as string[];
  }

  /** Read the record (marking it processing when runnable, see TAKE_LUA); null = gave up. */
  private async fetch(id: string): Promise<Record<string, string> | null> {
    const flat = await this.retry(async () => {
      const [r] = await this.batch.run((p) => p.eval(TAKE_LUA, 1, taskKey(id), Date.now(), new Date().toISOString(), this.workerId));
      return r as string[];
    });
    if (flat === null) return null;
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]] = flat[i + 1];
    return h;
  }

  /** Extra tasks to take now: free slots, but only up to the thread count while scripts are slow. */
  private extraAllowance(): number {
    const free = this.slots.available;
    if (!this.slowScripts()) return free;
    return Math.max(0, Math.min(free, this.opts.concurrency - this.busy));
  }

  /**
   * true when a script handed to the pool has been running for a while: the pool is not
   * keeping up, so prefetched tasks would only wait here while other workers may be idle.
   */
  private slowScripts(): boolean {
    const limit = performance.now() - SLOW_SCRIPT_MS;
    for (const e of this.inflight.values()) if (e.running && e.startedAt < limit) return true;
    return false;
  }

  private hold(id: string): void {
    this.busy++;
    this.inflight.set(id, { cancelled: false, running: false, startedAt: 0 });
  }

  /** Forget a held task without writing anything (its slot is released). */
  private drop(id: string): void {
    this.inflight.delete(id);
    this.slots.release();
    this.unhold();
  }

  private unhold(): void {
    this.busy--;
    if (this.busy === 0 && this.idle) this.idle();
    const w = this.progressWaiters;
    this.progressWaiters = [];
    for (const r of w) r();
  }

  /** Resolves when a held task is released (or on stop). */
  private nextProgress(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((r) => this.progressWaiters.push(r));
  }

  private async runTask(circle: string, id: string, h: Record<string, string> | null): Promise<void> {
    const entry = this.inflight.get(id)!;
    let outcome: TaskOutcome;
    if (!h || h[F.taskId] === undefined || h[F.script] === undefined || h[F.replyToQueue] === undefined) {
      // Expired or never fully written: nobody to answer.
      this.slots.release();
      this.inflight.delete(id);
      await this.retry(() => this.cmd.lrem(processingKey(this.workerId, circle), 1, id));
      return this.unhold();
    }
    const deadlineAt = Number(h[F.deadlineAt]);
    if (h[F.cancelled] === '1' || entry.cancelled) {
      outcome = failure(id, { kind: 'cancelled', message: 'Task cancelled before it started' });
    } else if (Number.isFinite(deadlineAt) && deadlineAt <= Date.now()) {
      outcome = failure(id, { kind: 'timeout', message: 'Task deadline passed before a worker started it' });
    } else {
      entry.running = true;
      entry.startedAt = performance.now();
      // The record was marked `processing` when it was read (TAKE_LUA).
      const job: ScriptJob = { taskId: id, script: h[F.script], deadlineAt: Number.isFinite(deadlineAt) ? deadlineAt : Date.now() + 30_000 };
      try {
        outcome = await this.runner.run(job);
      } catch (err) {
        outcome = failure(id, { kind: 'internal', message: `Worker failure: ${(err as Error).message}` });
      }
      entry.running = false;
    }
    this.slots.release();
    outcome.worker ??= this.workerId;
    await this.finish(circle, id, h, outcome);
    this.inflight.delete(id);
    this.unhold();
  }

  /** Write the result, push the reply, expire both, drop the id from the processing list. */
  private async finish(circle: string, id: string, h: Record<string, string>, outcome: TaskOutcome): Promise<void> {
    const now = new Date().toISOString();
    let clientRpcIdJson = h[F.clientRpcId] ?? 'null';
    try {
      parseClientRpcId(clientRpcIdJson);
    } catch {
      clientRpcIdJson = 'null'; // the reply is still useful without it
    }
    const outcomeJson = JSON.stringify(outcome);
    const reply = replyJson(outcomeJson, clientRpcIdJson, h[F.createdAt] ?? now, now);
    const replyTo = h[F.replyToQueue];
    const ttl = this.opts.resultTtlS;
    const key = taskKey(id);
    const ok = await this.retry(() =>
      this.abandoned
        ? Promise.resolve(null)
        : this.batch.run((p) => {
            p.hset(key, { ...outcomeToHash(outcome, now, outcomeJson), [F.worker]: this.workerId })
              .expire(key, ttl)
              .lpush(replyTo, reply);
            if (this.replyListDue(replyTo, ttl)) p.expire(replyTo, ttl);
            p.lrem(processingKey(this.workerId, circle), 1, id);
          }),
    );
    if (!ok && !this.abandoned) {
      // Redis refuses the write (not a lost connection): drop the id rather than re-run it forever.
      this.warn(`task ${id}: result not written`);
      await this.cmd.lrem(processingKey(this.workerId, circle), 1, id).catch(() => {});
    }
  }

  /** A reply list of a gateway that went away expires; refreshing its TTL every few seconds is enough. */
  private replyListDue(list: string, ttl: number): boolean {
    const now = Date.now();
    const last = this.replyListExpiry.get(list);
    if (last !== undefined && now - last < Math.min(5000, (ttl * 1000) / 4)) return false;
    if (this.replyListExpiry.size > 10_000) this.replyListExpiry.clear();
    this.replyListExpiry.set(list, now);
    return true;
  }

  /** A dead worker's task, now in our processing list: re-queue it once, then fail it. */
  private async recoverTask(deadId: string, circle: string, id: string): Promise<void> {
    const key = taskKey(id);
    const proc = processingKey(this.workerId, circle);
    const h = await this.cmd.hgetall(key);
    if (!h[F.taskId] || h[F.replyToQueue] === undefined) {
      await this.cmd.lrem(proc, 1, id);
      return;
    }
    const attempts = Number(h[F.attempts] ?? '0');
    if (attempts >= (this.opts.maxRequeues ?? 1) || h[F.cancelled] === '1') {
      this.opts.logger?.log(`task ${id} of dead worker ${deadId}: failed (attempts ${attempts})`);
      const outcome = failure(id, { kind: 'internal', message: `Worker ${deadId} died while running the task` });
      outcome.worker = this.workerId;
      this.busy++;
      await this.finish(circle, id, h, outcome);
      return this.unhold();
    }
    this.opts.logger?.log(`task ${id} of dead worker ${deadId}: re-queued`);
    await this.cmd.hincrby(key, F.attempts, 1);
    await this.requeue(circle, id);
  }

  /** Status back to pending, then the id moves to the front (right end) of its queue, atomically. */
  private async requeue(circle: string, id: string): Promise<void> {
    await this.cmd.hset(taskKey(id), F.status, 'pending', F.updatedAt, new Date().toISOString());
    // Both lists share a hash slot, so MULTI is fine on a cluster too.
    await this.cmd.multi().lrem(processingKey(this.workerId, circle), 1, id).rpush(queueKey(circle), id).exec();
  }

  /**
   * Self-healing: an id in our processing list that we do not hold (a reaper step or a take
   * that failed half-way) is put back on its queue once it has been seen twice in a row.
   */
  async sweepOrphans(): Promise<void> {
    const seen = new Set<string>();
    try {
      for (const circle of this.opts.circles) {
        const ids = await this.cmd.lrange(processingKey(this.workerId, circle), 0, -1);
        for (const id of ids) {
          if (this.inflight.has(id)) continue;
          const key = `${circle}\n${id}`;
          seen.add(key);
          if (!this.orphanCandidates.has(key)) continue;
          this.warn(`task ${id}: orphaned in our processing list; re-queued`);
          await this.requeue(circle, id);
          seen.delete(key);
        }
      }
    } catch (err) {
      this.warn(`orphan sweep: ${(err as Error).message}`);
    }
    this.orphanCandidates = seen;
  }

  private async register(): Promise<void> {
    for (let delay = 50; !this.stopping; delay = Math.min(delay * 2, 1000)) {
      await waitReady(this.cmd, () => this.stopping);
      if (this.stopping) return;
      try {
        await this.lease.heartbeat(true);
        return;
      } catch (err) {
        this.warn(`register: ${(err as Error).message}; retrying`);
        await sleep(delay);
      }
    }
  }

  private onCancel(taskId: string): void {
    const e = this.inflight.get(taskId);
    if (!e) return;
    e.cancelled = true;
    if (e.running) this.runner.cancel(taskId);
  }

  /** Retry a Redis operation until it succeeds; null once stopping. */
  /**
   * Retry a Redis operation while the connection is down (until it succeeds or we stop);
   * an error Redis itself returns (connection fine) is retried only a few times. null = gave up.
   */
  private async retry<T>(op: () => Promise<T>): Promise<T | null> {
    let serverErrors = 0;
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      if (this.abandoned) return null;
      try {
        return await op();
      } catch (err) {
        if (this.abandoned) return null;
        if (this.cmd.status === 'ready' && ++serverErrors >= 3) {
          this.warn(`redis: ${(err as Error).message}; giving up`);
          return null;
        }
        this.warn(`redis: ${(err as Error).message}; retrying`);
        await waitReady(this.cmd, () => this.abandoned);
        await sleep(delay);
      }
    }
  }
}

function failure(taskId: string, error: TaskFailure): TaskOutcome {
  return { taskId, status: 'error', error };
}
