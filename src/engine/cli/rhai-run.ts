#!/usr/bin/env node
/**
 * rhai-run: runs one Rhai script with the TypeScript engine.
 *   rhai-run [options] FILE | rhai-run [options] -e CODE
 * print → stdout, debug → stderr; errors → stderr with "(line L, position C)", exit 1.
 * Options: --value, --max-ops N, --max-call N, --max-expr N, --max-fn-expr N,
 *          --max-string N, --max-array N, --max-map N, --max-vars N
 */
import { readFileSync, realpathSync, writeSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import type { EngineLimits } from '../api.js';
import { displayValue } from '../format.js';

const LIMIT_FLAGS: Record<string, keyof EngineLimits> = {
  '--max-ops': 'maxOperations',
  '--max-call': 'maxCallLevels',
  '--max-expr': 'maxExprDepth',
  '--max-fn-expr': 'maxFunctionExprDepth',
  '--max-string': 'maxStringSize',
  '--max-array': 'maxArraySize',
  '--max-map': 'maxMapSize',
  '--max-vars': 'maxVariables',
};

/** Buffered writer: one write syscall per ~64 KB instead of one per print. */
class Out {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}
  line(s: string): void {
    this.buf.push(s, '\n');
    this.size += s.length + 1;
    if (this.size > 65536) this.flush();
  }
  flush(): void {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.size = 0;
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.fd, data, off, data.length - off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      }
    }
  }
}

/** The source name the reference gives a script: its real path, relative to the working directory when inside it. */
function sourcePath(file: string): string {
  try {
    const abs = realpathSync(file);
    const rel = relative(realpathSync(process.cwd()), abs);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  } catch {
    return file;
  }
}

function usage(): never {
  process.stderr.write('usage: rhai-run [--value] [--max-ops N ...] FILE | -e CODE\n');
  process.exit(2);
}

function main(argv: string[]): number {
  const limits: Partial<EngineLimits> = {};
  let code: string | undefined;
  let file: string | undefined;
  let showValue = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e') code = argv[++i];
    else if (a === '--value') showValue = true;
    else if (a in LIMIT_FLAGS) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) usage();
      limits[LIMIT_FLAGS[a]] = n;
    } else if (a.startsWith('-') && a !== '-') usage();
    else file = a;
  }
  if (code === undefined) {
    if (file === undefined) usage();
    try {
      code = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      process.stderr.write(`rhai-run: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const out = new Out(1);
  const err = new Out(2);
  const engine = new Engine(limits);
  const sourceName = file && file !== '-' ? sourcePath(file) : undefined;
  try {
    const r = engine.run(code, {
      sourceName,
      onPrint: (s) => out.line(s),
      onDebug: (s) => {
        out.flush();
        err.line(s);
        err.flush();
      },
    });
    if (showValue) out.line(displayValue(r.value));
    out.flush();
    return 0;
  } catch (e) {
    out.flush();
    const msg = e instanceof EngineError ? e.fullMessage : `Internal error: ${String(e)}`;
    err.line(msg);
    err.flush();
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
