/**
 * Starts a real, throw-away redis-server on a free loopback port for tests.
 * Fails loudly when redis-server is missing: tests never skip silently.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './app-process.js';

export interface RedisServerHandle {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Start again on the same port (empty data set). */
  restart(): Promise<void>;
}

/** Send PING over a raw socket; true when +PONG comes back. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export async function startRedisServer(binary = process.env.REDIS_SERVER_BIN ?? 'redis-server'): Promise<RedisServerHandle> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let stderr = '';

  const launch = async (): Promise<void> => {
    stderr = '';
    const c = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    c.stderr?.on('data', (d) => (stderr += d.toString()));
    const spawnError = new Promise<Error>((resolve) => c.once('error', resolve));
    const exited = new Promise<'exit'>((res) => c.once('exit', () => res('exit')));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = await Promise.race([ping(port), spawnError, exited]);
      if (r === true) return;
      if (r instanceof Error) throw new Error(`cannot start ${binary} (is redis-server installed?): ${r.message}`);
      if (r === 'exit') throw new Error(`${binary} exited at start on port ${port}: ${stderr}`);
      if (Date.now() > deadline) {
        c.kill('SIGKILL');
        throw new Error(`${binary} did not answer PING on port ${port} within 10 s: ${stderr}`);
      }
      await new Promise((res) => setTimeout(res, 20));
    }
  };

  const stop = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
