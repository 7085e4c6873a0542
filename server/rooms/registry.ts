import type { Logger } from '../logger';
import type { SfuWorker } from '../media/sfu';
import type { WorkerPool } from '../media/worker-pool';
import { SignalingFailure } from '../signaling/failure';
import { Room } from './room';

/** The live rooms by id. A room exists while someone is in it; the first joiner creates it. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly creating = new Map<string, Promise<Room>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly log: Logger,
    private readonly unusedRoomTimeoutMs = 60_000,
  ) {}

  async getOrCreate(roomId: string): Promise<Room> {
    const existing = this.rooms.get(roomId);
    if (existing && !existing.isClosed) return existing;
    // Two first joiners at once must end up in the same room.
    let pending = this.creating.get(roomId);
    if (!pending) {
      pending = this.create(roomId).finally(() => this.creating.delete(roomId));
      this.creating.set(roomId, pending);
    }
    return pending;
  }

  /** Rooms whose worker died: their peers are told to rejoin, which lands them on a live worker. */
  handleWorkerLost(worker: SfuWorker): void {
    for (const room of [...this.rooms.values()]) {
      if (room.worker === worker) room.evictAll('media server restarted');
    }
  }

  stats(): { rooms: number; peers: number } {
    let peers = 0;
    for (const room of this.rooms.values()) peers += room.peers.size;
    return { rooms: this.rooms.size, peers };
  }

  closeAll(): void {
    for (const room of [...this.rooms.values()]) room.close();
  }

  private async create(roomId: string): Promise<Room> {
    // Between a worker's death and its replacement a one-worker pool is empty.
    if (this.pool.size === 0)
      throw new SignalingFailure('unavailable', 'the media server is restarting; try again shortly');
    const worker = this.pool.acquire();
    try {
      const room = await Room.create(roomId, worker, this.log, (closed) => this.forget(closed));
      this.rooms.set(roomId, room);
      room.closeIfUnused(this.unusedRoomTimeoutMs);
      this.log.info({ room: roomId, worker: worker.id }, 'room opened');
      return room;
    } catch (error) {
      this.pool.release(worker);
      throw error;
    }
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
    this.pool.release(room.worker);
    this.log.info({ room: room.id }, 'room closed');
  }
}
