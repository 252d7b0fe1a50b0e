/**
 * Errors RhaiService and the task queues raise. Each carries its JSON-RPC
 * code; the global exception filter turns any of them into a JSON-RPC error.
 */
import { JsonRpcErrorCode } from '../common/jsonrpc.js';
import type { TaskFailure } from './task.types.js';

export abstract class RhaiClientError extends Error {
  abstract readonly code: number;
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** error.data of a -32000 script error. */
export type ScriptErrorData = TaskFailure & { taskId?: string; prints?: string[] };

/** The script failed to compile or failed at run time; data = the TaskFailure (+ taskId, prints). */
export class ScriptError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.ScriptError;
  declare readonly data: ScriptErrorData;
  constructor(failure: ScriptErrorData) {
    super('Script error', failure);
  }
}

export class NotAuthorizedError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.NotAuthorized;
  constructor(message = 'Not authorized', data?: unknown) {
    super(message, data);
  }
}

export class TaskTimeoutError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.Timeout;
  constructor(timeoutMs: number, data?: Record<string, unknown>) {
    super(`Task did not finish within ${timeoutMs} ms`, { timeoutMs, ...data });
  }
}

export class QueueUnavailableError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.QueueUnavailable;
  constructor(message = 'Task queue unavailable', data?: unknown) {
    super(message, data);
  }
}

export class TaskDataError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.TaskDataError;
  constructor(message = 'Malformed task data', data?: unknown) {
    super(message, data);
  }
}

export class TaskNotFoundError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.TaskNotFound;
  constructor(taskId: string) {
    super('Task not found', { taskId });
  }
}

/** A limit refused the request: queue full, in-flight cap, payload size, rate. */
export class LimitExceededError extends RhaiClientError {
  readonly code = JsonRpcErrorCode.LimitExceeded;
  constructor(message: string, data?: unknown) {
    super(message, data);
  }
}
