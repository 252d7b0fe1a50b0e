/**
 * Language built-ins that need the engine rather than a value library:
 * print, debug, type_of, Fn, call, curry, is_def_fn, is_shared, exit.
 * (eval and is_def_var need the call site's scope and are compiled specially.)
 */
import type { Position } from '../errors.js';
import { debugValue, displayValue, typeOfValue } from '../format.js';
import { FnPtr, type Value } from '../values.js';
import { ExitSignal } from './frame.js';
import { mismatch, rtErr } from './errs.js';
import type { Runtime } from './runtime.js';

export const NOT_HANDLED: unique symbol = Symbol('not handled');

export const BUILTIN_NAMES = new Set(['print', 'debug', 'type_of', 'Fn', 'call', 'curry', 'is_def_fn', 'is_shared', 'exit']);

function isIdent(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

export function callBuiltin(rt: Runtime, name: string, args: Value[], pos: Position): Value | typeof NOT_HANDLED {
  const n = args.length;
  switch (name) {
    case 'print':
      if (n !== 1) break;
      rt.print(displayValue(args[0]));
      return undefined;
    case 'debug':
      if (n !== 1) break;
      rt.debug(debugLine(rt, args[0], pos));
      return undefined;
    case 'type_of':
      if (n !== 1) break;
      return typeOfValue(args[0]);
    case 'Fn': {
      if (n !== 1) break;
      const s = args[0];
      if (typeof s !== 'string') throw mismatch('string', s, pos);
      if (!isIdent(s)) throw rtErr('ErrorFunctionNotFound', `Function not found: ${s}`, pos);
      return new FnPtr(s);
    }
    case 'call': {
      if (n < 1) break;
      const fp = args[0];
      if (fp instanceof FnPtr) return rt.callFnPtr(fp, args.slice(1), null, pos);
      if (typeof fp === 'string') return rt.callByName(fp, args.slice(1), null, pos);
      throw mismatch('Fn', fp, pos);
    }
    case 'curry': {
      if (n < 1) break;
      const fp = args[0];
      if (!(fp instanceof FnPtr)) throw mismatch('Fn', fp, pos);
      return new FnPtr(fp.name, [...fp.curried, ...args.slice(1)], fp.fn, fp.captured);
    }
    case 'is_def_fn': {
      if (n !== 2) break;
      const [fname, arity] = args;
      if (typeof fname !== 'string' || typeof arity !== 'number') break;
      return rt.isScriptFnDefined(fname, arity);
    }
    case 'is_shared':
      if (n !== 1) break;
      return false;
    case 'exit':
      if (n > 1) break;
      throw new ExitSignal(n === 1 ? args[0] : undefined);
  }
  return NOT_HANDLED;
}

export function debugLine(rt: Runtime, v: Value, pos: Position): string {
  const src = rt.opts.sourceName;
  return `${src ? src + ' @ ' : ''}${pos.line}:${pos.column} | ${debugValue(v)}`;
}
