/**
 * The in-process TaskQueue (no REDIS_URL): tasks run on this process's
 * ScriptPool. Finished records stay readable by getTask for TASK_RESULT_TTL_S,
 * within a count and size budget so a flood of tasks cannot exhaust memory.
 */
import type { OnApplicationShutdown } from '@nestjs/common';
import { TaskQueue, type TaskRecord } from './task-queue.port.js';
import type { RhaiTask, TaskOutcome } from './task.types.js';
import { LimitExceededError, QueueUnavailableError } from './rhai-client.errors.js';
import type { ScriptPool } from '../worker/script-pool.js';

export interface EmbeddedQueueOptions {
  /** Tasks accepted but not finished; more → LimitExceededError. */
  maxQueueLength: number;
  resultTtlS: number;
  /** Finished records kept at most (oldest dropped first). Default 100000. */
  maxRetained?: number;
  /** Approximate characters (scripts + outputs) kept in finished records. Default 64 Mi. */
  maxRetainedChars?: number;
}

/** A finished task, kept flat: every task's record survives several GCs, so fewer objects = less GC work. */
interface Kept {
  id: string;
  task: RhaiTask;
  outcome: TaskOutcome;
  finishedAt: number;
  expiresAt: number;
  chars: number;
}

/** The subset of ScriptPool the queue uses (lets tests pass a fake). */
export type ScriptRunner = Pick<ScriptPool, 'run' | 'cancel' | 'close'> & Partial<Pick<ScriptPool, 'state'>>;

export class EmbeddedTaskQueue extends TaskQueue implements OnApplicationShutdown {
  /** Accepted, not finished (the record is built on demand by getTask). */
  private readonly active = new Map<string, RhaiTask>();
  private readonly finished = new Map<string, Kept>();
  /**
   * Finished records in finishing order (oldest first), for trimming. A plain
   * array with a head index: iterating a Map from the front after many
   * front deletions walks over its tombstones (O(n) per trim in V8).
   */
  private order: Kept[] = [];
  private orderHead = 0;
  private retainedChars = 0;
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: ScriptRunner,
    private readonly opts: EmbeddedQueueOptions,
  ) {
    super();
    this.sweeper = setInterval(() => this.trim(Date.now()), 10_000);
    this.sweeper.unref();
  }

  get activeCount(): number {
    return this.active.size;
  }

  async submit(task: RhaiTask): Promise<TaskOutcome> {
    if (this.closed) throw new QueueUnavailableError('Task queue is closed', { taskId: task.taskId });
    if (this.active.size >= this.opts.maxQueueLength) {
      throw new LimitExceededError('Task queue is full', { maxQueueLength: this.opts.maxQueueLength });
    }
    this.active.set(task.taskId, task);
    const outcome = await this.pool.run({ taskId: task.taskId, script: task.script, deadlineAt: task.deadlineAt });
    this.active.delete(task.taskId);
    this.keep(task, outcome);
    return outcome;
  }

  async cancel(taskId: string): Promise<void> {
    this.pool.cancel(taskId);
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    const a = this.active.get(taskId);
    if (a) return { task: a, status: this.pool.state?.(taskId) === 'running' ? 'processing' : 'pending', updatedAt: a.createdAt };
    const k = this.finished.get(taskId);
    if (!k) return null;
    if (k.expiresAt <= Date.now()) {
      this.drop(taskId, k);
      return null;
    }
    return { task: k.task, status: k.outcome.status, outcome: k.outcome, updatedAt: new Date(k.finishedAt).toISOString() };
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  /** Stops the pool after the gateway has drained (Nest calls this last). */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await this.pool.close();
  }

  private keep(task: RhaiTask, outcome: TaskOutcome): void {
    const chars = task.script.length + (outcome.output?.length ?? 0) + (outcome.error?.message.length ?? 0) + 256;
    const now = Date.now();
    const k: Kept = { id: task.taskId, task, outcome, finishedAt: now, expiresAt: now + this.opts.resultTtlS * 1000, chars };
    this.finished.set(k.id, k);
    this.order.push(k);
    this.retainedChars += chars;
    this.trim(now);
  }

  private trim(now: number): void {
    const maxN = this.opts.maxRetained ?? 100_000;
    const maxChars = this.opts.maxRetainedChars ?? 64 * 1024 * 1024;
    while (this.orderHead < this.order.length) {
      const k = this.order[this.orderHead];
      if (this.finished.get(k.id) !== k) {
        this.orderHead++; // already dropped (expired on read)
        continue;
      }
      if (k.expiresAt > now && this.finished.size <= maxN && this.retainedChars <= maxChars) break;
      this.drop(k.id, k);
      this.orderHead++;
    }
    if (this.orderHead > 1024 && this.orderHead * 2 > this.order.length) {
      this.order = this.order.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  private drop(id: string, k: Kept): void {
    if (this.finished.get(id) !== k) return;
    this.finished.delete(id);
    this.retainedChars -= k.chars;
  }
}
