/**
 * The waiting room, from the guest's side: knock, then wait for a moderator's answer. Resolves
 * with the admission token to join with; rejects when refused or when the connection drops.
 */
import { SignalingRequestError, type SignalingClient } from './signaling-client';

export async function waitForAdmission(
  signaling: SignalingClient,
  knock: { roomId: string; displayName: string; password?: string },
): Promise<string> {
  const answer = new Promise<string>((resolve, reject) => {
    const stop = () => [offAdmitted, offRefused, offClosed].forEach((off) => off());
    const offAdmitted = signaling.on('admitted', ({ admissionToken }) => {
      stop();
      resolve(admissionToken);
    });
    const offRefused = signaling.on('refused', ({ by }) => {
      stop();
      reject(new SignalingRequestError('refused', `${by} refused the entry`));
    });
    const offClosed = signaling.on('closed', () => {
      stop();
      reject(new SignalingRequestError('closed', 'connection to the server lost'));
    });
  });
  await signaling.request('knock', {
    roomId: knock.roomId,
    displayName: knock.displayName,
    password: knock.password,
  });
  return answer;
}
