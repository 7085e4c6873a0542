/** Where the e2e servers listen (started by playwright.config.ts). */
export const e2ePort = Number(process.env.WEBCONF_E2E_PORT ?? 8181);
/** A second Webconf server where only agents signed in through the test issuer create rooms. */
export const signInServer = {
  port: e2ePort + 1,
  url: `http://127.0.0.1:${e2ePort + 1}`,
  issuerPort: e2ePort + 18,
};
