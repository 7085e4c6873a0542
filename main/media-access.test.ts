import { describe, expect, it } from 'vitest';
import type { MediaAccessKind } from '../common/desktop-api';
import { mediaAccessFromStatus, mediaAccessSettingsUrl, requestMediaAccess, type SystemConsent } from './media-access';

type Status = ReturnType<SystemConsent['getMediaAccessStatus']>;

function consent(status: Status, answer: boolean) {
  const asked: string[] = [];
  const fake: SystemConsent = {
    getMediaAccessStatus: () => status,
    askForMediaAccess: async (kind) => {
      asked.push(kind);
      return answer;
    },
  };
  return { fake, asked };
}

describe('mediaAccessFromStatus', () => {
  it.each<[Status, string]>([
    ['granted', 'granted'],
    ['denied', 'denied'],
    ['restricted', 'denied'],
    ['not-determined', 'not-determined'],
    ['unknown', 'granted'],
  ])('%s → %s', (status, expected) => expect(mediaAccessFromStatus(status)).toBe(expected));
});

describe('requestMediaAccess', () => {
  it.each<[NodeJS.Platform, MediaAccessKind, Status, boolean, string, string[]]>([
    ['linux', 'camera', 'denied', false, 'granted', []],
    ['win32', 'screen', 'denied', false, 'granted', []],
    ['win32', 'camera', 'denied', false, 'denied', []],
    ['win32', 'microphone', 'not-determined', true, 'not-determined', []],
    ['darwin', 'camera', 'granted', false, 'granted', []],
    ['darwin', 'camera', 'restricted', true, 'denied', []],
    ['darwin', 'camera', 'not-determined', true, 'granted', ['camera']],
    ['darwin', 'microphone', 'not-determined', false, 'denied', ['microphone']],
    ['darwin', 'screen', 'not-determined', true, 'not-determined', []],
    ['darwin', 'screen', 'denied', true, 'denied', []],
  ])('%s %s, OS says %s (user would answer %s) → %s', async (platform, kind, status, answer, expected, asked) => {
    const { fake, asked: seen } = consent(status, answer);
    expect(await requestMediaAccess(kind, platform, fake)).toBe(expected);
    expect(seen).toEqual(asked);
  });
});

describe('mediaAccessSettingsUrl', () => {
  it.each<[NodeJS.Platform, MediaAccessKind, string | null]>([
    ['darwin', 'camera', 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera'],
    ['darwin', 'microphone', 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone'],
    ['darwin', 'screen', 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture'],
    ['win32', 'camera', 'ms-settings:privacy-webcam'],
    ['win32', 'microphone', 'ms-settings:privacy-microphone'],
    ['win32', 'screen', null],
    ['linux', 'camera', null],
  ])('%s %s → %s', (platform, kind, expected) => expect(mediaAccessSettingsUrl(kind, platform)).toBe(expected));
});
