import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { JsonRpcError, JsonRpcErrorCode } from './jsonrpc.js';

/** Flatten class-validator errors (nested too) into "field must ..." messages. */
export function validationMessages(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const name = prefix ? `${prefix}.${e.property}` : e.property;
    for (const m of Object.values(e.constraints ?? {})) out.push(prefix ? `${prefix}.${m}` : m);
    if (e.children?.length) out.push(...validationMessages(e.children, name));
  }
  return out;
}

/** The global pipe: DTO validation failures become JSON-RPC -32602 with the messages in data. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) =>
      new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid params', validationMessages(errors)),
  });
}
