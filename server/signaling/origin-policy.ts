/**
 * Which pages may open the signaling socket: the server's own pages, the desktop app, and origins
 * the operator lists. Clients that send no Origin (native tools, tests) are not browsers and are
 * let through; browsers always send one, so a foreign web page cannot ride a visitor's session.
 */
export function isAllowedSocketOrigin(
  origin: string | undefined,
  requestHost: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowedOrigins.some((allowed) => safeOrigin(allowed) === parsed.origin)) return true;
  // A custom scheme's origin is "null"; compare such origins literally.
  if (parsed.origin === 'null') return allowedOrigins.includes(origin);
  if (requestHost === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return false;
  return parsed.host === normaliseHost(parsed.protocol, requestHost);
}

/** "Example.org:443" as the URL parser writes it for https: "example.org". */
function normaliseHost(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}
