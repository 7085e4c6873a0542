/**
 * The desktop app's update feed (electron-updater's generic provider), served from a folder IT
 * fills with each release's latest.yml / beta.yml and installers: /updates/<file>. Byte ranges
 * are honoured (a resumed or differential download asks for parts of an installer). Only plain
 * file names: no sub-folders, no dot-files, no way out of the folder.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendText } from './static-files';

export const UPDATES_PATH = '/updates/';
const FILE_NAME = /^[\w][\w.-]{0,199}$/;

/** The one byte range a Range header asks for within `size` bytes, 'invalid', or null (none). */
export function parseByteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid'; // several ranges included
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2])); // the last N bytes
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : 'invalid';
}

export async function serveUpdateFeed(
  folder: string,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): Promise<void> {
  const name = urlPath.slice(UPDATES_PATH.length);
  if (!FILE_NAME.test(name)) return sendText(res, 404, 'not found');
  const file = path.join(folder, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return sendText(res, 404, 'not found');
  const range = parseByteRange(req.headers.range, info.size);
  if (range === 'invalid') {
    res.writeHead(416, { 'Content-Range': `bytes */${info.size}` });
    return void res.end();
  }
  const headers = {
    'Content-Type': name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
    // The channel files change with each release; installers never change under their name.
    'Cache-Control': name.endsWith('.yml') ? 'no-cache' : 'public, max-age=86400',
    'Accept-Ranges': 'bytes',
  };
  if (range === null) res.writeHead(200, { ...headers, 'Content-Length': info.size });
  else {
    res.writeHead(206, {
      ...headers,
      'Content-Length': range.end - range.start + 1,
      'Content-Range': `bytes ${range.start}-${range.end}/${info.size}`,
    });
  }
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file, range ?? {})
    .on('error', () => res.destroy())
    .pipe(res);
}
