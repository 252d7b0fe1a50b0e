#!/usr/bin/env node
/**
 * CPU time per request of each process under 64x4 load (node bench/cpu-per-request.mjs [redis|relay];
 * run `npm run build` first). On a machine with few cores the processes' CPU per request, not
 * waiting, bounds the throughput, and it is less sensitive to busy neighbours than req/s.
 *
 *   redis  redis-server + dist/worker-main.js + dist/main.js (Redis mode)
 *   relay  redis-server + bench/relay-hop.mjs consumer + server (the floor)
 *
 * Reads utime+stime of each child from /proc (all its threads) before and after a measuring
 * window. Env: BENCH_SECONDS (default 5), WORKER_THREADS, WORKER_PREFETCH (passed to the worker),
 * CPU_PROFILE=1 (write V8 CPU profiles of the gateway and worker to ./cpu-profiles/). Linux only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { freePort, startProcess } from './lib/processes.mjs';

const MODE = process.argv[2] ?? 'redis';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TICKS = 100; // USER_HZ on Linux
const children = [];
// timeoutMs: 0 below: this script never had a readiness timeout.

/** CPU seconds (user + system, all threads) of a process. */
function cpuSeconds(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

async function main() {
  const rport = await freePort();
  await startProcess({ name: 'redis', cmd: 'redis-server', args: ['--port', String(rport), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], ready: /Ready to accept/, children, timeoutMs: 0 });
  const url = `redis://127.0.0.1:${rport}`;
  const port = await freePort();
  const prof = (dir) => (process.env.CPU_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join('cpu-profiles', dir)}`] : []);
  if (MODE === 'redis') {
    const pass = Object.fromEntries(['WORKER_THREADS', 'WORKER_PREFETCH'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
    await startProcess({ name: 'worker', cmd: process.execPath, args: [...prof('worker'), 'dist/worker-main.js'], env: { REDIS_URL: url, ...pass }, ready: /ready/, children, timeoutMs: 0 });
    await startProcess({ name: 'gateway', cmd: process.execPath, args: [...prof('gateway'), 'dist/main.js'], env: { REDIS_URL: url, PORT: String(port), HOST: '127.0.0.1' }, ready: /listening on/, children, timeoutMs: 0 });
  } else if (MODE === 'relay') {
    await startProcess({ name: 'consumer', cmd: process.execPath, args: ['bench/relay-hop.mjs', 'consumer', url], ready: /ready/, children, timeoutMs: 0 });
    await startProcess({ name: 'server', cmd: process.execPath, args: ['bench/relay-hop.mjs', 'server', String(port), url], ready: /listening on/, children, timeoutMs: 0 });
  } else {
    throw new Error(`unknown mode ${MODE} (redis | relay)`);
  }

  const phase = { running: true, measuring: false, count: 0 };
  const sockets = [];
  for (let c = 0; c < 64; c++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    sockets.push(ws);
    let id = 0;
    const send = () => ws.send(`{"jsonrpc":"2.0","id":${++id},"method":"play","params":{"script":"40 + 2"}}`);
    ws.on('message', () => {
      if (phase.measuring) phase.count++;
      if (phase.running) send();
    });
    for (let k = 0; k < 4; k++) send();
  }
  await new Promise((r) => setTimeout(r, 1000)); // warm-up
  const before = children.map((c) => cpuSeconds(c.pid));
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  phase.measuring = true;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  phase.measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const after = children.map((c) => cpuSeconds(c.pid));
  const self = process.cpuUsage(self0);
  phase.running = false;
  const n = phase.count;
  console.log(`${MODE}: ${Math.round(n / elapsed)} req/s over ${elapsed.toFixed(1)} s, load average ${os.loadavg()[0].toFixed(2)}`);
  let total = 0;
  const row = (label, sec) => {
    total += sec;
    console.log(`  ${label.padEnd(9)} ${((sec / elapsed) * 100).toFixed(0).padStart(4)} % CPU  ${((sec / n) * 1e6).toFixed(1).padStart(7)} µs/request`);
  };
  children.forEach((c, i) => row(c.label, after[i] - before[i]));
  row('loadgen', (self.user + self.system) / 1e6);
  console.log(`  ${'total'.padEnd(9)} ${((total / elapsed) * 100).toFixed(0).padStart(4)} % CPU  ${((total / n) * 1e6).toFixed(1).padStart(7)} µs/request`);
  for (const ws of sockets) ws.terminate();
}

async function stopAll() {
  // SIGTERM first so that --cpu-prof can write its profiles; redis last.
  for (const c of children.reverse()) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(c.label === 'redis' ? 'SIGKILL' : 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(stopAll);
