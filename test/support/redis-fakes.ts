/**
 * Test doubles for the Redis queue tests: a ScriptRunner that interprets tiny
 * "scripts" (`value:X`, `sleep:MS:X`, `hang`) and a task factory.
 */
import { randomUUID } from 'node:crypto';
import type { RhaiTask, TaskOutcome } from '../../src/rhai/task.types.js';
import type { ScriptRunner } from '../../src/worker/redis-task-consumer.js';
import type { ScriptJob } from '../../src/worker/script-execution.types.js';

export class FakeRunner implements ScriptRunner {
  readonly started: string[] = [];
  readonly cancelled: string[] = [];
  private readonly stops = new Map<string, () => void>();

  async run(job: ScriptJob): Promise<TaskOutcome> {
    this.started.push(job.taskId);
    const [op, a, b] = job.script.split(':');
    if (op === 'value') return { taskId: job.taskId, status: 'completed', output: a };
    const stopped = new Promise<void>((r) => this.stops.set(job.taskId, r));
    const ms = op === 'sleep' ? Number(a) : 3_600_000;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), ms))),
      stopped.then(() => false),
    ]);
    clearTimeout(timer);
    this.stops.delete(job.taskId);
    if (finished) return { taskId: job.taskId, status: 'completed', output: b ?? '' };
    return { taskId: job.taskId, status: 'error', error: { kind: 'cancelled', message: 'Task cancelled' } };
  }

  cancel(taskId: string): void {
    this.cancelled.push(taskId);
    this.stops.get(taskId)?.();
  }
}

export function makeTask(script: string, opts: Partial<RhaiTask> = {}): RhaiTask {
  return {
    taskId: randomUUID(),
    circle: 'default',
    script,
    clientRpcId: 1,
    createdAt: new Date().toISOString(),
    deadlineAt: Date.now() + 30_000,
    ...opts,
  };
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
