import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { EmbeddedTaskQueue, type ScriptRunner } from './embedded-task-queue.js';
import type { RhaiTask } from './task.types.js';
import type { ScriptJob, ScriptJobResult } from '../worker/script-execution.types.js';
import { LimitExceededError, QueueUnavailableError } from './rhai-client.errors.js';

const task = (id: string, script = '1'): RhaiTask => ({
  taskId: id,
  circle: 'default',
  script,
  clientRpcId: 1,
  createdAt: new Date().toISOString(),
  deadlineAt: Date.now() + 10_000,
});

/** A fake pool whose jobs finish when the test says so. */
function fakePool() {
  const waiting = new Map<string, (r: ScriptJobResult) => void>();
  const runner = {
    run: jest.fn((job: ScriptJob) => new Promise<ScriptJobResult>((res) => waiting.set(job.taskId, res))),
    cancel: jest.fn((_id: string) => undefined),
    close: jest.fn(async () => undefined),
  };
  const complete = (id: string, output = 'ok') => waiting.get(id)!({ taskId: id, status: 'completed', output });
  return { runner: runner as unknown as ScriptRunner & typeof runner, complete, waiting };
}

describe('EmbeddedTaskQueue', () => {
  let queue: EmbeddedTaskQueue | undefined;
  afterEach(async () => queue?.close());

  it('runs a task on the pool and returns its outcome', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 60 });
    const out = queue.submit(task('a', '40 + 2'));
    expect(p.runner.run).toHaveBeenCalledWith(expect.objectContaining({ taskId: 'a', script: '40 + 2' }));
    p.complete('a', '42');
    await expect(out).resolves.toMatchObject({ taskId: 'a', status: 'completed', output: '42' });
  });

  it('reports pending then finished records via getTask, and null for unknown ids', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 60 });
    const out = queue.submit(task('a'));
    expect(await queue.getTask('a')).toMatchObject({ status: 'pending' });
    (p.runner as { state?: () => string }).state = () => 'running';
    expect(await queue.getTask('a')).toMatchObject({ status: 'processing' });
    p.complete('a');
    await out;
    expect(await queue.getTask('a')).toMatchObject({ status: 'completed', outcome: { output: 'ok' } });
    expect(await queue.getTask('nope')).toBeNull();
  });

  it('forgets finished records after the TTL', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 0.05 });
    const out = queue.submit(task('a'));
    p.complete('a');
    await out;
    await new Promise((r) => setTimeout(r, 80));
    expect(await queue.getTask('a')).toBeNull();
  });

  it('keeps at most maxRetained finished records', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 60, maxRetained: 2 });
    for (const id of ['a', 'b', 'c']) {
      const out = queue.submit(task(id));
      p.complete(id);
      await out;
    }
    expect(await queue.getTask('a')).toBeNull();
    expect(await queue.getTask('c')).not.toBeNull();
  });

  it('refuses tasks beyond MAX_QUEUE_LENGTH with LimitExceededError', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 2, resultTtlS: 60 });
    const a = queue.submit(task('a'));
    const b = queue.submit(task('b'));
    await expect(queue.submit(task('c'))).rejects.toBeInstanceOf(LimitExceededError);
    p.complete('a');
    await a;
    const c = queue.submit(task('c'));
    p.complete('b');
    p.complete('c');
    await expect(Promise.all([b, c])).resolves.toHaveLength(2);
  });

  it('forwards cancel to the pool', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 60 });
    await queue.cancel('x');
    expect(p.runner.cancel).toHaveBeenCalledWith('x');
  });

  it('closes the pool on shutdown and then refuses tasks', async () => {
    const p = fakePool();
    queue = new EmbeddedTaskQueue(p.runner, { maxQueueLength: 10, resultTtlS: 60 });
    expect(queue.isHealthy()).toBe(true);
    await queue.onApplicationShutdown();
    expect(p.runner.close).toHaveBeenCalled();
    expect(queue.isHealthy()).toBe(false);
    await expect(queue.submit(task('z'))).rejects.toBeInstanceOf(QueueUnavailableError);
  });
});
