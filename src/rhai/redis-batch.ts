/**
 * Per-connection command batching for the hot paths (submit, take, finish).
 *
 * Commands queued during one turn of the event loop leave in one explicit
 * pipeline (one socket write) at setImmediate, like ioredis auto-pipelining —
 * but a batch does not wait for the previous batch's replies. ioredis keeps
 * only one auto-pipeline in flight per connection, which under load turned
 * every task step into "wait for the batch ahead, then a round trip".
 * Redis executes the batches of one connection in the order they were sent.
 */
import type { ChainableCommander, Redis } from 'ioredis';

interface Batch {
  p: ChainableCommander;
  done: Promise<[Error | null, unknown][]>;
}

export class CommandBatcher {
  private batch?: Batch;

  constructor(private readonly redis: Redis) {}

  /**
   * Queue the commands `build` adds to the current batch; resolves with their replies in
   * order, or rejects with the first error among them (or the batch's own failure).
   */
  async run(build: (p: ChainableCommander) => void): Promise<unknown[]> {
    const b = (this.batch ??= this.open());
    const from = b.p.length;
    build(b.p);
    const to = b.p.length;
    const results = await b.done;
    const out: unknown[] = [];
    for (let i = from; i < to; i++) {
      const [err, value] = results[i] ?? [new Error('no reply')];
      if (err) throw err;
      out.push(value);
    }
    return out;
  }

  private open(): Batch {
    const p = this.redis.pipeline();
    const done = new Promise<[Error | null, unknown][]>((resolve, reject) => {
      setImmediate(() => {
        if (this.batch?.p === p) this.batch = undefined;
        p.exec().then((r) => resolve((r ?? []) as [Error | null, unknown][]), reject);
      });
    });
    return { p, done };
  }
}
