/**
 * Liveness of Redis workers and recovery of dead workers' tasks.
 *
 * Each worker keeps `rhai_worker_lease:<id>` alive (SET PX leaseMs, renewed
 * every leaseMs/3) and registers itself in the `rhai_workers` hash with the
 * circles it consumes. Every worker runs the reaper about once per leaseMs:
 * a registered worker without a lease is dead; its processing lists are moved
 * one id at a time (LMOVE, atomic: exactly one reaper gets each id) into the
 * reaper's own processing list and handed to `onDeadTask`, which re-queues or
 * fails the task. The dead entry is then removed from the registry.
 */
import os from 'node:os';
import type { Redis } from 'ioredis';
import { WORKERS_KEY, leaseKey, processingKey } from '../rhai/redis-keys.js';

export interface WorkerInfo {
  circles: string[];
  host: string;
  pid: number;
  startedAt: string;
}

export type DeadTaskHandler = (deadWorkerId: string, circle: string, taskId: string) => Promise<void>;

export class WorkerLease {
  private heartbeatTimer?: NodeJS.Timeout;
  private reaperTimer?: NodeJS.Timeout;
  private reaping?: Promise<void>;
  private stopped = false;
  private readonly info: string;

  constructor(
    private readonly cmd: Redis,
    private readonly workerId: string,
    circles: string[],
    private readonly leaseMs: number,
    private readonly onDeadTask: DeadTaskHandler,
    private readonly warn: (msg: string) => void = () => {},
  ) {
    const info: WorkerInfo = { circles, host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
    this.info = JSON.stringify(info);
  }

  /** Start periodic heartbeats and the reaper (after a first successful heartbeat). */
  start(): void {
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.scheduleReap();
  }

  /** Renew the lease and (re-)register; a worker wrongly reaped after a pause comes back. */
  async heartbeat(throwOnError = false): Promise<void> {
    try {
      const res = await this.cmd
        .pipeline()
        .set(leaseKey(this.workerId), '1', 'PX', this.leaseMs)
        .hset(WORKERS_KEY, this.workerId, this.info)
        .exec();
      const failed = res?.find(([e]) => e);
      if (failed) throw failed[0];
    } catch (err) {
      if (throwOnError) throw err;
      this.warn(`lease heartbeat: ${(err as Error).message}`);
    }
  }

  /** Run one reaper pass now (also used by tests). */
  reapOnce(): Promise<void> {
    this.reaping ??= this.reap().finally(() => (this.reaping = undefined));
    return this.reaping;
  }

  /** Stop heartbeats and the reaper; release the lease and the registry entry. */
  async stop(release = true): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.reaperTimer);
    await this.reaping;
    if (!release) return;
    try {
      await this.cmd.pipeline().del(leaseKey(this.workerId)).hdel(WORKERS_KEY, this.workerId).exec();
    } catch (err) {
      this.warn(`lease release: ${(err as Error).message}`);
    }
  }

  private scheduleReap(): void {
    if (this.stopped) return;
    // Jitter so that many workers do not reap in lockstep.
    const delay = this.leaseMs * (0.75 + Math.random() * 0.5);
    this.reaperTimer = setTimeout(() => {
      void this.reapOnce().finally(() => this.scheduleReap());
    }, delay);
  }

  private async reap(): Promise<void> {
    try {
      const registry = await this.cmd.hgetall(WORKERS_KEY);
      const others = Object.keys(registry).filter((id) => id !== this.workerId);
      if (others.length === 0) return;
      const p = this.cmd.pipeline();
      for (const id of others) p.exists(leaseKey(id));
      const alive = (await p.exec()) ?? [];
      for (let i = 0; i < others.length && !this.stopped; i++) {
        const [err, n] = alive[i] ?? [new Error('no reply')];
        if (err || n !== 0) continue;
        await this.recoverWorker(others[i], registry[others[i]]);
      }
    } catch (err) {
      this.warn(`reaper: ${(err as Error).message}`);
    }
  }

  private async recoverWorker(deadId: string, rawInfo: string): Promise<void> {
    let circles: string[] = [];
    try {
      const info = JSON.parse(rawInfo) as Partial<WorkerInfo>;
      if (Array.isArray(info.circles)) circles = info.circles.filter((c) => typeof c === 'string');
    } catch {
      this.warn(`reaper: unreadable registry entry for ${deadId}; removing it`);
    }
    for (const circle of circles) {
      for (;;) {
        if (this.stopped) return;
        const id = await this.cmd.lmove(processingKey(deadId, circle), processingKey(this.workerId, circle), 'RIGHT', 'LEFT');
        if (id === null) break;
        await this.onDeadTask(deadId, circle, id);
      }
    }
    // Only forget it if it did not come back meanwhile.
    if ((await this.cmd.exists(leaseKey(deadId))) === 0) await this.cmd.hdel(WORKERS_KEY, deadId);
  }
}
