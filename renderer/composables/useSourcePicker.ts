/**
 * The app's own screen and window picker, as a request the call makes and the picker component
 * answers: `requestSourcePick()` opens it and resolves with the user's pick, or null (cancelled).
 */
import { readonly, ref } from 'vue';

export interface SourcePick {
  sourceId: string;
  withSystemAudio: boolean;
}

const open = ref(false);
let answer: ((pick: SourcePick | null) => void) | null = null;

export function requestSourcePick(): Promise<SourcePick | null> {
  answer?.(null); // a second request replaces the first
  open.value = true;
  return new Promise((resolve) => (answer = resolve));
}

export function answerSourcePick(pick: SourcePick | null): void {
  open.value = false;
  answer?.(pick);
  answer = null;
}

export const sourcePickerOpen = readonly(open);
