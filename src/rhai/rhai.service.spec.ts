import { describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { RhaiService } from './rhai.service.js';
import { TaskQueue } from './task-queue.port.js';
import type { RhaiTask, TaskOutcome } from './task.types.js';
import { LimitExceededError, ScriptError, TaskTimeoutError } from './rhai-client.errors.js';

function makeQueue(submit: (t: RhaiTask) => Promise<TaskOutcome>) {
  return {
    submit: jest.fn(submit),
    cancel: jest.fn(async (_id: string) => undefined),
    getTask: jest.fn(async () => null),
    isHealthy: () => true,
  };
}

async function serviceWith(queue: ReturnType<typeof makeQueue>): Promise<RhaiService> {
  const mod = await Test.createTestingModule({
    providers: [RhaiService, { provide: TaskQueue, useValue: queue }],
  }).compile();
  return mod.get(RhaiService);
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('RhaiService', () => {
  it('builds the task and returns the play result', async () => {
    const queue = makeQueue(async (t) => ({ taskId: t.taskId, status: 'completed', output: '42', value: 42, valueType: 'i64', durationMs: 1 }));
    const svc = await serviceWith(queue);
    const before = Date.now();
    const r = await svc.submitScriptAndAwaitResult('c1', '40 + 2', 'rpc-1', 5000);
    const task = queue.submit.mock.calls[0][0];
    expect(task).toMatchObject({ circle: 'c1', script: '40 + 2', clientRpcId: 'rpc-1' });
    expect(task.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(task.deadlineAt).toBeGreaterThanOrEqual(before + 5000);
    expect(new Date(task.createdAt).toISOString()).toBe(task.createdAt);
    expect(r).toEqual({ output: '42', value: 42, valueType: 'i64', prints: [], taskId: task.taskId, durationMs: 1 });
  });

  it('gives each task a new id', async () => {
    const queue = makeQueue(async (t) => ({ taskId: t.taskId, status: 'completed', output: '' }));
    const svc = await serviceWith(queue);
    await svc.submitScriptAndAwaitResult('c', '1', 1, 1000);
    await svc.submitScriptAndAwaitResult('c', '1', 1, 1000);
    expect(queue.submit.mock.calls[0][0].taskId).not.toBe(queue.submit.mock.calls[1][0].taskId);
  });

  it('times out with TaskTimeoutError (-32002) and cancels the task', async () => {
    const queue = makeQueue(() => new Promise<TaskOutcome>(() => undefined));
    const svc = await serviceWith(queue);
    const e = await caught(svc.submitScriptAndAwaitResult('c', 'loop {}', 1, 20));
    expect(e).toBeInstanceOf(TaskTimeoutError);
    expect((e as TaskTimeoutError).code).toBe(-32002);
    expect(queue.cancel).toHaveBeenCalledWith(queue.submit.mock.calls[0][0].taskId);
  });

  it('maps a script failure to ScriptError (-32000) with kind, message, line, column, errorType', async () => {
    const queue = makeQueue(async (t) => ({
      taskId: t.taskId,
      status: 'error',
      error: { kind: 'runtime', message: 'Variable not found: x', line: 2, column: 5, errorType: 'ErrorVariableNotFound' },
    }));
    const svc = await serviceWith(queue);
    const e = (await caught(svc.submitScriptAndAwaitResult('c', 'x', 1, 1000))) as ScriptError;
    expect(e).toBeInstanceOf(ScriptError);
    expect(e.code).toBe(-32000);
    expect(e.data).toMatchObject({ kind: 'runtime', message: 'Variable not found: x', line: 2, column: 5, errorType: 'ErrorVariableNotFound' });
    expect(queue.cancel).not.toHaveBeenCalled();
  });

  it('maps a compile error to ScriptError with kind compile', async () => {
    const queue = makeQueue(async (t) => ({ taskId: t.taskId, status: 'error', error: { kind: 'compile', message: 'Syntax error', line: 1, column: 9 } }));
    const e = (await caught((await serviceWith(queue)).submitScriptAndAwaitResult('c', 'let x = ;', 1, 1000))) as ScriptError;
    expect(e.data).toMatchObject({ kind: 'compile', line: 1, column: 9 });
  });

  it('maps an engine-side deadline to TaskTimeoutError', async () => {
    const queue = makeQueue(async (t) => ({ taskId: t.taskId, status: 'error', error: { kind: 'timeout', message: 'Script timed out' } }));
    const e = await caught((await serviceWith(queue)).submitScriptAndAwaitResult('c', 'loop {}', 1, 1000));
    expect(e).toBeInstanceOf(TaskTimeoutError);
  });

  it('cancels the task when the cancel hook fires (the client went away)', async () => {
    const queue = makeQueue(() => new Promise<TaskOutcome>(() => undefined));
    const svc = await serviceWith(queue);
    let fire = () => undefined as unknown;
    const p = svc.submitScriptAndAwaitResult('c', 'loop {}', 1, 300, { onCancel: (fn) => (fire = fn) }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 5));
    expect(queue.cancel).not.toHaveBeenCalled();
    fire();
    const e = (await p) as ScriptError;
    expect(queue.cancel).toHaveBeenCalledWith(queue.submit.mock.calls[0][0].taskId);
    expect(e).toBeInstanceOf(ScriptError);
    expect(e.data).toMatchObject({ kind: 'cancelled' });
  });

  it('propagates queue errors unchanged', async () => {
    const queue = makeQueue(async () => {
      throw new LimitExceededError('Task queue is full');
    });
    const e = await caught((await serviceWith(queue)).submitScriptAndAwaitResult('c', '1', 1, 1000));
    expect(e).toBeInstanceOf(LimitExceededError);
  });
});
