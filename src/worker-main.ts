/**
 * Redis worker entry point (`npm run worker`): consumes the queues of the
 * circles in CIRCLES from REDIS_URL on WORKER_THREADS threads. SIGTERM/SIGINT:
 * stop taking tasks, finish held ones within SHUTDOWN_GRACE_MS, re-queue the
 * rest, exit 0.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/env.validation.js';
import { RedisWorker } from './worker/redis-worker.js';

function configOrExit(): AppConfig {
  try {
    const cfg = loadConfig(process.env);
    if (!cfg.redisUrl) {
      console.error('REDIS_URL is required for the worker (e.g. REDIS_URL=redis://127.0.0.1:6379 npm run worker)');
      process.exit(1);
    }
    return cfg;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const cfg = configOrExit();
  const logger = new Logger('Worker');
  const worker = RedisWorker.start(cfg, logger);
  logger.log(`Worker ${worker.workerId}: connecting to ${redactUrl(cfg.redisUrl!)}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: no new tasks; finishing held ones (grace ${cfg.shutdownGraceMs} ms)`);
    const hardStop = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, cfg.shutdownGraceMs + 10_000);
    hardStop.unref();
    try {
      await worker.stop(cfg.shutdownGraceMs);
      logger.log('Worker stopped cleanly');
      process.exit(0);
    } catch (e) {
      logger.error(`Error during shutdown: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const waiting = setTimeout(() => logger.warn(`Redis not reachable yet at ${redactUrl(cfg.redisUrl!)}; retrying`), 2000);
  await worker.whenStarted();
  clearTimeout(waiting);
  if (!stopping) {
    logger.log(`Worker ${worker.workerId} ready: consuming circle(s) ${cfg.circles.join(',')} with ${cfg.workerThreads} thread(s)`);
  }
}

/** Never print a password. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

main().catch((e: unknown) => {
  console.error('Worker start-up failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
