/**
 * Shared notes over the standard y-websocket protocol (sync + awareness, as y-protocols encode
 * them), so any stock Yjs client can edit a room's notes: ws(s)://<server>/notes/<roomId>?token=…
 * The token is the session token a participant got when joining the room. When the room's notes
 * are read-only for guests, their edits are dropped here, whatever their client does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { NoteStore } from '../data/notes';
import type { Logger } from '../logger';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface NoteConnection {
  socket: WebSocket;
  roomId: string;
  /** Asked at each edit: a moderator may switch the notes to read-only at any time. */
  mayEdit: () => boolean;
}

class SharedNote {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each socket and the awareness client ids it speaks for. */
  readonly sockets = new Map<WebSocket, Set<number>>();

  constructor(
    readonly roomId: string,
    private readonly store: NoteStore,
  ) {
    for (const update of store.updates(roomId)) Y.applyUpdate(this.doc, update);
    this.awareness.setLocalState(null); // the server is not an editor
    this.doc.on('update', (update: Uint8Array) => {
      store.append(roomId, update);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder));
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const ids = this.sockets.get(origin as WebSocket);
      if (ids) {
        added.forEach((id) => ids.add(id));
        removed.forEach((id) => ids.delete(id));
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(encoder));
    });
  }

  compact(): void {
    this.store.compact(this.roomId, Y.encodeStateAsUpdate(this.doc));
  }

  broadcast(message: Uint8Array): void {
    for (const socket of this.sockets.keys()) send(socket, message);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function send(socket: WebSocket, message: Uint8Array): void {
  if (socket.readyState === socket.OPEN) socket.send(message);
}

export class NotesServer {
  private readonly notes = new Map<string, SharedNote>();

  constructor(
    private readonly store: NoteStore,
    private readonly log: Logger,
  ) {}

  serve(connection: NoteConnection): void {
    const { socket, roomId } = connection;
    const note = this.open(roomId);
    note.sockets.set(socket, new Set());
    socket.binaryType = 'arraybuffer';
    socket.on('message', (data: ArrayBuffer) => {
      try {
        this.receive(note, connection, new Uint8Array(data));
      } catch (error) {
        this.log.warn({ room: roomId, err: (error as Error).message }, 'bad notes message; closing');
        socket.close(1003, 'bad message');
      }
    });
    socket.on('close', () => this.leave(note, socket));

    // Start the sync (step 1), and show who is already here.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, note.doc);
    send(socket, encoding.toUint8Array(encoder));
    const states = note.awareness.getStates();
    if (states.size > 0) {
      const awareness = encoding.createEncoder();
      encoding.writeVarUint(awareness, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        awareness,
        awarenessProtocol.encodeAwarenessUpdate(note.awareness, [...states.keys()]),
      );
      send(socket, encoding.toUint8Array(awareness));
    }
  }

  /** Saves every open note in its compact form (the server is stopping). */
  closeAll(): void {
    for (const note of this.notes.values()) note.compact();
    this.notes.clear();
  }

  private open(roomId: string): SharedNote {
    let note = this.notes.get(roomId);
    if (!note) {
      note = new SharedNote(roomId, this.store);
      this.notes.set(roomId, note);
    }
    return note;
  }

  private receive(note: SharedNote, connection: NoteConnection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const kind = decoding.readVarUint(decoder);
    if (kind === MESSAGE_SYNC) {
      // Step 1 only asks for what we have; step 2 and updates change the document.
      const syncKind = decoding.peekVarUint(decoder);
      if (syncKind !== syncProtocol.messageYjsSyncStep1 && !connection.mayEdit()) return;
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, reply, note.doc, connection.socket);
      if (encoding.length(reply) > 1) send(connection.socket, encoding.toUint8Array(reply));
    } else if (kind === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(note.awareness, decoding.readVarUint8Array(decoder), connection.socket);
    }
  }

  private leave(note: SharedNote, socket: WebSocket): void {
    const ids = note.sockets.get(socket);
    note.sockets.delete(socket);
    if (ids?.size) awarenessProtocol.removeAwarenessStates(note.awareness, [...ids], null);
    // A note the server already saved and let go of (closeAll) is not saved again.
    if (note.sockets.size === 0 && this.notes.get(note.roomId) === note) {
      note.compact();
      note.doc.destroy();
      this.notes.delete(note.roomId);
    }
  }
}
