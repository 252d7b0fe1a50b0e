// Test double for script-thread.js: speaks the pool protocol without the engine.
// "hang" never yields (ignores deadline and cancel), "crash" ends the thread,
// anything else echoes the script as its output.
import { parentPort, workerData } from 'node:worker_threads';

const ring = new Int32Array(workerData.ring);
const RING_SIZE = 256;
parentPort.on('message', (jobs) => {
  for (const job of jobs) {
    const slot = job.seq & (RING_SIZE - 1);
    const pending = (job.seq << 2) | 0;
    if (Atomics.compareExchange(ring, slot, pending, (job.seq << 2) | 1) !== pending) continue;
    if (job.script === 'hang') for (;;);
    if (job.script === 'crash') process.exit(3);
    parentPort.postMessage([{ seq: job.seq, ok: true, output: job.script, value: job.script, valueType: 'string', durationMs: 0 }]);
  }
});
