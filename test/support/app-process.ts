/**
 * Spawns the built gateway (`node dist/main.js`) or worker
 * (`node dist/worker-main.js`) with the given environment on a free port and
 * waits until it is ready. Build first (`npm test` does via pretest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  /** Everything the process wrote so far (stdout + stderr). */
  output(): string;
  /** Resolves with the exit code (or 128+signal) once the process exits. */
  exited: Promise<number>;
  /** SIGTERM, then SIGKILL after `killAfterMs`; resolves with the exit code. */
  stop(killAfterMs?: number): Promise<number>;
}

export interface GatewayProcess extends AppProcess {
  port: number;
  /** ws://127.0.0.1:PORT/ws */
  url: string;
}

const SIGNALS: Record<string, number> = { SIGTERM: 15, SIGKILL: 9, SIGINT: 2 };

function start(script: string, env: Record<string, string>, ready: RegExp, timeoutMs: number): Promise<AppProcess> {
  const entry = path.join(REPO_ROOT, 'dist', script);
  if (!existsSync(entry)) throw new Error(`${entry} missing: run "npm run build" first`);
  const child = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? 128 + (SIGNALS[signal ?? ''] ?? 0))),
  );
  const proc: AppProcess = {
    child,
    output: () => out,
    exited,
    async stop(killAfterMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready within ${timeoutMs} ms; output:\n${out}`));
    }, timeoutMs);
    const check = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        resolve(proc);
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready; output:\n${out}`));
    });
  });
}

/** Start a gateway on a free port (PORT in env overrides). Ready when it logs "listening on". */
export async function spawnGateway(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<GatewayProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const proc = await start('main.js', { HOST: '127.0.0.1', ...env, PORT: String(port) }, /listening on/, timeoutMs);
  return { ...proc, port, url: `ws://127.0.0.1:${port}/ws` };
}

/** Start a Redis worker process (`npm run worker`). Ready when it logs `ready` (override with `readyPattern`). */
export function spawnWorker(env: Record<string, string> = {}, readyPattern = /ready|consuming|started/i, timeoutMs = 20_000): Promise<AppProcess> {
  return start('worker-main.js', env, readyPattern, timeoutMs);
}

/** Run a process that is expected to fail at start-up; resolves with its exit code and output. */
export function runToExit(script: string, env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', script)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve({ code: code ?? -1, output: out });
    });
  });
}
