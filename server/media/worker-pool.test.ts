import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { delay, waitFor } from '../test-support/wait';
import type { SfuRouter, SfuWorker } from './sfu';
import { WorkerPool, leastLoaded } from './worker-pool';

const log = createLogger('silent');

class FakeWorker implements SfuWorker {
  closed = false;
  private readonly diedListeners: Array<(error: Error) => void> = [];
  constructor(readonly id: number) {}
  onDied(listener: (error: Error) => void): void {
    this.diedListeners.push(listener);
  }
  createRouter(): Promise<SfuRouter> {
    return Promise.reject(new Error('not used by the pool'));
  }
  close(): void {
    this.closed = true;
  }
  /** Simulates the worker process crashing. */
  die(): void {
    for (const listener of this.diedListeners) listener(new Error('worker process exited'));
  }
}

async function fakePool(size: number, respawnDelayMs = 30) {
  const created: FakeWorker[] = [];
  const lost: SfuWorker[] = [];
  const pool = await WorkerPool.create({
    size,
    createWorker: async (id) => {
      const worker = new FakeWorker(id);
      created.push(worker);
      return worker;
    },
    onWorkerLost: (worker) => lost.push(worker),
    log,
    respawnDelayMs,
  });
  const worker = (index: number): FakeWorker => {
    const found = created[index];
    if (!found) throw new Error(`no worker #${index}`);
    return found;
  };
  return { pool, created, lost, worker };
}

describe('WorkerPool', () => {
  it('starts the requested number of workers with distinct ids', async () => {
    const { pool, created } = await fakePool(3);
    expect(pool.size).toBe(3);
    expect(created.map((w) => w.id).sort()).toEqual([0, 1, 2]);
    pool.close();
  });

  it('hands each room to the least-loaded worker, the oldest on ties', async () => {
    const { pool, worker } = await fakePool(3);
    expect([pool.acquire(), pool.acquire(), pool.acquire()]).toEqual([worker(0), worker(1), worker(2)]);
    expect(pool.acquire()).toBe(worker(0));
    expect(pool.roomsOn(worker(0))).toBe(2);
    pool.release(worker(0));
    pool.release(worker(2));
    expect(pool.roomsOn(worker(2))).toBe(0);
    expect(pool.acquire()).toBe(worker(2));
    pool.close();
  });

  it('never counts below zero and ignores unknown workers on release', async () => {
    const { pool, worker } = await fakePool(2);
    pool.release(worker(1));
    pool.release(new FakeWorker(99));
    expect(pool.roomsOn(worker(1))).toBe(0);
    expect(pool.acquire()).toBe(worker(0)); // worker 1 did not go negative and win
    pool.close();
  });

  it('replaces a dead worker after the respawn delay and keeps serving meanwhile', async () => {
    const { pool, created, lost, worker } = await fakePool(2, 60);
    const dead = worker(0);
    pool.acquire(); // a room on worker 0
    dead.die();

    expect(lost).toEqual([dead]);
    expect(pool.size).toBe(1);
    expect(pool.roomsOn(dead)).toBe(0);
    expect(created).toHaveLength(2); // no respawn before the delay
    for (let i = 0; i < 3; i++) expect(pool.acquire()).toBe(worker(1));

    await waitFor(() => pool.size === 2, 2000, 'the replacement worker');
    const replacement = worker(2);
    expect(replacement.id).toBe(2);
    expect(pool.acquire()).toBe(replacement); // the fresh worker hosts no room yet
    pool.close();
  });

  it('stops respawning once closed, and closes every live worker', async () => {
    const { pool, created, worker } = await fakePool(2, 20);
    worker(0).die();
    pool.close();
    await delay(100); // five respawn delays
    expect(created).toHaveLength(2);
    expect(worker(1).closed).toBe(true);
    expect(pool.size).toBe(0);
    expect(() => pool.acquire()).toThrow(/no media worker/);
  });

  it('does not respawn a worker that dies after close()', async () => {
    const { pool, created, worker } = await fakePool(1, 10);
    pool.close();
    worker(0).die();
    await delay(100); // ten respawn delays
    expect(created).toHaveLength(1);
    expect(pool.size).toBe(0);
  });

  it('closes a replacement that finishes starting after close()', async () => {
    let finishStart: (() => void) | undefined;
    const created: FakeWorker[] = [];
    const pool = await WorkerPool.create({
      size: 1,
      createWorker: async (id) => {
        const worker = new FakeWorker(id);
        created.push(worker);
        if (id > 0) await new Promise<void>((resolve) => (finishStart = resolve));
        return worker;
      },
      onWorkerLost: () => {},
      log,
      respawnDelayMs: 10,
    });
    created[0]?.die();
    await waitFor(() => finishStart !== undefined, 2000, 'the respawn to begin');
    pool.close();
    finishStart?.();
    await waitFor(() => created[1]?.closed === true, 2000, 'the late worker to be closed');
    expect(pool.size).toBe(0);
  });
});

describe('leastLoaded', () => {
  it('returns undefined for no workers and the first minimum otherwise', () => {
    expect(leastLoaded(new Map())).toBeUndefined();
    expect(
      leastLoaded(
        new Map([
          ['a', 2],
          ['b', 1],
          ['c', 1],
        ]),
      ),
    ).toBe('b');
  });
});
