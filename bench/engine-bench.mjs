#!/usr/bin/env node
// Engine benchmark: runs each ../shared/rhai-bench/*.rhai through `node dist/engine/cli/rhai-run.js`
// (whole process, like the reference numbers), 5 times; checks stdout against the .out file and
// prints the median time beside the reference time from that folder's README, the ratio, and the
// geometric mean of the ratios. Prints numbers only; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = resolve(repoRoot, '../shared/rhai-bench');
const cli = join(repoRoot, 'dist/engine/cli/rhai-run.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

if (!existsSync(benchDir)) {
  console.log(`no benchmark folder at ${benchDir}`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log(`${cli} missing: run npm run build first`);
  process.exit(1);
}

/** Reference seconds per script, parsed from the README table (| fib.rhai | ... | 0.86 |). */
function referenceTimes() {
  const out = new Map();
  const readme = join(benchDir, 'README.md');
  if (!existsSync(readme)) return out;
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4) continue;
    const name = cells[1];
    const t = Number(cells[cells.length - 2]);
    if (name.endsWith('.rhai') && Number.isFinite(t)) out.set(name, t);
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const refs = referenceTimes();
const scripts = readdirSync(benchDir).filter((f) => f.endsWith('.rhai')).sort();
const rows = [];
for (const s of scripts) {
  const file = join(benchDir, s);
  const expectedFile = file.replace(/\.rhai$/, '.out');
  const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : null;
  const times = [];
  let ok = true;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const t1 = process.hrtime.bigint();
    times.push(Number(t1 - t0) / 1e9);
    if (r.status !== 0 || (expected !== null && r.stdout !== expected)) ok = false;
  }
  const med = median(times);
  const ref = refs.get(s);
  rows.push({ s, med, ref, ratio: ref ? med / ref : undefined, ok });
}

const pad = (x, n) => String(x).padEnd(n);
console.log(`${pad('script', 16)}${pad('median (s)', 12)}${pad('reference (s)', 15)}${pad('ratio', 8)}output`);
for (const r of rows) {
  console.log(
    `${pad(r.s, 16)}${pad(r.med.toFixed(3), 12)}${pad(r.ref?.toFixed(2) ?? '-', 15)}${pad(r.ratio?.toFixed(2) ?? '-', 8)}${r.ok ? 'ok' : 'MISMATCH'}`,
  );
}
const ratios = rows.map((r) => r.ratio).filter((x) => x !== undefined);
if (ratios.length) {
  const gm = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  console.log(`geometric mean of ratios: ${gm.toFixed(3)} (${ratios.length} scripts, ${RUNS} runs each)`);
}
