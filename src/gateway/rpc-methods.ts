/** What `rpc.discover` reports: every method with its params and result fields. */
export interface RpcMethodDescription {
  name: string;
  description: string;
  params: Record<string, string>;
  result: Record<string, string> | string;
}

export const RPC_METHODS: RpcMethodDescription[] = [
  {
    name: 'play',
    description: 'Run a Rhai script on a worker and return its final value.',
    params: {
      script: 'string (required, non-empty, at most MAX_SCRIPT_BYTES bytes)',
      timeoutMs: 'integer (optional, 1..TASK_TIMEOUT_MS; default TASK_TIMEOUT_MS)',
    },
    result: {
      output: 'string: the final value as print() shows it ("" for unit)',
      value: 'the final value as JSON (integers beyond ±2^53 as decimal strings)',
      valueType: 'string: Rhai type name (type_of)',
      prints: 'string[]: lines from print()/debug()',
      taskId: 'string',
      durationMs: 'number: execution time',
    },
  },
  {
    name: 'task.status',
    description: 'Look up a task submitted recently (finished tasks are kept TASK_RESULT_TTL_S seconds).',
    params: { taskId: 'string (required)' },
    result: {
      taskId: 'string',
      circle: 'string',
      status: 'pending | processing | completed | error',
      createdAt: 'RFC 3339',
      updatedAt: 'RFC 3339',
      output: 'string (completed)',
      value: 'JSON (completed)',
      valueType: 'string (completed)',
      prints: 'string[]',
      error: '{kind, message, line?, column?, errorType?} (error)',
      durationMs: 'number',
    },
  },
  {
    name: 'rpc.cancel',
    description: 'Cancel a request still in flight on this connection; it is answered with -32000 (data.kind "cancelled").',
    params: { id: 'the JSON-RPC id of that request' },
    result: { cancelled: 'boolean: false when no such request is in flight (or it cannot be cancelled)' },
  },
  { name: 'ping', description: 'Liveness check.', params: {}, result: '"pong"' },
  { name: 'rpc.discover', description: 'List the methods of this server.', params: {}, result: '{ name, version, methods[] }' },
];
