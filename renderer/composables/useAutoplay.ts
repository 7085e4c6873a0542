/**
 * Browsers may refuse to start sound without a click (autoplay policy). Refused elements are
 * kept here so one click on "Enable sound" starts them all, instead of the call staying silent.
 */
import { readonly, ref } from 'vue';

const refused = new Set<HTMLMediaElement>();
const blocked = ref(false);

export function reportAutoplayRefused(element: HTMLMediaElement): void {
  refused.add(element);
  blocked.value = true;
}

export async function resumeRefusedMedia(): Promise<void> {
  const elements = [...refused].filter((element) => element.isConnected);
  refused.clear();
  blocked.value = false;
  await Promise.all(elements.map((element) => element.play().catch(() => reportAutoplayRefused(element))));
}

export const autoplayBlocked = readonly(blocked);
