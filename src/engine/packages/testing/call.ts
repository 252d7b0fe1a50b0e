/** Test helper: resolve a built-in by name and argument tags (most specific wins) and call it. */
import type { NativeFnDef } from '../../native.js';
import { tagOf } from '../../value-utils.js';
import type { Value } from '../../values.js';
import { ALL_PACKAGES } from '../index.js';
import { fakeContext, type FakeContext } from './fake-context.js';

export const ALL_DEFS: NativeFnDef[] = ALL_PACKAGES.flat();

export function resolve(name: string, args: Value[]): NativeFnDef | undefined {
  let best: NativeFnDef | undefined;
  let bestScore = -1;
  for (const d of ALL_DEFS) {
    if (d.name !== name || d.params.length !== args.length) continue;
    let score = 0;
    let ok = true;
    d.params.forEach((p, i) => {
      if (p === 'any') return;
      if (p !== tagOf(args[i])) ok = false;
      else score++;
    });
    if (ok && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Calls a built-in; args[0] is updated in place for mutating functions (returned as `recv`). */
export function call(name: string, args: Value[], ctx: FakeContext = fakeContext({}, ALL_DEFS)): { value: Value; recv: Value } {
  const d = resolve(name, args);
  if (!d) throw new Error(`no overload: ${name}(${args.map(tagOf).join(', ')})`);
  const value = d.fn(ctx, args);
  return { value, recv: args[0] };
}

/** Shorthand: the result value. */
export function v(name: string, ...args: Value[]): Value {
  return call(name, args).value;
}

/** Shorthand: the receiver after a mutating call. */
export function m(name: string, ...args: Value[]): Value {
  return call(name, args).recv;
}
