/**
 * A small JSON-RPC 2.0 WebSocket client for tests: request() matches replies
 * by id (replies may arrive out of order); raw frames, batches and
 * notifications are available too.
 */
import WebSocket from 'ws';

export type RpcId = string | number | null;

export interface RpcReply {
  jsonrpc: '2.0';
  id: RpcId;
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { code: number; message: string; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class RpcClient {
  private readonly waiters = new Map<string, Array<(r: RpcReply) => void>>();
  /** Frames that matched no waiter (batches, id-null errors, unexpected replies), in arrival order. */
  readonly unmatched: unknown[] = [];
  private frameWaiters: Array<(f: unknown) => void> = [];
  private autoId = 1;
  closeCode?: number;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.onMessage(String(data)));
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    ws.on('error', () => undefined);
  }

  static connect(url: string, timeoutMs = 5000): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
      const onError = (e: Error) => reject(e);
      ws.once('error', onError);
      ws.once('open', () => {
        ws.off('error', onError);
        resolve(new RpcClient(ws));
      });
    });
  }

  private onMessage(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      msg = text;
    }
    if (msg && typeof msg === 'object' && !Array.isArray(msg) && 'id' in msg) {
      const key = JSON.stringify((msg as RpcReply).id);
      const list = this.waiters.get(key);
      if (list?.length) {
        const w = list.shift()!;
        if (list.length === 0) this.waiters.delete(key);
        w(msg as RpcReply);
        return;
      }
    }
    const fw = this.frameWaiters.shift();
    if (fw) fw(msg);
    else this.unmatched.push(msg);
  }

  /** Send a request and wait for the reply with the same id. */
  request(method: string, params?: unknown, id: RpcId = this.autoId++, timeoutMs = 20_000): Promise<RpcReply> {
    const p = this.waitFor(id, timeoutMs);
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return p;
  }

  /** Wait for the reply carrying `id` (register before sending raw frames). */
  waitFor(id: RpcId, timeoutMs = 20_000): Promise<RpcReply> {
    const key = JSON.stringify(id);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no reply for id ${key} within ${timeoutMs} ms`)), timeoutMs);
      t.unref();
      const list = this.waiters.get(key) ?? [];
      list.push((r) => {
        clearTimeout(t);
        resolve(r);
      });
      this.waiters.set(key, list);
    });
  }

  /** Next frame that no request() is waiting for (e.g. a batch reply or an id-null error). */
  nextFrame(timeoutMs = 5000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.unmatched.length) return Promise.resolve(this.unmatched.shift());
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      this.frameWaiters.push((f) => {
        clearTimeout(t);
        resolve(f);
      });
    });
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Run a script with `play`; resolves with the reply (result or error). */
  play(script: string, extra: Record<string, unknown> = {}, id?: RpcId): Promise<RpcReply> {
    return this.request('play', { script, ...extra }, id === undefined ? this.autoId++ : id);
  }

  close(): Promise<number> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    return this.closed;
  }
}
