/**
 * Every error the engine raises is an EngineError: a syntax error found before
 * anything runs, or a runtime error (including limit violations and `throw`).
 * Nothing else may escape Engine.run/compile: a raw JS exception from inside
 * the engine is a bug and is wrapped as a runtime error by the engine API.
 */
import type { Value } from './values.js';

export interface Position {
  line: number; // 1-based
  column: number; // 1-based (the reference calls it "position")
}

export const NO_POSITION: Position = { line: 0, column: 0 };

/** Rhai's EvalAltResult variant names, as seen in `catch (e) e.error`. */
export type RuntimeErrorKind =
  | 'ErrorArithmetic'
  | 'ErrorArrayBounds'
  | 'ErrorStringBounds'
  | 'ErrorBitFieldBounds'
  | 'ErrorVariableNotFound'
  | 'ErrorFunctionNotFound'
  | 'ErrorPropertyNotFound'
  | 'ErrorIndexNotFound'
  | 'ErrorMismatchDataType'
  | 'ErrorMismatchOutputType'
  | 'ErrorIndexingType'
  | 'ErrorFor'
  | 'ErrorDotExpr'
  | 'ErrorUnboundThis'
  | 'ErrorAssignmentToConstant'
  | 'ErrorNonPureMethodCallOnConstant'
  | 'ErrorStackOverflow'
  | 'ErrorTooManyOperations'
  | 'ErrorTooManyVariables'
  | 'ErrorDataTooLarge'
  | 'ErrorModuleNotFound'
  | 'ErrorInFunctionCall'
  | 'ErrorParsing'
  | 'ErrorRuntime' // `throw value`
  | 'ErrorTerminated' // stopped by the host (deadline, cancellation)
  | 'ErrorCustomSyntax'
  | 'ErrorSystem';

export abstract class EngineError extends Error {
  abstract readonly phase: 'syntax' | 'runtime';
  constructor(
    /** The message without position, exactly as the reference prints it. */
    readonly bareMessage: string,
    public position: Position = NO_POSITION,
  ) {
    super(bareMessage);
  }
  /** `<message> (line L, position C)` as the reference formats it. */
  get fullMessage(): string {
    return this.position.line > 0
      ? `${this.bareMessage} (line ${this.position.line}, position ${this.position.column})`
      : this.bareMessage;
  }
  override toString(): string {
    return this.fullMessage;
  }
}

/** A compile-time error. bareMessage starts with "Syntax error: " where the reference's does. */
export class RhaiSyntaxError extends EngineError {
  readonly phase = 'syntax' as const;
  override name = 'RhaiSyntaxError';
}

/** One script-function call an error escaped from (Rhai's ErrorInFunctionCall). */
export interface CallFrameInfo {
  /** Function name; closures carry their `anon$...` name. */
  fn: string;
  /** Where the call was made (NO_POSITION until a native caller stamps it). */
  position: Position;
  /** Source name of the script, '' when none. */
  source: string;
}

export function isAnonymousFn(name: string): boolean {
  return name.startsWith('anon$');
}

export class RhaiRuntimeError extends EngineError {
  readonly phase = 'runtime' as const;
  override name = 'RhaiRuntimeError';
  /** Calls the error escaped from, innermost first (empty when raised at top level). */
  callStack: CallFrameInfo[] = [];
  constructor(
    readonly kind: RuntimeErrorKind,
    bareMessage: string,
    position: Position = NO_POSITION,
    /** For `throw v` (kind ErrorRuntime): the thrown value, delivered as-is to `catch`. */
    readonly thrown?: Value,
    /** Extra fields for the map a `catch` sees (e.g. index, length). */
    readonly extra?: Record<string, Value>,
  ) {
    super(bareMessage, position);
  }

  /** The message and position of the error itself, then one line per call it escaped from. */
  override get fullMessage(): string {
    return super.fullMessage + this.callLines();
  }

  /** fullMessage without the error's own "(line L, position C)", for hosts that report line/column apart. */
  get messageWithCalls(): string {
    return this.bareMessage + this.callLines();
  }

  private callLines(): string {
    let m = '';
    for (const c of this.callStack) m += '\n' + callLine(c);
    return m;
  }

  /** The position reported for the whole error: the outermost call's when wrapped. */
  get outerPosition(): Position {
    const n = this.callStack.length;
    return n > 0 ? this.callStack[n - 1].position : this.position;
  }
}

function callLine(c: CallFrameInfo): string {
  let m = isAnonymousFn(c.fn) ? 'in closure call' : `in call to function '${c.fn}'`;
  if (c.source !== '') m += ` @ '${c.source}'`;
  if (c.position.line > 0) m += ` (line ${c.position.line}, position ${c.position.column})`;
  return m;
}

/** Position-free constructor used by packages; the evaluator fills the position in. */
export function runtimeError(
  kind: RuntimeErrorKind,
  message: string,
  extra?: Record<string, Value>,
): RhaiRuntimeError {
  return new RhaiRuntimeError(kind, message, NO_POSITION, undefined, extra);
}
