/**
 * The server as an OpenID Connect relying party (confidential client), as the State's ProConnect
 * federation expects it: discovery, an authorize request with only documented parameters (PKCE
 * only when the issuer advertises it), code exchange with the client secret, ID tokens and
 * signed (application/jwt) userinfo verified against the issuer's keys.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string;
  /** 'auto': PKCE when the discovery document lists code_challenge_methods_supported. */
  pkce: 'auto' | 'always' | 'never';
}

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
  jwks_uri: string;
  code_challenge_methods_supported?: string[];
}

export interface AgentIdentity {
  sub: string;
  email: string | null;
  name: string | null;
}

export class OidcError extends Error {}

const TIMEOUT_MS = 10_000;

export class OidcClient {
  private readonly keys;

  private constructor(
    readonly settings: OidcSettings,
    readonly discovery: Discovery,
  ) {
    this.keys = createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: TIMEOUT_MS });
  }

  static async discover(settings: OidcSettings, fetchImpl: typeof fetch = fetch): Promise<OidcClient> {
    const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new OidcError(`discovery failed: HTTP ${response.status} from ${url}`);
    const discovery = (await response.json()) as Discovery;
    if (discovery.issuer !== settings.issuer) {
      throw new OidcError(`discovery names issuer ${discovery.issuer}, expected ${settings.issuer}`);
    }
    return new OidcClient(settings, discovery);
  }

  get usesPkce(): boolean {
    const { pkce } = this.settings;
    if (pkce !== 'auto') return pkce === 'always';
    return (this.discovery.code_challenge_methods_supported ?? []).includes('S256');
  }

  authorizationUrl(params: { state: string; nonce: string; codeChallenge: string | null }): string {
    return buildAuthorizationUrl(this.discovery.authorization_endpoint, this.settings, params);
  }

  /** Code → tokens → verified identity (ID token, then userinfo, signed or plain). */
  async identify(
    code: string,
    codeVerifier: string | null,
    nonce: string,
  ): Promise<{ identity: AgentIdentity; idToken: string }> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.settings.redirectUri,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
    });
    if (codeVerifier) body.set('code_verifier', codeVerifier);
    const response = await fetch(this.discovery.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new OidcError(`token endpoint refused the code: HTTP ${response.status}`);
    const tokens = (await response.json()) as { id_token?: string; access_token?: string };
    if (!tokens.id_token || !tokens.access_token) throw new OidcError('token endpoint gave no ID or access token');
    const idClaims = await this.verifyJwt(tokens.id_token);
    if (idClaims.nonce !== nonce) throw new OidcError('ID token nonce does not match');
    const info = await this.userinfo(tokens.access_token);
    if (info.sub !== idClaims.sub) throw new OidcError('userinfo subject differs from the ID token');
    return { identity: toIdentity({ ...idClaims, ...info }), idToken: tokens.id_token };
  }

  endSessionUrl(idTokenHint: string, state: string): string | null {
    if (!this.discovery.end_session_endpoint) return null;
    const url = new URL(this.discovery.end_session_endpoint);
    url.searchParams.set('id_token_hint', idTokenHint);
    url.searchParams.set('state', state);
    url.searchParams.set('post_logout_redirect_uri', this.settings.postLogoutRedirectUri);
    return url.href;
  }

  private async userinfo(accessToken: string): Promise<JWTPayload> {
    if (!this.discovery.userinfo_endpoint) return {};
    const response = await fetch(this.discovery.userinfo_endpoint, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/jwt, application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new OidcError(`userinfo refused: HTTP ${response.status}`);
    // ProConnect answers a signed JWT: verified like the ID token before anything is read.
    if ((response.headers.get('content-type') ?? '').startsWith('application/jwt')) {
      return this.verifyJwt((await response.text()).trim());
    }
    return (await response.json()) as JWTPayload;
  }

  private async verifyJwt(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
      });
      return payload;
    } catch (error) {
      throw new OidcError(`token verification failed: ${(error as Error).message}`);
    }
  }
}

/** The authorize URL with only the parameters ProConnect documents (any other is rejected). */
export function buildAuthorizationUrl(
  endpoint: string,
  settings: Pick<OidcSettings, 'clientId' | 'redirectUri' | 'scopes'>,
  params: { state: string; nonce: string; codeChallenge: string | null },
): string {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('scope', settings.scopes);
  url.searchParams.set('state', params.state);
  url.searchParams.set('nonce', params.nonce);
  if (params.codeChallenge) {
    url.searchParams.set('code_challenge', params.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.href;
}

function toIdentity(claims: JWTPayload): AgentIdentity {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const given = text(claims.given_name);
  const family = text(claims.usual_name) ?? text(claims.family_name);
  const name = [given, family].filter(Boolean).join(' ') || text(claims.name);
  if (!claims.sub) throw new OidcError('no subject in the identity');
  return { sub: claims.sub, email: text(claims.email), name };
}
