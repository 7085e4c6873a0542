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
  return requestHost !== undefined && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === requestHost;
}

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}
