'use client';
// A transcript line in the user's language: the simulator gives each line a kind, a raw text
// (what is said, the digits, the URL…) and data; this phrases it ("Ringing Alice, Bruno",
// "SMS to +336… (not sent): …"), naming agents, groups and flows from the directory.
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import type { Value } from '@/flow-runtime/interpreter';
import type { TranscriptEntry } from '@/flow-runtime/simulator/types';
import type { SimulationDirectory } from './directory';

const str = (v: Value | undefined): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

export function useEntryText(directory: SimulationDirectory | null) {
  const t = useTranslations('editor.simulator.line');
  return useCallback(
    (entry: TranscriptEntry): string => {
      const d = entry.data ?? {};
      const agent = (id: Value | undefined) => directory?.agents.find((a) => a.id === id)?.name ?? str(id);
      const group = (id: Value | undefined) => directory?.groups.find((g) => g.id === id)?.name ?? str(id);
      const flow = (id: Value | undefined) => directory?.flowNames[str(id)] ?? str(id);
      const who = (x: Record<string, Value>) => (x.agentId !== undefined ? agent(x.agentId) : str(x.number));
      switch (entry.kind) {
        case 'prompt':
          return `« ${entry.text} »`;
        case 'key':
          return t('key', { digits: str(d.digits ?? entry.text) });
        case 'silence':
          return t('silence', { seconds: Math.round(Number(d.seconds ?? 0)) });
        case 'ring': {
          const targets = Array.isArray(d.targets) ? (d.targets as Record<string, Value>[]).map(who).join(', ') : entry.text;
          return t('ring', { targets });
        }
        case 'leg': {
          const result = str(d.result);
          return t('leg', { who: who(d), result: ['answered', 'no_answer', 'busy', 'failed', 'cancelled', 'ended'].includes(result) ? t(`legResult.${result}`) : result });
        }
        case 'bridge':
          return t('bridge', { who: who(d) });
        case 'queue':
          switch (d.event) {
            case 'join':
              return t('queueJoin');
            case 'joined':
            case 'position':
              return t('queuePosition', { position: str(d.position) });
            case 'rejected':
              return t('queueRejected');
            case 'offered':
              return t('queueOffered', { who: agent(d.agentId) });
            default:
              return entry.text;
          }
        case 'http':
          if (d.event === 'response') return t('httpResponse', { status: str(d.status), body: str(d.body).slice(0, 200) });
          if (d.event === 'error') return t('httpError', { error: str(d.error) });
          return entry.text;
        case 'sms':
          return t('sms', { to: str(d.to), text: str(d.text ?? entry.text) });
        case 'callback':
          return t('callback', { number: str(d.number ?? entry.text), group: group(d.groupId) });
        case 'voicemail':
          if (d.event === 'recording') return t('voicemailRecording', { seconds: str(d.maxLengthSeconds) });
          if (d.event === 'recorded') return t('voicemailRecorded', { seconds: Math.round(Number(d.durationMs ?? 0) / 1000) });
          if (d.event === 'stored') return t('voicemailStored', { mailbox: d.agentId !== undefined ? agent(d.agentId) : group(d.groupId), seconds: Math.round(Number(d.durationMs ?? 0) / 1000) });
          return entry.text;
        case 'transfer':
          if (d.event === 'unavailable') return t('transferUnavailable', { flow: flow(d.flowId) });
          if (d.event === 'loaded') return t('transferLoaded', { flow: flow(d.flowId) });
          return t('transfer', { flow: flow(d.flowId ?? entry.text) });
        case 'hangup':
          return d.by === 'caller' ? t('hangupCaller') : t('hangupFlow', { cause: str(d.cause ?? entry.text) });
        case 'note':
          if (d.event === 'max-events') return t('maxEvents', { events: str(d.events) });
          if (d.event === 'idle') return t('idle');
          if (d.event === 'loop-guard') return t('loopGuard', { steps: str(d.steps) });
          return entry.text;
        default:
          return entry.text;
      }
    },
    [t, directory],
  );
}
