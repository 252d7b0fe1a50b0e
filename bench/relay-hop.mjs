#!/usr/bin/env node
/**
 * The "relay hop" floor for a gateway with a separate worker (PERFORMANCE.md), used by
 * bench/e2e-bench.mjs. Two roles, each its own process:
 *
 *   node bench/relay-hop.mjs server   <port> <redisUrl>   ws JSON-RPC server: LPUSHes each request
 *                                                         to Redis and answers when the reply is
 *                                                         PUBLISHed back
 *   node bench/relay-hop.mjs consumer <redisUrl>          blocked in BLMPOP (up to 512 per call),
 *                                                         PUBLISHes `{"k":…,"output":"42"}` back
 *
 * No task record, no processing list, no script: the cheapest possible Redis round trip through a
 * second process, against which circle-ws's Redis mode is compared.
 */
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';

const QUEUE = 'bench_relay:requests';
const CHANNEL = 'bench_relay:replies';
const [role, a1, a2] = process.argv.slice(2);

async function server(port, url) {
  const cmd = new Redis(url, { enableAutoPipelining: true });
  const sub = new Redis(url);
  const waiting = new Map(); // key → (output) => void
  let next = 0;
  sub.on('message', (_ch, raw) => {
    const m = JSON.parse(raw);
    const done = waiting.get(m.k);
    if (done) {
      waiting.delete(m.k);
      done(m.output);
    }
  });
  await sub.subscribe(CHANNEL);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(port), path: '/ws', perMessageDeflate: false });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const req = JSON.parse(data.toString());
      const k = ++next;
      waiting.set(k, (output) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { output } })));
      cmd.lpush(QUEUE, JSON.stringify({ k, script: req.params?.script })).catch((e) => console.error(e));
    }),
  );
  wss.once('listening', () => console.log(`relay server listening on ${port}`));
}

async function consumer(url) {
  const blk = new Redis(url);
  const cmd = new Redis(url, { enableAutoPipelining: true });
  await cmd.ping();
  console.log('relay consumer ready');
  for (;;) {
    const res = await blk.blmpop(0, 1, QUEUE, 'RIGHT', 'COUNT', 512);
    if (!res) continue;
    for (const raw of res[1]) {
      const { k } = JSON.parse(raw);
      cmd.publish(CHANNEL, JSON.stringify({ k, output: '42' })).catch((e) => console.error(e));
    }
  }
}

if (role === 'server') await server(a1, a2);
else if (role === 'consumer') await consumer(a1);
else {
  console.error('usage: relay-hop.mjs server <port> <redisUrl> | consumer <redisUrl>');
  process.exit(2);
}
