import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { rpcError } from './jsonrpc.js';
import { RpcCall } from './rpc-call.js';
import { toJsonRpcError } from './to-jsonrpc-error.js';

/**
 * The one global exception filter: every error a gateway handler (or a pipe)
 * throws becomes a JSON-RPC error object, recorded on the RpcCall for the
 * adapter to send with the request's id.
 */
@Catch()
export class JsonRpcExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http') return this.http(exception, host);
    const error = toJsonRpcError(exception);
    if (host.getType() !== 'ws') return;
    const ws = host.switchToWs();
    const data = ws.getData<unknown>();
    if (data instanceof RpcCall) {
      data.error = error;
      return;
    }
    // Not dispatched by our adapter (should not happen): answer directly.
    const client = ws.getClient<{ readyState?: number; send?: (s: string) => void }>();
    if (client?.readyState === 1) client.send?.(JSON.stringify(rpcError(null, error)));
  }

  /** HTTP routes (GET /health, unknown paths): a plain JSON error with the HTTP status. */
  private http(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ headersSent?: boolean; status(c: number): { json(b: unknown): void } }>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json({ statusCode: exception.getStatus(), message: exception.message });
      return;
    }
    toJsonRpcError(exception); // logs it
    res.status(500).json({ statusCode: 500, message: 'Internal error' });
  }
}
