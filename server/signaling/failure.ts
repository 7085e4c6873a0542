import type { ErrorCode } from '../../common/signaling';

/** An expected refusal, sent to the client as a typed error reply. */
export class SignalingFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
