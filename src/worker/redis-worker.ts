/**
 * A Redis worker: a ScriptPool plus the RedisTaskConsumer feeding it. Used by
 * the worker process (worker-main.ts) and, with EMBEDDED_WORKERS=true and
 * REDIS_URL, inside the gateway (embedded-redis-worker.ts).
 */
import type { AppConfig } from '../config/env.validation.js';
import { ScriptPool } from './script-pool.js';
import { RedisTaskConsumer } from './redis-task-consumer.js';

export interface WorkerLogger {
  log(msg: string): void;
  warn(msg: string): void;
}

export class RedisWorker {
  private constructor(
    readonly pool: ScriptPool,
    readonly consumer: RedisTaskConsumer,
  ) {}

  /** Start consuming `cfg.circles` from `cfg.redisUrl` on `cfg.workerThreads` threads. */
  static start(cfg: AppConfig, logger: WorkerLogger, workerId?: string): RedisWorker {
    if (!cfg.redisUrl) throw new Error('RedisWorker needs REDIS_URL');
    const pool = new ScriptPool({
      threads: cfg.workerThreads,
      limits: cfg.limits,
      maxOldGenerationSizeMb: cfg.workerMaxOldGenMb,
      log: (m) => logger.warn(m),
    });
    const consumer = new RedisTaskConsumer(pool, {
      url: cfg.redisUrl,
      workerId,
      circles: cfg.circles,
      // One task per thread whenever the pool has a backlog; up to `prefetch` per thread while
      // it keeps up (short scripts are pipelined to the threads; see docs/protocol.md).
      concurrency: cfg.workerThreads,
      prefetch: cfg.workerPrefetch,
      resultTtlS: cfg.taskResultTtlS,
      leaseMs: cfg.workerLeaseMs,
      logger,
    });
    consumer.start();
    return new RedisWorker(pool, consumer);
  }

  get workerId(): string {
    return this.consumer.workerId;
  }

  /** Resolves once registered with Redis and consuming (waits while Redis is down). */
  whenStarted(): Promise<void> {
    return this.consumer.whenStarted();
  }

  /** Stop taking tasks, finish held ones up to `graceMs`, re-queue the rest, stop the threads. */
  async stop(graceMs: number): Promise<void> {
    await this.consumer.stop(graceMs);
    await this.pool.close();
  }
}
