#!/usr/bin/env node
/**
 * Resident memory of the gateway with idle WebSocket connections (npm run bench:idle; builds
 * first). Prints numbers, asserts nothing.
 *
 * Starts `dist/main.js` (embedded mode unless BENCH_IDLE_REDIS=1, which also starts a
 * redis-server), opens connections from a separate client process (so the client's memory is
 * not counted) and reads the gateway's VmRSS from /proc after each step settles. Each step also
 * checks one `ping` on the newest connection, so the connections are really served.
 *
 * Env: BENCH_IDLE_STEPS (default 0,1000,5000,10000), BENCH_IDLE_SETTLE_MS (default 1500),
 *      WORKER_THREADS (passed to the gateway), BENCH_IDLE_REDIS=1 (Redis mode),
 *      BENCH_IDLE_NODE_ARGS (extra node flags for the gateway, e.g. V8 heap options).
 * The client process needs one file descriptor per connection (ulimit -n).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort, sleep, startProcess } from './lib/processes.mjs';

const SELF = fileURLToPath(import.meta.url);

// ---- driver ----------------------------------------------------------------------------------
const rssMb = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function main() {
  const steps = (process.env.BENCH_IDLE_STEPS ?? '0,1000,5000,10000').split(',').map(Number);
  const settleMs = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 1500);
  const procs = [];
  try {
    const env = { HOST: '127.0.0.1', REDIS_URL: '' };
    let mode = 'embedded';
    if (process.env.BENCH_IDLE_REDIS === '1') {
      const rport = await freePort();
      procs.push(await startProcess({ name: 'redis-server', cmd: 'redis-server', args: ['--port', String(rport), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], ready: /Ready to accept/ }));
      env.REDIS_URL = `redis://127.0.0.1:${rport}`;
      mode = 'Redis';
    }
    const port = await freePort();
    env.PORT = String(port);
    const nodeArgs = (process.env.BENCH_IDLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const gw = await startProcess({ name: 'gateway', cmd: process.execPath, args: [...nodeArgs, 'dist/main.js'], env, ready: /listening on/ });
    procs.unshift(gw);
    const client = fork(SELF, ['client', `ws://127.0.0.1:${port}/ws`], { stdio: 'inherit' });
    procs.push(client);
    const next = () => new Promise((resolve) => client.once('message', resolve));
    await next(); // ready
    await sleep(settleMs);
    console.log(`idle connections: gateway (${mode} mode, WORKER_THREADS=${process.env.WORKER_THREADS ?? 'default'}), ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log('| connections | gateway RSS MB | KB per connection (vs 0) |');
    console.log('|---|---|---|');
    let base;
    for (const target of steps) {
      client.send({ target });
      const r = await next();
      if (r.error || !r.ok) throw new Error(`client: ${r.error ?? 'ping failed'}`);
      await sleep(settleMs);
      const rss = rssMb(gw.pid);
      base ??= rss;
      const per = r.open > 0 ? (((rss - base) * 1024) / r.open).toFixed(1) : '-';
      console.log(`| ${r.open} | ${rss.toFixed(1)} | ${per} |`);
    }
  } finally {
    for (const p of procs) {
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }
  }
}

// ---- client role: opens connections on request, keeps them idle ----------------------------
async function clientRole() {
  const { WebSocket } = await import('ws');
  const url = process.argv[3];
  const socks = [];
  const open = () =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const ping = (ws) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no pong within 5 s')), 5000);
      ws.once('message', (d) => {
        clearTimeout(t);
        resolve(JSON.parse(d.toString()).result === 'pong');
      });
      ws.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    });
  process.on('message', async ({ target }) => {
    try {
      while (socks.length < target) {
        // Open in bursts of 200: fast, but without a SYN flood on the listen backlog.
        const n = Math.min(200, target - socks.length);
        socks.push(...(await Promise.all(Array.from({ length: n }, open))));
      }
      const ok = socks.length === 0 || (await ping(socks[socks.length - 1]));
      process.send({ open: socks.length, ok });
    } catch (e) {
      process.send({ error: String(e) });
    }
  });
  process.send({ ready: true });
}

if (process.argv[2] === 'client') await clientRole();
else await main();
