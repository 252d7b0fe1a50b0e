/**
 * Runs ../shared/rhai-conformance in-process (one test per case, same passing
 * rule as the suite's README) and once through the suite's own runner with the
 * built rhai-run CLI.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine, EngineError, displayValue } from '../../src/engine/index.js';

const repoRoot = resolve(process.cwd());
const suite = resolve(repoRoot, '../shared/rhai-conformance');
const haveSuite = existsSync(suite);

function cases(): string[] {
  return readdirSync(suite)
    .filter((f) => f.endsWith('.rhai'))
    .sort()
    .map((f) => f.slice(0, -5));
}

function runCase(name: string): { out: string; error: EngineError | null } {
  const src = readFileSync(join(suite, name + '.rhai'), 'utf8');
  const lines: string[] = [];
  try {
    new Engine().run(src, { sourceName: name + '.rhai', onPrint: (s) => lines.push(s) });
    return { out: lines.map((l) => l + '\n').join(''), error: null };
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { out: lines.map((l) => l + '\n').join(''), error: e };
  }
}

if (!haveSuite) {
  test.skip(`rhai-conformance suite not found at ${suite}: conformance cases skipped`, () => {});
} else {
  describe('rhai conformance (in-process)', () => {
    for (const name of cases()) {
      test(name, () => {
        const outFile = join(suite, name + '.out');
        const { out, error } = runCase(name);
        if (existsSync(outFile)) {
          expect(error?.fullMessage ?? null).toBeNull();
          expect(out).toBe(readFileSync(outFile, 'utf8'));
        } else {
          const expected = readFileSync(join(suite, name + '.err'), 'utf8').split('\n')[0];
          const kind = expected.includes(':') ? expected.slice(0, expected.indexOf(':')) : expected;
          expect(error).not.toBeNull();
          expect(error!.bareMessage).toContain(kind);
          expect(out).toBe('');
        }
      });
    }
  });

  test('rhai conformance through run-conformance.sh and dist/engine/cli/rhai-run.js: 0 failed', () => {
    const cli = join(repoRoot, 'dist/engine/cli/rhai-run.js');
    expect(existsSync(cli)).toBe(true);
    const out = execFileSync('bash', [join(suite, 'run-conformance.sh'), suite, '--', 'node', cli], {
      encoding: 'utf8',
      cwd: repoRoot,
    });
    const last = out.trim().split('\n').pop()!;
    expect(last).toMatch(/conformance: \d+ passed, 0 failed, \d+ total/);
  }, 300_000);
}

test('displayValue is exported for clients', () => {
  expect(displayValue(new Engine().run('40 + 2').value)).toBe('42');
});
