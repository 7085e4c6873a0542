/**
 * One SFU worker per core. Rooms go to the worker hosting the fewest rooms; a worker that dies is
 * replaced and its rooms are handed to `onWorkerLost` so their peers can be told to rejoin.
 */
import type { Logger } from '../logger';
import type { SfuWorker } from './sfu';

export interface WorkerPoolOptions {
  size: number;
  createWorker: (id: number) => Promise<SfuWorker>;
  onWorkerLost: (worker: SfuWorker) => void;
  log: Logger;
  /** Delay before re-creating a dead worker (protects against a crash loop). */
  respawnDelayMs?: number;
}

export class WorkerPool {
  private readonly load = new Map<SfuWorker, number>();
  private nextId = 0;
  private closed = false;
  private readonly respawns = new Set<NodeJS.Timeout>();

  private constructor(private readonly options: WorkerPoolOptions) {}

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    await Promise.all(Array.from({ length: options.size }, () => pool.spawn()));
    return pool;
  }

  get size(): number {
    return this.load.size;
  }

  /** The live worker with the fewest rooms; ties go to the oldest. */
  acquire(): SfuWorker {
    const worker = leastLoaded(this.load);
    if (!worker) throw new Error('no media worker is running');
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return worker;
  }

  release(worker: SfuWorker): void {
    const rooms = this.load.get(worker);
    if (rooms !== undefined) this.load.set(worker, Math.max(0, rooms - 1));
  }

  roomsOn(worker: SfuWorker): number {
    return this.load.get(worker) ?? 0;
  }

  close(): void {
    this.closed = true;
    this.respawns.forEach(clearTimeout);
    for (const worker of this.load.keys()) worker.close();
    this.load.clear();
  }

  private async spawn(): Promise<void> {
    const worker = await this.options.createWorker(this.nextId++);
    if (this.closed) {
      worker.close();
      return;
    }
    this.load.set(worker, 0);
    worker.onDied((error) => this.handleDeath(worker, error));
  }

  private handleDeath(worker: SfuWorker, error: Error): void {
    const { log } = this.options;
    log.error({ worker: worker.id, rooms: this.load.get(worker), err: error.message }, 'media worker died');
    this.load.delete(worker);
    this.options.onWorkerLost(worker);
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.respawns.delete(timer);
      this.spawn().then(
        () => log.info({ workers: this.load.size }, 'media worker replaced'),
        (err: Error) => log.error({ err: err.message }, 'could not replace media worker'),
      );
    }, this.options.respawnDelayMs ?? 1000);
    this.respawns.add(timer);
  }
}

export function leastLoaded<W>(load: ReadonlyMap<W, number>): W | undefined {
  let best: W | undefined;
  let bestLoad = Infinity;
  for (const [worker, rooms] of load) {
    if (rooms < bestLoad) {
      best = worker;
      bestLoad = rooms;
    }
  }
  return best;
}
