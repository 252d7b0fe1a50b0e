/** Runtime error construction and position stamping. */
import { EngineError, RhaiRuntimeError, type Position, type RuntimeErrorKind } from '../errors.js';
import { typeNameForMismatch } from '../format.js';
import { RMap, type Value } from '../values.js';
import { isSignal } from './frame.js';

/** Errors whose position was stamped by a call site (natives raise them position-free). */
const stamped = new WeakSet<RhaiRuntimeError>();

export function rtErr(kind: RuntimeErrorKind, msg: string, pos: Position, extra?: Record<string, Value>): RhaiRuntimeError {
  return new RhaiRuntimeError(kind, msg, pos, undefined, extra);
}

export function mismatch(expected: string, actual: Value, pos: Position): RhaiRuntimeError {
  return rtErr('ErrorMismatchDataType', `Data type incorrect: ${typeNameForMismatch(actual)} (expecting ${expected})`, pos);
}

/** Converts anything thrown inside the engine into an EngineError with a position (signals pass through). */
export function withPos(e: unknown, pos: Position): unknown {
  if (e instanceof RhaiRuntimeError) {
    const cs = e.callStack;
    if (cs.length > 0) {
      // Escaped from a script function called by a native (e.g. a closure in `map`).
      const outer = cs[cs.length - 1];
      if (outer.position.line === 0) outer.position = pos;
    } else if (e.position.line === 0 && pos.line > 0) {
      e.position = pos;
      stamped.add(e);
    }
    return e;
  }
  if (e instanceof EngineError || isSignal(e)) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return rtErr('ErrorStackOverflow', 'Stack overflow', pos);
  const msg = e instanceof Error ? e.message : String(e);
  return rtErr('ErrorSystem', `System error: ${msg}`, pos);
}

/** Kinds a script's `catch` cannot intercept (limits and host termination). */
export function isCatchable(e: RhaiRuntimeError): boolean {
  if (e.callStack.length > 0) return true; // ErrorInFunctionCall
  switch (e.kind) {
    case 'ErrorStackOverflow':
    case 'ErrorTooManyOperations':
    case 'ErrorTooManyVariables':
    case 'ErrorDataTooLarge':
    case 'ErrorTerminated':
    case 'ErrorSystem':
    case 'ErrorParsing':
      return false;
    default:
      return true;
  }
}

/** Limit and host errors pass through script-function calls unwrapped (Rhai's system exceptions). */
function isSystemError(e: RhaiRuntimeError): boolean {
  return !isCatchable(e);
}

/**
 * An error escaping a call of script function `fn` made at `pos`: system
 * errors take the call's position, others record the call (ErrorInFunctionCall).
 */
export function escapedCall(e: unknown, fn: string, pos: Position, source: string | undefined): unknown {
  if (!(e instanceof RhaiRuntimeError)) {
    if (isSignal(e)) return e;
    e = withPos(e, pos);
    if (!(e instanceof RhaiRuntimeError)) return e;
  }
  const err = e as RhaiRuntimeError;
  if (isSystemError(err)) {
    if (pos.line > 0) err.position = pos;
  } else err.callStack.push({ fn, position: pos, source: source ?? '' });
  return err;
}

/**
 * An error escaping `eval` text: Rhai wraps every error as a call to 'eval'
 * (so even a syntax error becomes catchable), except that host termination
 * and the operations limit stay uncatchable here so a script cannot outlive them.
 */
export function escapedEval(e: unknown, pos: Position, source: string | undefined): unknown {
  if (isSignal(e)) return e;
  const err = withPos(e, pos);
  if (!(err instanceof RhaiRuntimeError)) return err;
  if (err.kind === 'ErrorTerminated' || err.kind === 'ErrorTooManyOperations') {
    if (pos.line > 0) err.position = pos;
    return err;
  }
  err.callStack.push({ fn: 'eval', position: pos, source: source ?? '' });
  return err;
}

/** The value a `catch (e)` block sees. */
export function errorToValue(e: RhaiRuntimeError, source?: string): Value {
  if (e.kind === 'ErrorRuntime') return e.thrown;
  const m = new RMap();
  const cs = e.callStack;
  if (cs.length > 0) {
    // Rhai's ErrorInFunctionCall: the inner error's text plus all but the outermost call's position.
    const outer = cs[cs.length - 1];
    m.set('error', 'ErrorInFunctionCall');
    m.set('function', outer.fn);
    m.set('source', outer.source);
    const save = outer.position;
    outer.position = { line: 0, column: 0 };
    // As at top level, an error whose position only came from its call site shows none.
    let msg = e.fullMessage;
    if (stamped.has(e)) msg = e.bareMessage + msg.slice(msg.indexOf('\n'));
    m.set('message', msg);
    outer.position = save;
    if (save.line > 0) {
      m.set('line', save.line);
      m.set('position', save.column);
    }
  } else {
    m.set('error', e.kind);
    m.set('message', e.bareMessage);
    if (e.extra) for (const k of Object.keys(e.extra)) m.set(k, e.extra[k]);
    if (e.position.line > 0 && !stamped.has(e)) {
      m.set('line', e.position.line);
      m.set('position', e.position.column);
    }
  }
  if (source !== undefined && source !== '' && !m.has('source')) m.set('source', source);
  return new RMap([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
