// The call's timeline: every recorded event in order, with its time of day and the time since
// the call started, said in words (the step entered, the key pressed, the phone rung and its
// result, the transfer, the hold…). Unknown kinds (added by a later runtime) show their name.
import { getFormatter, getTranslations } from 'next-intl/server';
import type { CallEventView } from '@/app/lib/calls/call-detail';
import { formatDuration } from '../format';
import styles from '../calls.module.css';

export interface StepInfo {
  label: string;
  typeTitle: string;
  /** Output id → its label in the user's language. */
  outputs: Map<string, string>;
}

interface Props {
  events: CallEventView[];
  startedAt: Date;
  steps: Record<string, StepInfo>;
  agentNames: Record<string, string>;
  timeZone: string;
}

type T = Awaited<ReturnType<typeof getTranslations<'callHistory'>>>;

export async function CallTimeline({ events, startedAt, steps, agentNames, timeZone }: Props) {
  const [t, format] = await Promise.all([getTranslations('callHistory'), getFormatter()]);
  if (events.length === 0) return <p className="muted">{t('call.timelineEmpty')}</p>;
  const time = (d: Date) => format.dateTime(d, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone });
  // A leg's result names only its legId: who it rang is in its "ringing" event.
  const legs: LegTargets = new Map();
  for (const e of events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.kind === 'leg' && data.event === 'ringing' && typeof data.legId === 'string') legs.set(data.legId, { agentId: data.agentId, number: data.number });
  }
  return (
    <ol className={styles.timeline} data-testid="call-timeline">
      {events.map((e) => {
        const step = e.nodeId ? steps[e.nodeId] : undefined;
        return (
          <li key={e.seq} data-kind={e.kind}>
            <time dateTime={new Date(e.at).toISOString()}>{time(new Date(e.at))}</time>
            <span className={styles.elapsed}>{t('call.elapsed', { time: formatDuration(new Date(e.at).getTime() - startedAt.getTime()) ?? '' })}</span>
            <span>
              {describeEvent(t, e, step, agentNames, legs)}
              {step && e.kind !== 'node-entered' && <span className={styles.eventNode}> · {step.label}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

type LegTargets = Map<string, { agentId?: unknown; number?: unknown }>;

function describeEvent(t: T, e: CallEventView, step: StepInfo | undefined, agentNames: Record<string, string>, legs: LegTargets): string {
  const own = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
  const rung = e.kind === 'leg' && typeof own.legId === 'string' ? legs.get(own.legId) : undefined;
  const data = rung && !own.agentId && !own.number ? { ...own, ...rung } : own;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const agent = (id: unknown) => (typeof id === 'string' ? (agentNames[id] ?? t('someone')) : '');
  const who = () => (data.agentId ? agent(data.agentId) : data.number ? t('externalNumber', { number: str(data.number) }) : t('someone'));
  switch (e.kind) {
    case 'call-started':
    case 'call-ended':
    case 'hold':
    case 'resume':
    case 'voicemail':
    case 'callback':
    case 'sms':
    case 'http':
    case 'policy':
    case 'flow-entered':
    case 'loop-guard':
    case 'hangup':
    case 'retrieve':
    case 'switch':
      return t(`events.${e.kind}`);
    case 'node-entered':
      return t('events.node-entered', { label: step ? (step.label === step.typeTitle ? step.label : `${step.label} (${step.typeTitle})`) : str(data.label) || (e.nodeType ?? '') });
    case 'output-taken': {
      const output = e.output ?? '';
      const label = step?.outputs.get(output) ?? output;
      return t('events.output-taken', { output: label });
    }
    case 'leg':
      if (data.event === 'ringing') return t('events.leg-ringing', { target: who() });
      return t('events.leg-result', { target: who(), result: t(`legOutcomes.${legResult(data.outcome)}`) });
    case 'key':
      // a menu key (`key`) or an input's digits (`digits`, masked when sensitive); accepted: false = refused
      if (data.digits !== undefined) return t(data.accepted === false ? 'events.digits-refused' : 'events.digits-entered', { digits: str(data.digits) });
      return t(data.accepted === false ? 'events.key-invalid' : 'events.key-pressed', { key: str(data.key) });
    case 'queue':
      if (data.event === 'offered') return t('events.queue-offered');
      return data.event === 'position' ? t('events.queue-position', { position: str(data.position) }) : t('events.queue-join');
    case 'recording':
      return t(data.action === 'started' ? 'events.recording-started' : 'events.recording-stopped');
    case 'variable-set':
      return t('events.variable-set', { name: str(data.name) });
    case 'warning':
      return t('events.warning', { message: str(data.message) });
    case 'conference':
      return t('events.conference', { result: known(t, 'transferResults', data.result) });
    case 'transfer': {
      const target = data.toAgentId ? agent(data.toAgentId) : data.number ? t('externalNumber', { number: str(data.number) }) : '';
      const result = known(t, 'transferResults', data.result);
      return data.mode && target ? t('events.transfer', { mode: known(t, 'transferModes', data.mode), target, result }) : t('events.transfer-plain', { result });
    }
    default:
      return t('events.other', { kind: e.kind });
  }
}

/** A runtime word said in the user's language when the catalogue has it, as it is otherwise. */
function known(t: T, group: 'transferModes' | 'transferResults', value: unknown): string {
  const word = typeof value === 'string' ? value : '';
  return t.has(`${group}.${word}` as never) ? t(`${group}.${word}` as never) : word;
}

function legResult(outcome: unknown): 'answered' | 'no_answer' | 'busy' | 'cancelled' | 'failed' {
  return outcome === 'answered' || outcome === 'no_answer' || outcome === 'busy' || outcome === 'cancelled' ? outcome : 'failed';
}
