#!/usr/bin/env node
/**
 * Where does a Redis-mode `play` spend its time? (node bench/trace-redis-play.mjs; run
 * `npm run build` first.) Starts redis-server, one worker and one gateway, warms up with
 * sequential plays (prints their p50/p90), then traces a few plays through Redis `MONITOR`:
 * every command with its connection and the µs since the play's first command, so the gaps
 * between submit, take, record read, finish and the reply read are visible.
 * MONITOR itself slows Redis down: read the gaps, not the totals. Asserts nothing.
 *
 * Env: TRACE_PLAYS (default 3), WORKER_THREADS (passed to the worker).
 */
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { freePort, startProcess } from './lib/processes.mjs';

const PLAYS = Number(process.env.TRACE_PLAYS ?? 3);
const children = [];
// timeoutMs: 0 below: this script never had a readiness timeout.

async function main() {
  const rport = await freePort();
  await startProcess({ name: 'redis-server', cmd: 'redis-server', args: ['--port', String(rport), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], ready: /Ready to accept/, children, timeoutMs: 0 });
  const url = `redis://127.0.0.1:${rport}`;
  const threads = process.env.WORKER_THREADS ? { WORKER_THREADS: process.env.WORKER_THREADS } : {};
  await startProcess({ name: 'worker', cmd: process.execPath, args: ['dist/worker-main.js'], env: { REDIS_URL: url, ...threads }, ready: /ready/, children, timeoutMs: 0 });
  const port = await freePort();
  await startProcess({ name: 'gateway', cmd: process.execPath, args: ['dist/main.js'], env: { REDIS_URL: url, PORT: String(port), HOST: '127.0.0.1' }, ready: /listening on/, children, timeoutMs: 0 });

  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  let id = 0;
  const play = () =>
    new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      ws.once('message', () => resolve(Number(process.hrtime.bigint() - t0) / 1000));
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'play', params: { script: '40 + 2' } }));
    });
  const lat = [];
  for (let i = 0; i < 2000; i++) lat.push(await play());
  lat.sort((a, b) => a - b);
  console.log(`2000 sequential plays without MONITOR: p50 ${lat[1000].toFixed(0)} µs, p90 ${lat[1800].toFixed(0)} µs`);

  const admin = new Redis(url);
  const mon = await admin.monitor();
  const lines = [];
  mon.on('monitor', (time, args, source) => lines.push({ t: Number(time), cmd: args.slice(0, 3).join(' ').slice(0, 70), source }));
  await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < PLAYS; i++) {
    lines.length = 0;
    const us = await play();
    await new Promise((r) => setTimeout(r, 50));
    console.log(`\n--- play ${i + 1}: ${us.toFixed(0)} µs at the client (with MONITOR on)`);
    const t0 = lines[0]?.t ?? 0;
    for (const l of lines) console.log(`${((l.t - t0) * 1e6).toFixed(0).padStart(7)} µs  ${l.source.padEnd(17)} ${l.cmd}`);
  }
  mon.disconnect();
  admin.disconnect();
  ws.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children.reverse()) c.kill('SIGKILL');
  });
