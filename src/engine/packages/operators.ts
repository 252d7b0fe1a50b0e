/**
 * Operators as native functions. The evaluator inlines int⊕int and
 * float⊕float; everything else resolves here by argument tags. Pairs Rhai
 * does not support stay unregistered so the registry reports
 * `Function not found: + (i64, bool)`.
 */
import { runtimeError } from '../errors.js';
import { displayValue, typeNameForError } from '../format.js';
import {
  addInt,
  andInt,
  divInt,
  modInt,
  mulInt,
  negInt,
  orInt,
  powInt,
  shlInt,
  shrInt,
  subInt,
  xorInt,
} from '../int.js';
import type { NativeCallContext, NativeFnDef, Package, TypeTag } from '../native.js';
import { cloneArray, cloneMap, cloneValue, compareValues, valuesEqual, valuesNotEqual } from '../value-utils.js';
import { RBlob, RChar, RFloat, RMap, RTimestamp, type Int, type Value } from '../values.js';
import { appendArray, byte, defs, flt } from './helpers.js';

type Num2 = (a: number, b: number) => number;

const NUM_MIXES: TypeTag[][] = [
  ['float', 'float'],
  ['int', 'float'],
  ['float', 'int'],
];

function floatOp(name: string, op: Num2): NativeFnDef[] {
  return defs(name, NUM_MIXES, (_c, a) => new RFloat(op(flt(a[0]), flt(a[1]))));
}

/**
 * Comparison operators for every pair: Rhai returns false for values of
 * different types, and only same-type values without an ordering (arrays,
 * maps, ...) raise "Function not found".
 */
function cmpOp(name: string, test: (c: number) => boolean): NativeFnDef {
  return {
    name,
    params: ['any', 'any'],
    fn: (_c, a) => {
      const c = compareValues(a[0], a[1]);
      if (c === undefined) {
        const sig = `${name} (${typeNameForError(a[0])}, ${typeNameForError(a[1])})`;
        throw runtimeError('ErrorFunctionNotFound', `Function not found: ${sig}`, { function: sig });
      }
      return test(c);
    },
  };
}

function intOp(name: string, op: (a: Int, b: Int) => Int): NativeFnDef {
  return { name, params: ['int', 'int'], fn: (_c, a) => op(a[0] as Int, a[1] as Int) };
}

function checkStr(ctx: NativeCallContext, s: string): string {
  ctx.checkStringSize(s.length);
  return s;
}

/** Remove every occurrence of `sub` (Rhai's `string - string`). */
export function removeAll(s: string, sub: string): string {
  return sub.length === 0 ? s : s.split(sub).join('');
}

/** Rhai adds whole seconds for ints and whole milliseconds (truncated) for floats. */
function tsPlusSecs(t: RTimestamp, secs: number): RTimestamp {
  return new RTimestamp(t.ms + (secs < 0 ? -Math.trunc(-secs * 1000) : Math.trunc(secs * 1000)));
}

export const OPERATORS: Package = [
  // ---- arithmetic
  intOp('+', addInt),
  intOp('-', subInt),
  intOp('*', mulInt),
  intOp('/', divInt),
  intOp('%', modInt),
  intOp('**', powInt),
  intOp('<<', shlInt),
  intOp('>>', shrInt),
  intOp('&', andInt),
  intOp('|', orInt),
  intOp('^', xorInt),
  ...floatOp('+', (a, b) => a + b),
  ...floatOp('-', (a, b) => a - b),
  ...floatOp('*', (a, b) => a * b),
  ...floatOp('/', (a, b) => a / b),
  ...floatOp('%', (a, b) => a % b),
  // Rhai's built-in float power is powf for every float/int mix.
  ...defs('**', NUM_MIXES, (_c, a) => new RFloat(Math.pow(flt(a[0]), flt(a[1])))),
  { name: '-', params: ['int'], fn: (_c, a) => negInt(a[0] as Int) },
  { name: '-', params: ['float'], fn: (_c, a) => new RFloat(-(a[0] as RFloat).v) },
  { name: '+', params: ['int'], fn: (_c, a) => a[0] },
  { name: '+', params: ['float'], fn: (_c, a) => a[0] },
  { name: '!', params: ['bool'], fn: (_c, a) => !a[0] },

  // ---- bool logic (non-short-circuit operators)
  { name: '&', params: ['bool', 'bool'], fn: (_c, a) => (a[0] as boolean) && (a[1] as boolean) },
  { name: '|', params: ['bool', 'bool'], fn: (_c, a) => (a[0] as boolean) || (a[1] as boolean) },
  { name: '^', params: ['bool', 'bool'], fn: (_c, a) => a[0] !== a[1] },

  // ---- strings and chars
  { name: '+', params: ['string', 'string'], fn: (c, a) => checkStr(c, (a[0] as string) + (a[1] as string)) },
  { name: '+', params: ['string', 'char'], fn: (c, a) => checkStr(c, (a[0] as string) + (a[1] as RChar).c) },
  { name: '+', params: ['char', 'string'], fn: (c, a) => checkStr(c, (a[0] as RChar).c + (a[1] as string)) },
  { name: '+', params: ['char', 'char'], fn: (c, a) => checkStr(c, (a[0] as RChar).c + (a[1] as RChar).c) },
  { name: '+', params: ['string', 'unit'], fn: (_c, a) => a[0] },
  { name: '+', params: ['unit', 'string'], fn: (_c, a) => a[1] },
  { name: '+', params: ['string', 'any'], fn: (c, a) => checkStr(c, (a[0] as string) + displayValue(a[1])) },
  { name: '+', params: ['any', 'string'], fn: (c, a) => checkStr(c, displayValue(a[0]) + (a[1] as string)) },
  { name: '-', params: ['string', 'string'], fn: (_c, a) => removeAll(a[0] as string, a[1] as string) },
  { name: '-', params: ['string', 'char'], fn: (_c, a) => removeAll(a[0] as string, (a[1] as RChar).c) },

  // ---- collections (operands may be live references: never alias them into the result)
  {
    name: '+',
    params: ['array', 'array'],
    fn: (c, a) => {
      const x = a[0] as Value[];
      const y = a[1] as Value[];
      c.checkArraySize(x.length + y.length);
      const out = cloneArray(x);
      for (let i = 0; i < y.length; i++) out.push(cloneValue(y[i]));
      return out;
    },
  },
  {
    name: '+',
    params: ['map', 'map'],
    fn: (c, a) => {
      const out = cloneMap(a[0] as RMap);
      for (const [k, v] of a[1] as RMap) out.set(k, cloneValue(v));
      c.checkMapSize(out.size);
      return out;
    },
  },
  {
    name: '+',
    params: ['blob', 'char'],
    fn: (c, a) => {
      const bytes = (a[0] as RBlob).bytes.concat(Array.from(Buffer.from((a[1] as RChar).c, 'utf8')));
      c.checkArraySize(bytes.length);
      return new RBlob(bytes);
    },
  },
  {
    name: '+',
    params: ['blob', 'blob'],
    fn: (c, a) => {
      const bytes = (a[0] as RBlob).bytes.concat((a[1] as RBlob).bytes);
      c.checkArraySize(bytes.length);
      return new RBlob(bytes);
    },
  },

  // ---- timestamps
  ...defs('+', [['timestamp', 'float'], ['timestamp', 'int']], (_c, a) => tsPlusSecs(a[0] as RTimestamp, flt(a[1]))),
  ...defs('-', [['timestamp', 'float'], ['timestamp', 'int']], (_c, a) => tsPlusSecs(a[0] as RTimestamp, -flt(a[1]))),
  {
    name: '-',
    params: ['timestamp', 'timestamp'],
    fn: (_c, a) => new RFloat(((a[0] as RTimestamp).ms - (a[1] as RTimestamp).ms) / 1000),
  },

  // ---- comparisons
  ...defs('==', [['any', 'any']], (_c, a) => valuesEqual(a[0], a[1])),
  ...defs('!=', [['any', 'any']], (_c, a) => valuesNotEqual(a[0], a[1])),
  cmpOp('<', (c) => c < 0),
  cmpOp('<=', (c) => c <= 0),
  cmpOp('>', (c) => c > 0),
  cmpOp('>=', (c) => c >= 0),
];

/**
 * Compound assignments that Rhai implements as in-place functions
 * (`a += x` on arrays pushes, `a += [..]` appends, `m += #{..}` mixes in).
 * args[0] is the live receiver. For other types the evaluator falls back to
 * `a = a op b`.
 */
export const OP_ASSIGN: Package = [
  {
    name: '+=',
    params: ['array', 'any'],
    fn: (c, a) => {
      const arr = a[0] as Value[];
      c.checkArraySize(arr.length + 1);
      arr.push(a[1]);
      return undefined;
    },
  },
  {
    name: '+=',
    params: ['array', 'array'],
    fn: appendArray,
  },
  {
    name: '+=',
    params: ['map', 'map'],
    fn: (c, a) => {
      const m = a[0] as RMap;
      for (const [k, v] of a[1] as RMap) m.set(k, v);
      c.checkMapSize(m.size);
      return undefined;
    },
  },
  {
    name: '+=',
    params: ['blob', 'int'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      c.checkArraySize(b.bytes.length + 1);
      b.bytes.push(byte(a[1]));
      return undefined;
    },
  },
  {
    name: '+=',
    params: ['blob', 'blob'],
    fn: (c, a) => {
      const b = a[0] as RBlob;
      const more = (a[1] as RBlob).bytes;
      c.checkArraySize(b.bytes.length + more.length);
      for (let i = 0; i < more.length; i++) b.bytes.push(more[i]);
      return undefined;
    },
  },
];

/** `x in y` is evaluated as `contains(y, x)`; these are registered by the collection packages. */
export const IN_FUNCTION_NAME = 'contains';

