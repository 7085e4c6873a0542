/**
 * The operating system's own consent for devices, in front of Chromium's: on macOS the app must be
 * allowed to use the camera, the microphone and screen recording (Privacy & Security); Windows has
 * privacy switches for the camera and the microphone. A refusal there looks, to the page, like a
 * missing device: these functions let the page tell the two apart and send the user to the switch.
 */
import type { SystemPreferences } from 'electron';
import type { MediaAccess, MediaAccessKind } from '../common/desktop-api';

export type SystemConsent = Pick<SystemPreferences, 'getMediaAccessStatus' | 'askForMediaAccess'>;

/** What the OS says, in our three words. 'unknown' (cannot tell) must not block the user. */
export function mediaAccessFromStatus(status: ReturnType<SystemConsent['getMediaAccessStatus']>): MediaAccess {
  if (status === 'denied' || status === 'restricted') return 'denied';
  if (status === 'not-determined') return 'not-determined';
  return 'granted';
}

/** Where the OS gates this kind of device at all. */
function isGated(kind: MediaAccessKind, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin') return true;
  return platform === 'win32' && kind !== 'screen';
}

/**
 * The OS's decision, asking the user first where it has not been made (macOS camera and
 * microphone). Screen recording cannot be asked for: macOS asks on the first capture, so
 * 'not-determined' is returned and the page simply tries.
 */
export async function requestMediaAccess(
  kind: MediaAccessKind,
  platform: NodeJS.Platform,
  consent: SystemConsent,
): Promise<MediaAccess> {
  if (!isGated(kind, platform)) return 'granted';
  const access = mediaAccessFromStatus(consent.getMediaAccessStatus(kind));
  if (access !== 'not-determined' || platform !== 'darwin' || kind === 'screen') return access;
  return (await consent.askForMediaAccess(kind)) ? 'granted' : 'denied';
}

const SETTINGS_PAGES: Partial<Record<NodeJS.Platform, Partial<Record<MediaAccessKind, string>>>> = {
  darwin: {
    camera: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
    microphone: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone',
    screen: 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture',
  },
  win32: {
    camera: 'ms-settings:privacy-webcam',
    microphone: 'ms-settings:privacy-microphone',
  },
};

/**
 * The OS settings page where the user allows the device, or null where there is none. These are
 * our constants, never a URL from the page, so they bypass the external-link policy.
 */
export function mediaAccessSettingsUrl(kind: MediaAccessKind, platform: NodeJS.Platform): string | null {
  return SETTINGS_PAGES[platform]?.[kind] ?? null;
}
