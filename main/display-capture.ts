/**
 * The app's own screen and window picker, main-process side. The renderer lists the sources, the
 * user picks one, the renderer calls getDisplayMedia, and the session's display-media handler
 * answers with that pick. A pick is good for one request, within a few seconds: a page cannot
 * reuse an old consent to capture the screen later.
 */
import type { DesktopCapturerSource } from 'electron';
import type { CaptureSource } from '../common/desktop-api';

export const PICK_VALID_MS = 10_000;

/**
 * Whose picker chooses what to share. Ours, except where the OS insists on its own: Wayland
 * sessions (the xdg-desktop-portal picker through PipeWire; applications cannot list windows
 * there) and macOS 15+ (Darwin 24+), whose ScreenCaptureKit picker Electron shows itself
 * (useSystemPicker) — showing ours first would ask the user twice.
 */
export type CaptureMode = 'own-picker' | 'system-picker';

export function captureMode(
  platform: NodeJS.Platform,
  environment: Readonly<Record<string, string | undefined>>,
  osRelease: string,
): CaptureMode {
  if (platform === 'linux') {
    const wayland = environment['XDG_SESSION_TYPE'] === 'wayland' || Boolean(environment['WAYLAND_DISPLAY']);
    return wayland ? 'system-picker' : 'own-picker';
  }
  if (platform === 'darwin') return Number.parseInt(osRelease, 10) >= 24 ? 'system-picker' : 'own-picker';
  return 'own-picker';
}

export interface CapturePick {
  sourceId: string;
  withSystemAudio: boolean;
  at: number;
}

/** Screens first, then windows by name; our own windows and nameless ones are left out. */
export function pickerSources(
  sources: readonly DesktopCapturerSource[],
  ownSourceIds: ReadonlySet<string>,
): CaptureSource[] {
  return sources
    .filter((source) => !ownSourceIds.has(source.id) && source.name.trim() !== '')
    .map((source) => ({
      id: source.id,
      name: source.name,
      kind: source.id.startsWith('screen:') ? ('screen' as const) : ('window' as const),
      thumbnail: source.thumbnail.toDataURL(),
      appIcon: source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : null,
    }))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'screen' ? -1 : 1));
}

export class CapturePicks {
  private pick: CapturePick | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  remember(sourceId: string, withSystemAudio: boolean): void {
    this.pick = { sourceId, withSystemAudio, at: this.now() };
  }

  /** The pending pick, once: null when there is none or it is too old. */
  take(): CapturePick | null {
    const pick = this.pick;
    this.pick = null;
    return pick && this.now() - pick.at <= PICK_VALID_MS ? pick : null;
  }
}

/**
 * The answer to a display-media request: the picked source (still there), with system audio
 * only where the OS can loop it back (Windows). null denies the request.
 */
export function answerDisplayRequest(
  pick: CapturePick | null,
  sources: readonly DesktopCapturerSource[],
  platform: string,
  mode: CaptureMode = 'own-picker',
): { video: DesktopCapturerSource; audio?: 'loopback' } | null {
  // Under the system's picker, the sources are what the user chose in it (the portal's answer).
  if (mode === 'system-picker') return sources[0] ? { video: sources[0] } : null;
  if (!pick) return null;
  const video = sources.find((source) => source.id === pick.sourceId);
  if (!video) return null;
  return pick.withSystemAudio && platform === 'win32' ? { video, audio: 'loopback' } : { video };
}
