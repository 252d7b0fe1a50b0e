/**
 * The contract between the evaluator and the packages of built-in functions.
 *
 * A native function receives its arguments as an array. For a method call
 * `x.f(a)` the receiver is args[0] and is passed by reference: arrays, maps
 * and blobs are mutated in place; for immutable JS values (strings, ints,
 * chars) a function registered with `mutates: true` assigns the new value to
 * args[0] and the evaluator writes it back to the receiver variable/element.
 * Every other argument is already a private copy.
 */
import type { FnPtr, Value } from './values.js';

/** Type tags used for overload resolution; 'any' matches every value. */
export type TypeTag =
  | 'unit'
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'char'
  | 'array'
  | 'map'
  | 'blob'
  | 'range' // exclusive
  | 'rangeInclusive'
  | 'fnptr'
  | 'timestamp'
  | 'any';

export interface NativeCallContext {
  /** Call a function pointer / closure / function name with these arguments. */
  callFn(fn: FnPtr | string, args: Value[]): Value;
  /** Call a function pointer with `this` bound to thisRef.value (written back by the callee). */
  callFnWithThis(fn: FnPtr, thisRef: { value: Value }, args: Value[]): Value;
  /** Number of parameters the callee accepts, or -1 if unknown (for optional index args). */
  fnArity(fn: FnPtr | string): number;
  /** Throws the reference's "Size of array/BLOB too large" etc. when a limit is exceeded. */
  checkArraySize(len: number): void;
  checkStringSize(len: number): void;
  checkMapSize(len: number): void;
  /** Output sinks of the running script. */
  print(text: string): void;
  debug(text: string): void;
  /** Is a script function `name` with `arity` parameters defined? */
  isScriptFnDefined(name: string, arity: number): boolean;
  /** Counts work done inside long-running natives (sort, map, ...) against max operations. */
  tick(ops?: number): void;
}

export type NativeFn = (ctx: NativeCallContext, args: Value[]) => Value;

export interface NativeFnDef {
  name: string;
  params: TypeTag[];
  fn: NativeFn;
  /** Writes args[0] back to the receiver (string/int/char receivers). */
  mutates?: boolean;
  /** Changes its array/map/blob receiver args[0] in place (push, sort, mixin, ...). */
  mutatesReceiver?: boolean;
  /** Callable with property syntax `x.name` (getter); e.g. len, bytes, start, end. */
  getter?: boolean;
  /** Register as the setter for property `name` (`x.name = v`), params [receiver, value]. */
  setter?: boolean;
}

/**
 * Rhai's "pure" functions leave their first argument alone. A non-pure native
 * (mutates or mutatesReceiver) cannot be called as a method on a constant.
 */
export function isPure(d: NativeFnDef): boolean {
  return !d.mutates && !d.mutatesReceiver;
}

/** A package is just a list of definitions, registered in one place (packages/index.ts). */
export type Package = NativeFnDef[];
