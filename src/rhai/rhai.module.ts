import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/env.validation.js';
import { ScriptPool } from '../worker/script-pool.js';
import { EmbeddedRedisWorker } from '../worker/embedded-redis-worker.js';
import { EmbeddedTaskQueue } from './embedded-task-queue.js';
import { RedisTaskQueue } from './redis-task-queue.js';
import { RhaiService } from './rhai.service.js';
import { TaskQueue } from './task-queue.port.js';

/** Embedded queue + in-process script pool without REDIS_URL; the Redis adapter with it. */
export function createTaskQueue(cfg: AppConfig): TaskQueue {
  const logger = new Logger('RhaiModule');
  if (cfg.redisUrl) {
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

@Module({
  providers: [
    { provide: TaskQueue, useFactory: createTaskQueue, inject: [AppConfig] },
    RhaiService,
    // REDIS_URL + EMBEDDED_WORKERS=true: this process also consumes the Redis queues (no-op otherwise).
    EmbeddedRedisWorker,
  ],
  exports: [RhaiService, TaskQueue],
})
export class RhaiModule {}
