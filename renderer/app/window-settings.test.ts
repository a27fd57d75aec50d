// A teammate's browser keeps its own language and name, whatever the storage holds.
import { beforeEach, describe, expect, it } from 'vitest';
import { readWindowSettings, saveWindowSettings } from './window-settings';

beforeEach(() => localStorage.clear());

describe("a teammate's browser's own settings", () => {
  it('keeps a language and a name across reloads, each change on top of the last', () => {
    expect(readWindowSettings()).toEqual({ locale: null, displayName: null });
    saveWindowSettings({ locale: 'fr' });
    saveWindowSettings({ displayName: 'Camille' });
    expect(readWindowSettings()).toEqual({ locale: 'fr', displayName: 'Camille' });
  });

  it('reads nothing from what it did not write, and still answers when storage refuses', () => {
    localStorage.setItem('warroom.window-settings', '{"locale":"de","displayName":"x"}');
    expect(readWindowSettings()).toEqual({ locale: null, displayName: null });
    localStorage.setItem('warroom.window-settings', 'not json');
    expect(readWindowSettings()).toEqual({ locale: null, displayName: null });
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveWindowSettings({ locale: 'en' }, refusing)).toEqual({ locale: 'en', displayName: null });
  });
});
