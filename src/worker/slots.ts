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

  /** Take every free slot without waiting; returns how many were taken. */
  takeAll(): number {
    const n = this.free;
    this.free = 0;
    return n;
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
