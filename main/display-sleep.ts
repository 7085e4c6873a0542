/**
 * Keeps the display awake while a call is on (nobody wants the screen to dim mid-meeting), and
 * lets it sleep again after. The blocker is injected: Electron's powerSaveBlocker in the app.
 */
import type { PowerSaveBlocker } from 'electron';

export class DisplaySleepGuard {
  private blockerId: number | null = null;

  constructor(private readonly blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>) {}

  setCallActive(active: boolean): void {
    if (active && (this.blockerId === null || !this.blocker.isStarted(this.blockerId))) {
      this.blockerId = this.blocker.start('prevent-display-sleep');
    } else if (!active && this.blockerId !== null) {
      this.blocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }
}
