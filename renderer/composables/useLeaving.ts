/**
 * A room page that goes away leaves the call (or the pre-join's prepared socket and preview) in the
 * background; the next pre-join waits for that to finish before starting its own preview.
 */
let pending: Promise<void> = Promise.resolve();

export function trackLeave(leaving: Promise<void>): void {
  pending = leaving.catch(() => undefined);
}

export function afterLeave(): Promise<void> {
  return pending;
}
