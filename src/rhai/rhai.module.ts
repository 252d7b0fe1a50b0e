import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/env.validation.js';
import { ScriptPool } from '../worker/script-pool.js';
import { EmbeddedTaskQueue } from './embedded-task-queue.js';
import { RhaiService } from './rhai.service.js';
import { TaskQueue } from './task-queue.port.js';

/**
 * Embedded queue + in-process script pool without REDIS_URL; the Redis
 * adapter with it. The Redis modules are imported only in Redis mode, so the
 * embedded gateway does not load ioredis (~9 MB resident, start-up time).
 */
export async function createTaskQueue(cfg: AppConfig): Promise<TaskQueue> {
  const logger = new Logger('RhaiModule');
  if (cfg.redisUrl) {
    const { RedisTaskQueue } = await import('./redis-task-queue.js');
    logger.log(`Redis task queue (circle "${cfg.circleName}")`);
    return new RedisTaskQueue({
      url: cfg.redisUrl,
      resultTtlS: cfg.taskResultTtlS,
      maxPending: cfg.maxQueueLength,
      logger,
    });
  }
  logger.log(`Embedded task queue, ${cfg.workerThreads} worker thread(s)`);
  const pool = new ScriptPool({
    threads: cfg.workerThreads,
    limits: cfg.limits,
    maxOldGenerationSizeMb: cfg.workerMaxOldGenMb,
    log: (m) => logger.warn(m),
  });
  return new EmbeddedTaskQueue(pool, {
    maxQueueLength: cfg.maxQueueLength,
    resultTtlS: cfg.taskResultTtlS,
  });
}

/** REDIS_URL + EMBEDDED_WORKERS=true: this process also consumes the Redis queues. */
export async function createEmbeddedRedisWorker(cfg: AppConfig): Promise<object | null> {
  if (!cfg.redisUrl || !cfg.embeddedWorkers) return null;
  const { EmbeddedRedisWorker } = await import('../worker/embedded-redis-worker.js');
  return new EmbeddedRedisWorker(cfg);
}

export const EMBEDDED_REDIS_WORKER = Symbol('EMBEDDED_REDIS_WORKER');

@Module({
  providers: [
    { provide: TaskQueue, useFactory: createTaskQueue, inject: [AppConfig] },
    // Nest runs the lifecycle hooks (start on bootstrap, stop on shutdown) of factory-made instances too.
    { provide: EMBEDDED_REDIS_WORKER, useFactory: createEmbeddedRedisWorker, inject: [AppConfig] },
    RhaiService,
  ],
  exports: [RhaiService, TaskQueue],
})
export class RhaiModule {}
