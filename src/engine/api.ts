/**
 * The engine's public surface (re-exported by index.ts). The engine is a plain
 * library: it imports nothing from Nest, so worker threads and rhai-run load it
 * directly.
 */
import type { Value } from './values.js';

/** Safety limits, named and defaulted as in the Rust engine's `Engine::new()`. 0 = unlimited. */
export interface EngineLimits {
  maxOperations: number;
  maxCallLevels: number;
  maxExprDepth: number;
  maxFunctionExprDepth: number;
  maxStringSize: number;
  maxArraySize: number;
  maxMapSize: number;
  maxVariables: number;
}

export const DEFAULT_LIMITS: Readonly<EngineLimits> = Object.freeze({
  maxOperations: 0,
  maxCallLevels: 64,
  maxExprDepth: 64,
  maxFunctionExprDepth: 32,
  maxStringSize: 0,
  maxArraySize: 0,
  maxMapSize: 0,
  maxVariables: 0,
});

export interface RunOptions {
  /** Receives each `print(x)` line (display form, no trailing newline). Default: discard. */
  onPrint?: (text: string) => void;
  /** Receives each `debug(x)` line, formatted as the reference: `[source @ ]line:col | <debug form>`. */
  onDebug?: (text: string) => void;
  /** Source name shown in debug output and error reports (rhai-run passes the file name). */
  sourceName?: string;
  /**
   * Progress hook: polled regularly while the script runs (at least every few
   * thousand operations, in every loop and call). Returning a string stops the
   * script with an ErrorTerminated runtime error carrying that reason.
   */
  interrupt?: () => string | undefined;
}

export interface RunResult {
  /** The script's final value (last expression, `return v`, or `exit(v)`). */
  value: Value;
}
