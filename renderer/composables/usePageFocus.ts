/** Page changes in a single-page app: a meaningful title, and focus on the new main heading. */
import { watchEffect } from 'vue';

export function usePageTitle(title: () => string): void {
  watchEffect(() => {
    document.title = `${title()} – Webconf`;
  });
}

export function focusMainHeading(): void {
  const heading = document.querySelector<HTMLElement>('#main h1');
  const target = heading ?? document.getElementById('main');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: false });
}
