/**
 * The Rhai value model. Chosen for speed on V8: the common types are plain JS
 * values, the rest are small classes. Every module of the engine shares it.
 *
 *   Rhai type   type_of      JS representation
 *   ---------   ---------    -----------------------------------------------
 *   ()          "()"         undefined
 *   bool        "bool"       boolean
 *   INT (i64)   "i64"        number (always an integer within ±(2^53-1)) or
 *                            bigint (only when the value is outside that range;
 *                            results are normalised back to number when they fit)
 *   FLOAT (f64) "f64"        RFloat  (boxed so 3.0 stays distinct from 3)
 *   string      "string"     string  (JS string; Rhai indexes by Unicode scalar)
 *   char        "char"       RChar   (one Unicode scalar value)
 *   array       "array"      Value[] (copied on assignment: see cloneValue)
 *   map         "map"        RMap    (a JS Map; printed and iterated with keys sorted)
 *   blob        "blob"       RBlob
 *   range       "range" / "range="   RRange
 *   Fn          "Fn"         FnPtr   (named function pointer or closure)
 *   timestamp   "timestamp"  RTimestamp
 */
export type Int = number | bigint;

export type Value =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | RFloat
  | RChar
  | Value[]
  | RMap
  | RBlob
  | RRange
  | FnPtr
  | RTimestamp;

export class RFloat {
  constructor(readonly v: number) {}
}

export class RChar {
  /** `c` holds exactly one Unicode scalar value (1 or 2 UTF-16 code units). */
  constructor(readonly c: string) {}
}

/** Object map. A subclass (not a wrapper) so that lookups stay plain Map calls. */
export class RMap extends Map<string, Value> {}

export class RBlob {
  /** Bytes 0..255. A plain array so that push/insert/splice stay cheap. */
  constructor(public bytes: number[] = []) {}
}

export class RRange {
  constructor(
    readonly start: Int,
    readonly end: Int,
    readonly inclusive: boolean,
  ) {}
}

export class RTimestamp {
  /** Milliseconds from performance.timeOrigin (monotonic, fractional). */
  constructor(readonly ms: number) {}
}

/**
 * A function pointer: `Fn("name")`, a curried pointer, or a closure.
 * `fn` is the engine's compiled script function for closures/anonymous
 * functions (opaque outside the compiler); named pointers resolve `name` at
 * call time. `captured` holds the shared cells a closure captured.
 */
export class FnPtr {
  constructor(
    readonly name: string,
    readonly curried: Value[] = [],
    readonly fn?: unknown,
    readonly captured?: unknown,
  ) {}
}

export const UNIT: Value = undefined;
