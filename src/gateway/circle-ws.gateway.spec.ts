import { describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { CircleWsGateway } from './circle-ws.gateway.js';
import { RhaiService, type PlayResult } from '../rhai/rhai.service.js';
import { AppConfig, loadConfig } from '../config/env.validation.js';
import { TaskNotFoundError } from '../rhai/rhai-client.errors.js';
import type { TaskRecord } from '../rhai/task-queue.port.js';

const result: PlayResult = { output: '42', value: 42, valueType: 'i64', prints: [], taskId: 't', durationMs: 1 };

async function gatewayWith(getTask: (id: string) => Promise<TaskRecord | null> = async () => null) {
  const rhai = {
    submitScriptAndAwaitResult: jest.fn(async (..._a: unknown[]) => result),
    getTask: jest.fn(getTask),
  };
  const config = loadConfig({ CIRCLE_NAME: 'blue', TASK_TIMEOUT_MS: '7000' });
  const mod = await Test.createTestingModule({
    providers: [CircleWsGateway, { provide: RhaiService, useValue: rhai }, { provide: AppConfig, useValue: config }],
  }).compile();
  return { gw: mod.get(CircleWsGateway), rhai };
}

describe('CircleWsGateway', () => {
  it('play submits to the configured circle with the default timeout', async () => {
    const { gw, rhai } = await gatewayWith();
    await expect(gw.play({ script: '40 + 2' }, 5)).resolves.toBe(result);
    expect(rhai.submitScriptAndAwaitResult).toHaveBeenCalledWith('blue', '40 + 2', 5, 7000, undefined);
  });

  it('play honours a per-request timeoutMs', async () => {
    const { gw, rhai } = await gatewayWith();
    await gw.play({ script: '1', timeoutMs: 250 }, 'x');
    expect(rhai.submitScriptAndAwaitResult).toHaveBeenCalledWith('blue', '1', 'x', 250, undefined);
  });

  it('task.status throws TaskNotFoundError (-32005) for an unknown id', async () => {
    const { gw } = await gatewayWith();
    await expect(gw.taskStatus({ taskId: 'nope' })).rejects.toBeInstanceOf(TaskNotFoundError);
  });

  it('task.status reports a finished task', async () => {
    const rec: TaskRecord = {
      task: { taskId: 'k', circle: 'blue', script: '1', clientRpcId: 1, createdAt: '2026-01-01T00:00:00.000Z', deadlineAt: 0 },
      status: 'completed',
      updatedAt: '2026-01-01T00:00:01.000Z',
      outcome: { taskId: 'k', status: 'completed', output: '1', value: 1, valueType: 'i64', durationMs: 2 },
    };
    const { gw } = await gatewayWith(async () => rec);
    await expect(gw.taskStatus({ taskId: 'k' })).resolves.toEqual({
      taskId: 'k',
      circle: 'blue',
      status: 'completed',
      createdAt: rec.task.createdAt,
      updatedAt: rec.updatedAt,
      output: '1',
      value: 1,
      valueType: 'i64',
      durationMs: 2,
    });
  });

  it('ping answers pong and rpc.discover lists every method', async () => {
    const { gw } = await gatewayWith();
    expect(gw.ping()).toBe('pong');
    const names = (gw.discover().methods as Array<{ name: string }>).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['play', 'task.status', 'ping', 'rpc.discover']));
  });
});
