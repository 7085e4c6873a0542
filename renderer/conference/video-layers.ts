/**
 * Which simulcast layer a tile deserves, from its width in device pixels. The camera sends
 * 320, 640 and 1280 pixels wide (layers 0, 1, 2); a tile gets the smallest layer that is not
 * visibly blurry at its size, so the SFU sends no more than the screen can show.
 */
export const LAYER_WIDTHS = [320, 640, 1280] as const;

export function spatialLayerForWidth(devicePixels: number): number {
  // Up to 25 % upscaling is not noticeable on video; beyond that, take the next layer.
  const index = LAYER_WIDTHS.findIndex((width) => devicePixels <= width * 1.25);
  return index === -1 ? LAYER_WIDTHS.length - 1 : index;
}
