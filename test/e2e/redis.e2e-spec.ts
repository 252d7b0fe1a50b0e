/**
 * Redis mode end to end: a real redis-server, the built gateway (`node
 * dist/main.js` with REDIS_URL) and worker processes (`node
 * dist/worker-main.js`), driven over real WebSockets.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { RpcClient } from '../support/ws-client.js';
import { runToExit, spawnGateway, spawnWorker, type AppProcess, type GatewayProcess } from '../support/app-process.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { until } from '../support/redis-fakes.js';

jest.setTimeout(60_000);

/** A script that keeps a thread busy for about `s` seconds, then yields `value`. */
const busy = (s: number, value: number): string => `let t = timestamp(); while t.elapsed < ${s} {} ${value}`;

describe('Redis mode: gateway + worker processes', () => {
  let redis: RedisServerHandle;
  let admin: Redis;
  let gw: GatewayProcess;
  const workers: AppProcess[] = [];
  const clients: RpcClient[] = [];

  const workerEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    REDIS_URL: redis.url,
    WORKER_THREADS: '1',
    WORKER_LEASE_MS: '1000',
    SHUTDOWN_GRACE_MS: '3000',
    ...extra,
  });
  const startWorker = async (extra: Record<string, string> = {}): Promise<AppProcess> => {
    const w = await spawnWorker(workerEnv(extra));
    workers.push(w);
    return w;
  };
  const connect = async (url = gw.url): Promise<RpcClient> => {
    const c = await RpcClient.connect(url);
    clients.push(c);
    return c;
  };
  /** Task records currently in Redis (hash fields), by task id. */
  const records = async (): Promise<Map<string, Record<string, string>>> => {
    const keys = await admin.keys('rhai_task_details:*');
    const out = new Map<string, Record<string, string>>();
    for (const k of keys) out.set(k.slice('rhai_task_details:'.length), await admin.hgetall(k));
    return out;
  };

  /** The id of a task some worker is running now (waits for one). */
  const processingTask = async (): Promise<string> => {
    let taskId = '';
    await until(async () => {
      for (const k of await admin.keys('rhai_processing:*')) {
        for (const id of await admin.lrange(k, 0, -1)) {
          if ((await admin.hget(`rhai_task_details:${id}`, 'status')) === 'processing') taskId = id;
        }
      }
      return taskId !== '';
    }, 10_000, 'a task to be running');
    return taskId;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    admin.on('error', () => {});
    gw = await spawnGateway({ REDIS_URL: redis.url, TASK_TIMEOUT_MS: '20000' });
    await startWorker();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gw?.stop();
    await Promise.all(workers.map((w) => w.stop(5000)));
    admin?.disconnect();
    await redis?.stop();
  });

  it('the worker refuses to start without REDIS_URL (exit 1, clear message)', async () => {
    const { code, output } = await runToExit('worker-main.js', {});
    expect(code).toBe(1);
    expect(output).toContain('REDIS_URL is required');
  });

  it('plays `40 + 2` → "42" through Redis and a worker', async () => {
    const c = await connect();
    const r = await c.play('40 + 2');
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({ output: '42', value: 42 });
    const rec = await admin.hgetall(`rhai_task_details:${r.result.taskId}`);
    expect(rec).toMatchObject({ status: 'completed', output: '42', script: '40 + 2' });
    expect(await admin.ttl(`rhai_task_details:${r.result.taskId}`)).toBeGreaterThan(0);
  });

  it('a script error answers -32000 with the engine message', async () => {
    const c = await connect();
    const r = await c.play('let x = 1 +;');
    expect(r.error?.code).toBe(-32000);
    expect(r.error?.data).toMatchObject({ kind: 'compile' });
    const rt = await c.play('throw "boom"');
    expect(rt.error?.code).toBe(-32000);
    expect(JSON.stringify(rt.error?.data)).toContain('boom');
  });

  it('`loop {}` times out with -32002 and the worker is free again right after', async () => {
    const short = await spawnGateway({ REDIS_URL: redis.url, TASK_TIMEOUT_MS: '1500' });
    try {
      const c = await connect(short.url);
      const r = await c.play('loop {}');
      expect(r.error?.code).toBe(-32002);
      // One worker with one thread: this only succeeds (within the same 1.5 s timeout)
      // if the looping script was stopped.
      const next = await c.play('40 + 2');
      expect(next.error).toBeUndefined();
      expect(next.result.output).toBe('42');
      const rec = await admin.hgetall(`rhai_task_details:${r.error?.data?.taskId}`);
      expect(rec.status).toBe('error');
    } finally {
      await short.stop();
    }
  });

  it('100 clients × 20 concurrent plays are all answered correctly', async () => {
    const cs = await Promise.all(Array.from({ length: 100 }, () => connect()));
    const replies = await Promise.all(
      cs.flatMap((c, i) => Array.from({ length: 20 }, (_, j) => c.play(`${i} * 100 + ${j}`).then((r) => ({ r, want: String(i * 100 + j) })))),
    );
    for (const { r, want } of replies) {
      expect(r.error).toBeUndefined();
      expect(r.result.output).toBe(want);
    }
    await Promise.all(cs.map((c) => c.close()));
  });

  it('two workers share the load', async () => {
    // WORKER_PREFETCH=1: each worker holds one task per thread, so one cannot take them all.
    await Promise.all(workers.splice(0).map((w) => w.stop(5000)));
    await Promise.all([startWorker({ WORKER_PREFETCH: '1' }), startWorker({ WORKER_PREFETCH: '1' })]);
    await until(async () => (await admin.hlen('rhai_workers')) >= 2, 10_000, 'two registered workers');
    const c = await connect();
    const before = new Set((await records()).keys());
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => c.play(busy(0.1, i))));
    replies.forEach((r, i) => expect(r.result?.output).toBe(String(i)));
    const ran = [...(await records()).entries()].filter(([id]) => !before.has(id)).map(([, h]) => h.worker);
    expect(new Set(ran).size).toBeGreaterThanOrEqual(2);
  });

  it('SIGTERM: a worker finishes its running task, exits 0; the rest waits for the next worker', async () => {
    const w = workers.at(-1)!;
    await Promise.all(workers.filter((x) => x !== w).map((x) => x.stop(5000)));
    workers.splice(0, workers.length, w);
    const c = await connect();
    const plays = Array.from({ length: 3 }, (_, i) => c.play(busy(0.5, i)));
    const running = await processingTask();
    expect(await w.stop(10_000)).toBe(0);
    workers.splice(0);
    const wId = /Worker (\S+) ready/.exec(w.output())?.[1];
    expect(wId).toBeDefined();
    expect(await admin.hgetall(`rhai_task_details:${running}`)).toMatchObject({ status: 'completed', worker: wId });
    await startWorker();
    const replies = await Promise.all(plays);
    replies.forEach((r, i) => expect(r.result?.output).toBe(String(i)));
  });

  it('a worker killed with SIGKILL mid-task: another worker recovers the task', async () => {
    // A gateway with a long timeout, so the re-queued task can still finish in time.
    const gw2 = await spawnGateway({ REDIS_URL: redis.url, TASK_TIMEOUT_MS: '20000' });
    try {
      // Only the victim consumes: stop the other workers first.
      await Promise.all(workers.splice(0).map((w) => w.stop(5000)));
      const victim = await startWorker();
      const c = await connect(gw2.url);
      const play = c.play(busy(2.0, 7));
      const taskId = await processingTask();
      victim.child.kill('SIGKILL');
      await victim.exited;
      workers.splice(workers.indexOf(victim), 1);
      await startWorker(); // its reaper finds the dead worker once the lease expires
      const r = await play;
      expect(r.error).toBeUndefined();
      expect(r.result.output).toBe('7');
      expect(await admin.hget(`rhai_task_details:${taskId}`, 'attempts')).toBe('1');
    } finally {
      await gw2.stop();
    }
  });

  it('EMBEDDED_WORKERS=true with REDIS_URL: the gateway runs a worker itself', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop(5000)));
    const solo = await spawnGateway({ REDIS_URL: redis.url, EMBEDDED_WORKERS: 'true', WORKER_THREADS: '1', TASK_TIMEOUT_MS: '20000' });
    try {
      const c = await connect(solo.url);
      const r = await c.play('6 * 7');
      expect(r.result?.output).toBe('42');
      expect(await admin.hget(`rhai_task_details:${r.result.taskId}`, 'status')).toBe('completed');
    } finally {
      await solo.stop();
    }
    await startWorker();
  });

  it('Redis stopped → play answers -32003; Redis restarted → play works again', async () => {
    const c = await connect();
    expect((await c.play('1 + 1')).result?.output).toBe('2');
    await redis.stop();
    // TASK_TIMEOUT_MS is 1.5 s: a -32003 (not -32002) shows the gateway did not wait for Redis.
    const down = await c.play('1 + 2');
    expect(down.error?.code).toBe(-32003);
    await redis.restart();
    let r;
    await until(async () => {
      r = await c.play('1 + 3');
      return r.result?.output === '4';
    }, 20_000, 'play to work after the restart');
    expect(r).toMatchObject({ result: { output: '4' } });
  });
});
