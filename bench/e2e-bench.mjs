#!/usr/bin/env node
/**
 * End-to-end `play` benchmark (npm run bench:e2e; builds first). Prints numbers, asserts nothing.
 *
 * Scenarios, in one run on loopback: a bare `ws` JSON-RPC echo server (the floor), circle-ws in
 * embedded mode, the relay hop (bench/relay-hop.mjs: a ws server LPUSHes each request, a second
 * process blocked in BLMPOP PUBLISHes the answer back — the floor for a gateway with a separate
 * worker), circle-ws in Redis mode (gateway + 1 worker process + a redis-server started here).
 * For each: 1 client x 1 in flight → p50/p99 latency; 64 clients x 4 in flight → throughput.
 * Script `40 + 2`. The load generator runs in this process (it shares the cores).
 *
 * Env: BENCH_SECONDS (default 5), BENCH_WARMUP_S (default 1),
 *      BENCH_SCENARIOS (default echo,embedded,relay,redis), BENCH_RUNS (default 1: with more,
 *      every scenario runs that many times, interleaved, and the medians are printed),
 *      WORKER_THREADS for both circle-ws modes (default: the server's default),
 *      BENCH_GATEWAY_NODE_ARGS (extra node flags for the circle-ws gateway, e.g. V8 heap options).
 */
import os from 'node:os';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort, sleep, startProcess } from './lib/processes.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 1);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'echo,embedded,relay,redis').split(',');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
const SCRIPT = '40 + 2';
const children = [];

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

async function startEcho() {
  const port = await freePort();
  const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws' });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { output: '42' } }));
    }),
  );
  await new Promise((r) => wss.once('listening', r));
  return { url: `ws://127.0.0.1:${port}/ws`, stop: () => new Promise((r) => wss.close(r)) };
}

function threadsEnv() {
  return process.env.WORKER_THREADS ? { WORKER_THREADS: process.env.WORKER_THREADS } : {};
}

async function startEmbedded() {
  const port = await freePort();
  const gw = await startProcess({ name: 'gateway', cmd: process.execPath, args: [...GATEWAY_NODE_ARGS, 'dist/main.js'], env: { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: '', ...threadsEnv() }, ready: /listening on/, children });
  return { url: `ws://127.0.0.1:${port}/ws`, stop: () => stopProcess(gw) };
}

async function startRedisServer() {
  const rport = await freePort();
  const redis = await startProcess({ name: 'redis-server', cmd: 'redis-server', args: ['--port', String(rport), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], ready: /Ready to accept connections/, children });
  return { redis, url: `redis://127.0.0.1:${rport}` };
}

async function startRelay() {
  const { redis, url } = await startRedisServer();
  const consumer = await startProcess({ name: 'relay consumer', cmd: process.execPath, args: ['bench/relay-hop.mjs', 'consumer', url], ready: /ready/, children });
  const port = await freePort();
  const server = await startProcess({ name: 'relay server', cmd: process.execPath, args: ['bench/relay-hop.mjs', 'server', String(port), url], ready: /listening on/, children });
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    stop: async () => {
      await stopProcess(server);
      await stopProcess(consumer);
      await stopProcess(redis);
    },
  };
}

async function startRedisMode() {
  const { redis, url } = await startRedisServer();
  const worker = await startProcess({ name: 'worker', cmd: process.execPath, args: ['dist/worker-main.js'], env: { REDIS_URL: url, ...threadsEnv() }, ready: /ready/, children });
  const port = await freePort();
  const gw = await startProcess({ name: 'gateway', cmd: process.execPath, args: [...GATEWAY_NODE_ARGS, 'dist/main.js'], env: { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: url }, ready: /listening on/, children });
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    stop: async () => {
      await stopProcess(gw);
      await stopProcess(worker);
      await stopProcess(redis);
    },
  };
}

/** A client keeping `depth` plays in flight until `until()` is false; records completions. */
async function client(url, depth, stats, phase) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const sent = new Map();
  let errors = 0;
  const send = () => {
    const i = ++id;
    sent.set(i, process.hrtime.bigint());
    ws.send(`{"jsonrpc":"2.0","id":${i},"method":"play","params":{"script":${JSON.stringify(SCRIPT)}}}`);
  };
  await new Promise((resolve) => {
    let inFlight = 0;
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      const t0 = sent.get(m.id);
      sent.delete(m.id);
      inFlight--;
      if (m.error || m.result?.output !== '42') errors++;
      else if (phase.measuring) {
        stats.count++;
        if (stats.lat) stats.lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      if (phase.running) {
        send();
        inFlight++;
      } else if (inFlight === 0) resolve();
    });
    for (let k = 0; k < depth; k++) {
      send();
      inFlight++;
    }
  });
  stats.errors += errors;
  ws.close();
}

async function measure(url, clients, depth, withLatency) {
  const stats = { count: 0, errors: 0, lat: withLatency ? [] : null };
  const phase = { running: true, measuring: false };
  const all = Array.from({ length: clients }, () => client(url, depth, stats, phase));
  await sleep(WARMUP_S * 1000);
  phase.measuring = true;
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  phase.measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  phase.running = false;
  await Promise.all(all);
  const res = { throughput: stats.count / elapsed, errors: stats.errors };
  if (withLatency) {
    stats.lat.sort((a, b) => a - b);
    const q = (p) => stats.lat[Math.min(stats.lat.length - 1, Math.floor(p * stats.lat.length))];
    res.p50 = q(0.5);
    res.p99 = q(0.99);
  }
  return res;
}

const STARTERS = { echo: startEcho, embedded: startEmbedded, relay: startRelay, redis: startRedisMode };
const LABELS = {
  echo: 'bare ws echo (floor)',
  embedded: 'circle-ws embedded',
  relay: 'relay hop: LPUSH → BLMPOP → PUBLISH (Redis floor)',
  redis: 'circle-ws Redis (gw + 1 worker)',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`e2e bench: script ${JSON.stringify(SCRIPT)}, ${WARMUP_S} s warm-up + ${SECONDS} s per figure, loopback, ${RUNS} run(s); load average ${load}`);
  const runs = Object.fromEntries(SCENARIOS.map((n) => [n, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const name of SCENARIOS) {
      const target = await STARTERS[name]();
      try {
        await sleep(300);
        const lat = await measure(target.url, 1, 1, true);
        const thr = await measure(target.url, 64, 4, false);
        runs[name].push({ p50: lat.p50, p99: lat.p99, rps1: lat.throughput, rps64: thr.throughput, errors: lat.errors + thr.errors });
        console.log(`  ${name} run ${run + 1}: p50 ${lat.p50.toFixed(3)} ms, 64x4 ${Math.round(thr.throughput)} req/s`);
      } finally {
        await target.stop();
      }
    }
  }
  const rows = SCENARIOS.map((name) => {
    const rs = runs[name];
    const m = (k) => median(rs.map((r) => r[k]));
    return { name, p50: m('p50'), p99: m('p99'), rps1: m('rps1'), rps64: m('rps64'), errors: rs.reduce((a, r) => a + r.errors, 0) };
  });
  const echo = rows.find((r) => r.name === 'echo');
  const relay = rows.find((r) => r.name === 'relay');
  const ratio = (r, base) => (base ? (r.rps64 / base.rps64).toFixed(2) : '-');
  console.log('');
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}${RUNS > 1 ? `; medians of ${RUNS} runs` : ''}`);
  console.log('| scenario | 1x1 p50 ms | 1x1 p99 ms | 1x1 req/s | 64x4 req/s | 64x4 vs echo | 64x4 vs relay | p50 vs relay | errors |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const p50r = relay ? (r.p50 / relay.p50).toFixed(2) : '-';
    console.log(`| ${LABELS[r.name]} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${Math.round(r.rps1)} | ${Math.round(r.rps64)} | ${ratio(r, echo)} | ${ratio(r, relay)} | ${p50r} | ${r.errors} |`);
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await Promise.all(children.map((c) => stopProcess(c).catch(() => {})));
  });
