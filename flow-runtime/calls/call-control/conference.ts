// The 3-way conference of a warm transfer (issue 13 item 4): caller, agent and target joined in
// one conference of the media server's mixer (media/conference-mixer.ts: each participant hears
// the sum of the others, never itself, G.711 in and out). When one party leaves, the two others
// are bridged directly again (a plain two-way relay is cheaper than a 2-party mix) and the
// conference is closed.
import type { MediaConference, MediaEndpoint, MediaServer } from '../../media';

export type Party = 'caller' | 'agent' | 'target';

export const PARTIES: readonly Party[] = ['caller', 'agent', 'target'];

export class ThreeWay {
  private constructor(
    private readonly conference: MediaConference,
    private readonly endpoints: Map<Party, MediaEndpoint>,
  ) {}

  /** Joins the three endpoints (adding one stops its hold music and unbridges it first). */
  static async join(media: MediaServer, label: string, endpoints: Record<Party, MediaEndpoint>): Promise<ThreeWay> {
    const conference = await media.createConference({ label });
    try {
      for (const party of PARTIES) await conference.add(endpoints[party]);
    } catch (err) {
      await conference.close().catch(() => undefined);
      throw err;
    }
    return new ThreeWay(conference, new Map(PARTIES.map((p) => [p, endpoints[p]])));
  }

  get parties(): Party[] {
    return [...this.endpoints.keys()];
  }

  get closed(): boolean {
    return this.conference.closed;
  }

  /**
   * `party` left (hung up, or released by complete): the conference closes and the two others
   * are bridged to each other. Returns the two remaining parties.
   */
  async leave(party: Party): Promise<Party[]> {
    this.endpoints.delete(party);
    const rest = [...this.endpoints.entries()];
    await this.conference.close().catch(() => undefined);
    const [a, b] = rest.map(([, ep]) => ep);
    if (a && b && !a.closed && !b.closed) await a.bridge(b, { dtmf: 'forward' });
    return rest.map(([p]) => p);
  }

  /** The call is over: the conference closes (the legs are ended by their owners). */
  async close(): Promise<void> {
    this.endpoints.clear();
    await this.conference.close().catch(() => undefined);
  }
}
