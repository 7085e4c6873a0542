/** The desktop app's agent: signing in and out, and the token the auth header sends. */
import type { SignedInAgent } from '../common/desktop-api';
import type { AgentSessionStore } from './agent-session-store';
import { signInThroughBrowser } from './agent-sign-in';
import { toSafeExternalUrl } from './navigation-policy';

export interface AgentAccountDeps {
  serverUrl: string;
  store: Pick<AgentSessionStore, 'get' | 'save' | 'clear'>;
  openExternal: (url: string) => Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createAgentAccount(deps: AgentAccountDeps) {
  let signingIn: Promise<SignedInAgent> | null = null;
  return {
    token: (): string | null => deps.store.get()?.token ?? null,

    /** A second click while the browser is open joins the sign-in in progress. */
    signIn(): Promise<SignedInAgent> {
      signingIn ??= signInThroughBrowser(deps)
        .then((session) => {
          deps.store.save(session);
          return session.agent;
        })
        .finally(() => (signingIn = null));
      return signingIn;
    },

    async signOut(): Promise<void> {
      const session = deps.store.get();
      deps.store.clear();
      if (!session) return;
      const response = await (deps.fetch ?? fetch)(new URL('/auth/logout', deps.serverUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.token}` },
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      const { redirectTo } = ((await response?.json().catch(() => null)) ?? {}) as { redirectTo?: string };
      // The identity provider's session ends in the browser, where it lives.
      const external = redirectTo ? toSafeExternalUrl(new URL(redirectTo, deps.serverUrl).href) : null;
      if (external && redirectTo !== '/') await deps.openExternal(external);
    },
  };
}
