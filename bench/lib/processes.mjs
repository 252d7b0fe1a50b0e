/**
 * Process helpers shared by the bench scripts: the repo root, a free loopback port, sleep, and
 * spawning a child that counts as started once its output matches a ready pattern.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (children run there, so `dist/…` and `bench/…` paths are relative to it). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawn `cmd args` in ROOT (env = process.env + NO_COLOR=1 + `env`, stdout/stderr piped) and
 * resolve with the child once stdout+stderr so far match `ready`; reject if it exits first or,
 * when `timeoutMs` is non-zero, is not ready in time. The child is pushed onto `children` (if
 * given) as soon as it is spawned, so callers can clean up after a failed start too; it also
 * gets `label = name`.
 */
export function startProcess({ name, cmd, args, env = {}, ready, children, timeoutMs = 30_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.label = name;
    children?.push(child);
    let out = '';
    const timer = timeoutMs ? setTimeout(() => reject(new Error(`${name} not ready in ${timeoutMs / 1000} s:\n${out}`)), timeoutMs) : undefined;
    const onData = (d) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${out}`));
    });
    child.once('error', reject);
  });
}
