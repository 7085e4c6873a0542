/**
 * The server's HTTP API as the client uses it: may I create rooms, create one, does a room exist.
 * Framework-free; `fetch` is injected for tests.
 */
import { SESSION_HEADER } from '../../common/limits';

export interface SessionInfo {
  /** The signed-in agent, if any. */
  agent: { sub: string; name: string | null } | null;
  /** Whether agents can sign in on this server (an identity provider is configured). */
  signInAvailable: boolean;
  canCreateRooms: boolean;
  reason: 'sign-in-required' | null;
}

export interface CreatedRoom {
  roomId: string;
  title: string;
  /** Makes whoever presents it a moderator of this room: kept on this device only. */
  hostToken: string;
}

export interface RoomSummary {
  roomId: string;
  title: string;
  locked: boolean;
}

export class RoomsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoomsApiError';
  }
}

export class RoomsApi {
  constructor(
    private readonly serverUrl: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  session(): Promise<SessionInfo> {
    return this.call<SessionInfo>('/api/session');
  }

  createRoom(title: string): Promise<CreatedRoom> {
    return this.call<CreatedRoom>('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    });
  }

  uploadPresentation(
    roomId: string,
    sessionToken: string,
    file: Blob,
  ): Promise<{ presentationId: string; pages: number }> {
    return this.call(`/api/rooms/${encodeURIComponent(roomId)}/presentations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', [SESSION_HEADER]: sessionToken },
      body: file,
    });
  }

  async fetchPresentation(presentationId: string, sessionToken: string): Promise<ArrayBuffer> {
    const response = await this.fetchImpl(new URL(`/api/presentations/${presentationId}`, this.serverUrl).href, {
      headers: { [SESSION_HEADER]: sessionToken },
    });
    if (!response.ok) throw new RoomsApiError(`http_${response.status}`, 'the presentation cannot be fetched');
    return response.arrayBuffer();
  }

  /** The room, or null when there is no such room (or it expired). */
  async findRoom(roomId: string): Promise<RoomSummary | null> {
    try {
      return await this.call<RoomSummary>(`/api/rooms/${encodeURIComponent(roomId)}`);
    } catch (error) {
      if (error instanceof RoomsApiError && error.code === 'not_found') return null;
      throw error;
    }
  }

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.serverUrl).href, { ...init, credentials: 'include' });
    } catch {
      throw new RoomsApiError('unreachable', 'the server cannot be reached');
    }
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!response.ok) {
      throw new RoomsApiError(
        body?.error?.code ?? `http_${response.status}`,
        body?.error?.message ?? response.statusText,
      );
    }
    return body as T;
  }
}

/** Host tokens of the rooms created on this device, by room id. */
export class HostTokens {
  private static readonly KEY = 'webconf.hostTokens';

  constructor(private readonly storage: Storage) {}

  get(roomId: string): string | undefined {
    return this.read()[roomId];
  }

  remember(roomId: string, token: string): void {
    this.storage.setItem(HostTokens.KEY, JSON.stringify({ ...this.read(), [roomId]: token }));
  }

  private read(): Record<string, string> {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(HostTokens.KEY) ?? '{}');
      return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}
