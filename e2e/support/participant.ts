/**
 * A participant as a new user would be: their own browser context, the home page, a name, Join.
 * Media is checked through counters that grow between two getStats() reads, per remote peer.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Records every RTCPeerConnection the page creates, so the test can read their stats. */
/** Runs in the page: keeps its peer connections and sockets, for stats and to cut the network. */
function recordConnections(): void {
  type Constructor = new (...args: never[]) => object;
  const record = (name: string, Native: Constructor): Constructor => {
    const instances: object[] = [];
    (window as unknown as Record<string, object[]>)[name] = instances;
    const Base = Native as new (...args: unknown[]) => object;
    return class extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        instances.push(this);
      }
    };
  };
  window.RTCPeerConnection = record('__webconfPeerConnections', window.RTCPeerConnection) as typeof RTCPeerConnection;
  window.WebSocket = record('__webconfSockets', window.WebSocket) as typeof WebSocket;
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
    await context.addInitScript(recordConnections);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
    // The app's own warnings (a consumer that failed, a request refused) belong in the test output.
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') console.error(`[${name}] ${message.text()}`);
    });
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

  /** The call store's participants and consumers (Vue exposes the app on its mount element). */
  async callStore(): Promise<string> {
    return this.page.evaluate(() => {
      const app = (
        document.querySelector('#app') as unknown as {
          __vue_app__?: { config: { globalProperties: { $pinia?: { state: { value: Record<string, unknown> } } } } };
        }
      ).__vue_app__;
      const call = app?.config.globalProperties.$pinia?.state.value['call'] as
        { participants: unknown; consumers: unknown; status: unknown } | undefined;
      return JSON.stringify(
        call ? { status: call.status, participants: call.participants, consumers: call.consumers } : null,
      );
    });
  }

  /** Closes its sockets to the server, as a network drop would: the app must rejoin by itself. */
  async dropSignaling(): Promise<void> {
    await this.page.evaluate(() =>
      (window as unknown as { __webconfSockets: WebSocket[] }).__webconfSockets.forEach((socket) => socket.close()),
    );
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
        const viewerState = senderStates.size > 0 ? [`${viewer.name}'s call store: ${await viewer.callStore()}`] : [];
        return samples.flatMap((s) => [
          ...viewerState.splice(0),
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
