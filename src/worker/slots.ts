/** A counting semaphore for worker capacity: one slot per task a worker may hold. */
export class Slots {
  private readonly waiters: (() => void)[] = [];

  constructor(private free: number) {}

  get available(): number {
    return this.free;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Take up to `n` free slots without waiting; returns how many were taken. */
  tryTake(n: number): number {
    const k = Math.max(0, Math.min(n, this.free));
    this.free -= k;
    return k;
  }

  release(n = 1): void {
    for (let i = 0; i < n; i++) {
      const w = this.waiters.shift();
      if (w) w();
      else this.free++;
    }
  }

  /** Shutdown: let every waiter run (it must check its stop flag and release). */
  wakeAll(): void {
    while (this.waiters.length > 0) this.waiters.shift()!();
  }
}
