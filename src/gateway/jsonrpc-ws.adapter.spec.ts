import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JsonRpcWsAdapter, type Conn, type Handler } from './jsonrpc-ws.adapter.js';
import { RpcCall } from '../common/rpc-call.js';
import { TaskNotFoundError } from '../rhai/rhai-client.errors.js';

/** A fake socket collecting what the adapter sends. */
function fakeConn(): Conn & { sent: unknown[] } {
  const sent: unknown[] = [];
  const onClose: Array<() => void> = [];
  const ws = {
    readyState: 1,
    closeCode: 0,
    send: (s: string) => sent.push(JSON.parse(s)),
    on() {},
    once: (ev: string, f: () => void) => ev === 'close' && onClose.push(f),
    close(code: number) {
      ws.closeCode = code;
      ws.readyState = 3;
      onClose.forEach((f) => f());
    },
  };
  return { ws: ws as never, inFlight: 0, pending: new Set(), sent };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const hookedCalls: RpcCall[] = [];

function setup(maxInFlight = 64) {
  const adapter = new JsonRpcWsAdapter({} as never, { maxFrameBytes: 1 << 20, maxInFlightPerConnection: maxInFlight });
  const gates: Array<() => void> = [];
  const handlers = new Map<string, Handler>([
    ['echo', async (d) => ({ params: (d as RpcCall).params })],
    ['fail', async (d) => {
      // What JsonRpcExceptionFilter does with a handler error:
      (d as RpcCall).error = { code: -32005, message: 'Task not found' };
      return undefined;
    }],
    ['throws', async () => {
      throw new TaskNotFoundError('x');
    }],
    ['slow', (d) => new Promise((r) => gates.push(() => r((d as RpcCall).id)))],
    ['hooked', (d) => {
      hookedCalls.push(d as RpcCall);
      return new Promise((r) => gates.push(() => r('done')));
    }],
  ]);
  const conn = fakeConn();
  const frame = (x: unknown, binary = false) => adapter.onFrame(conn, handlers, Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)), binary);
  return { adapter, conn, frame, gates };
}

describe('JsonRpcWsAdapter frame handling', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers invalid JSON with -32700 and id null', () => {
    const { conn, frame } = setup();
    frame('{"jsonrpc": "2.0", "method"');
    expect(conn.sent).toEqual([{ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }]);
  });

  it('answers binary frames with -32600', () => {
    const { conn, frame } = setup();
    frame('{}', true);
    expect(conn.sent[0]).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it.each([
    ['a number', 1],
    ['a string', '"x"'],
    ['a bad jsonrpc version', { jsonrpc: '1.0', id: 1, method: 'echo' }],
    ['a missing method', { jsonrpc: '2.0', id: 1 }],
    ['a non-string method', { jsonrpc: '2.0', id: 1, method: 5 }],
    ['an object id', { jsonrpc: '2.0', id: {}, method: 'echo' }],
    ['a boolean id', { jsonrpc: '2.0', id: true, method: 'echo' }],
    ['scalar params', { jsonrpc: '2.0', id: 1, method: 'echo', params: 3 }],
    ['an empty batch', []],
  ])('answers %s with -32600', (_n, req) => {
    const { conn, frame } = setup();
    frame(typeof req === 'string' ? req : JSON.stringify(req));
    expect(conn.sent).toHaveLength(1);
    expect(conn.sent[0]).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
  });

  it('keeps a valid id on an invalid request', () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '1.0', id: 'abc', method: 'echo' });
    expect(conn.sent[0]).toMatchObject({ id: 'abc', error: { code: -32600 } });
  });

  it('answers an unknown method with -32601', () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id: 3, method: 'nope' });
    expect(conn.sent[0]).toMatchObject({ id: 3, error: { code: -32601, message: 'Method not found' } });
  });

  it('answers positional params with -32602', () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id: 3, method: 'echo', params: ['x'] });
    expect(conn.sent[0]).toMatchObject({ id: 3, error: { code: -32602 } });
  });

  it.each([[1], ['str'], [null], [0], [-2.5]])('echoes id %p exactly', async (id) => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id, method: 'echo', params: { a: 1 } });
    await tick();
    expect(conn.sent).toEqual([{ jsonrpc: '2.0', id, result: { params: { a: 1 } } }]);
  });

  it('passes {} when params are omitted', async () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id: 1, method: 'echo' });
    await tick();
    expect(conn.sent[0]).toMatchObject({ result: { params: {} } });
  });

  it('sends the error the exception filter recorded', async () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id: 9, method: 'fail' });
    await tick();
    expect(conn.sent).toEqual([{ jsonrpc: '2.0', id: 9, error: { code: -32005, message: 'Task not found' } }]);
  });

  it('maps an error that escaped the filter', async () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', id: 9, method: 'throws' });
    await tick();
    expect(conn.sent[0]).toMatchObject({ id: 9, error: { code: -32005 } });
  });

  it('does not answer notifications, even failing or unknown ones', async () => {
    const { conn, frame } = setup();
    frame({ jsonrpc: '2.0', method: 'echo' });
    frame({ jsonrpc: '2.0', method: 'nope' });
    frame({ jsonrpc: '2.0', method: 'fail' });
    await tick();
    expect(conn.sent).toEqual([]);
  });

  it('answers a batch with an array, omitting notifications', async () => {
    const { conn, frame } = setup();
    frame([
      { jsonrpc: '2.0', id: 1, method: 'echo', params: { n: 1 } },
      { jsonrpc: '2.0', method: 'echo' },
      { jsonrpc: '2.0', id: 2, method: 'nope' },
      5,
    ]);
    await tick();
    expect(conn.sent).toHaveLength(1);
    const out = conn.sent[0] as Array<Record<string, unknown>>;
    expect(out).toHaveLength(3);
    expect(out).toEqual(
      expect.arrayContaining([
        { jsonrpc: '2.0', id: 1, result: { params: { n: 1 } } },
        expect.objectContaining({ id: 2, error: expect.objectContaining({ code: -32601 }) }),
        expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32600 }) }),
      ]),
    );
  });

  it('sends nothing for a batch of notifications', async () => {
    const { conn, frame } = setup();
    frame([{ jsonrpc: '2.0', method: 'echo' }, { jsonrpc: '2.0', method: 'echo' }]);
    await tick();
    expect(conn.sent).toEqual([]);
  });

  it('rejects requests beyond the in-flight limit with -32006 and recovers', async () => {
    const { conn, frame, gates } = setup(2);
    frame({ jsonrpc: '2.0', id: 1, method: 'slow' });
    frame({ jsonrpc: '2.0', id: 2, method: 'slow' });
    frame({ jsonrpc: '2.0', id: 3, method: 'slow' });
    expect(conn.sent).toEqual([expect.objectContaining({ id: 3, error: expect.objectContaining({ code: -32006 }) })]);
    gates.splice(0).forEach((g) => g());
    await tick();
    expect(conn.inFlight).toBe(0);
    frame({ jsonrpc: '2.0', id: 4, method: 'echo' });
    await tick();
    expect(conn.sent.map((m) => (m as { id: unknown }).id).sort()).toEqual([1, 2, 3, 4]);
  });

  it('rpc.cancel fires the cancel hook of a request in flight on the connection', async () => {
    const { conn, frame, gates } = setup();
    let fired = 0;
    frame({ jsonrpc: '2.0', id: 'long', method: 'hooked' });
    frame({ jsonrpc: '2.0', id: 'c1', method: 'rpc.cancel', params: { id: 'nope' } });
    frame({ jsonrpc: '2.0', id: 'c2', method: 'rpc.cancel', params: {} });
    expect(conn.sent).toEqual([
      { jsonrpc: '2.0', id: 'c1', result: { cancelled: false } },
      expect.objectContaining({ id: 'c2', error: expect.objectContaining({ code: -32602 }) }),
    ]);
    hookedCalls[0].onCancel(() => fired++);
    frame({ jsonrpc: '2.0', id: 'c3', method: 'rpc.cancel', params: { id: 'long' } });
    expect(fired).toBe(1);
    expect(conn.sent[2]).toEqual({ jsonrpc: '2.0', id: 'c3', result: { cancelled: true } });
    gates.splice(0).forEach((g) => g());
  });

  it('answers pending requests when draining gives up', async () => {
    const { adapter, conn, frame } = setup();
    (adapter as unknown as { conns: Set<Conn> }).conns.add(conn);
    frame({ jsonrpc: '2.0', id: 'p', method: 'slow' });
    const drained = adapter.drain(10);
    frame({ jsonrpc: '2.0', id: 'late', method: 'echo' });
    await drained;
    expect(conn.sent).toEqual([
      expect.objectContaining({ id: 'late', error: { code: -32006, message: 'Server is shutting down' } }),
      expect.objectContaining({ id: 'p', error: expect.objectContaining({ code: -32003 }) }),
    ]);
    expect((conn.ws as unknown as { closeCode: number }).closeCode).toBe(1001);
  });
});
