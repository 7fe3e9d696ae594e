// What a queue group presents on an agent's outgoing call (C3): the caller ID — the organisation's
// number whose published flow has a queue-group step of that group, else its oldest number — and
// the hold music of that step (else the built-in melody).
import type { PrismaClient } from '../../../prisma/client';
import type { PromptSource } from '../../media';
import type { FlowStore } from '../flow-store';
import type { SoundFiles } from '../ports/sound-files';

export interface GroupLine {
  /** E.164 presented to the customer, or null when the organisation has no number. */
  callerId: string | null;
  holdMusicSoundId: string | null;
}

export async function groupLine(prisma: PrismaClient, flows: FlowStore, organizationId: string, groupId: string): Promise<GroupLine> {
  const numbers = await prisma.phoneNumber.findMany({ where: { organizationId }, orderBy: { createdAt: 'asc' }, select: { e164: true, flowId: true } });
  const seen = new Map<string, string | null>();
  for (const n of numbers) {
    if (!n.flowId) continue;
    if (!seen.has(n.flowId)) {
      const published = await flows.latestPublished(n.flowId, organizationId).catch(() => null);
      let found: string | null | undefined;
      for (const node of published?.flow.nodes.values() ?? []) {
        const config = node.config as { groupId?: string; holdMusicSoundId?: string };
        if (node.type === 'queue-group' && config.groupId === groupId) {
          found = config.holdMusicSoundId ?? null;
          break;
        }
      }
      if (found === undefined) continue;
      seen.set(n.flowId, found);
    }
    return { callerId: n.e164, holdMusicSoundId: seen.get(n.flowId) ?? null };
  }
  return { callerId: numbers[0]?.e164 ?? null, holdMusicSoundId: null };
}

export async function holdMusicOf(sounds: SoundFiles, soundId: string | null): Promise<PromptSource[]> {
  const file = soundId ? await sounds.path(soundId).catch(() => null) : null;
  return file ? [{ kind: 'file', path: file }] : [{ kind: 'tone', tone: 'hold' }];
}
