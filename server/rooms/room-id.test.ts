import { describe, expect, it } from 'vitest';
import { ROOM_ID_PATTERN } from '../../common/limits';
import { newRoomId } from './room-id';

describe('newRoomId', () => {
  it('writes 128 bits as 26 lower-case base32 characters', () => {
    expect(newRoomId(() => Buffer.alloc(16, 0))).toBe('a'.repeat(26));
    expect(newRoomId(() => Buffer.alloc(16, 0xff))).toBe('7'.repeat(25) + '4');
  });

  it('gives ids that the signaling accepts, and different ones each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRoomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(ROOM_ID_PATTERN);
  });
});
