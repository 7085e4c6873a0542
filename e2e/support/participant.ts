/**
 * A participant as a new user would be: their own browser context, the home page, a name, Join.
 * Media is checked through counters that grow between two getStats() reads, per remote peer.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Records every RTCPeerConnection the page creates, so the test can read their stats. */
function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  (window as unknown as { __webconfPeerConnections: RTCPeerConnection[] }).__webconfPeerConnections = connections;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      connections.push(this);
    }
  };
}

export interface RemoteCounters {
  framesDecoded: number;
  audioPacketsReceived: number;
  hasVideo: boolean;
  hasAudio: boolean;
}

export class Participant {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, name: string): Promise<Participant> {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    await context.addInitScript(recordPeerConnections);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
    return new Participant(name, context, page);
  }

  /** As an agent on the State network: home page → title → create; returns the meeting link. */
  async createRoom(title: string, server = ''): Promise<string> {
    await this.page.goto(`${server}/`);
    await this.page.getByTestId('create-title').fill(title);
    await this.page.getByTestId('home-create').click();
    await this.page.waitForURL(/\/r\/[a-z2-7]{26}$/);
    return this.page.url();
  }

  /** Opens the meeting link (or stays on it), types a name, and joins. */
  async join(link: string): Promise<void> {
    if (this.page.url() !== link) await this.page.goto(link);
    await this.page.getByTestId('display-name').fill(this.name);
    await expect(this.page.getByTestId('join-button')).toBeEnabled();
    await this.page.getByTestId('join-button').click();
    await expect(this.page.getByTestId('conference')).toBeVisible();
  }

  /** Creates a meeting and joins it as its moderator; returns the link for the others. */
  async host(title: string): Promise<string> {
    const link = await this.createRoom(title);
    await this.join(link);
    return link;
  }

  /** The tile showing another participant, found by the name it displays. */
  tileOf(other: Participant) {
    return this.page
      .getByTestId('tile')
      .filter({ has: this.page.getByTestId('tile-name').getByText(other.name, { exact: true }) });
  }

  /** Receive-side counters of one remote participant's media, matched through its tile's tracks. */
  async countersFor(other: Participant): Promise<RemoteCounters> {
    const peerId = await this.tileOf(other).getAttribute('data-peer-id');
    if (!peerId) throw new Error(`${this.name} shows no tile for ${other.name}`);
    return this.page.evaluate(async (id) => {
      const tile = document.querySelector(`[data-testid="tile"][data-peer-id="${id}"]`);
      const trackOf = (selector: string) =>
        ((tile?.querySelector(selector) as HTMLMediaElement | null)?.srcObject as MediaStream | null)?.getTracks()[0]
          ?.id;
      const videoTrack = trackOf('video');
      const audioTrack = trackOf('audio');
      const counters = { framesDecoded: 0, audioPacketsReceived: 0, hasVideo: false, hasAudio: false };
      const connections = (window as unknown as { __webconfPeerConnections: RTCPeerConnection[] })
        .__webconfPeerConnections;
      for (const pc of connections) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        report.forEach(
          (stat: {
            type: string;
            kind?: string;
            trackIdentifier?: string;
            framesDecoded?: number;
            packetsReceived?: number;
          }) => {
            if (stat.type !== 'inbound-rtp') return;
            if (stat.kind === 'video' && videoTrack && stat.trackIdentifier === videoTrack) {
              counters.hasVideo = true;
              counters.framesDecoded += stat.framesDecoded ?? 0;
            }
            if (stat.kind === 'audio' && audioTrack && stat.trackIdentifier === audioTrack) {
              counters.hasAudio = true;
              counters.audioPacketsReceived += stat.packetsReceived ?? 0;
            }
          },
        );
      }
      return counters;
    }, peerId);
  }

  /** Frames decoded so far for the shared screen this participant is shown (0 if none). */
  async screenFramesDecoded(): Promise<number> {
    return this.page.evaluate(async () => {
      const video = document.querySelector('[data-testid="screen-video"]') as HTMLVideoElement | null;
      const trackId = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0]?.id;
      if (!trackId) return 0;
      let frames = 0;
      const connections = (window as unknown as { __webconfPeerConnections: RTCPeerConnection[] })
        .__webconfPeerConnections;
      for (const pc of connections) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach((stat: { type: string; trackIdentifier?: string; framesDecoded?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.trackIdentifier === trackId) frames += stat.framesDecoded ?? 0;
        });
      }
      return frames;
    });
  }

  /** Its peer connections' states (send and receive transports), for failure messages. */
  async connectionStates(): Promise<string> {
    return this.page.evaluate(() =>
      (window as unknown as { __webconfPeerConnections: RTCPeerConnection[] }).__webconfPeerConnections
        .map((pc) => `${pc.connectionState}/${pc.iceConnectionState}`)
        .join(', '),
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Reads counters twice, `ms` apart, for each remote participant. */
export async function growth(viewer: Participant, others: Participant[], ms = 2000) {
  const before = await Promise.all(others.map((other) => viewer.countersFor(other)));
  await viewer.page.waitForTimeout(ms);
  const after = await Promise.all(others.map((other) => viewer.countersFor(other)));
  return others.map((other, i) => ({
    name: other.name,
    before: before[i]!,
    after: after[i]!,
    frames: after[i]!.framesDecoded - before[i]!.framesDecoded,
    audioPackets: after[i]!.audioPacketsReceived - before[i]!.audioPacketsReceived,
  }));
}

/** Waits (bounded) until every remote participant's video and audio flow on the viewer's side. */
export async function expectMediaFlowing(viewer: Participant, others: Participant[]): Promise<void> {
  // Polls for what is missing (empty when all flows), so a failure says whose media and which kind.
  await expect
    .poll(
      async () => {
        const samples = await growth(viewer, others, 1000);
        // For a sender whose media does not arrive: the state of its own connections to the SFU.
        const senderStates = new Map<string, string>();
        for (const sample of samples) {
          if (sample.frames > 0 && sample.audioPackets > 0) continue;
          const sender = others.find((other) => other.name === sample.name)!;
          senderStates.set(sample.name, await sender.connectionStates());
        }
        return samples.flatMap((s) => [
          ...(senderStates.has(s.name) ? [`${s.name}'s connections: ${senderStates.get(s.name)}`] : []),
          ...(s.after.hasVideo && s.frames > 0
            ? []
            : [`${s.name}: video (${s.after.hasVideo ? `${s.frames} new frames` : 'no track'})`]),
          ...(s.after.hasAudio && s.audioPackets > 0
            ? []
            : [`${s.name}: audio (${s.after.hasAudio ? `${s.audioPackets} new packets` : 'no track'})`]),
        ]);
      },
      { timeout: 30_000, intervals: [500], message: `${viewer.name} receives video and audio from everyone` },
    )
    .toEqual([]);
}
