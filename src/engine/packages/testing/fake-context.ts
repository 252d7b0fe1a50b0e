/**
 * A small NativeCallContext for unit-testing packages without the evaluator.
 * Closures are FnPtrs whose `fn` is a JS function (args, thisRef) => Value;
 * function names resolve through `named`, or through ALL_PACKAGES by name.
 */
import { runtimeError } from '../../errors.js';
import type { NativeCallContext, NativeFnDef } from '../../native.js';
import { tagOf } from '../../value-utils.js';
import { FnPtr, type Value } from '../../values.js';

export type JsFn = (args: Value[], thisRef?: { value: Value }) => Value;

/** A closure-like FnPtr; `arity` defaults to 1 (pass it for other arities: JS can't see destructured params). */
export function jsFn(fn: JsFn, arity = 1): FnPtr {
  const p = new FnPtr('anon$test', [], fn);
  ARITY.set(p, arity);
  return p;
}

const ARITY = new WeakMap<FnPtr, number>();

export interface FakeContext extends NativeCallContext {
  printed: string[];
  ticks: number;
  limits: { array: number; string: number; map: number };
}

export function fakeContext(named: Record<string, JsFn> = {}, natives: NativeFnDef[] = []): FakeContext {
  const ctx: FakeContext = {
    printed: [],
    ticks: 0,
    limits: { array: 0, string: 0, map: 0 },
    callFn(fn, args) {
      if (fn instanceof FnPtr) {
        if (typeof fn.fn === 'function') return (fn.fn as JsFn)([...fn.curried, ...args]);
        return callNamed(fn.name, [...fn.curried, ...args]);
      }
      return callNamed(fn, args);
    },
    callFnWithThis(fn, thisRef, args) {
      return (fn.fn as JsFn)(args, thisRef);
    },
    fnArity(fn) {
      if (fn instanceof FnPtr) return ARITY.get(fn) ?? -1;
      return -1;
    },
    checkArraySize(len) {
      if (ctx.limits.array > 0 && len > ctx.limits.array) throw runtimeError('ErrorDataTooLarge', 'Size of array/BLOB too large');
    },
    checkStringSize(len) {
      if (ctx.limits.string > 0 && len > ctx.limits.string) throw runtimeError('ErrorDataTooLarge', 'Length of string too large');
    },
    checkMapSize(len) {
      if (ctx.limits.map > 0 && len > ctx.limits.map) throw runtimeError('ErrorDataTooLarge', 'Size of object map too large');
    },
    print(text) {
      ctx.printed.push(text);
    },
    debug(text) {
      ctx.printed.push(text);
    },
    isScriptFnDefined: (name) => name in named,
    tick(n = 1) {
      ctx.ticks += n;
    },
  };
  function callNamed(name: string, args: Value[]): Value {
    if (name in named) return named[name](args);
    const d = natives.find((x) => x.name === name && x.params.length === args.length && x.params.every((p, i) => p === 'any' || p === tagOf(args[i])));
    if (!d) throw runtimeError('ErrorFunctionNotFound', `Function not found: ${name}`);
    return d.fn(ctx, args);
  }
  return ctx;
}
