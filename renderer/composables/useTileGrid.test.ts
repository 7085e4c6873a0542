import { describe, expect, it } from 'vitest';
import { bestGrid } from './useTileGrid';

describe('bestGrid', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [4, 2, 2],
    [5, 3, 2],
    [6, 3, 2],
    [7, 3, 3],
    [9, 3, 3],
  ])('fits %i tiles of 16:9 in a wide area as %i × %i', (count, columns, rows) => {
    expect(bestGrid(count, 1600, 900, 0)).toMatchObject({ columns, rows });
  });

  it('stacks tiles on a narrow, tall screen', () => {
    expect(bestGrid(3, 360, 1000)).toMatchObject({ columns: 1, rows: 3 });
  });

  it('never makes a tile wider than the area nor taller than its share of it', () => {
    for (let count = 1; count <= 12; count++) {
      const { columns, rows, width } = bestGrid(count, 1000, 600);
      expect(width * columns + 8 * (columns - 1)).toBeLessThanOrEqual(1000);
      expect(((width * 9) / 16) * rows + 8 * (rows - 1)).toBeLessThanOrEqual(600 + 1);
    }
  });

  it('copes with no space', () => {
    expect(bestGrid(4, 0, 0).width).toBe(0);
  });
});
