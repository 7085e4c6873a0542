import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/signaling';
import { useChatStore } from './chat';

const message = (id: number, from: string): ChatMessage => ({
  id,
  from: { participantId: from, displayName: from },
  to: null,
  text: `m${id}`,
  sentAt: id,
});

beforeEach(() => setActivePinia(createPinia()));

describe('chat store', () => {
  it("counts others' messages while the panel is closed, and clears the count when opened", () => {
    const chat = useChatStore();
    chat.setHistory('me', [message(1, 'bob')]);
    expect(chat.unread).toBe(0);
    chat.add(message(2, 'bob'));
    chat.add(message(3, 'me'));
    expect(chat.unread).toBe(1);
    chat.setOpen(true);
    expect(chat.unread).toBe(0);
    chat.add(message(4, 'bob'));
    expect(chat.unread).toBe(0);
  });

  it('ignores a message it already has', () => {
    const chat = useChatStore();
    chat.setHistory('me', [message(1, 'bob')]);
    chat.add(message(1, 'bob'));
    expect(chat.messages).toHaveLength(1);
  });
});
