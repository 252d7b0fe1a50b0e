/** The rhai-run command line (built file in dist/, as the conformance runner uses it). */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cli = join(resolve(process.cwd()), 'dist/engine/cli/rhai-run.js');

function run(args: string[]): { out: string; err: string; code: number | null } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

describe('rhai-run', () => {
  test('dist build exists (npm test builds first)', () => {
    expect(existsSync(cli)).toBe(true);
  });
  test('-e prints to stdout, debug to stderr, exit 0', () => {
    const r = run(['-e', 'print("hi"); debug(1); print(2)']);
    expect(r.out).toBe('hi\n2\n');
    expect(r.err).toBe('1:14 | 1\n');
    expect(r.code).toBe(0);
  });
  test('--value prints the final value last', () => {
    const r = run(['--value', '-e', 'print("a"); [1, 2.0]']);
    expect(r.out).toBe('a\n[1, 2.0]\n');
  });
  test('runtime errors go to stderr with position, exit 1', () => {
    const r = run(['-e', 'let x = 1;\nx + true']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('Function not found: + (i64, bool) (line 2, position 3)\n');
  });
  test('syntax errors exit 1 before running anything', () => {
    const r = run(['-e', 'print(1); let a = 1 let b = 2;']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain("Syntax error: Expecting ';' to terminate this statement (line 1, position 21)");
  });
  test('limit flags', () => {
    expect(run(['--max-ops', '1000', '-e', 'loop {}']).err).toContain('Too many operations');
    expect(run(['--max-call', '5', '-e', 'fn f(n) { f(n + 1) } f(0)']).err).toContain('Stack overflow');
    expect(run(['--max-string', '3', '-e', '"abcd"']).err).toContain('Length of string exceeds the maximum limit (3)');
    expect(run(['--max-array', '2', '-e', 'let a = []; a.push(1); a.push(2); a.push(3)']).err).toContain(
      'Size of array/BLOB too large',
    );
    expect(run(['--max-vars', '1', '-e', 'let a = 1; let b = 2;']).err).toContain('Too many variables defined');
  });
  test('a missing file is reported', () => {
    const r = run(['/nonexistent/file.rhai']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('cannot read');
  });
});
