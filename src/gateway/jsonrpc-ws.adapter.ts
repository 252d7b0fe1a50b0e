/**
 * WsAdapter speaking JSON-RPC 2.0: it parses every frame itself and answers
 * protocol errors (-32700, -32600, -32601, limits) without reaching Nest; a
 * valid request goes to the gateway handler of its method as an RpcCall, and
 * the handler's result (or the error the exception filter recorded) is sent
 * with the request's id. Every request gets exactly one answer unless it is a
 * notification or its socket closes.
 */
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { WsAdapter } from '@nestjs/platform-ws';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';
import {
  JsonRpcErrorCode,
  rpcError,
  rpcResult,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcResponse,
} from '../common/jsonrpc.js';
import { RpcCall } from '../common/rpc-call.js';
import { toJsonRpcError } from '../common/to-jsonrpc-error.js';

export interface JsonRpcWsAdapterOptions {
  maxFrameBytes: number;
  maxInFlightPerConnection: number;
}

export type Handler = (data: unknown) => unknown;
type Reply = JsonRpcResponse | undefined;

export interface Conn {
  ws: WebSocket;
  /** The socket is corked until the next setImmediate (see send). */
  corked?: boolean;
  inFlight: number;
  /** Requests awaiting an answer (for the shutdown drain). */
  pending: Set<Pending>;
}

export interface Pending {
  id: JsonRpcId;
  call: RpcCall;
  notification: boolean;
  settled: boolean;
  /** Answer this request now with `error` (used when the drain gives up). */
  abort(error: JsonRpcErrorObject): void;
}

const OPEN = 1;
const err = (code: number, message: string, data?: unknown): JsonRpcErrorObject =>
  data === undefined ? { code, message } : { code, message, data };

/** Answer an upgrade request with an HTTP error. Node removed its own error listener from an upgrading socket: add one, or a reset would crash the process. */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function isValidId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

export class JsonRpcWsAdapter extends WsAdapter {
  private readonly log = new Logger('JsonRpcWsAdapter');
  private readonly conns = new Set<Conn>();
  private totalInFlight = 0;
  private drainWaiters: Array<() => void> = [];
  private draining = false;
  private drained?: Promise<void>;

  constructor(
    app: INestApplicationContext | unknown,
    private readonly opts: JsonRpcWsAdapterOptions,
  ) {
    super(app as INestApplicationContext);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get inFlight(): number {
    return this.totalInFlight;
  }

  override create(port: number, options: Record<string, unknown> = {}): WebSocketServer {
    // ws closes a connection whose frame exceeds maxPayload with 1009 (no reply is possible).
    return super.create(port, { ...options, maxPayload: this.opts.maxFrameBytes }) as WebSocketServer;
  }

  /** Like the stock one, but `/ws/` reaches the `/ws` server and upgrades stop during shutdown. */
  protected override ensureHttpServerExists(port: number, httpServer = http.createServer()): http.Server | undefined {
    if (this.httpServersRegistry.has(port)) return;
    this.httpServersRegistry.set(port, httpServer);
    httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        if (this.draining) {
          refuseUpgrade(socket, '503 Service Unavailable');
          return;
        }
        const pathname = new URL(request.url ?? '/', 'ws://localhost').pathname;
        const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
        for (const wss of (this.wsServersRegistry.get(port) ?? []) as Array<WebSocketServer & { path: string }>) {
          if (normalized === wss.path) {
            wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
            return;
          }
        }
        refuseUpgrade(socket, '404 Not Found');
      } catch {
        refuseUpgrade(socket, '400 Bad Request');
      }
    });
    return httpServer;
  }

  /** Client-side errors (bad frames, oversized payloads) are routine: no error-level log flood. */
  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (ws: WebSocket) => ws.on('error', (e: Error) => this.log.debug(`client error: ${e.message}`)));
    server.on('error', (e: Error) => this.log.error(e));
    return server;
  }

  override bindMessageHandlers(client: WebSocket, handlers: MessageMappingProperties[], _transform: (data: unknown) => Observable<unknown>): void {
    const map = new Map<string, Handler>();
    for (const h of handlers) map.set(String(h.message), h.callback as Handler);
    const conn: Conn = { ws: client, inFlight: 0, pending: new Set() };
    this.conns.add(conn);
    client.on('close', () => {
      this.conns.delete(conn);
      // Nobody will read these answers: stop their tasks (e.g. a client gone mid-`loop {}`).
      for (const p of conn.pending) p.call.abort();
    });
    client.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      try {
        this.onFrame(conn, map, data, isBinary);
      } catch (e) {
        // Never let one frame break the connection.
        this.send(conn, rpcError(null, toJsonRpcError(e)));
      }
    });
  }

  /** Handle one text frame: a request or a batch. Exposed for unit tests. */
  onFrame(conn: Conn, handlers: Map<string, Handler>, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (isBinary) {
      this.send(conn, rpcError(null, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'binary frames are not supported; send JSON text frames')));
      return;
    }
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.send(conn, rpcError(null, err(JsonRpcErrorCode.ParseError, 'Parse error')));
      return;
    }
    if (!Array.isArray(msg)) {
      const r = this.handleRequest(conn, handlers, msg);
      if (r instanceof Promise) r.then((x) => x && this.send(conn, x));
      else if (r) this.send(conn, r);
      return;
    }
    if (msg.length === 0) {
      this.send(conn, rpcError(null, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'empty batch')));
      return;
    }
    const replies = msg.map((m) => this.handleRequest(conn, handlers, m));
    void Promise.all(replies).then((rs) => {
      const out = rs.filter((x): x is JsonRpcResponse => x !== undefined);
      if (out.length > 0) this.send(conn, out);
    });
  }

  /** Validate and dispatch one request; undefined = nothing to send (notification). */
  private handleRequest(conn: Conn, handlers: Map<string, Handler>, m: unknown): Reply | Promise<Reply> {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      return rpcError(null, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'a request must be a JSON object'));
    }
    const req = m as Record<string, unknown>;
    const hasId = 'id' in req;
    const id = hasId && isValidId(req.id) ? req.id : null;
    if (hasId && !isValidId(req.id)) {
      return rpcError(null, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'id must be a string, a number or null'));
    }
    if (req.jsonrpc !== '2.0') return rpcError(id, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'jsonrpc must be exactly "2.0"'));
    if (typeof req.method !== 'string') return rpcError(id, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'method must be a string'));
    const params = req.params;
    if (params !== undefined && (typeof params !== 'object' || params === null)) {
      return rpcError(id, err(JsonRpcErrorCode.InvalidRequest, 'Invalid Request', 'params must be an object or an array'));
    }
    const notification = !hasId;
    if (req.method === 'rpc.cancel') {
      const r = this.cancelRequest(conn, params);
      return notification ? undefined : 'error' in r ? rpcError(id, r.error) : rpcResult(id, r.result);
    }
    const handler = handlers.get(req.method);
    if (!handler) {
      return notification ? undefined : rpcError(id, err(JsonRpcErrorCode.MethodNotFound, 'Method not found', { method: req.method }));
    }
    if (Array.isArray(params)) {
      return notification ? undefined : rpcError(id, err(JsonRpcErrorCode.InvalidParams, 'Invalid params', ['params must be an object (named parameters)']));
    }
    if (this.draining) {
      return notification ? undefined : rpcError(id, err(JsonRpcErrorCode.LimitExceeded, 'Server is shutting down'));
    }
    if (conn.inFlight >= this.opts.maxInFlightPerConnection) {
      return notification
        ? undefined
        : rpcError(id, err(JsonRpcErrorCode.LimitExceeded, 'Too many requests in flight on this connection', { maxInFlight: this.opts.maxInFlightPerConnection }));
    }
    return this.dispatch(conn, handler, new RpcCall(id, req.method, params ?? {}), notification);
  }

  /**
   * Built-in `rpc.cancel` {id}: cancel a request still in flight on this
   * connection (its task stops; it is answered -32000 with kind 'cancelled').
   */
  private cancelRequest(conn: Conn, params: unknown): { result: { cancelled: boolean } } | { error: JsonRpcErrorObject } {
    const target = (params as { id?: unknown } | undefined)?.id;
    if (Array.isArray(params) || params === undefined || !('id' in (params as object)) || !isValidId(target)) {
      return { error: err(JsonRpcErrorCode.InvalidParams, 'Invalid params', ['id must be the id (string, number or null) of a request in flight']) };
    }
    for (const p of conn.pending) {
      if (!p.notification && p.id === target && !p.settled) return { result: { cancelled: p.call.abort() } };
    }
    return { result: { cancelled: false } };
  }

  private dispatch(conn: Conn, handler: Handler, call: RpcCall, notification: boolean): Promise<Reply> {
    conn.inFlight++;
    this.totalInFlight++;
    return new Promise<Reply>((resolve) => {
      const p: Pending = {
        id: call.id,
        call,
        notification,
        settled: false,
        abort: (e) => settle(rpcError(call.id, e)),
      };
      const settle = (reply: JsonRpcResponse): void => {
        if (p.settled) return;
        p.settled = true;
        conn.pending.delete(p);
        conn.inFlight--;
        this.totalInFlight--;
        if (this.totalInFlight === 0 && this.drainWaiters.length > 0) for (const w of this.drainWaiters.splice(0)) w();
        resolve(notification ? undefined : reply);
      };
      conn.pending.add(p);
      this.invoke(handler, call).then(
        (result) => settle(call.error ? rpcError(call.id, call.error) : rpcResult(call.id, result === undefined ? null : result)),
        (e: unknown) => settle(rpcError(call.id, call.error ?? toJsonRpcError(e))),
      );
    });
  }

  private async invoke(handler: Handler, call: RpcCall): Promise<unknown> {
    let r = await handler(call);
    if (isObservable(r)) r = await lastValueFrom(r, { defaultValue: undefined });
    return r;
  }

  private send(conn: Conn, payload: JsonRpcResponse | JsonRpcResponse[]): void {
    if (conn.ws.readyState !== OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(payload);
    } catch (e) {
      // A result JSON cannot encode (e.g. a BigInt) is a bug: answer -32603 instead.
      const fix = (r: JsonRpcResponse) => rpcError(r.id, toJsonRpcError(e));
      text = JSON.stringify(Array.isArray(payload) ? payload.map(fix) : fix(payload));
    }
    // Cork the TCP socket until the end of this event-loop turn: replies
    // finishing together leave in one write instead of one syscall each.
    const sock = (conn.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (sock && !conn.corked) {
      conn.corked = true;
      sock.cork();
      setImmediate(() => {
        conn.corked = false;
        sock.uncork();
      });
    }
    conn.ws.send(text);
  }

  /**
   * Shutdown: refuse new connections and requests, let in-flight requests
   * finish for up to `graceMs`, answer the rest with an error, and close
   * every socket with 1001 (going away). Idempotent.
   */
  drain(graceMs: number): Promise<void> {
    this.drained ??= this.doDrain(graceMs);
    return this.drained;
  }

  private async doDrain(graceMs: number): Promise<void> {
    this.draining = true;
    if (this.totalInFlight > 0) {
      this.log.log(`Shutting down: waiting up to ${graceMs} ms for ${this.totalInFlight} request(s) in flight`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, graceMs);
        this.drainWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    for (const c of this.conns) {
      for (const p of [...c.pending]) {
        p.abort(err(JsonRpcErrorCode.QueueUnavailable, 'Server shut down before the task finished'));
        p.call.abort(); // stop the task too (a Redis worker would run it on)
      }
    }
    // Let the aborts above reach the sockets before the close frames.
    await new Promise((r) => setImmediate(r));
    const closed = [...this.conns].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState >= 2) return resolve();
          const t = setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 1000);
          c.ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          c.ws.close(1001, 'Server shutting down');
        }),
    );
    await Promise.all(closed);
  }

  override async close(server: WebSocketServer): Promise<void> {
    await this.drain(0);
    await super.close(server);
  }
}
