import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { JsonRpcErrorObject, JsonRpcId } from './jsonrpc.js';
import type { CancelHook } from '../rhai/rhai.service.js';

/**
 * What the adapter hands a gateway handler as its message data: the request's
 * id, method and params. A handler reads `@MessageBody('params')`; the
 * exception filter records a failure in `error` (Nest discards a WS filter's
 * return value, so the adapter reads it from here and answers with it).
 */
export class RpcCall implements CancelHook {
  error?: JsonRpcErrorObject;
  private cancelFn?: () => void;
  constructor(
    readonly id: JsonRpcId,
    readonly method: string,
    readonly params: unknown,
  ) {}

  /** Run `fn` if nobody waits for the answer any more (the socket closed). One listener. */
  onCancel(fn: () => void): void {
    this.cancelFn = fn;
  }

  /** Fire the cancel hook; false when the handler registered none (nothing to cancel). */
  abort(): boolean {
    const fn = this.cancelFn;
    this.cancelFn = undefined;
    fn?.();
    return fn !== undefined;
  }
}

/**
 * Handler parameter: the request's cancellation hook (the RpcCall). A custom
 * decorator, not @MessageBody, so that the validation pipe leaves it alone.
 */
export const RpcCancel = createParamDecorator((_data: unknown, ctx: ExecutionContext): CancelHook | undefined => {
  const call = ctx.switchToWs().getData<unknown>();
  return call instanceof RpcCall ? call : undefined;
});
