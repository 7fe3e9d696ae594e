// redirect: to an agent, a group (all its available members at once), another flow, or an
// external number (checked against the call's transfer policy first → `forbidden`).
// First leg to answer is bridged; ringTimeoutSeconds without an answer → `no_answer`; every
// leg busy → `busy`; unreachable target (agent offline or paused, group without anyone to
// ring, flow that cannot be loaded within 10 s) → `failed`.
import { agentStatus } from '../context';
import { judgeDestination } from '../transfer-policy';
import type { LegRequest } from '../types';
import type { StepHandler, StepRun } from '../step-run';

type Run = StepRun<'redirect'>;

export const FLOW_LOAD_TIMEOUT_SECONDS = 10;

function ringAll(run: Run, targets: LegRequest['target'][]): void {
  const seconds = run.config.ringTimeoutSeconds ?? 30;
  const legs = targets.map((target, i) => ({ legId: run.id(`leg${i}`), target, ringSeconds: seconds }));
  run.setData({ busy: 0, failed: 0, noAnswer: 0 });
  run.play([{ kind: 'tone', tone: 'ringback' }], { loop: true });
  run.ring(legs, 'redirect');
  run.startTimer('ring', seconds);
}

export const redirectStep: StepHandler<'redirect'> = {
  enter(run) {
    const { target } = run.config;
    switch (target.kind) {
      case 'flow':
        run.setData({ awaitingFlow: target.flowId });
        run.emit({ type: 'loadFlow', flowId: target.flowId ?? '' });
        run.startTimer('load', FLOW_LOAD_TIMEOUT_SECONDS);
        return;
      case 'external': {
        const number = target.number ?? '';
        // judged in the form the trunk dials, and that very form is what the leg dials
        const { dial, reason } = judgeDestination(run.state.policy, number, run.context.homeCountryCode);
        if (reason !== null) return run.leave('forbidden', { reason });
        return ringAll(run, [{ kind: 'external', number: dial ?? number }]);
      }
      case 'agent': {
        const agentId = target.agentId ?? '';
        const status = agentStatus(run.context, agentId);
        if (status === 'busy') {
          run.state.lastAgentOutcome = 'busy';
          return run.leave('busy', { agentId });
        }
        if (status !== 'available') return run.leave('failed', { agentId, reason: status });
        return ringAll(run, [{ kind: 'agent', agentId }]);
      }
      case 'group': {
        const group = run.context.groups[target.groupId ?? ''];
        if (!group) return run.leave('failed', { reason: 'unknown-group' });
        run.persist('queue', { event: 'offered', groupId: group.id, strategy: 'redirect' });
        const available = group.members.filter((m) => agentStatus(run.context, m.agentId) === 'available');
        if (available.length === 0) {
          if (group.members.some((m) => agentStatus(run.context, m.agentId) === 'busy')) {
            run.state.lastAgentOutcome = 'busy';
            return run.leave('busy');
          }
          return run.leave('failed', { reason: 'nobody-available' });
        }
        return ringAll(run, available.map((m) => ({ kind: 'agent' as const, agentId: m.agentId })));
      }
    }
  },
  on(run, event) {
    switch (event.type) {
      case 'flowLoaded':
        // ok is handled by the driver (the call continues in the loaded flow).
        if (!event.ok && event.flowId === run.data.awaitingFlow) run.leave('failed', { reason: 'flow-unavailable' });
        return;
      case 'legAnswered':
        return run.bridge(event.legId);
      case 'legFailed': {
        run.legFinished(event.legId, event.reason);
        const key = event.reason === 'busy' ? 'busy' : event.reason === 'no_answer' ? 'noAnswer' : 'failed';
        run.setData({ [key]: ((run.data[key] as number) ?? 0) + 1 });
        if (run.state.legs.length > 0) return;
        if ((run.data.noAnswer as number) > 0) return run.leave('no_answer');
        if ((run.data.busy as number) > 0) return run.leave('busy');
        return run.leave('failed');
      }
      case 'timerFired': {
        const name = run.timerName(event);
        if (name === 'load') run.leave('failed', { reason: 'flow-load-timeout' });
        else if (name === 'ring') {
          run.cancelLegs(run.state.legs, 'ring-timeout', 'no_answer');
          run.state.lastAgentOutcome = 'no_answer';
          run.leave('no_answer');
        }
        return;
      }
      default:
        return;
    }
  },
};
