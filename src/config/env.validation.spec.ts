import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './env.validation.js';

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      redisUrl: undefined,
      circleName: 'default',
      circles: ['default'],
      taskTimeoutMs: 30000,
      embeddedWorkers: true,
      taskResultTtlS: 3600,
      maxScriptBytes: 65536,
      maxFrameBytes: 1048576,
      maxInFlightPerConnection: 64,
      maxQueueLength: 10000,
      shutdownGraceMs: 10000,
      workerLeaseMs: 15000,
      workerPrefetch: 16,
      workerMaxOldGenMb: 256,
    });
    expect(c.workerThreads).toBeGreaterThanOrEqual(1);
    expect(c.limits).toEqual({
      maxOperations: 500_000_000,
      maxCallLevels: 64,
      maxExprDepth: 64,
      maxFunctionExprDepth: 32,
      maxStringSize: 16_777_216,
      maxArraySize: 1_000_000,
      maxMapSize: 1_000_000,
      maxVariables: 0,
    });
  });

  it('parses values and derives EMBEDDED_WORKERS from REDIS_URL', () => {
    const c = loadConfig({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379', CIRCLES: 'a,b', WORKER_THREADS: '3', RHAI_MAX_OPERATIONS: '0' });
    expect(c).toMatchObject({ port: 0, redisUrl: 'redis://127.0.0.1:6379', circles: ['a', 'b'], workerThreads: 3, embeddedWorkers: false });
    expect(c.limits.maxOperations).toBe(0);
    expect(loadConfig({ REDIS_URL: 'redis://h', EMBEDDED_WORKERS: 'true' }).embeddedWorkers).toBe(true);
    expect(loadConfig({ EMBEDDED_WORKERS: '0' }).embeddedWorkers).toBe(false);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '' })).toMatchObject({ port: 8080, redisUrl: undefined });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '12abc'],
    ['TASK_TIMEOUT_MS', '0'],
    ['WORKER_THREADS', '-1'],
    ['REDIS_URL', 'http://x'],
    ['CIRCLES', 'a,,b'],
    ['EMBEDDED_WORKERS', 'maybe'],
    ['RHAI_MAX_CALL_LEVELS', '1.5'],
    ['WORKER_PREFETCH', '0'],
    ['WORKER_PREFETCH', '65'],
  ])('rejects %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});
