import type { RhaiTask, TaskOutcome, TaskStatus } from './task.types.js';

/** A snapshot of a task record, as `getTask` returns it. */
export interface TaskRecord {
  task: RhaiTask;
  status: TaskStatus;
  outcome?: TaskOutcome;
  updatedAt: string;
}

/**
 * The port RhaiService talks to; EmbeddedTaskQueue and RedisTaskQueue are its
 * two adapters (selected by REDIS_URL in RhaiModule). Injected by this class
 * token.
 */
export abstract class TaskQueue {
  /**
   * Enqueue the task on its circle's queue and resolve with its outcome when a
   * worker finishes it. Does not time out by itself (RhaiService races it with
   * the task's deadline). Rejects with QueueUnavailableError if the queue
   * cannot accept the task, QueueFullError if a limit refuses it.
   */
  abstract submit(task: RhaiTask): Promise<TaskOutcome>;
  /** Give up on a task: a worker skips it if not started and aborts it if running.
   *  The pending submit() promise is settled (rejected) by the caller's race, not here. */
  abstract cancel(taskId: string): Promise<void>;
  /** Look a task up (for `task.status`); null when unknown or expired. */
  abstract getTask(taskId: string): Promise<TaskRecord | null>;
  /** true when the queue can accept tasks now (Redis reachable). */
  abstract isHealthy(): boolean;
}
