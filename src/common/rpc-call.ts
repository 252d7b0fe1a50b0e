import type { JsonRpcErrorObject, JsonRpcId } from './jsonrpc.js';

/**
 * What the adapter hands a gateway handler as its message data: the request's
 * id, method and params. A handler reads `@MessageBody('params')`; the
 * exception filter records a failure in `error` (Nest discards a WS filter's
 * return value, so the adapter reads it from here and answers with it).
 */
export class RpcCall {
  error?: JsonRpcErrorObject;
  constructor(
    readonly id: JsonRpcId,
    readonly method: string,
    readonly params: unknown,
  ) {}
}
