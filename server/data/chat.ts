/**
 * Chat messages, kept with their room (deleted with it). A private message is stored once, with
 * its two parties, and only ever read back by them.
 */
import type { ChatMessage } from '../../common/signaling';
import type { Db } from './database';

interface Row {
  id: number;
  sender_id: string;
  sender_name: string;
  recipient_id: string | null;
  recipient_name: string | null;
  text: string;
  sent_at: number;
}

export interface NewChatMessage {
  roomId: string;
  from: { participantId: string; displayName: string };
  to: { participantId: string; displayName: string } | null;
  text: string;
  sentAt: number;
}

export class ChatStore {
  private readonly insert;
  private readonly visibleTo;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO chat_messages (room_id, sender_id, sender_name, recipient_id, recipient_name, text, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // The latest messages this participant may read: the room's, and its own private ones.
    this.visibleTo = db.prepare<[string, string, string, number], Row>(
      `SELECT * FROM (
         SELECT * FROM chat_messages
         WHERE room_id = ? AND (recipient_id IS NULL OR sender_id = ? OR recipient_id = ?)
         ORDER BY id DESC LIMIT ?
       ) ORDER BY id`,
    );
  }

  add(message: NewChatMessage): ChatMessage {
    const { lastInsertRowid } = this.insert.run(
      message.roomId,
      message.from.participantId,
      message.from.displayName,
      message.to?.participantId ?? null,
      message.to?.displayName ?? null,
      message.text,
      message.sentAt,
    );
    return {
      id: Number(lastInsertRowid),
      from: message.from,
      to: message.to,
      text: message.text,
      sentAt: message.sentAt,
    };
  }

  history(roomId: string, participantId: string, limit: number): ChatMessage[] {
    return this.visibleTo.all(roomId, participantId, participantId, limit).map((row) => ({
      id: row.id,
      from: { participantId: row.sender_id, displayName: row.sender_name },
      to: row.recipient_id ? { participantId: row.recipient_id, displayName: row.recipient_name ?? '' } : null,
      text: row.text,
      sentAt: row.sent_at,
    }));
  }
}
