// queue-group (Groupe): rings a group of agents.
// - simultaneous: every eligible member rings for ringTimeSeconds; the first to answer is
//   bridged, the other legs stop.
// - cascade: eligible members one after the other in group order, each for its own ring time
//   (member setting, else ringTimeSeconds), cascadeRounds times through the list.
// - queue: the caller waits with hold music in the group's queue (QueueCoordinator: first
//   come first served, the longest-waiting caller goes to the next free agent), hears their
//   position every announceIntervalSeconds; a full queue → `full`.
// Eligible: with skipBusy only available members, else every member not offline. Nobody to
// ring → `busy` when someone is busy, else `unavailable`. Rang without answer → `no_answer`
// (`busy` when every leg was busy). maxWaitSeconds in the step → `timeout`. Every leg's
// outcome is recorded; hold music (or a ring-back tone) plays while the caller waits.
import { queuePositionPhrase } from '../phrases';
import { agentStatus, orderedMembers, type DirectoryGroup } from '../context';
import type { PlayItem } from '../types';
import type { StepHandler, StepRun } from '../step-run';

type Run = StepRun<'queue-group'>;

function holdItems(run: Run): PlayItem[] {
  const soundId = run.config.holdMusicSoundId;
  return soundId ? [{ kind: 'sound', soundId }] : [{ kind: 'tone', tone: run.config.strategy === 'queue' ? 'hold' : 'ringback' }];
}

function isEligible(run: Run, agentId: string): boolean {
  const status = agentStatus(run.context, agentId);
  return (run.config.skipBusy ?? true) ? status === 'available' : status !== 'offline';
}

function nobodyOutput(run: Run, group: DirectoryGroup): 'busy' | 'unavailable' {
  const someoneBusy = group.members.some((m) => agentStatus(run.context, m.agentId) === 'busy');
  if (someoneBusy) run.state.lastAgentOutcome = 'busy';
  return someoneBusy ? 'busy' : 'unavailable';
}

function group(run: Run): DirectoryGroup | undefined {
  return run.context.groups[run.config.groupId];
}

function ringTime(run: Run, g: DirectoryGroup, agentId: string | null): number {
  const member = agentId ? g.members.find((m) => m.agentId === agentId) : undefined;
  return member?.ringTimeSeconds ?? run.config.ringTimeSeconds ?? g.ringTimeSeconds ?? 20;
}

function countOutcome(run: Run, outcome: 'busy' | 'no_answer' | 'failed'): void {
  run.setData({ rang: ((run.data.rang as number) ?? 0) + 1, busy: ((run.data.busy as number) ?? 0) + (outcome === 'busy' ? 1 : 0) });
}

/** After a ringing attempt that nobody answered. */
function nobodyAnswered(run: Run): void {
  const rang = (run.data.rang as number) ?? 0;
  const busy = (run.data.busy as number) ?? 0;
  run.leave(rang > 0 && busy === rang ? 'busy' : 'no_answer');
}

// ---- cascade ---------------------------------------------------------------------------

function ringNextInCascade(run: Run, g: DirectoryGroup): void {
  const order = orderedMembers(g);
  const rounds = Math.max(1, run.config.cascadeRounds ?? 1);
  let index = (run.data.index as number) ?? 0;
  let round = (run.data.round as number) ?? 0;
  let rangThisRound = (run.data.rangThisRound as boolean) ?? false;
  while (round < rounds) {
    while (index < order.length) {
      const member = order[index++];
      if (!isEligible(run, member.agentId)) continue;
      const seconds = ringTime(run, g, member.agentId);
      run.setData({ index, round, rangThisRound: true });
      run.ring([{ legId: run.id(`leg${round}.${index}`), target: { kind: 'agent', agentId: member.agentId }, ringSeconds: seconds }], 'cascade');
      run.startTimer('ring', seconds);
      return;
    }
    // A round in which nobody could be rung will not do better next time.
    if (!rangThisRound) break;
    round += 1;
    index = 0;
    rangThisRound = false;
  }
  if (((run.data.rang as number) ?? 0) === 0) return run.leave(nobodyOutput(run, g));
  nobodyAnswered(run);
}

// ---- queue -----------------------------------------------------------------------------

function announce(run: Run): void {
  const position = run.data.position as number | undefined;
  if (position === undefined || run.state.legs.length > 0) return;
  const playId = run.play([{ kind: 'tts', text: queuePositionPhrase(position, run.language), language: run.language }]);
  run.setData({ announcing: playId });
}

function declineOffer(run: Run, outcome: 'no_answer' | 'busy' | 'failed' | 'cancelled'): void {
  const offer = run.data.offer as { offerId: string; agentId: string } | undefined;
  if (!offer || run.state.queueId === null) return;
  run.emit({ type: 'queueOfferResult', queueId: run.state.queueId, offerId: offer.offerId, agentId: offer.agentId, accepted: false, outcome });
  run.setData({ offer: undefined });
}

function leaveQueue(run: Run, reason: 'answered' | 'timeout'): void {
  if (run.state.queueId === null) return;
  run.emit({ type: 'queueLeave', queueId: run.state.queueId, reason });
  run.state.queueId = null;
}

// ---- handler ---------------------------------------------------------------------------

export const queueGroupStep: StepHandler<'queue-group'> = {
  enter(run) {
    const g = group(run);
    if (!g) {
      run.warn(`group ${run.config.groupId} not found`);
      return run.leave('unavailable');
    }
    const strategy = run.config.strategy ?? 'simultaneous';
    run.setData({ rang: 0, busy: 0 });
    // the call is offered to the group (its wait starts), whether or not anyone can be rung
    run.persist('queue', { event: 'offered', groupId: g.id, strategy });
    if (strategy === 'queue') {
      if (!g.members.some((m) => agentStatus(run.context, m.agentId) !== 'offline')) return run.leave('unavailable');
      run.play(holdItems(run), { loop: true });
      run.emit({ type: 'queueJoin', queueId: g.id, maxQueueSize: run.config.maxQueueSize ?? 20, agentIds: orderedMembers(g).map((m) => m.agentId) });
      run.state.queueId = g.id;
      run.persist('queue', { event: 'join', queueId: g.id });
      run.startTimer('max', run.config.maxWaitSeconds ?? 300);
      return;
    }
    const eligible = orderedMembers(g).filter((m) => isEligible(run, m.agentId));
    if (eligible.length === 0) return run.leave(nobodyOutput(run, g));
    run.play(holdItems(run), { loop: true });
    run.startTimer('max', run.config.maxWaitSeconds ?? 300);
    if (strategy === 'cascade') return ringNextInCascade(run, g);
    const seconds = run.config.ringTimeSeconds ?? g.ringTimeSeconds ?? 20;
    run.ring(
      eligible.map((m, i) => ({ legId: run.id(`leg${i}`), target: { kind: 'agent' as const, agentId: m.agentId }, ringSeconds: seconds })),
      'simultaneous',
    );
    run.startTimer('ring', seconds);
  },

  on(run, event) {
    const g = group(run);
    const strategy = run.config.strategy ?? 'simultaneous';
    switch (event.type) {
      case 'legAnswered': {
        if (strategy === 'queue') {
          const offer = run.data.offer as { offerId: string; agentId: string } | undefined;
          if (offer && run.state.queueId !== null) {
            run.emit({ type: 'queueOfferResult', queueId: run.state.queueId, offerId: offer.offerId, agentId: offer.agentId, accepted: true, outcome: 'answered' });
          }
          leaveQueue(run, 'answered');
        }
        return run.bridge(event.legId);
      }
      case 'legFailed': {
        run.legFinished(event.legId, event.reason);
        countOutcome(run, event.reason);
        if (strategy === 'queue') {
          run.cancelTimer('ring');
          declineOffer(run, event.reason);
          return;
        }
        if (strategy === 'cascade') {
          run.cancelTimer('ring');
          return g ? ringNextInCascade(run, g) : nobodyAnswered(run);
        }
        if (run.state.legs.length === 0) nobodyAnswered(run);
        return;
      }
      case 'timerFired': {
        const name = run.timerName(event);
        if (name === 'max') {
          declineOffer(run, 'cancelled');
          leaveQueue(run, 'timeout');
          if (run.state.legs.length > 0) {
            run.cancelLegs(run.state.legs, 'ring-timeout', 'no_answer');
            run.state.lastAgentOutcome = 'no_answer';
          }
          return run.leave('timeout');
        }
        if (name === 'ring') {
          const ringing = run.state.legs;
          run.cancelLegs(ringing, 'ring-timeout', 'no_answer');
          if (ringing.length > 0) run.state.lastAgentOutcome = 'no_answer';
          run.setData({ rang: ((run.data.rang as number) ?? 0) + ringing.length });
          if (strategy === 'queue') return declineOffer(run, 'no_answer');
          if (strategy === 'cascade' && g) return ringNextInCascade(run, g);
          return nobodyAnswered(run);
        }
        if (name === 'announce') {
          announce(run);
          run.startTimer('announce', run.config.announceIntervalSeconds ?? 60);
        }
        return;
      }
      case 'promptFinished':
        // A position announcement ended: back to the hold music.
        if (strategy === 'queue') run.play(holdItems(run), { loop: true });
        return;
      case 'queueJoined':
        if (event.queueId !== run.state.queueId) return;
        run.setData({ position: event.position });
        run.persist('queue', { event: 'position', position: event.position });
        if (run.config.announcePosition ?? true) {
          announce(run);
          run.startTimer('announce', run.config.announceIntervalSeconds ?? 60);
        }
        return;
      case 'queuePosition':
        if (event.queueId === run.state.queueId) run.setData({ position: event.position });
        return;
      case 'queueRejected':
        if (event.queueId !== run.state.queueId) return;
        run.state.queueId = null;
        return run.leave('full');
      case 'agentAvailable': {
        if (event.queueId !== run.state.queueId) return;
        if (run.state.legs.length > 0 || !g) {
          run.emit({ type: 'queueOfferResult', queueId: event.queueId, offerId: event.offerId, agentId: event.agentId, accepted: false, outcome: 'cancelled' });
          return;
        }
        const seconds = ringTime(run, g, null);
        run.setData({ offer: { offerId: event.offerId, agentId: event.agentId } });
        run.ring([{ legId: run.id(`offer.${event.offerId}`), target: { kind: 'agent', agentId: event.agentId }, ringSeconds: seconds }], 'queue');
        run.startTimer('ring', seconds);
        return;
      }
      default:
        return;
    }
  },

  onCallerHangup(run) {
    declineOffer(run, 'cancelled');
  },
};
