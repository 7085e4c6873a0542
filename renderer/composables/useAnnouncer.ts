/**
 * One polite live region for the whole app (rendered by App.vue): short messages such as
 * "link copied" or "Marie joined" that a screen reader should read without moving focus.
 */
import { readonly, ref } from 'vue';

const message = ref('');
let timer: ReturnType<typeof setTimeout> | undefined;

/** Clearing first and writing a moment later makes the same message be read again. */
export function announce(text: string): void {
  message.value = '';
  clearTimeout(timer);
  timer = setTimeout(() => (message.value = text), 100);
}

export function useAnnouncer() {
  return { message: readonly(message), announce };
}
