/**
 * Encoding of task records on Redis (hash fields and the reply JSON), shared
 * by the gateway adapter and the worker so both sides agree on one format.
 */
import type { TaskRecord } from './task-queue.port.js';
import type { RhaiTask, TaskFailure, TaskOutcome, TaskStatus } from './task.types.js';
import { F } from './redis-keys.js';

/** What a worker LPUSHes onto `replyToQueue`: the finished record. */
export interface TaskReply extends TaskOutcome {
  clientRpcId: string | number | null;
  createdAt: string;
  updatedAt: string;
}

const STATUSES: readonly TaskStatus[] = ['pending', 'processing', 'completed', 'error'];
const FAILURE_KINDS: readonly TaskFailure['kind'][] = ['compile', 'runtime', 'limit', 'timeout', 'cancelled', 'internal'];

/** Hash fields written at submit time. */
export function taskToHash(task: RhaiTask, replyToQueue: string): Record<string, string> {
  const h: Record<string, string> = {
    [F.taskId]: task.taskId,
    [F.circle]: task.circle,
    [F.script]: task.script,
    [F.status]: 'pending',
    [F.clientRpcId]: JSON.stringify(task.clientRpcId ?? null),
    [F.createdAt]: task.createdAt,
    [F.updatedAt]: task.createdAt,
    [F.replyToQueue]: replyToQueue,
    [F.deadlineAt]: String(task.deadlineAt),
  };
  if (task.publicKey !== undefined) h[F.publicKey] = task.publicKey;
  return h;
}

/** Hash fields written when a task finishes (status, output, error message, full outcome;
 *  the worker id is written by the worker, the thread name stays in `outcome.worker`). */
export function outcomeToHash(outcome: TaskOutcome, updatedAt: string, outcomeJson = JSON.stringify(outcome)): Record<string, string> {
  const h: Record<string, string> = {
    [F.status]: outcome.status,
    [F.updatedAt]: updatedAt,
    [F.outcome]: outcomeJson,
  };
  if (outcome.output !== undefined) h[F.output] = outcome.output;
  if (outcome.error) h[F.error] = outcome.error.message;
  return h;
}

export function parseClientRpcId(raw: string | undefined): string | number | null {
  if (raw === undefined) return null;
  const v: unknown = JSON.parse(raw);
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  throw new Error('clientRpcId is not a string, number or null');
}

function isFailure(e: unknown): e is TaskFailure {
  if (typeof e !== 'object' || e === null) return false;
  const f = e as Record<string, unknown>;
  return typeof f.message === 'string' && FAILURE_KINDS.includes(f.kind as TaskFailure['kind']);
}

/** Validate an outcome-shaped object; throws with a reason when malformed. */
export function checkOutcome(v: unknown): TaskOutcome {
  if (typeof v !== 'object' || v === null) throw new Error('not an object');
  const o = v as Record<string, unknown>;
  if (typeof o.taskId !== 'string') throw new Error('taskId missing');
  if (o.status === 'completed') {
    if (typeof o.output !== 'string') throw new Error('completed without output');
  } else if (o.status === 'error') {
    if (!isFailure(o.error)) throw new Error('error without a valid failure');
  } else {
    throw new Error(`bad status ${JSON.stringify(o.status)}`);
  }
  return v as TaskOutcome;
}

/**
 * The reply JSON: the outcome's JSON with the record's identity fields appended (no second
 * serialization of the outcome). `clientRpcIdJson` is the hash field, already JSON.
 */
export function replyJson(outcomeJson: string, clientRpcIdJson: string, createdAt: string, updatedAt: string): string {
  return `${outcomeJson.slice(0, -1)},"clientRpcId":${clientRpcIdJson},"createdAt":${JSON.stringify(createdAt)},"updatedAt":${JSON.stringify(updatedAt)}}`;
}

/** Parse a reply list element. Throws on malformed JSON or shape. */
export function parseReply(raw: string): TaskReply {
  return checkOutcome(JSON.parse(raw)) as TaskReply;
}

/** Build `getTask`'s snapshot from HGETALL; null for a missing hash; throws when malformed. */
export function hashToRecord(h: Record<string, string>): TaskRecord | null {
  if (!h || Object.keys(h).length === 0 || h[F.taskId] === undefined) return null;
  const status = h[F.status] as TaskStatus;
  if (!STATUSES.includes(status)) throw new Error(`bad status ${JSON.stringify(h[F.status])}`);
  if (h[F.script] === undefined) throw new Error('script missing');
  const deadlineAt = Number(h[F.deadlineAt]);
  const task: RhaiTask = {
    taskId: h[F.taskId],
    circle: h[F.circle] ?? '',
    script: h[F.script],
    clientRpcId: parseClientRpcId(h[F.clientRpcId]),
    createdAt: h[F.createdAt] ?? '',
    deadlineAt: Number.isFinite(deadlineAt) ? deadlineAt : 0,
  };
  if (h[F.publicKey] !== undefined) task.publicKey = h[F.publicKey];
  const rec: TaskRecord = { task, status, updatedAt: h[F.updatedAt] ?? task.createdAt };
  if (h[F.outcome] !== undefined) rec.outcome = checkOutcome(JSON.parse(h[F.outcome]));
  return rec;
}
