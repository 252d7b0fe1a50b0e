import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { TaskQueue } from './task-queue.port.js';
import type { RhaiTask, TaskOutcome } from './task.types.js';
import { ScriptError, TaskTimeoutError, type ScriptErrorData } from './rhai-client.errors.js';

/** The `play` result (JSON-RPC `result`). */
export interface PlayResult {
  /** Final value as `print(value)` shows it; "" for unit. */
  output: string;
  /** Final value as JSON (integers beyond ±2^53 as decimal strings). */
  value: unknown;
  /** Rhai type name of the final value (type_of). */
  valueType: string;
  /** Lines from print()/debug(), in order (capped). */
  prints: string[];
  taskId: string;
  /** Script execution time in ms (excludes queueing). */
  durationMs: number;
}

const TIMED_OUT = Symbol('timed out');
const CANCELLED = Symbol('cancelled');

/**
 * Cancellation hook (AbortSignal-like; an AbortController plus listener costs
 * ~12 µs per request, this costs nothing): `fn` runs when the requester no
 * longer waits for the result.
 */
export interface CancelHook {
  onCancel(fn: () => void): void;
}

/** Submits scripts to the TaskQueue (embedded or Redis) and turns outcomes into results or errors. */
@Injectable()
export class RhaiService {
  private readonly logger = new Logger(RhaiService.name);

  constructor(private readonly queue: TaskQueue) {}

  async submitScriptAndAwaitResult(
    circle: string,
    script: string,
    clientRpcId: string | number | null,
    timeoutMs: number,
    /** Fires when the requester cancels or goes away: the task is cancelled (ScriptError kind 'cancelled'). */
    cancelHook?: CancelHook,
  ): Promise<PlayResult> {
    const now = Date.now();
    const task: RhaiTask = {
      taskId: randomUUID(),
      circle,
      script,
      clientRpcId,
      createdAt: new Date(now).toISOString(),
      deadlineAt: now + timeoutMs,
    };
    // One promise settled by whichever comes first: the outcome, the deadline, a cancel.
    let timer: NodeJS.Timeout | undefined;
    let stop!: (why: typeof TIMED_OUT | typeof CANCELLED) => void;
    const stopped = new Promise<typeof TIMED_OUT | typeof CANCELLED>((resolve) => {
      stop = resolve;
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    });
    cancelHook?.onCancel(() => stop(CANCELLED));
    let outcome: TaskOutcome | typeof TIMED_OUT | typeof CANCELLED;
    try {
      outcome = await Promise.race([this.queue.submit(task), stopped]);
    } finally {
      clearTimeout(timer);
    }
    if (outcome === TIMED_OUT) {
      this.cancel(task.taskId);
      throw new TaskTimeoutError(timeoutMs, { taskId: task.taskId });
    }
    if (outcome === CANCELLED) {
      // Answered now, whatever the queue does: a Redis task's reply is dropped once cancelled.
      this.cancel(task.taskId);
      throw new ScriptError({ kind: 'cancelled', message: 'Task cancelled by the client', taskId: task.taskId });
    }
    return toPlayResult(outcome, timeoutMs);
  }

  private cancel(taskId: string): void {
    this.queue.cancel(taskId).catch((err: unknown) => this.logger.warn(`cancel ${taskId} failed: ${String(err)}`));
  }

  getTask(taskId: string) {
    return this.queue.getTask(taskId);
  }
}

/** Completed → PlayResult; error → ScriptError, or TaskTimeoutError when the engine hit the deadline. */
export function toPlayResult(outcome: TaskOutcome, timeoutMs: number): PlayResult {
  if (outcome.status === 'completed') {
    return {
      output: outcome.output ?? '',
      value: outcome.value ?? null,
      valueType: outcome.valueType ?? '()',
      prints: outcome.prints ?? [],
      taskId: outcome.taskId,
      durationMs: outcome.durationMs ?? 0,
    };
  }
  const error = outcome.error ?? { kind: 'internal' as const, message: 'Task failed without an error description' };
  if (error.kind === 'timeout') throw new TaskTimeoutError(timeoutMs, { taskId: outcome.taskId, message: error.message });
  const data: ScriptErrorData = { kind: error.kind, message: error.message };
  if (error.line !== undefined) data.line = error.line;
  if (error.column !== undefined) data.column = error.column;
  if (error.errorType !== undefined) data.errorType = error.errorType;
  if (outcome.prints?.length) data.prints = outcome.prints;
  data.taskId = outcome.taskId;
  throw new ScriptError(data);
}
