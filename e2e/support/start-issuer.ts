/** Runs the test OpenID Connect issuer for the sign-in e2e tests (a Playwright web server). */
import { startTestIssuer } from '../../server/test-support/oidc-issuer';

const issuer = await startTestIssuer({
  port: Number(process.env.ISSUER_PORT ?? 8199),
  relyingParty: process.env.RELYING_PARTY ?? 'http://127.0.0.1:8182',
});
console.log(`test OpenID Connect issuer on ${issuer.issuer}`);
