/**
 * The task protocol shared by the gateway (RhaiService), the queue adapters and
 * the workers. Field names follow DESIGN.md §3 (the Redis hash fields).
 */
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'error';

/** What a gateway submits. */
export interface RhaiTask {
  taskId: string;
  circle: string;
  script: string;
  /** The JSON-RPC id of the request that created the task (string, number or null). */
  clientRpcId: string | number | null;
  /** RFC 3339. */
  createdAt: string;
  /** Absolute epoch-ms after which the submitter no longer waits: workers skip or abort it. */
  deadlineAt: number;
  publicKey?: string;
}

/** Why a script did not produce a value. */
export interface TaskFailure {
  /** compile = syntax error; runtime = error while running (incl. `throw`);
   *  limit = an engine safety limit; timeout/cancelled = stopped by the host;
   *  internal = a bug or a crashed worker thread. */
  kind: 'compile' | 'runtime' | 'limit' | 'timeout' | 'cancelled' | 'internal';
  message: string; // the engine's message, without position
  line?: number;
  column?: number;
  /** Rhai error variant, e.g. ErrorArithmetic (runtime errors only). */
  errorType?: string;
}

/** The outcome a worker reports for one task. */
export interface TaskOutcome {
  taskId: string;
  status: 'completed' | 'error';
  /** Final value in Rhai display form (`print(value)`); "" for unit. */
  output?: string;
  /** Final value as JSON (int beyond 2^53 as a decimal string; see docs/protocol.md). */
  value?: unknown;
  /** Rhai type name of the final value (`type_of`). */
  valueType?: string;
  /** Lines printed with print()/debug() while the script ran, in order. */
  prints?: string[];
  error?: TaskFailure;
  /** Time spent executing, in milliseconds. */
  durationMs?: number;
  /** Which worker ran it (hostname:pid:thread) — for operators. */
  worker?: string;
}
