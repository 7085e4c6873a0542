/**
 * Named moments of the join path (performance marks "webconf:<name>"), so the join benchmark
 * can break the time down without instrumenting the app from outside.
 */
export const timing = {
  mark(name: string): void {
    if (typeof performance !== 'undefined' && !performance.getEntriesByName(`webconf:${name}`).length) {
      performance.mark(`webconf:${name}`);
    }
  },
  reset(): void {
    if (typeof performance === 'undefined') return;
    for (const entry of performance.getEntriesByType('mark')) {
      if (entry.name.startsWith('webconf:')) performance.clearMarks(entry.name);
    }
  },
};
