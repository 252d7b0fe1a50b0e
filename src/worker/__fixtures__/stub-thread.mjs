// Test double for script-thread.js: speaks the pool protocol without the engine.
// "hang" never yields (ignores deadline and cancel), "crash" ends the thread,
// "sleep" busy-waits 10 ms, "hold:X" finishes but its result is only posted at
// the end of its batch (as the real thread batches results); anything else
// echoes the script as its output.
import { parentPort, workerData } from 'node:worker_threads';

const ring = new Int32Array(workerData.ring);
const RING_SIZE = 256;
const CURRENT_CELL = RING_SIZE;
const result = (job) => ({ seq: job.seq, ok: true, output: job.script, value: job.script, valueType: 'string', durationMs: 0 });
parentPort.on('message', (jobs) => {
  const held = [];
  for (const job of jobs) {
    const slot = job.seq & (RING_SIZE - 1);
    const pending = (job.seq << 2) | 0;
    if (Atomics.compareExchange(ring, slot, pending, (job.seq << 2) | 1) !== pending) continue;
    Atomics.store(ring, CURRENT_CELL, job.seq + 1);
    if (job.script === 'hang') for (;;);
    if (job.script === 'crash') process.exit(3);
    if (job.script === "sleep") for (const end = Date.now() + 10; Date.now() < end; ); // < STEAL_AFTER_MS: nothing is taken back
    Atomics.store(ring, CURRENT_CELL, 0);
    if (job.script.startsWith('hold:')) held.push(result(job));
    else parentPort.postMessage([result(job)]);
  }
  if (held.length) parentPort.postMessage(held);
});
