import { describe, expect, it } from 'vitest';
import { spatialLayerForWidth } from './video-layers';

describe('spatialLayerForWidth', () => {
  it.each([
    [0, 0],
    [200, 0],
    [400, 0],
    [401, 1],
    [640, 1],
    [800, 1],
    [801, 2],
    [1280, 2],
    [3840, 2],
  ])('%i device pixels → layer %i', (width, layer) => {
    expect(spatialLayerForWidth(width)).toBe(layer);
  });
});
