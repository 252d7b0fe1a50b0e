import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { JsonRpcErrorObject, JsonRpcId } from './jsonrpc.js';

/**
 * What the adapter hands a gateway handler as its message data: the request's
 * id, method and params. A handler reads `@MessageBody('params')`; the
 * exception filter records a failure in `error` (Nest discards a WS filter's
 * return value, so the adapter reads it from here and answers with it).
 */
export class RpcCall {
  error?: JsonRpcErrorObject;
  private controller?: AbortController;
  constructor(
    readonly id: JsonRpcId,
    readonly method: string,
    readonly params: unknown,
  ) {}

  /** Aborted when nobody waits for the answer any more (the socket closed). Created on first use. */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  abort(reason = 'connection closed'): void {
    this.controller?.abort(reason);
  }
}

/**
 * Handler parameter: the request's abort signal. A custom decorator (not
 * @MessageBody('signal')) so that the validation pipe leaves it alone.
 */
export const RpcSignal = createParamDecorator((_data: unknown, ctx: ExecutionContext): AbortSignal | undefined => {
  const call = ctx.switchToWs().getData<unknown>();
  return call instanceof RpcCall ? call.signal : undefined;
});
