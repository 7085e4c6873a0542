/**
 * The origin of the Webconf server: this page's origin on the web, the configured server in the
 * desktop app. Read once from the platform (cheap and side-effect free) and shared.
 */
import { readonly, ref, type Ref } from 'vue';
import { createPlatform } from '../platform';

const origin = ref<string | null>(null);
let pending: Promise<string> | null = null;

function load(): Promise<string> {
  pending ??= createPlatform()
    .getServerUrl()
    .then((url) => (origin.value = new URL(url).origin))
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
}

export function useServerOrigin(): { origin: Readonly<Ref<string | null>>; ready: () => Promise<string> } {
  void load().catch(() => undefined);
  return { origin: readonly(origin), ready: load };
}
