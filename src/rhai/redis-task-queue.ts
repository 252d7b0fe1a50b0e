/**
 * TaskQueue adapter on Redis (DESIGN.md §3, docs/protocol.md).
 *
 * Two connections per gateway however many tasks are in flight: `cmd` for
 * submit/cancel/getTask, `reader` blocked in BLMPOP on this gateway's reply
 * list `rhai_replies:<gatewayId>`, dispatching replies to waiters by taskId.
 * No polling. While Redis is unreachable, submit rejects at once with
 * QueueUnavailableError; the reader reconnects by itself.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TaskQueue, type TaskRecord } from './task-queue.port.js';
import type { RhaiTask, TaskOutcome } from './task.types.js';
import { LimitExceededError, QueueUnavailableError, TaskDataError } from './rhai-client.errors.js';
import { CANCEL_CHANNEL, F, assertCircleName, queueKey, replyQueueKey, taskKey } from './redis-keys.js';
import { hashToRecord, parseReply, taskToHash } from './redis-task-record.js';
import { createRedis, sleep, waitReady, withTimeout } from './redis-connection.js';
import { CommandBatcher } from './redis-batch.js';

export interface RedisQueueOptions {
  url: string;
  /** Names this gateway's reply list; default host-pid-random (unique per process). */
  gatewayId?: string;
  /** Finished task records (and idle reply lists) expire after this many seconds. */
  resultTtlS: number;
  /** Timeout of non-blocking Redis commands (ms); default 2000. */
  commandTimeoutMs?: number;
  /** Reject submit with LimitExceededError beyond this many tasks awaiting replies; 0 = no cap. */
  maxPending?: number;
  /** Replies fetched per BLMPOP; default 512. */
  replyBatch?: number;
  logger?: { warn(message: string): void; log?(message: string): void };
}

interface Waiter {
  resolve(outcome: TaskOutcome): void;
  reject(err: Error): void;
}

export function defaultGatewayId(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export class RedisTaskQueue extends TaskQueue implements OnModuleDestroy {
  readonly gatewayId: string;
  readonly replyQueue: string;
  private readonly cmd: Redis;
  private readonly batch: CommandBatcher;
  private readonly reader: Redis;
  private readonly waiters = new Map<string, Waiter>();
  private readonly readerDone: Promise<void>;
  private closed = false;

  constructor(private readonly opts: RedisQueueOptions) {
    super();
    this.gatewayId = opts.gatewayId ?? defaultGatewayId();
    this.replyQueue = replyQueueKey(this.gatewayId);
    const tuning = { commandTimeoutMs: opts.commandTimeoutMs };
    this.cmd = createRedis(opts.url, `circle-ws:gw:${this.gatewayId}:cmd`, tuning);
    this.batch = new CommandBatcher(this.cmd);
    this.reader = createRedis(opts.url, `circle-ws:gw:${this.gatewayId}:replies`, tuning, true);
    this.readerDone = this.readReplies();
    // Back after an outage: if Redis lost its data, replies for our pending tasks never come.
    let connectedBefore = false;
    this.reader.on('ready', () => {
      if (connectedBefore && !this.closed) void this.failLostTasks();
      connectedBefore = true;
    });
  }

  /** Number of submitted tasks still awaiting their reply. */
  get pendingCount(): number {
    return this.waiters.size;
  }

  isHealthy(): boolean {
    return !this.closed && this.cmd.status === 'ready';
  }

  /** Resolves when the command connection is ready (for start-up probes and tests). */
  async ready(timeoutMs = 5000): Promise<boolean> {
    await withTimeout(waitReady(this.cmd, () => this.closed), timeoutMs);
    return this.isHealthy();
  }

  async submit(task: RhaiTask): Promise<TaskOutcome> {
    if (!this.isHealthy()) throw new QueueUnavailableError('Redis is unreachable', { taskId: task.taskId });
    const max = this.opts.maxPending ?? 0;
    if (max > 0 && this.waiters.size >= max) {
      throw new LimitExceededError('Task queue full', { pending: this.waiters.size, max });
    }
    assertCircleName(task.circle);
    if (this.waiters.has(task.taskId)) throw new TaskDataError('Duplicate task id', { taskId: task.taskId });
    const key = taskKey(task.taskId);
    // The pending record outlives its deadline by the result TTL, so orphans expire.
    const ttlS = Math.max(1, Math.ceil((task.deadlineAt - Date.now()) / 1000)) + this.opts.resultTtlS;
    const result = new Promise<TaskOutcome>((resolve, reject) => {
      this.waiters.set(task.taskId, { resolve, reject });
    });
    // It may be rejected (close, lost task, bad reply) before we return it: not "unhandled".
    result.catch(() => {});
    try {
      // One connection, in order: the hash exists before its id is visible on the queue.
      // (The commands of all tasks submitted in one tick leave in one write.)
      await this.batch.run((p) =>
        p.hset(key, taskToHash(task, this.replyQueue)).expire(key, ttlS).lpush(queueKey(task.circle), task.taskId),
      );
    } catch (err) {
      this.waiters.delete(task.taskId);
      throw new QueueUnavailableError('Redis is unreachable', { taskId: task.taskId, reason: errMessage(err) });
    }
    return result;
  }

  /** Best effort: flags the record and tells workers; never throws (callers fire and forget). */
  async cancel(taskId: string): Promise<void> {
    this.waiters.delete(taskId);
    if (!this.isHealthy()) return;
    const key = taskKey(taskId);
    try {
      await this.cmd
        .pipeline()
        .hset(key, F.cancelled, '1')
        // If the record had already expired, the stub created here expires too.
        .expire(key, this.opts.resultTtlS)
        .publish(CANCEL_CHANNEL, taskId)
        .exec();
    } catch (err) {
      this.opts.logger?.warn(`cancel ${taskId}: ${errMessage(err)}`);
    }
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    let h: Record<string, string>;
    try {
      h = await this.cmd.hgetall(taskKey(taskId));
    } catch (err) {
      throw new QueueUnavailableError('Redis is unreachable', { taskId, reason: errMessage(err) });
    }
    try {
      return hashToRecord(h);
    } catch (err) {
      throw new TaskDataError('Malformed task record', { taskId, reason: errMessage(err) });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [taskId, w] of this.waiters) w.reject(new QueueUnavailableError('Task queue closed', { taskId }));
    this.waiters.clear();
    this.reader.disconnect(); // interrupts the blocked BLMPOP
    await this.readerDone;
    await this.cmd.quit().catch(() => this.cmd.disconnect());
  }

  /** The one blocking reader: BLMPOP takes up to `replyBatch` replies per round trip. */
  private async readReplies(): Promise<void> {
    const batch = this.opts.replyBatch ?? 512;
    while (!this.closed) {
      if (this.reader.status !== 'ready') {
        await waitReady(this.reader, () => this.closed);
        continue;
      }
      let res: [string, string[]] | null;
      try {
        res = await this.reader.blmpop(5, 1, this.replyQueue, 'RIGHT', 'COUNT', batch);
      } catch (err) {
        if (this.closed) break;
        // Connection lost: replies stay in the list until we are back.
        this.opts.logger?.warn(`reply reader: ${errMessage(err)}`);
        await sleep(50);
        continue;
      }
      if (res) for (const raw of res[1]) this.dispatch(raw);
    }
  }

  /** Reject waiters whose task record is gone (Redis restarted empty or was flushed). */
  private async failLostTasks(): Promise<void> {
    await withTimeout(waitReady(this.cmd, () => this.closed), 5000);
    const ids = [...this.waiters.keys()];
    for (let i = 0; i < ids.length && !this.closed; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      let exists: number[];
      try {
        exists = (await this.batch.run((p) => chunk.forEach((id) => p.exists(taskKey(id))))) as number[];
      } catch {
        return; // down again: the next reconnect checks again
      }
      chunk.forEach((id, k) => {
        const w = this.waiters.get(id);
        if (exists[k] !== 0 || !w) return;
        this.waiters.delete(id);
        w.reject(new QueueUnavailableError('Task lost: Redis restarted without its data', { taskId: id }));
      });
    }
  }

  private dispatch(raw: string): void {
    let reply;
    try {
      reply = parseReply(raw);
    } catch (err) {
      const taskId = extractTaskId(raw);
      const w = taskId === undefined ? undefined : this.waiters.get(taskId);
      if (w && taskId !== undefined) {
        this.waiters.delete(taskId);
        w.reject(new TaskDataError('Malformed task reply', { taskId, reason: errMessage(err) }));
      } else {
        this.opts.logger?.warn(`dropped malformed reply: ${errMessage(err)}`);
      }
      return;
    }
    const w = this.waiters.get(reply.taskId);
    if (!w) return; // cancelled, timed out, or a duplicate after a re-queue
    this.waiters.delete(reply.taskId);
    const { clientRpcId: _id, createdAt: _c, updatedAt: _u, ...outcome } = reply;
    w.resolve(outcome);
  }
}

function extractTaskId(raw: string): string | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    const id = (v as { taskId?: unknown } | null)?.taskId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return /"taskId"\s*:\s*"([^"\\]+)"/.exec(raw)?.[1];
  }
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
