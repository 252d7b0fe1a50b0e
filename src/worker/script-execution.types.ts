/**
 * What the script pool (worker threads running the engine) accepts and returns.
 * Used by EmbeddedTaskQueue and by the Redis worker process alike.
 */
import type { TaskOutcome } from '../rhai/task.types.js';

export interface EngineLimitsConfig {
  maxOperations: number; // 0 = unlimited
  maxCallLevels: number;
  maxExprDepth: number;
  maxFunctionExprDepth: number;
  maxStringSize: number; // 0 = unlimited
  maxArraySize: number;
  maxMapSize: number;
  maxVariables: number;
}

export interface ScriptJob {
  taskId: string;
  script: string;
  /** Absolute epoch-ms; the engine stops the script with a timeout error past it. */
  deadlineAt: number;
}

/** The pool's result: a TaskOutcome (status completed or error). */
export type ScriptJobResult = TaskOutcome;
