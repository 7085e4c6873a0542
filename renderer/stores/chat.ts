/** The meeting's chat as the UI shows it: messages (plain data), unread count, panel state. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChatMessage } from '../../common/signaling';

export const useChatStore = defineStore('chat', () => {
  const messages = ref<ChatMessage[]>([]);
  const unread = ref(0);
  const open = ref(false);
  const selfParticipantId = ref<string | null>(null);

  /** The history a join brings replaces what we had (a reconnection brings it again). */
  function setHistory(self: string, history: ChatMessage[]): void {
    selfParticipantId.value = self;
    messages.value = history;
    unread.value = 0;
  }

  function add(message: ChatMessage): void {
    if (messages.value.some((known) => known.id === message.id)) return;
    messages.value.push(message);
    if (!open.value && message.from.participantId !== selfParticipantId.value) unread.value++;
  }

  function setOpen(next: boolean): void {
    open.value = next;
    if (next) unread.value = 0;
  }

  return { messages, unread, open, selfParticipantId, setHistory, add, setOpen };
});
