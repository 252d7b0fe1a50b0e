/**
 * Property test: random token soups and mutated conformance scripts either
 * produce a value or throw an EngineError — never another exception type,
 * never a hang (max operations plus an interrupt budget bound every run).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine, EngineError } from '../../src/engine/index.js';

/** mulberry32: small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  'let', 'const', 'x', 'y', 'f', 'fn', 'if', 'else', 'while', 'loop', 'for', 'in', 'do', 'until', 'break', 'continue',
  'return', 'throw', 'try', 'catch', 'switch', '=>', '_', 'this', 'true', 'false', '()', '0', '1', '-1', '9223372036854775807',
  '1.5', '"s"', "'c'", '`a${x}b`', '#"raw"#', '+', '-', '*', '/', '%', '**', '<<', '>>', '&', '|', '^', '&&', '||', '!', '==',
  '!=', '<', '<=', '>', '>=', '=', '+=', '-=', '??', '?.', '?[', '..', '..=', '(', ')', '[', ']', '{', '}', '#{', ':', ';',
  ',', '.', '::', 'global', 'push', 'len', 'map', '|x|', '||', 'Fn', 'call', 'curry', 'print', 'eval', 'type_of', '++',
  '?', '@', '$', 'var', '\n', '/*', '*/', '//', '"', "'", '`', '${',
];

function runSafely(code: string): void {
  let polls = 0;
  const engine = new Engine({ maxOperations: 20_000, maxStringSize: 10_000, maxArraySize: 10_000, maxMapSize: 1_000 });
  try {
    engine.run(code, { interrupt: () => (++polls > 50 ? 'budget' : undefined) });
  } catch (e) {
    if (!(e instanceof EngineError)) {
      throw new Error(`non-EngineError ${String(e)} for script:\n${code}`);
    }
    // Raw JS exceptions inside the engine are wrapped as System/Internal errors: those are bugs.
    if (/System error|Internal error/.test(e.bareMessage)) {
      throw new Error(`internal error ${e.bareMessage} for script:\n${code}`);
    }
  }
}

describe('fuzz', () => {
  test('random token streams', () => {
    const rnd = prng(12345);
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(rnd() * 40);
      const parts: string[] = [];
      for (let j = 0; j < n; j++) parts.push(TOKENS[Math.floor(rnd() * TOKENS.length)]);
      expect(() => runSafely(parts.join(' '))).not.toThrow();
    }
  });

  test('structured random programs', () => {
    const rnd = prng(777);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const expr = (d: number): string => {
      if (d <= 0) return pick(['x', 'y', '1', '2.5', '"s"', "'c'", '[1, 2]', '#{a: 1}', '()', 'true', '0']);
      switch (Math.floor(rnd() * 8)) {
        case 0:
          return `(${expr(d - 1)} ${pick(['+', '-', '*', '/', '%', '**', '<<', '&', '|', '==', '<', '??', 'in', '..'])} ${expr(d - 1)})`;
        case 1:
          return `${expr(d - 1)}.${pick(['len()', 'push(1)', 'to_string()', 'map(|v| v)', 'abs()', 'type_of()', 'contains(1)'])}`;
        case 2:
          return `${expr(d - 1)}[${expr(d - 1)}]`;
        case 3:
          return `if ${expr(d - 1)} { ${expr(d - 1)} } else { ${expr(d - 1)} }`;
        case 4:
          return `[${expr(d - 1)}, ${expr(d - 1)}]`;
        case 5:
          return `(|z| ${expr(d - 1)}).call(${expr(d - 1)})`;
        case 6:
          return `f(${expr(d - 1)})`;
        default:
          return `-${expr(d - 1)}`;
      }
    };
    for (let i = 0; i < 300; i++) {
      const stmts = [`fn f(a) { a }`, `let x = ${expr(2)};`, `let y = ${expr(2)};`];
      for (let k = 0; k < 3; k++) {
        stmts.push(pick([`x = ${expr(3)};`, `y += ${expr(2)};`, `for i in ${expr(2)} { x = ${expr(2)}; }`, `print(${expr(3)});`]));
      }
      expect(() => runSafely(stmts.join('\n'))).not.toThrow();
    }
  });

  const suite = resolve(process.cwd(), '../shared/rhai-conformance');
  const run = existsSync(suite) ? test : test.skip;
  run(`mutated conformance scripts (${existsSync(suite) ? 'suite found' : 'suite missing: skipped'})`, () => {
    const rnd = prng(4242);
    const scripts = readdirSync(suite)
      .filter((f) => f.endsWith('.rhai'))
      .sort()
      .map((f) => readFileSync(join(suite, f), 'utf8'));
    for (let i = 0; i < 400; i++) {
      let src = scripts[Math.floor(rnd() * scripts.length)];
      const edits = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rnd() * (src.length + 1));
        const r = rnd();
        if (r < 0.33) src = src.slice(0, at) + src.slice(at + 1 + Math.floor(rnd() * 8)); // delete
        else if (r < 0.66) src = src.slice(0, at) + TOKENS[Math.floor(rnd() * TOKENS.length)] + src.slice(at); // insert
        else {
          const from = Math.floor(rnd() * src.length);
          src = src.slice(0, at) + src.slice(from, from + 20) + src.slice(at); // duplicate a chunk
        }
      }
      expect(() => runSafely(src)).not.toThrow();
    }
  });
});
