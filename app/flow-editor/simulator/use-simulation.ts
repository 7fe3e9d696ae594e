'use client';
// One interactive simulated call of the editor's draft (issue 17), on sim-core's Simulator:
// the same interpreter as the runtime, in the browser, with a fake clock. Caller actions are
// queued one after the other; an HTTP request step waits for the panel (send it for real
// through the server, or type its answer); the path is drawn on the canvas (overlay store).
import { useCallback, useEffect, useRef, useState } from 'react';
import { EMPTY_CONTEXT } from '@/flow-runtime/interpreter';
import { Simulator, type HttpRequestEffect, type SimulatorHttpAnswer } from '@/flow-runtime/simulator/simulator';
import type { CallerAction, SimulationInput, SimulationResult, TypedHttpAnswer } from '@/flow-runtime/simulator/types';
import type { Problem } from '@/schemas';
import { useCanvasOverlay } from '../overlay/store';
import { useEditorStore } from '../store';
import type { SimulationDirectory } from './directory';
import { loadDraft } from './load-draft';
import { simulationLayer } from './path-layer';

export type { HttpRequestEffect };
export type HttpAnswer = SimulatorHttpAnswer;

/** An HTTP request step waiting for the panel's answer. */
export interface PendingHttp {
  effect: HttpRequestEffect;
  nodeId: string | null;
  /** `typed`: answered in the panel (instant for the call), not a real request's answer. */
  answer(answer: HttpAnswer, typed: boolean): void;
}

export type Phase = 'idle' | 'running' | 'http' | 'waiting' | 'ended' | 'invalid' | 'failed';

export interface SimulationRun {
  /** The input the call started with (actions: none). */
  input: SimulationInput;
  /** What the caller did, in order (for "save as test case"). */
  actions: CallerAction[];
  /** Every HTTP answer given, real or typed, by node (replayed by a saved case). */
  http: TypedHttpAnswer[];
  result: SimulationResult | null;
  /** The editor's document version the run started from (a later change: "restart to try it"). */
  version: number;
}

export interface SimulationState {
  phase: Phase;
  run: SimulationRun | null;
  pendingHttp: PendingHttp | null;
  problems: Problem[];
  error: string | null;
}

const IDLE: SimulationState = { phase: 'idle', run: null, pendingHttp: null, problems: [], error: null };

export function useSimulation(directory: SimulationDirectory | null) {
  const [state, setState] = useState<SimulationState>(IDLE);
  const session = useRef<{ sim: Simulator; run: SimulationRun; queue: Promise<void>; busy: number; unsubscribe?: () => void; stopped: boolean } | null>(null);
  const setSimulation = useCanvasOverlay((s) => s.setSimulation);

  const publish = useCallback(() => {
    const current = session.current;
    if (!current || current.stopped) return;
    const result = current.sim.result();
    const used = current.sim.usedInput();
    current.run.result = result;
    current.run.actions = used.actions;
    current.run.http = used.http ?? [];
    setSimulation(simulationLayer(result));
    setState((s) => ({
      ...s,
      run: { ...current.run },
      phase: s.pendingHttp ? 'http' : current.busy > 0 ? 'running' : result.status === 'ended' ? 'ended' : 'waiting',
    }));
  }, [setSimulation]);

  const stop = useCallback(() => {
    const current = session.current;
    if (current) {
      current.stopped = true;
      current.unsubscribe?.();
    }
    session.current = null;
  }, []);

  /** Runs one step of the call (start or a caller action) after the ones already queued. */
  const enqueue = useCallback(
    (step: (sim: Simulator) => Promise<unknown>, action?: CallerAction) => {
      const current = session.current;
      if (!current) return;
      current.busy++;
      setState((s) => ({ ...s, phase: s.pendingHttp ? 'http' : 'running' }));
      current.queue = current.queue.then(async () => {
        if (current.stopped) return;
        if (action && current.sim.result().status === 'ended') {
          current.busy--;
          return;
        }
        try {
          await step(current.sim);
        } catch (error) {
          if (!current.stopped) setState((s) => ({ ...s, phase: 'failed', error: error instanceof Error ? error.message : String(error) }));
          current.busy--;
          return;
        }
        current.busy--;
        publish();
      });
    },
    [publish],
  );

  /**
   * Starts a Simulator on the draft. `replay`: the caller's actions to apply again at once (a
   * typed HTTP answer restarts the call with that answer given in advance — the simulator then
   * treats it as instant, not as a late answer — and the same actions bring it back to here).
   */
  const launch = useCallback(
    (input: SimulationInput, simInput: SimulationInput, replay: CallerAction[] | null) => {
      stop();
      const editor = useEditorStore.getState();
      const loaded = loadDraft(editor.document(), editor.flowId);
      if (!loaded.ok) {
        setSimulation(null);
        setState({ ...IDLE, phase: 'invalid', problems: loaded.problems });
        return;
      }
      const run: SimulationRun = { input, actions: [], http: [], result: null, version: editor.version };
      const http = (effect: HttpRequestEffect) =>
        new Promise<HttpAnswer>((resolve) => {
          const owner = session.current;
          const nodeId = owner?.sim.result().currentNodeId ?? null;
          const pending: PendingHttp = {
            effect,
            nodeId,
            answer: (answer, typed) => {
              setState((s) => ({ ...s, pendingHttp: null, phase: 'running' }));
              if (typed && nodeId && owner && session.current === owner) {
                const used = owner.sim.usedInput();
                launch(input, { ...simInput, http: [...(used.http ?? []), { nodeId, ...answer } as TypedHttpAnswer] }, used.actions);
              } else resolve(answer);
            },
          };
          setState((s) => ({ ...s, pendingHttp: pending, phase: 'http' }));
        });
      let sim: Simulator;
      try {
        sim = new Simulator({ flow: loaded.flow, context: directory?.context ?? EMPTY_CONTEXT, flows: directory?.flows ?? {}, input: simInput, http });
      } catch (error) {
        setSimulation(null);
        setState({ ...IDLE, phase: 'failed', error: error instanceof Error ? error.message : String(error) });
        return;
      }
      session.current = { sim, run, queue: Promise.resolve(), busy: 0, stopped: false };
      session.current.unsubscribe = sim.subscribe(() => publish());
      setState({ ...IDLE, phase: 'running', run: { ...run } });
      enqueue((s) => s.start());
      if (replay && replay.length > 0) enqueue((s) => s.runActions(replay));
    },
    [directory, enqueue, publish, setSimulation, stop],
  );
  const start = useCallback((input: SimulationInput) => launch(input, input, null), [launch]);

  const press = useCallback((digits: string) => enqueue((sim) => sim.press(digits), { kind: 'dtmf', digits }), [enqueue]);
  const silence = useCallback(() => enqueue((sim) => sim.silence(), { kind: 'silence' }), [enqueue]);
  const hangup = useCallback(() => enqueue((sim) => sim.hangup(), { kind: 'hangup' }), [enqueue]);
  const reset = useCallback(() => {
    stop();
    setSimulation(null);
    setState(IDLE);
  }, [setSimulation, stop]);

  // The panel closed: the call stops and its path leaves the canvas.
  useEffect(
    () => () => {
      stop();
      useCanvasOverlay.getState().setSimulation(null);
    },
    [stop],
  );

  return { state, start, press, silence, hangup, reset };
}
