/**
 * RedisTaskQueue (gateway side) against a real redis-server, answered by the
 * real RedisTaskConsumer running a fake script runner.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisTaskQueue } from '../../src/rhai/redis-task-queue.js';
import { QueueUnavailableError, TaskDataError } from '../../src/rhai/rhai-client.errors.js';
import { RedisTaskConsumer } from '../../src/worker/redis-task-consumer.js';
import { ScriptPool } from '../../src/worker/script-pool.js';
import { leaseKey, processingKey, queueKey, taskKey, WORKERS_KEY } from '../../src/rhai/redis-keys.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { FakeRunner, makeTask, until } from '../support/redis-fakes.js';

let server: RedisServerHandle;
let admin: Redis;
const cleanups: (() => Promise<void>)[] = [];

function queue(extra: Partial<ConstructorParameters<typeof RedisTaskQueue>[0]> = {}): RedisTaskQueue {
  const q = new RedisTaskQueue({ url: server.url, resultTtlS: 60, ...extra });
  cleanups.push(() => q.close());
  return q;
}

function consumer(runner: FakeRunner, concurrency = 4, workerId?: string): RedisTaskConsumer {
  const c = new RedisTaskConsumer(runner, { url: server.url, circles: ['default'], concurrency, resultTtlS: 60, leaseMs: 1000, workerId, logger: process.env.DEBUG_REDIS ? { log: console.log, warn: console.warn } : undefined });
  cleanups.push(() => c.stop(1000));
  c.start();
  return c;
}

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url);
});

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  await admin.flushall();
});

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

describe('RedisTaskQueue + RedisTaskConsumer', () => {
  it('submits a task and gets the worker reply; the record is kept with a TTL', async () => {
    const q = queue();
    consumer(new FakeRunner());
    expect(await q.ready()).toBe(true);
    const task = makeTask('value:42', { clientRpcId: 'abc' });
    const out = await q.submit(task);
    expect(out).toMatchObject({ taskId: task.taskId, status: 'completed', output: '42' });
    const rec = await q.getTask(task.taskId);
    expect(rec?.status).toBe('completed');
    expect(rec?.task.clientRpcId).toBe('abc');
    expect(rec?.outcome?.output).toBe('42');
    const ttl = await admin.ttl(taskKey(task.taskId));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await q.getTask('no-such-task')).toBeNull();
  });

  it('dispatches 200 in-flight replies by taskId over a fixed number of connections', async () => {
    const q = queue({ gatewayId: 'gw-count' });
    const runner = new FakeRunner();
    consumer(runner, 8);
    await q.ready();
    const tasks = Array.from({ length: 200 }, (_, i) => makeTask(`sleep:${(i * 7) % 50}:${i}`));
    const results = Promise.all(tasks.map((t) => q.submit(t)));
    await until(() => runner.started.length >= 8, 10_000, 'tasks to start');
    expect(q.pendingCount).toBeGreaterThan(100);
    const clients = (await admin.client('LIST')) as string;
    const gwConns = clients.split('\n').filter((l) => l.includes('name=circle-ws:gw:gw-count:'));
    expect(gwConns).toHaveLength(2);
    const outs = await results;
    outs.forEach((o, i) => expect(o).toMatchObject({ taskId: tasks[i].taskId, output: String(i) }));
    expect(q.pendingCount).toBe(0);
  });

  it('a task cancelled before a worker takes it is skipped', async () => {
    const q = queue();
    await q.ready();
    const task = makeTask('value:1');
    const pending = q.submit(task);
    pending.catch(() => {});
    await until(async () => (await admin.llen(queueKey('default'))) === 1, 5000, 'task queued');
    await q.cancel(task.taskId);
    const runner = new FakeRunner();
    consumer(runner);
    await until(async () => (await q.getTask(task.taskId))?.status === 'error', 5000, 'task skipped');
    const rec = await q.getTask(task.taskId);
    expect(rec?.outcome?.error?.kind).toBe('cancelled');
    expect(runner.started).toEqual([]);
  });

  it('a running task is aborted on cancel', async () => {
    const q = queue();
    const runner = new FakeRunner();
    consumer(runner);
    await q.ready();
    const task = makeTask('hang');
    q.submit(task).catch(() => {});
    await until(() => runner.started.includes(task.taskId), 5000, 'task to start');
    await q.cancel(task.taskId);
    await until(() => runner.cancelled.includes(task.taskId), 5000, 'runner.cancel');
    await until(async () => (await q.getTask(task.taskId))?.status === 'error', 5000, 'record updated');
    expect((await q.getTask(task.taskId))?.outcome?.error?.kind).toBe('cancelled');
  });

  it('a task whose deadline passed before it started gets a timeout reply', async () => {
    const q = queue();
    await q.ready();
    const task = makeTask('value:1', { deadlineAt: Date.now() - 1 });
    const pending = q.submit(task);
    const runner = new FakeRunner();
    consumer(runner);
    const out = await pending;
    expect(out.error?.kind).toBe('timeout');
    expect(runner.started).toEqual([]);
  });

  it('rejects a malformed reply for a pending task with TaskDataError', async () => {
    const q = queue({ gatewayId: 'gw-bad' });
    await q.ready();
    const task = makeTask('value:1');
    const rejected = expect(q.submit(task)).rejects.toBeInstanceOf(TaskDataError);
    await admin.lpush(q.replyQueue, JSON.stringify({ taskId: task.taskId, status: 'weird' }));
    await rejected;
  });

  it('the reaper re-queues a dead worker task once; another worker finishes it', async () => {
    const q = queue();
    await q.ready();
    const dyingRunner = new FakeRunner();
    const dying = consumer(dyingRunner, 1, 'dying-worker');
    const task = makeTask('sleep:100000:late');
    const pending = q.submit(task);
    await until(() => dyingRunner.started.includes(task.taskId), 5000, 'dying worker to start');
    dying.crash();
    expect(await admin.lrange(processingKey('dying-worker', 'default'), 0, -1)).toEqual([task.taskId]);
    await admin.del(leaseKey('dying-worker')); // as if the lease had expired
    // The survivor runs scripts fast: a re-queued `sleep:100000:late` must finish, so it cuts sleeps.
    const fast = new FakeRunner();
    fast.run = (job) => FakeRunner.prototype.run.call(fast, { ...job, script: 'value:recovered' });
    const survivor = consumer(fast, 1, 'survivor');
    await survivor.reapNow();
    const out = await pending;
    expect(out).toMatchObject({ status: 'completed', output: 'recovered', worker: 'survivor' });
    expect(await admin.hget(taskKey(task.taskId), 'attempts')).toBe('1');
    expect(await admin.hexists(WORKERS_KEY, 'dying-worker')).toBe(0);
    dyingRunner.cancel(task.taskId); // end the crashed worker's simulated script
  });

  it('fails a dead worker task that was already re-queued once', async () => {
    const q = queue();
    await q.ready();
    const task = makeTask('hang');
    const pending = q.submit(task);
    // Simulate: a worker took it after one re-queue and died.
    await until(async () => (await admin.llen(queueKey('default'))) === 1, 5000, 'queued');
    await admin.hset(taskKey(task.taskId), 'attempts', '1');
    await admin.lmove(queueKey('default'), processingKey('ghost', 'default'), 'RIGHT', 'LEFT');
    await admin.hset(WORKERS_KEY, 'ghost', JSON.stringify({ circles: ['default'], host: 'h', pid: 1, startedAt: '' }));
    const survivor = consumer(new FakeRunner(), 1, 'survivor2');
    await survivor.reapNow();
    const out = await pending;
    expect(out.status).toBe('error');
    expect(out.error).toMatchObject({ kind: 'internal' });
    expect(out.error?.message).toContain('ghost');
  });

  it('Redis down: submit rejects with QueueUnavailableError; after restart it works again', async () => {
    const q = queue();
    consumer(new FakeRunner());
    await q.ready();
    expect((await q.submit(makeTask('value:before'))).output).toBe('before');
    await server.stop();
    await until(() => !q.isHealthy(), 5000, 'unhealthy');
    // Rejected, not queued offline until Redis is back (the test would hang otherwise).
    await expect(q.submit(makeTask('value:x'))).rejects.toBeInstanceOf(QueueUnavailableError);
    await server.restart();
    await admin.ping().catch(() => {}); // admin reconnects by itself
    await until(() => q.isHealthy(), 10_000, 'healthy again');
    // The blocking reader and the consumer reconnect by themselves.
    let out;
    await until(async () => {
      out = await q.submit(makeTask('value:after')).catch(() => undefined);
      return out !== undefined;
    }, 10_000, 'submit after restart');
    expect(out).toMatchObject({ output: 'after' });
  });
});

describe('RedisTaskQueue + RedisTaskConsumer on a real ScriptPool', () => {
  const limits = { maxOperations: 0, maxCallLevels: 64, maxExprDepth: 64, maxFunctionExprDepth: 32, maxStringSize: 0, maxArraySize: 0, maxMapSize: 0, maxVariables: 0 };

  function realWorker(): { pool: ScriptPool; consumer: RedisTaskConsumer } {
    const pool = new ScriptPool({ threads: 2, limits, log: () => {} });
    const consumer = new RedisTaskConsumer(pool, { url: server.url, circles: ['default'], concurrency: 2, prefetch: 4, resultTtlS: 60, leaseMs: 1000 });
    cleanups.push(async () => {
      await consumer.stop(1000);
      await pool.close();
    });
    consumer.start();
    return { pool, consumer };
  }

  it('runs Rhai scripts: values, prints and script errors', async () => {
    const q = queue();
    realWorker();
    await q.ready();
    const ok = await q.submit(makeTask('print("hi"); 40 + 2'));
    expect(ok).toMatchObject({ status: 'completed', output: '42', prints: ['hi'] });
    const bad = await q.submit(makeTask('let x = ;'));
    expect(bad.status).toBe('error');
    expect(bad.error?.kind).toBe('compile');
    const thrown = await q.submit(makeTask('throw "boom"'));
    expect(thrown.error?.kind).toBe('runtime');
  });

  it('aborts a running infinite loop on cancel and keeps serving', async () => {
    const q = queue();
    realWorker();
    await q.ready();
    const task = makeTask('loop {}');
    q.submit(task).catch(() => {});
    await until(async () => (await q.getTask(task.taskId))?.status === 'processing', 5000, 'loop to start');
    await q.cancel(task.taskId);
    await until(async () => (await q.getTask(task.taskId))?.status === 'error', 5000, 'loop aborted');
    expect((await q.getTask(task.taskId))?.outcome?.error?.kind).toBe('cancelled');
    const next = await q.submit(makeTask('1 + 1'));
    expect(next.output).toBe('2');
  });

  it('answers many concurrent scripts correctly', async () => {
    const q = queue();
    realWorker();
    await q.ready();
    const outs = await Promise.all(Array.from({ length: 300 }, (_, i) => q.submit(makeTask(`${i} * 2`))));
    outs.forEach((o, i) => expect(o.output).toBe(String(i * 2)));
  });
});

describe('RedisTaskQueue after a Redis restart', () => {
  it('fails pending tasks whose records were lost with QueueUnavailableError', async () => {
    const q = queue();
    await q.ready();
    const lost = expect(q.submit(makeTask('value:never'))).rejects.toBeInstanceOf(QueueUnavailableError);
    await until(async () => (await admin.llen(queueKey('default'))) === 1, 5000, 'queued');
    await server.restart(); // empty data set: no worker will ever answer
    await lost;
    expect(q.pendingCount).toBe(0);
  });
});

describe('RedisTaskConsumer self-healing', () => {
  it('re-queues an id stranded in its own processing list after two sweeps', async () => {
    const q = queue();
    await q.ready();
    const task = makeTask('value:healed');
    const pending = q.submit(task);
    await until(async () => (await admin.llen(queueKey('default'))) === 1, 5000, 'queued');
    // Strand the id in the processing list of a worker that does not know about it.
    await admin.lmove(queueKey('default'), processingKey('sweeper', 'default'), 'RIGHT', 'LEFT');
    const runner = new FakeRunner();
    const c = consumer(runner, 1, 'sweeper');
    await c.whenStarted();
    await c.sweepOrphans();
    expect(await admin.lrange(processingKey('sweeper', 'default'), 0, -1)).toEqual([task.taskId]); // seen once: kept
    await c.sweepOrphans();
    expect((await pending).output).toBe('healed');
  });
});
