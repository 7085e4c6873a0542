/**
 * A real OpenID Connect issuer for tests (oidc-provider on 127.0.0.1), configured like the
 * State's ProConnect: a confidential client authenticating with its secret, RS256 ID tokens,
 * userinfo answered as a signed JWT, the claims ProConnect gives. Its built-in login page
 * accepts any login: the login becomes the agent's subject.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startTestIssuer(options: { port?: number; relyingParty: string }): Promise<TestIssuer> {
  const clientId = 'webconf';
  const clientSecret = 'webconf-test-secret-that-is-long-enough';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.relyingParty}/auth/callback`],
        post_logout_redirect_uris: [`${options.relyingParty}/auth/logout/callback`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    scopes: ['openid', 'email', 'given_name', 'usual_name', 'uid'],
    claims: { email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], uid: ['uid'] },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@interieur.gouv.fr`, given_name: 'Camille', usual_name: 'Durand', uid: sub };
        },
      };
    },
    features: {
      devInteractions: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => false },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
