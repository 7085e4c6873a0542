/**
 * Joining while the camera is still starting (a slow driver, a USB camera waking up): the click on
 * "join" waits for it, and the others receive it. Joining first used to leave the camera on the
 * joiner's own screen only.
 */
import { test } from '@playwright/test';
import { expectMediaFlowing, Participant } from './support/participant';

/** Runs in the page: the camera takes 2 s to start, the microphone starts at once. */
function slowCamera(): void {
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    if (constraints?.video) await new Promise((resolve) => setTimeout(resolve, 2000));
    return getUserMedia(constraints);
  };
}

test('a camera still starting when "join" is clicked reaches the others', async ({ browser }) => {
  const [anne, bruno] = await Promise.all(['Anne', 'Bruno'].map((name) => Participant.open(browser, name)));
  try {
    await anne!.context.addInitScript(slowCamera);
    const link = await anne!.createRoom('Caméra lente');
    await bruno!.join(link);
    await anne!.join(link); // clicks "join" as soon as it can, before the camera is up
    await expectMediaFlowing(bruno!, [anne!]);
  } finally {
    await anne!.close();
    await bruno!.close();
  }
});
