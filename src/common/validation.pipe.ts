import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

/**
 * A DTO class may offer `fastValidate(value)`: a hand-written check that
 * returns an instance when the value is certainly valid (the hot path: a few
 * typeof checks instead of class-transformer + class-validator, which cost
 * tens of µs per request) and undefined otherwise, in which case the full
 * validation runs and produces the messages.
 */
export interface FastValidated<T> {
  fastValidate(value: unknown): T | undefined;
}

class JsonRpcValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fast = (metadata.metatype as Partial<FastValidated<unknown>> | undefined)?.fastValidate;
    if (fast) {
      const ok = fast(value);
      if (ok !== undefined) return ok;
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: DTO validation failures become JSON-RPC -32602 with the messages in data. */
export function createValidationPipe(): ValidationPipe {
  return new JsonRpcValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) =>
      new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid params', validationMessages(errors)),
  });
}
