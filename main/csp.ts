/**
 * The Content-Security-Policy of every page we serve. Scripts come only from our own bundle; the
 * network is limited to the configured server (HTTP for the API, WebSocket for signaling).
 * Inline styles stay allowed because Vue style bindings and the DSFR set them.
 */
export function buildContentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl);
  if (server.protocol !== 'http:' && server.protocol !== 'https:') {
    throw new Error(`CSP: the server URL must be http(s), got ${server.protocol}`);
  }
  // Only the parsed origin enters the header, so a crafted URL cannot inject directives.
  const socketOrigin = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  const directives: Array<[string, string]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['media-src', "'self' blob: mediastream:"],
    ['font-src', "'self' data:"],
    ['connect-src', `'self' ${server.origin} ${socketOrigin}`],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, sources]) => `${name} ${sources}`).join('; ');
}
