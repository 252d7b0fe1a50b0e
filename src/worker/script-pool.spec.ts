/**
 * Real worker threads running the engine (the thread entry comes from dist/:
 * `npm test` builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ScriptPool } from './script-pool.js';
import type { EngineLimitsConfig } from './script-execution.types.js';

const limits: EngineLimitsConfig = {
  maxOperations: 0,
  maxCallLevels: 64,
  maxExprDepth: 64,
  maxFunctionExprDepth: 32,
  maxStringSize: 0,
  maxArraySize: 0,
  maxMapSize: 0,
  maxVariables: 0,
};

let n = 0;
const job = (script: string, ms = 5000) => ({ taskId: `t${++n}`, script, deadlineAt: Date.now() + ms });

describe('ScriptPool', () => {
  let pool: ScriptPool;
  const logs: string[] = [];
  beforeAll(() => {
    pool = new ScriptPool({ threads: 2, limits, graceMs: 300, log: (m) => logs.push(m) });
  });
  afterAll(async () => pool.close());

  it('runs a script and reports output, value and type', async () => {
    const r = await pool.run(job('40 + 2'));
    expect(r).toMatchObject({ status: 'completed', output: '42', value: 42, valueType: 'i64' });
    expect(r.worker).toEqual(expect.any(String));
    expect(r.durationMs).toEqual(expect.any(Number));
  });

  it('reports a syntax error with its position', async () => {
    const r = await pool.run(job('let x = ;'));
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ kind: 'compile', line: 1 });
    expect(r.error?.column).toEqual(expect.any(Number));
  });

  it('a runtime error inside a function carries the call chain, its own position only in line/column', async () => {
    const r = await pool.run(job('fn f(x) {\n  x / 0\n}\nf(1)'));
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ kind: 'runtime', errorType: 'ErrorArithmetic', line: 2, column: 5 });
    const lines = r.error!.message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Division by zero: 1 / 0');
    expect(lines[1]).toBe("in call to function 'f' (line 4, position 1)");
  });

  it('stops `loop {}` at its deadline and keeps the pool full-sized', async () => {
    const r = await pool.run(job('loop {}', 200));
    expect(r.status).toBe('error');
    expect(r.error?.kind).toBe('timeout');
    expect(pool.size).toBe(2);
    const after = await Promise.all([pool.run(job('40 + 2')), pool.run(job('40 + 2'))]);
    expect(after.map((x) => x.output)).toEqual(['42', '42']);
  });

  it('cancels a running script', async () => {
    const j = job('loop {}', 60_000);
    const p = pool.run(j);
    await new Promise((r) => setTimeout(r, 100));
    expect(pool.state(j.taskId)).toBe('running');
    pool.cancel(j.taskId);
    const r = await p;
    expect(r.error?.kind).toBe('cancelled');
    expect((await pool.run(job('40 + 2'))).output).toBe('42');
  });

  it('cancels a queued script without running it', async () => {
    const busy = [job('loop {}', 400), job('loop {}', 400)];
    const running = busy.map((b) => pool.run(b));
    const queued = job('40 + 2');
    const p = pool.run(queued);
    expect(pool.state(queued.taskId)).toBe('queued');
    pool.cancel(queued.taskId);
    expect(pool.state(queued.taskId)).toBeUndefined();
    expect((await p).error?.kind).toBe('cancelled');
    await Promise.all(running);
  });

  it('runs many jobs concurrently, queueing FIFO beyond the thread count', async () => {
    const rs = await Promise.all(Array.from({ length: 50 }, () => pool.run(job('40 + 2'))));
    expect(rs.every((r) => r.output === '42')).toBe(true);
    expect(pool.busy).toBe(0);
    expect(pool.queued).toBe(0);
  });
});

describe('ScriptPool with a thread that misbehaves', () => {
  const stub = new URL('./__fixtures__/stub-thread.mjs', import.meta.url);
  let pool: ScriptPool;
  const logs: string[] = [];
  beforeAll(() => {
    pool = new ScriptPool({ threads: 2, limits, graceMs: 100, threadScript: stub, log: (m) => logs.push(m) });
  });
  afterAll(async () => pool.close());

  it('terminates a thread that ignores its deadline, answers timeout and replaces it', async () => {
    const r = await pool.run(job('hang', 100));
    expect(r.error?.kind).toBe('timeout');
    expect(logs.some((l) => /terminating/.test(l))).toBe(true);
    expect(pool.size).toBe(2);
    const rs = await Promise.all([pool.run(job('a')), pool.run(job('b')), pool.run(job('c'))]);
    expect(rs.map((x) => x.output)).toEqual(['a', 'b', 'c']);
  });

  it('terminates a thread that ignores a cancel and answers cancelled', async () => {
    const j = job('hang', 60_000);
    const p = pool.run(j);
    await new Promise((r) => setTimeout(r, 50));
    pool.cancel(j.taskId);
    expect((await p).error?.kind).toBe('cancelled');
    expect((await pool.run(job('ok'))).output).toBe('ok');
  });

  it('answers internal when a thread crashes, re-runs the jobs queued behind it, and replaces it', async () => {
    const crash = pool.run(job('crash'));
    const others = Array.from({ length: 20 }, (_, i) => pool.run(job(`x${i}`)));
    expect((await crash).error?.kind).toBe('internal');
    const rs = await Promise.all(others);
    expect(rs.map((x) => x.output)).toEqual(Array.from({ length: 20 }, (_, i) => `x${i}`));
    expect(pool.size).toBe(2);
  });
});

describe('ScriptPool when a thread dies holding finished results', () => {
  it('re-runs the finished jobs whose results were lost; only the running job fails', async () => {
    const stub = new URL('./__fixtures__/stub-thread.mjs', import.meta.url);
    const pool = new ScriptPool({ threads: 1, limits, threadScript: stub, log: () => undefined });
    try {
      await pool.run(job('warm-up')); // the thread is up: no watchdog steal below
      const first = pool.run(job('sleep')); // keeps the thread busy so the next two travel in one batch
      const held = pool.run(job('hold:a'));
      const crash = pool.run(job('crash'));
      expect((await first).output).toBe('sleep');
      expect((await crash).error?.kind).toBe('internal');
      expect((await held).output).toBe('hold:a');
    } finally {
      await pool.close();
    }
  });
});

describe('ScriptPool memory limit', () => {
  let pool: ScriptPool;
  beforeAll(() => {
    pool = new ScriptPool({ threads: 1, limits, maxOldGenerationSizeMb: 32, log: () => undefined });
  });
  afterAll(async () => pool.close());

  it('a memory bomb kills only its thread: limit error, then the pool works again', async () => {
    const r = await pool.run(job('let b = []; loop { b.push([1, 2, 3, 4, 5, 6, 7, 8]); }', 30_000));
    expect(r.status).toBe('error');
    expect(r.error?.kind).toBe('limit');
    expect((await pool.run(job('40 + 2'))).output).toBe('42');
  }, 30_000);
});
