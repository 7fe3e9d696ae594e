// Hold and resume on the caller's side of a bridge: hold breaks the media bridge with the agent's
// leg and plays hold music to the caller (the group's sound, else the built-in melody) so they
// never sit in silence; resume stops the music and bridges the two endpoints again.
import type { MediaEndpoint, PromptSource } from '../../media';

export async function holdCaller(caller: MediaEndpoint, music: readonly PromptSource[]): Promise<void> {
  if (caller.closed) return;
  if (caller.bridgedTo) await caller.unbridge();
  // Not awaited: the music loops until resume, a transfer, or the end of the call stops it.
  void caller.play(music.length ? music : [{ kind: 'tone', tone: 'hold' }], { loop: true, fallback: true }).catch(() => undefined);
}

export async function resumeCaller(caller: MediaEndpoint, agent: MediaEndpoint | null): Promise<void> {
  if (caller.closed || !agent || agent.closed) return;
  caller.stopPlayback();
  if (caller.bridgedTo === agent) return;
  if (caller.bridgedTo) await caller.unbridge();
  await caller.bridge(agent, { dtmf: 'forward' });
}
