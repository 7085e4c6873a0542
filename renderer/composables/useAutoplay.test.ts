// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { autoplayBlocked, reportAutoplayRefused, resumeRefusedMedia } from './useAutoplay';

describe('autoplay refusals', () => {
  it('remembers refused elements and starts them all on the user click', async () => {
    const first = document.body.appendChild(document.createElement('audio'));
    const second = document.body.appendChild(document.createElement('audio'));
    const gone = document.createElement('audio'); // removed from the page meanwhile
    const plays = [first, second, gone].map((element) => vi.spyOn(element, 'play').mockResolvedValue(undefined));
    [first, second, gone].forEach(reportAutoplayRefused);
    expect(autoplayBlocked.value).toBe(true);
    await resumeRefusedMedia();
    expect(plays.map((play) => play.mock.calls.length)).toEqual([1, 1, 0]);
    expect(autoplayBlocked.value).toBe(false);
  });

  it('stays blocked for an element the browser still refuses', async () => {
    const stubborn = document.body.appendChild(document.createElement('audio'));
    vi.spyOn(stubborn, 'play').mockRejectedValue(Object.assign(new Error('no'), { name: 'NotAllowedError' }));
    reportAutoplayRefused(stubborn);
    await resumeRefusedMedia();
    expect(autoplayBlocked.value).toBe(true);
  });
});
