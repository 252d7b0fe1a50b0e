/**
 * Redis key names of the task protocol (docs/protocol.md), shared by the
 * gateway adapter (RedisTaskQueue) and the worker process.
 *
 * Cluster: every multi-key command we issue touches keys of one hash slot.
 * The only multi-key commands are BLMOVE/LMOVE between a circle's queue and a
 * worker's processing list for that circle, so the processing list carries the
 * queue's full name as its hash tag: `{rhai_tasks:<circle>}` hashes exactly
 * like the untagged key `rhai_tasks:<circle>`. Everything else is single-key.
 */

/** Task record (hash). */
export const taskKey = (taskId: string): string => `rhai_task_details:${taskId}`;

/** Work queue of a circle (list): gateways LPUSH task ids, workers move from the right. */
export const queueKey = (circle: string): string => `rhai_tasks:${circle}`;

/** Reply list of one gateway instance (list): workers LPUSH finished records. */
export const replyQueueKey = (gatewayId: string): string => `rhai_replies:${gatewayId}`;

/** A worker's in-flight tasks taken from one circle's queue (same slot as that queue). */
export const processingKey = (workerId: string, circle: string): string =>
  `rhai_processing:${workerId}:{${queueKey(circle)}}`;

/** A worker's liveness lease (string with PX expiry, renewed by heartbeats). */
export const leaseKey = (workerId: string): string => `rhai_worker_lease:${workerId}`;

/** Registry of workers (hash: workerId → JSON {circles, host, pid, startedAt}). */
export const WORKERS_KEY = 'rhai_workers';

/** Pub/sub channel: message = task id to cancel. */
export const CANCEL_CHANNEL = 'rhai_cancel';

/** Hash fields of a task record. */
export const F = {
  taskId: 'taskId',
  circle: 'circle',
  script: 'script',
  status: 'status',
  clientRpcId: 'clientRpcId',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  replyToQueue: 'replyToQueue',
  deadlineAt: 'deadlineAt',
  publicKey: 'publicKey',
  output: 'output',
  error: 'error',
  outcome: 'outcome',
  worker: 'worker',
  cancelled: 'cancelled',
  attempts: 'attempts',
} as const;

/** Circle names become key parts and hash tags: no braces, no whitespace. */
export function assertCircleName(circle: string): void {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(circle)) {
    throw new Error(`invalid circle name ${JSON.stringify(circle)}: must match [A-Za-z0-9_.:-]{1,128}`);
  }
}
