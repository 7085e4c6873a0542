/**
 * Order of work on one connection. Requests run concurrently (a client resuming a consumer must
 * not wait behind its own produce), except those that change what the connection has joined —
 * join, leave, the socket closing — which wait for everything before them, and which everything
 * after waits for. Tasks must not throw: they reply to the client themselves.
 */
export class RequestScheduler {
  private barrier: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();

  run(task: () => Promise<void>, exclusive: boolean): Promise<void> {
    if (exclusive) {
      const done = Promise.all([this.barrier, ...this.running]).then(task);
      this.barrier = done;
      return done;
    }
    const done = this.barrier.then(task);
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return done;
  }
}
