/**
 * ioredis options shared by the gateway adapter and the worker: fail fast
 * while Redis is down (no offline queue, no command retries), reconnect by
 * itself in the background.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface ConnectionTuning {
  /** Per-command timeout for non-blocking commands (ms). */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export function createRedis(url: string, name: string, tuning: ConnectionTuning = {}, blocking = false): Redis {
  const opts: RedisOptions = {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: tuning.connectTimeoutMs ?? 2000,
    // Reconnect quickly at first, then every second at most.
    retryStrategy: (times) => Math.min(25 * times, 1000),
    // Blocking commands legitimately wait longer than any command timeout.
    commandTimeout: blocking ? undefined : (tuning.commandTimeoutMs ?? 2000),
    lazyConnect: false,
    // No auto-pipelining: ioredis keeps one auto-pipeline in flight per connection, so every
    // batch would wait for the previous one's replies. The hot paths batch per tick with
    // CommandBatcher (redis-batch.ts) instead; other commands are rare.
    enableAutoPipelining: false,
  };
  const r = new Redis(url, opts);
  // Errors surface through the failed commands; an unhandled 'error' event would crash.
  r.on('error', () => {});
  return r;
}

/** Resolve once `r` is ready (or `isClosed()` turns true); never rejects. */
export function waitReady(r: Redis, isClosed: () => boolean, pollMs = 100): Promise<void> {
  return new Promise((resolve) => {
    if (r.status === 'ready' || isClosed()) return resolve();
    const done = (): void => {
      clearInterval(timer);
      r.off('ready', done);
      resolve();
    };
    // The interval only re-checks the closed flag; readiness comes from the event.
    const timer = setInterval(() => {
      if (isClosed() || r.status === 'ready') done();
    }, pollMs);
    r.once('ready', done);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Wait for `p` at most `ms`; the timer is cleared so it never holds the process open. */
export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
