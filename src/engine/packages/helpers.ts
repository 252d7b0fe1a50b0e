/**
 * Shared helpers for the built-in packages: argument coercion, Rhai's
 * offset/length arithmetic, and callback invocation with the optional index
 * argument / `this` binding that array methods use.
 */
import { RhaiRuntimeError, runtimeError } from '../errors.js';
import type { NativeCallContext, NativeFn, NativeFnDef, TypeTag } from '../native.js';
import { cloneValue } from '../value-utils.js';
import { FnPtr, RFloat, type Int, type Value } from '../values.js';

/** An Int argument as a JS number (indexes, lengths: precision beyond 2^53 is irrelevant). */
export function num(v: Value): number {
  return typeof v === 'number' ? v : Number(v as bigint);
}

/** A float argument (RFloat) or an int promoted to float. */
export function flt(v: Value): number {
  if (v instanceof RFloat) return v.v;
  return typeof v === 'number' ? v : Number(v as bigint);
}

/**
 * Rhai's calc_offset_len: a negative start counts from the end (clamped to 0);
 * a start past the end gives (length, 0); len is clamped to what remains.
 */
export function calcOffsetLen(length: number, start: number, len: number): [number, number] {
  let s: number;
  if (start < 0) {
    s = length - Math.min(-start, length);
  } else if (start >= length) {
    return [length, 0];
  } else s = start;
  const l = len <= 0 ? 0 : len > length - s ? length - s : len;
  return [s, l];
}

/** Rhai's calc_index: a negative index counts from the end; -1 when out of range. */
export function calcIndex(length: number, index: number): number {
  if (index < 0) return -index <= length ? length + index : -1;
  return index < length ? index : -1;
}

/** Range arguments as [start, len] like Rhai's *_range wrappers (start clamped at 0). */
export function rangeStartLen(start: Int, end: Int, inclusive: boolean): [number, number] {
  const s = Math.max(num(start), 0);
  const e = Math.max(num(end), s);
  return [s, e - s + (inclusive ? 1 : 0)];
}

/** Callback arity as the engine reports it (-1 when unknown, e.g. a native function name). */
export function arityOf(ctx: NativeCallContext, fn: FnPtr | string): number {
  return ctx.fnArity(fn);
}

/**
 * Calls a callback for array elements the way Rhai's array methods do
 * (call_raw_with_extra_args): optional leading argument (reduce's
 * accumulator), then the element, then the index if the callback takes one
 * more parameter; a callback with no element parameter gets the element as
 * `this` (written back). One instance per native call: the argument arrays
 * are reused for every element (callees copy arguments into their frames).
 */
export class ItemCaller {
  readonly arity: number;
  private readonly one: Value[] = [undefined];
  private readonly two: Value[] = [undefined, undefined];
  private readonly three: Value[] = [undefined, undefined, undefined];

  constructor(
    private readonly ctx: NativeCallContext,
    private readonly fn: FnPtr | string,
    private readonly hasLead = false,
  ) {
    this.arity = ctx.fnArity(fn);
  }

  call(holder: Value[], i: number, lead?: Value): Value {
    const ctx = this.ctx;
    const fn = this.fn;
    const nLead = this.hasLead ? 1 : 0;
    if (this.arity === nLead && fn instanceof FnPtr) {
      const ref = { value: holder[i] };
      const r = ctx.callFnWithThis(fn, ref, this.hasLead ? [lead] : []);
      holder[i] = ref.value;
      return r;
    }
    // The callee gets a copy of the element (parameters are by value).
    const e = holder[i];
    const item = typeof e === 'object' ? cloneValue(e) : e;
    if (this.arity === nLead + 2) {
      if (this.hasLead) {
        const a = this.three;
        a[0] = lead;
        a[1] = item;
        a[2] = i;
        return ctx.callFn(fn, a);
      }
      const a = this.two;
      a[0] = item;
      a[1] = i;
      return ctx.callFn(fn, a);
    }
    if (this.hasLead) {
      const a = this.two;
      a[0] = lead;
      a[1] = item;
      return ctx.callFn(fn, a);
    }
    const a = this.one;
    a[0] = item;
    return ctx.callFn(fn, a);
  }
}

/** Truthiness of a predicate result: Rhai uses `as_bool().unwrap_or(false)`. */
export function truthy(v: Value): boolean {
  return v === true;
}

/** Is this error one that a native must never swallow (limits, termination)? */
export function isFatal(e: unknown): boolean {
  if (!(e instanceof RhaiRuntimeError)) return true;
  const k = e.kind;
  return (
    k === 'ErrorTooManyOperations' ||
    k === 'ErrorTerminated' ||
    k === 'ErrorStackOverflow' ||
    k === 'ErrorDataTooLarge' ||
    k === 'ErrorSystem'
  );
}

export function arithmeticError(msg: string): RhaiRuntimeError {
  return runtimeError('ErrorArithmetic', msg);
}

/** Flag for natives that change their array/map/blob receiver in place (NativeFnDef.mutatesReceiver). */
export const IN_PLACE = { mutatesReceiver: true } as const;

/** Registers one implementation under several signatures. */
export function defs(
  name: string,
  sigs: TypeTag[][],
  fn: NativeFn,
  flags?: { mutates?: boolean; mutatesReceiver?: boolean; getter?: boolean },
): NativeFnDef[] {
  return sigs.map((params) => ({ name, params, fn, ...flags }));
}

/** Callback parameter tags: a function pointer or a function name. */
export const CALLBACK_TAGS: TypeTag[] = ['fnptr', 'string'];

/** Low 8 bits of an int (blob bytes). */
export function byte(v: Value): number {
  return typeof v === 'number' ? v & 0xff : Number(BigInt.asUintN(8, v as bigint));
}

/** `a.append(b)` and `a += b` for two arrays: push b's elements onto a, within the array size limit. */
export function appendArray(c: NativeCallContext, a: Value[]): Value {
  const arr = a[0] as Value[];
  const more = a[1] as Value[];
  c.checkArraySize(arr.length + more.length);
  for (let i = 0; i < more.length; i++) arr.push(more[i]);
  return undefined;
}
