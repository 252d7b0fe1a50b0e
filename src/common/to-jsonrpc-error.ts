import { BadRequestException, HttpException, Logger } from '@nestjs/common';
import { RhaiClientError } from '../rhai/rhai-client.errors.js';
import { JsonRpcError, JsonRpcErrorCode, type JsonRpcErrorObject } from './jsonrpc.js';

const logger = new Logger('JsonRpc');

/** Map any thrown value to a JSON-RPC error object. Unknown errors are logged, never leaked. */
export function toJsonRpcError(exception: unknown): JsonRpcErrorObject {
  if (exception instanceof RhaiClientError) {
    return exception.data === undefined
      ? { code: exception.code, message: exception.message }
      : { code: exception.code, message: exception.message, data: exception.data };
  }
  if (exception instanceof JsonRpcError) return exception.toErrorObject();
  if (exception instanceof BadRequestException) {
    // A pipe other than our ValidationPipe (e.g. ParseIntPipe) refused a parameter.
    const body = exception.getResponse();
    const msg = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : exception.message;
    return { code: JsonRpcErrorCode.InvalidParams, message: 'Invalid params', data: Array.isArray(msg) ? msg : [String(msg)] };
  }
  if (exception instanceof HttpException && exception.getStatus() === 403) {
    return { code: JsonRpcErrorCode.NotAuthorized, message: 'Not authorized' };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: JsonRpcErrorCode.InternalError, message: 'Internal error' };
}
