/**
 * Nest provider running a Redis worker inside the gateway process when both
 * REDIS_URL and EMBEDDED_WORKERS=true are set (otherwise it does nothing).
 * Add it to a module's providers; it starts on bootstrap and stops on shutdown.
 */
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/env.validation.js';
import { RedisWorker } from './redis-worker.js';

@Injectable()
export class EmbeddedRedisWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmbeddedRedisWorker');
  private worker?: RedisWorker;

  constructor(private readonly cfg: AppConfig) {}

  onApplicationBootstrap(): void {
    if (!this.cfg.redisUrl || !this.cfg.embeddedWorkers) return;
    this.worker = RedisWorker.start(this.cfg, this.logger);
    this.logger.log(`In-process Redis worker ${this.worker.workerId}: circles ${this.cfg.circles.join(',')}, ${this.cfg.workerThreads} thread(s)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop(this.cfg.shutdownGraceMs);
  }
}
