import { describe, expect, it } from '@jest/globals';
import { hashToRecord, outcomeToHash, parseReply, replyJson, taskToHash } from './redis-task-record.js';
import { processingKey, queueKey, taskKey, assertCircleName } from './redis-keys.js';
import type { RhaiTask, TaskOutcome } from './task.types.js';

const task: RhaiTask = {
  taskId: 't1',
  circle: 'default',
  script: '40 + 2',
  clientRpcId: 'abc',
  createdAt: '2026-12-04T20:00:00.000Z',
  deadlineAt: 1_800_000_000_000,
};

describe('redis task record encoding', () => {
  it('round-trips a task through the hash', () => {
    const h = taskToHash(task, 'rhai_replies:gw');
    expect(h).toMatchObject({ status: 'pending', clientRpcId: '"abc"', replyToQueue: 'rhai_replies:gw', deadlineAt: '1800000000000' });
    const rec = hashToRecord(h);
    expect(rec?.task).toEqual(task);
    expect(rec?.status).toBe('pending');
    expect(hashToRecord({})).toBeNull();
  });

  it('adds the outcome to the record and builds a parseable reply', () => {
    const outcome: TaskOutcome = { taskId: 't1', status: 'completed', output: '42', value: 42, prints: [] };
    const json = JSON.stringify(outcome);
    const h = { ...taskToHash(task, 'q'), ...outcomeToHash(outcome, '2026-12-04T20:00:01.000Z', json) };
    expect(hashToRecord(h)?.outcome).toEqual(outcome);
    const reply = parseReply(replyJson(json, '"abc"', task.createdAt, '2026-12-04T20:00:01.000Z'));
    expect(reply).toMatchObject({ ...outcome, clientRpcId: 'abc', createdAt: task.createdAt });
  });

  it('rejects malformed replies and records', () => {
    expect(() => parseReply('{')).toThrow();
    expect(() => parseReply('{"taskId":"t","status":"completed"}')).toThrow(/output/);
    expect(() => parseReply('{"taskId":"t","status":"error","error":{"kind":"nope","message":"m"}}')).toThrow();
    expect(() => hashToRecord({ taskId: 't', status: 'weird', script: '' })).toThrow(/status/);
  });

  it('keeps a processing list in the slot of its queue (hash tag = queue name)', () => {
    expect(queueKey('c1')).toBe('rhai_tasks:c1');
    expect(processingKey('w1', 'c1')).toBe('rhai_processing:w1:{rhai_tasks:c1}');
    expect(taskKey('t')).toBe('rhai_task_details:t');
    expect(() => assertCircleName('a{b}')).toThrow();
  });
});
