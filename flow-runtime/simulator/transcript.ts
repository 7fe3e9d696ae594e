// Turns what the session processed (one event and the effects it caused) into transcript
// lines. `text` is the raw content (what is said, the digits, the URL, the SMS text); the UI
// and the CLI phrase each line from its `kind` and `data` in the user's language.
import type { CallEvent, Effect, LegRequest, PlayItem, Value } from '../interpreter';
import type { TranscriptEntry } from './types';

/** Simulated length of a prompt: about 15 characters of speech a second. */
export function promptDurationMs(items: readonly PlayItem[]): number {
  let ms = 0;
  for (const item of items) {
    if (item.kind === 'tts') ms += Math.max(800, item.text.length * 65);
    else if (item.kind === 'digits') ms += 300 + item.digits.length * 600;
    else if (item.kind === 'sound') ms += 4000;
    else ms += item.tone === 'beep' ? 500 : 3000;
  }
  return ms;
}

export function promptText(items: readonly PlayItem[]): string {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'tts':
          return item.text;
        case 'digits':
          return item.digits;
        case 'sound':
          return `[${item.soundId}]`;
        default:
          return `[${item.tone}]`;
      }
    })
    .join(' ');
}

export function legTarget(target: LegRequest['target']): Record<string, Value> {
  return target.kind === 'agent' ? { agentId: target.agentId } : { number: target.number };
}

const BODY_LIMIT = 2000;

export interface TranscriptContext {
  t: number;
  /** Node the call was in before the event. */
  nodeId: string | undefined;
  legs: Map<string, LegRequest['target']>;
}

/** Lines for one processed event and its effects, in order. */
export function transcriptLines(event: CallEvent, effects: readonly Effect[], ctx: TranscriptContext): TranscriptEntry[] {
  const lines: TranscriptEntry[] = [];
  let nodeId = ctx.nodeId;
  const line = (kind: TranscriptEntry['kind'], text: string, data?: Record<string, Value>): void => {
    const entry: TranscriptEntry = { t: ctx.t, kind, text };
    if (nodeId !== undefined) entry.nodeId = nodeId;
    if (data !== undefined) entry.data = data;
    lines.push(entry);
  };

  switch (event.type) {
    case 'legAnswered':
    case 'legFailed':
    case 'legEnded': {
      const target = ctx.legs.get(event.legId);
      const result = event.type === 'legAnswered' ? 'answered' : event.type === 'legEnded' ? 'ended' : event.reason;
      line('leg', target ? (target.kind === 'agent' ? target.agentId : target.number) : event.legId, { legId: event.legId, result, ...(target ? legTarget(target) : {}) });
      break;
    }
    case 'queueJoined':
    case 'queuePosition':
      line('queue', String(event.position), { event: event.type === 'queueJoined' ? 'joined' : 'position', position: event.position });
      break;
    case 'queueRejected':
      line('queue', 'full', { event: 'rejected', reason: event.reason });
      break;
    case 'agentAvailable':
      line('queue', event.agentId, { event: 'offered', agentId: event.agentId });
      break;
    case 'httpResponse':
      line('http', String(event.status), { event: 'response', status: event.status, body: event.body.slice(0, BODY_LIMIT) });
      break;
    case 'httpError':
      line('http', event.reason, { event: 'error', error: event.reason, ...(event.detail ? { detail: event.detail } : {}) });
      break;
    case 'recordingFinished':
      line('voicemail', `${Math.round(event.durationMs / 1000)} s`, { event: 'recorded', reason: event.reason, durationMs: event.durationMs });
      break;
    case 'flowLoaded':
      line('transfer', event.flowId, { event: event.ok ? 'loaded' : 'unavailable', flowId: event.flowId });
      break;
    default:
      break;
  }

  for (const effect of effects) {
    switch (effect.type) {
      case 'persistEvent': {
        const entry = effect.entry;
        if (entry.kind === 'node-entered') nodeId = entry.nodeId;
        else if (entry.kind === 'warning') line('note', String(entry.data?.message ?? ''), { event: 'warning' });
        else if (entry.kind === 'loop-guard') line('note', String(entry.data?.goTo ?? ''), { event: 'loop-guard', steps: entry.data?.steps ?? null });
        break;
      }
      case 'play':
        line('prompt', promptText(effect.items), { items: effect.items as unknown as Value, loop: effect.loop, playId: effect.playId });
        break;
      case 'ringLegs': {
        for (const leg of effect.legs) ctx.legs.set(leg.legId, leg.target);
        const targets = effect.legs.map((leg) => ({ legId: leg.legId, ringSeconds: leg.ringSeconds, ...legTarget(leg.target) }));
        line('ring', effect.legs.map((leg) => (leg.target.kind === 'agent' ? leg.target.agentId : leg.target.number)).join(', '), { strategy: effect.strategy, targets });
        break;
      }
      case 'cancelLegs':
        if (effect.reason !== 'ring-timeout') break;
        for (const legId of effect.legIds) {
          const target = ctx.legs.get(legId);
          line('leg', target ? (target.kind === 'agent' ? target.agentId : target.number) : legId, { legId, result: 'no_answer', ...(target ? legTarget(target) : {}) });
        }
        break;
      case 'bridge': {
        const target = ctx.legs.get(effect.legId);
        line('bridge', target ? (target.kind === 'agent' ? target.agentId : target.number) : effect.legId, { legId: effect.legId, ...(target ? legTarget(target) : {}) });
        break;
      }
      case 'record':
        line('voicemail', '', { event: 'recording', maxLengthSeconds: effect.maxLengthSeconds });
        break;
      case 'storeVoicemail':
        line('voicemail', `${Math.round(effect.durationMs / 1000)} s`, {
          event: 'stored',
          durationMs: effect.durationMs,
          caller: effect.caller,
          ...(effect.mailbox.kind === 'agent' ? { agentId: effect.mailbox.agentId } : { groupId: effect.mailbox.groupId }),
        });
        break;
      case 'httpRequest':
        line('http', `${effect.method} ${effect.url}`, {
          event: 'request',
          method: effect.method,
          url: effect.url,
          headers: effect.headers.map((h) => ({ name: h.name, value: h.secret ? '••••' : h.value })),
          body: effect.body === null ? null : effect.body.slice(0, BODY_LIMIT),
        });
        break;
      case 'sendSms':
        line('sms', effect.text, { to: effect.to, fromNumberId: effect.fromNumberId, text: effect.text });
        break;
      case 'createCallback':
        line('callback', effect.number, { number: effect.number, groupId: effect.groupId, earliestAt: effect.earliestAt });
        break;
      case 'loadFlow':
        line('transfer', effect.flowId, { event: 'load', flowId: effect.flowId });
        break;
      case 'queueJoin':
        line('queue', effect.queueId, { event: 'join', queueId: effect.queueId });
        break;
      case 'hangup':
        line('hangup', effect.cause, { by: 'flow', cause: effect.cause });
        break;
      default:
        break;
    }
  }
  return lines;
}
