import { describe, expect, it } from '@jest/globals';
import { createEmbeddedRedisWorker, createTaskQueue } from './rhai.module.js';
import { EmbeddedTaskQueue } from './embedded-task-queue.js';
import { loadConfig } from '../config/env.validation.js';

describe('RhaiModule factories', () => {
  it('without REDIS_URL: an embedded queue on a script pool that runs scripts', async () => {
    const q = await createTaskQueue(loadConfig({ WORKER_THREADS: '1' }));
    try {
      expect(q).toBeInstanceOf(EmbeddedTaskQueue);
      const out = await q.submit({ taskId: 'm1', circle: 'default', script: '40 + 2', clientRpcId: 1, createdAt: new Date().toISOString(), deadlineAt: Date.now() + 5000 });
      expect(out.output).toBe('42');
    } finally {
      await (q as EmbeddedTaskQueue).close();
    }
  });

  it('no in-process Redis worker unless REDIS_URL and EMBEDDED_WORKERS are both set', async () => {
    expect(await createEmbeddedRedisWorker(loadConfig({}))).toBeNull();
    expect(await createEmbeddedRedisWorker(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' }))).toBeNull();
    expect(await createEmbeddedRedisWorker(loadConfig({ EMBEDDED_WORKERS: 'true' }))).toBeNull();
  });
});
