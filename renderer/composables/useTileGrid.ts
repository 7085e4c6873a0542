/** The call grid: as many 16:9 tiles as there are people, each as large as the space allows. */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export interface GridFit {
  columns: number;
  rows: number;
  /** Tile width in CSS pixels. */
  width: number;
}

export function bestGrid(count: number, width: number, height: number, gap = 8, aspect = 16 / 9): GridFit {
  const n = Math.max(1, count);
  let best: GridFit = { columns: 1, rows: n, width: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = ((height - gap * (rows - 1)) / rows) * aspect;
    const tile = Math.floor(Math.max(0, Math.min(byWidth, byHeight)));
    // On a tie the wider layout wins: screens are wider than tall.
    if (tile >= best.width) best = { columns, rows, width: tile };
  }
  return best;
}

export function useTileGrid(container: Ref<HTMLElement | null>, count: () => number, gap = 8) {
  const size = ref({ width: 0, height: 0 });
  let observer: ResizeObserver | undefined;
  onMounted(() => {
    if (!container.value || typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(([entry]) => {
      if (entry) size.value = { width: entry.contentRect.width, height: entry.contentRect.height };
    });
    observer.observe(container.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return computed(() => {
    const { width, height } = size.value;
    if (width === 0 || height === 0) return {};
    return { width: `${bestGrid(count(), width, height, gap).width}px` };
  });
}
