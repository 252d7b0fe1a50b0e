/**
 * The gateway in embedded mode, as a user meets it: `node dist/main.js`
 * spawned with an environment, driven over a real WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { RpcClient } from '../support/ws-client.js';
import { runToExit, spawnGateway, type GatewayProcess } from '../support/app-process.js';

describe('gateway, embedded mode', () => {
  let gw: GatewayProcess;
  let c: RpcClient;

  beforeAll(async () => {
    gw = await spawnGateway({
      WORKER_THREADS: '2',
      TASK_TIMEOUT_MS: '20000', // generous: CI machines are slow; short-deadline tests use the second gateway
      WORKER_MAX_OLD_GEN_MB: '64',
      MAX_SCRIPT_BYTES: '1000',
    });
    c = await RpcClient.connect(gw.url);
  });
  afterAll(async () => {
    await c?.close();
    await gw?.stop();
  });

  it('plays `40 + 2` on /ws', async () => {
    const r = await c.play('40 + 2');
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({ output: '42', value: 42, valueType: 'i64', prints: [] });
    expect(r.result.taskId).toEqual(expect.any(String));
  });

  it('accepts /ws/ too', async () => {
    const c2 = await RpcClient.connect(`${gw.url}/`);
    expect((await c2.play('40 + 2')).result.output).toBe('42');
    await c2.close();
  });

  it('refuses WebSocket upgrades on other paths with 404', async () => {
    await expect(RpcClient.connect(`ws://127.0.0.1:${gw.port}/other`, 3000)).rejects.toThrow(/404/);
    expect((await c.request('ping')).result).toBe('pong');
  });

  it('returns print() lines and unit as ""', async () => {
    const r = await c.play('print("hi"); print(1 + 1);');
    expect(r.result).toMatchObject({ output: '', prints: ['hi', '2'], valueType: '()' });
  });

  it('echoes string, number and null ids exactly', async () => {
    expect((await c.request('ping', undefined, 'abc')).id).toBe('abc');
    expect((await c.request('ping', undefined, 17)).id).toBe(17);
    const r = await c.request('ping', undefined, null);
    expect(r).toEqual({ jsonrpc: '2.0', id: null, result: 'pong' });
  });

  it('-32700 for invalid JSON (id null)', async () => {
    c.sendRaw('{"jsonrpc":"2.0",');
    expect(await c.nextFrame()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  });

  it('-32600 for a bad jsonrpc version, an empty batch and a binary frame', async () => {
    c.send({ jsonrpc: '1.0', id: 'v', method: 'ping' });
    expect((await c.waitFor('v')).error?.code).toBe(-32600);
    c.sendRaw('[]');
    expect(await c.nextFrame()).toMatchObject({ id: null, error: { code: -32600 } });
    c.sendRaw(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}'), true);
    expect(await c.nextFrame()).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it('-32601 for an unknown method', async () => {
    const r = await c.request('no.such.method', {});
    expect(r.error).toMatchObject({ code: -32601, message: 'Method not found' });
  });

  it('-32602 with class-validator messages for bad params', async () => {
    const r = await c.request('play', { script: 42 });
    expect(r.error?.code).toBe(-32602);
    expect(r.error?.data).toEqual(expect.arrayContaining(['script must be a string']));
    const big = await c.play('1 + 1;'.repeat(200));
    expect(big.error?.code).toBe(-32602);
    expect(big.error?.data).toEqual(['script must be at most 1000 bytes (UTF-8)']);
  });

  it('-32000 for a syntax error, with line and column', async () => {
    const r = await c.play('let x = 1;\nlet y = ;');
    expect(r.error?.code).toBe(-32000);
    expect(r.error?.data).toMatchObject({ kind: 'compile', line: 2, column: expect.any(Number) });
    expect(r.error?.data.message).toEqual(expect.any(String));
  });

  it('-32000 for a runtime error', async () => {
    const r = await c.play('let a = 1;\nthrow "boom";');
    expect(r.error?.code).toBe(-32000);
    expect(r.error?.data).toMatchObject({ kind: 'runtime', errorType: 'ErrorRuntime', line: 2 });
  });

  it('-32005 for task.status with an unknown id; a known id reports its result', async () => {
    expect((await c.request('task.status', { taskId: 'no-such-task' })).error?.code).toBe(-32005);
    const played = await c.play('6 * 7');
    const st = await c.request('task.status', { taskId: played.result.taskId });
    expect(st.result).toMatchObject({ taskId: played.result.taskId, status: 'completed', output: '42' });
  });

  it('answers a batch with an array and ignores notifications', async () => {
    c.send([
      { jsonrpc: '2.0', id: 'b1', method: 'play', params: { script: '1 + 1' } },
      { jsonrpc: '2.0', method: 'ping' },
      { jsonrpc: '2.0', id: 'b2', method: 'nope' },
      { jsonrpc: '2.0', id: 'b3', method: 'ping' },
    ]);
    const batch = (await c.nextFrame()) as Array<{ id: string; result?: unknown; error?: { code: number } }>;
    expect(Array.isArray(batch)).toBe(true);
    const byId = Object.fromEntries(batch.map((x) => [x.id, x]));
    expect(Object.keys(byId).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(byId.b1.result).toMatchObject({ output: '2' });
    expect(byId.b2.error?.code).toBe(-32601);
    expect(byId.b3.result).toBe('pong');
  });

  it('sends nothing for notifications', async () => {
    c.notify('ping');
    c.notify('play', { script: '1' });
    c.send([{ jsonrpc: '2.0', method: 'ping' }]);
    // A request sent afterwards is answered first: nothing else arrives in between.
    expect((await c.request('ping', undefined, 'marker')).result).toBe('pong');
    await new Promise((r) => setTimeout(r, 100));
    expect(c.unmatched).toEqual([]);
  });

  it('answers GET /health with 200 and unknown HTTP paths with 404', async () => {
    const health = await fetch(`http://127.0.0.1:${gw.port}/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'embedded' });
    const nope = await fetch(`http://127.0.0.1:${gw.port}/nope`, { signal: AbortSignal.timeout(5000) });
    expect(nope.status).toBe(404);
  });

  it('rpc.cancel stops a play in flight on the same connection', async () => {
    const long = c.play('loop {}', {}, 'to-cancel');
    expect((await c.request('ping')).result).toBe('pong');
    const r = await c.request('rpc.cancel', { id: 'to-cancel' });
    expect(r.result).toEqual({ cancelled: true });
    const cancelled = await long;
    expect(cancelled.error?.code).toBe(-32000);
    expect(cancelled.error?.data.kind).toBe('cancelled');
    expect((await c.request('rpc.cancel', { id: 'to-cancel' })).result).toEqual({ cancelled: false });
  });

  it('lists its methods with rpc.discover', async () => {
    const r = await c.request('rpc.discover');
    expect(r.result.methods.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['play', 'task.status', 'ping']));
  });

  it('answers hostile scripts with errors and keeps serving', async () => {
    const deep = await c.play('fn f(n) { f(n + 1) } f(0)');
    expect(deep.error?.code).toBe(-32000);
    expect(deep.error?.data.kind).toBe('limit');
    const bomb = await c.play('let a = [1, 2, 3, 4, 5, 6, 7, 8]; let b = []; loop { b.push(a); b.push("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + b.len()); }', { timeoutMs: 1500 });
    expect([-32000, -32002]).toContain(bomb.error?.code);
    const str = await c.play('let s = "x"; loop { s += s; }');
    expect([-32000, -32002]).toContain(str.error?.code);
    expect((await c.play('40 + 2')).result.output).toBe('42');
  });

  it('answers 100 clients × 20 concurrent plays correctly', async () => {
    const clients = await Promise.all(Array.from({ length: 100 }, () => RpcClient.connect(gw.url)));
    try {
      const replies = await Promise.all(
        clients.flatMap((cl, i) => Array.from({ length: 20 }, (_, j) => cl.play(`${i} * 100 + ${j}`).then((r) => [r, i * 100 + j] as const))),
      );
      const wrong = replies.filter(([r, want]) => r.result?.output !== String(want));
      expect(wrong).toEqual([]);
      expect(replies).toHaveLength(2000);
    } finally {
      await Promise.all(clients.map((cl) => cl.close()));
    }
  }, 60_000);
});

describe('gateway limits and shutdown', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await spawnGateway({ WORKER_THREADS: '1', MAX_IN_FLIGHT_PER_CONNECTION: '2', SHUTDOWN_GRACE_MS: '300', TASK_TIMEOUT_MS: '1500' });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('-32002 for `loop {}` past TASK_TIMEOUT_MS; the next play succeeds within 1 s', async () => {
    const c = await RpcClient.connect(gw.url);
    const r = await c.play('loop {}');
    expect(r.error?.code).toBe(-32002);
    expect(r.error?.data).toMatchObject({ timeoutMs: 1500, taskId: expect.any(String) });
    const next = await c.request('play', { script: '40 + 2' }, 'after-timeout', 1000);
    expect(next.result?.output).toBe('42');
    await c.close();
  });

  it('-32006 beyond MAX_IN_FLIGHT_PER_CONNECTION', async () => {
    const c = await RpcClient.connect(gw.url);
    const slow = [c.play('loop {}', { timeoutMs: 300 }, 's1'), c.play('loop {}', { timeoutMs: 300 }, 's2')];
    const third = await c.play('40 + 2', {}, 's3');
    expect(third.error?.code).toBe(-32006);
    expect((await Promise.all(slow)).map((r) => r.error?.code)).toEqual([-32002, -32002]);
    expect((await c.play('40 + 2')).result.output).toBe('42');
    await c.close();
  });

  it('cancels the task of a client that disconnects mid-script', async () => {
    // One worker thread: the next play can only run once the abandoned loop stops.
    const quitter = await RpcClient.connect(gw.url);
    void quitter.request('play', { script: 'loop {}' }, 'abandoned', 60_000).catch(() => undefined); // never answered: the socket closes
    await quitter.request('ping');
    await quitter.close();
    const c = await RpcClient.connect(gw.url);
    // Without the cancellation the loop would hold the only thread until TASK_TIMEOUT_MS (1500).
    const r = await c.request('play', { script: '40 + 2' }, 'after-quit', 1000);
    expect(r.result?.output).toBe('42');
    await c.close();
  });

  it('closes the socket after MAX_FRAME_BYTES is exceeded (1009)', async () => {
    const c = await RpcClient.connect(gw.url);
    c.sendRaw('"' + 'x'.repeat(1_100_000) + '"');
    expect(await c.closed).toBe(1009);
  });

  it('on SIGTERM answers what is in flight, closes sockets with 1001 and exits 0', async () => {
    const c = await RpcClient.connect(gw.url);
    const pending = c.play('loop {}', {}, 'in-flight');
    expect((await c.request('ping')).result).toBe('pong'); // the play has been dispatched
    gw.child.kill('SIGTERM');
    const r = await pending;
    expect(r.error?.code).toBe(-32003);
    expect(await c.closed).toBe(1001);
    expect(await gw.exited).toBe(0);
    // New connections are refused once it is gone.
    await expect(RpcClient.connect(gw.url, 1000)).rejects.toBeDefined();
  });
});

describe('configuration errors', () => {
  it('exits 1 naming the bad variable', async () => {
    const { code, output } = await runToExit('main.js', { PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(output).toContain('PORT');
  });
});

// Keep the `ws` import used for typing clarity in helpers.
void WebSocket;
