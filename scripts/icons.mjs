// Makes every icon the installers need from the one source, resources/icon.svg: PNGs for Linux
// (build/icons/<n>x<n>.png), build/icon.png, build/icon.ico (Windows) and build/icon.icns
// (macOS). Chromium (Debian's, or CHROMIUM_PATH) renders the SVG; the ICO and ICNS containers
// are written here (both hold PNG images). Run by the dist:* scripts; the files are not committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS types holding PNG data, by pixel size (the @2x ones reuse the larger images).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** Width and height of a PNG, from its IHDR chunk; throws on anything else. */
export function pngSize(png) {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG image');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** An .ico holding PNG images (Windows Vista and later read them), smallest first. */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, index) => {
    const { width, height } = pngSize(png);
    const entry = 6 + 16 * index;
    header.writeUInt8(width >= 256 ? 0 : width, entry); // 0 means 256
    header.writeUInt8(height >= 256 ? 0 : height, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}

/** An .icns holding PNG images under their type codes. */
export function encodeIcns(entries) {
  const chunks = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Renders the SVG at each size with Chromium. */
export async function renderPngs(svg, sizes = SIZES) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const html = `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`;
      await page.setContent(html);
      pngs.set(size, await page.locator('svg').screenshot({ omitBackground: true }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

export async function makeIcons(outputDir = path.join(root, 'build')) {
  const pngs = await renderPngs(readFileSync(path.join(root, 'resources/icon.svg'), 'utf8'));
  mkdirSync(path.join(outputDir, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(path.join(outputDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(path.join(outputDir, 'icon.png'), pngs.get(1024));
  writeFileSync(path.join(outputDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => pngs.get(size))));
  writeFileSync(
    path.join(outputDir, 'icon.icns'),
    encodeIcns(ICNS_TYPES.map(([type, size]) => [type, pngs.get(size)])),
  );
  return outputDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await makeIcons(process.argv[2]);
  console.log(`icons written to ${path.relative(process.cwd(), dir) || '.'}`);
}
