/**
 * OS notifications for what needs the user while the app is in the background: a chat message, a
 * guest waiting in the lobby. Never while the window has the focus (the app shows it already).
 */
import type { MeetingNotice } from '../common/desktop-api';

export interface NotifierDeps {
  isWindowFocused: () => boolean;
  isSupported: () => boolean;
  show: (notice: { title: string; body: string }) => void;
}

export const NOTICE_BODY_MAX = 200;

export function shouldNotify(windowFocused: boolean, supported: boolean): boolean {
  return supported && !windowFocused;
}

export function createMeetingNotifier(deps: NotifierDeps) {
  return (notice: MeetingNotice): boolean => {
    if (!shouldNotify(deps.isWindowFocused(), deps.isSupported())) return false;
    const body = notice.body.length > NOTICE_BODY_MAX ? `${notice.body.slice(0, NOTICE_BODY_MAX - 1)}…` : notice.body;
    deps.show({ title: notice.title, body });
    return true;
  };
}
