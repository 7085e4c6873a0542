import { contentTypeFor, resolveAppFile } from './protocol-files';

export interface AppProtocolOptions {
  rendererRoot: string;
  contentSecurityPolicy: string;
  readFile: (filePath: string) => Promise<Uint8Array>;
  log: (message: string) => void;
}

export type AppRequestHandler = (request: Request) => Promise<Response>;

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && MISSING_FILE_CODES.has(String(error.code));
}

/** Serves the renderer folder for protocol.handle('app', …); every answer carries the CSP. */
export function createAppRequestHandler(options: AppProtocolOptions): AppRequestHandler {
  const respond = (status: number, body: Uint8Array | string | null, contentType: string) =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': options.contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  const plainText = 'text/plain; charset=utf-8';

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', plainText);
    }
    const filePath = resolveAppFile(request.url, options.rendererRoot);
    if (filePath === null) return respond(403, 'Forbidden', plainText);
    let body: Uint8Array;
    try {
      body = await options.readFile(filePath);
    } catch (error) {
      if (isMissingFile(error)) return respond(404, 'Not found', plainText);
      // Answer rather than throw, so even this response carries the CSP.
      options.log(`app protocol: cannot read ${filePath}: ${String(error)}`);
      return respond(500, 'Internal error', plainText);
    }
    return respond(200, request.method === 'HEAD' ? null : body, contentTypeFor(filePath));
  };
}
