import { describe, expect, it } from 'vitest';
import { miniWindowWanted, sharingBarWanted, type CompanionInputs } from './useCompanionWindow';

const base: CompanionInputs = {
  desktop: true,
  inCall: true,
  miniWindowSetting: true,
  appInBackground: true,
  sharingScreen: true,
};

describe('companion windows', () => {
  it.each<[string, Partial<CompanionInputs>, boolean, boolean]>([
    ['a desktop call in the background, sharing', {}, true, true],
    ['the app in front', { appInBackground: false }, false, true],
    ['the mini window turned off', { miniWindowSetting: false }, false, true],
    ['not sharing', { sharingScreen: false }, true, false],
    ['not in a call', { inCall: false }, false, false],
    ['the web client', { desktop: false }, false, false],
  ])('%s → mini %s, sharing bar %s', (_case, change, mini, bar) => {
    const inputs = { ...base, ...change };
    expect(miniWindowWanted(inputs)).toBe(mini);
    expect(sharingBarWanted(inputs)).toBe(bar);
  });
});
