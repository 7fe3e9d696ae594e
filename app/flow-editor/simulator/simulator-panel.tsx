'use client';
// The editor's Simulator panel (issue 17): set up a call (caller, number called, date and time,
// availability), start it on the draft as it is now, then act as the caller (keypad — also the
// keyboard's keys while the panel has focus —, stay silent, hang up) and read what happens
// (transcript with ▶ listen, variables, the record as it would be stored). The path lights up
// on the canvas. An ended call can be saved as a test case of the draft.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { AgentPresence, PathEntry, PlayItem, Value } from '@/flow-runtime/interpreter';
import type { TranscriptEntry } from '@/flow-runtime/simulator/types';
import { displayedStepLabel } from '../core/step-label';
import { useProblemText } from '../hooks/use-problem-text';
import { useEditorStore } from '../store';
import { loadDirectory, type DirectoryLoad, type SimulationDirectory } from './directory';
import { PromptPlayer } from './prompt-player';
import { useEntryText } from './transcript-text';
import { caseFromRun } from './save-case';
import { defaultSetup, inputFromSetup, setupProblems, type Setup } from './setup';
import { useSimulation, type HttpAnswer, type PendingHttp, type Phase } from './use-simulation';
import './simulator.css';

const NO_TESTS: readonly { id: string; name: string }[] = [];
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const PRESENCES: AgentPresence[] = ['available', 'busy', 'paused', 'offline'];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.tagName && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function SimulatorPanel({ onClose }: { onClose: () => void }) {
  const t = useTranslations('editor.simulator');
  const flowId = useEditorStore((s) => s.flowId);
  const [directory, setDirectory] = useState<DirectoryLoad | null>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const { state, start, press, silence, hangup, reset } = useSimulation(directory?.directory ?? null);
  const panel = useRef<HTMLElement>(null);
  const titleId = useId();
  const version = useEditorStore((s) => s.version);

  useEffect(() => {
    const controller = new AbortController();
    const timeout = window.setTimeout(() => controller.abort(), 15_000);
    void loadDirectory(flowId, controller.signal).then((loaded) => {
      if (controller.signal.aborted && !loaded) return;
      setDirectory(loaded);
      setSetup((s) => s ?? defaultSetup({ timezone: loaded.directory.timezone, numbers: loaded.directory.numbers }));
    });
    return () => {
      window.clearTimeout(timeout);
      controller.abort();
    };
  }, [flowId]);

  const begin = useCallback(() => {
    if (!setup || Object.keys(setupProblems(setup)).length > 0) return;
    start(inputFromSetup(setup));
    panel.current?.focus();
  }, [setup, start]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (state.phase === 'waiting' && /^[0-9*#]$/.test(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      press(event.key);
    }
  };

  const running = state.run !== null && state.phase !== 'idle' && state.phase !== 'invalid';
  return (
    <aside
      ref={panel}
      className="simulator-panel"
      aria-labelledby={titleId}
      data-testid="simulator-panel"
      data-phase={state.phase}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="sim-head">
        <h2 id={titleId}>{t('title')}</h2>
        <button type="button" className="button small" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </header>
      <Status phase={state.phase} />
      {directory && !directory.ok && (
        <p className="sim-warning" role="alert">
          {directory.status === 403 ? t('directory.forbidden') : t('directory.failed')}
        </p>
      )}
      {state.phase === 'invalid' && <DraftProblems problems={state.problems} />}
      {state.phase === 'failed' && state.error && (
        <p className="field-error" role="alert">
          {t('failed', { message: state.error })}
        </p>
      )}
      {!running ? (
        setup && directory ? (
          <SetupForm setup={setup} onChange={setSetup} directory={directory} onStart={begin} />
        ) : (
          <p className="muted">{t('loading')}</p>
        )
      ) : (
        <>
          {state.run && <RunSummary input={state.run.input} />}
          <Controls phase={state.phase} onPress={press} onSilence={silence} onHangup={hangup} onRestart={begin} onNewCall={reset} />
          {state.run && state.run.version !== version && <p className="sim-note">{t('draftChanged')}</p>}
          {state.phase === 'ended' && state.run?.result && <EndSummary result={state.run.result} />}
          {state.pendingHttp && <HttpForm key={state.pendingHttp.effect.requestId} pending={state.pendingHttp} flowId={flowId} />}
          {state.run?.result && (
            <>
              <Transcript entries={state.run.result.transcript} directory={directory?.directory ?? null} />
              <Variables variables={state.run.result.variables} />
              <StoredPath path={state.run.result.path} />
              {state.phase === 'ended' && <SaveAsTestCase run={state.run} />}
            </>
          )}
        </>
      )}
    </aside>
  );
}

function useNodeName() {
  const language = useEditorStore((s) => s.language);
  const nodes = useEditorStore((s) => s.nodes);
  return useCallback(
    (nodeId: string | null | undefined) => {
      if (!nodeId) return '';
      const node = nodes.find((n) => n.id === nodeId);
      return node ? displayedStepLabel(node.data.label, node.type, language) || nodeId : nodeId;
    },
    [nodes, language],
  );
}

function Status({ phase }: { phase: Phase }) {
  const t = useTranslations('editor.simulator');
  return (
    <p className={`sim-status ${phase}`} role="status" aria-live="polite" data-testid="sim-status">
      <span className="sim-dot" aria-hidden />
      {t(`phase.${phase}`)}
    </p>
  );
}

function EndSummary({ result }: { result: import('@/flow-runtime/simulator/types').SimulationResult }) {
  const t = useTranslations('editor.simulator.end');
  const nodeName = useNodeName();
  return (
    <p className="sim-end" data-testid="sim-end" data-end-node={result.endNodeId ?? ''} data-outcome={result.outcome ?? ''}>
      <strong>{result.endNodeId ? t('at', { node: nodeName(result.endNodeId) }) : t('beforeAnyStep')}</strong>{' '}
      {t(`outcome.${result.outcome ?? 'none'}`)}
      {/* The reason, unless it only repeats the outcome (the caller hung up). */}
      {result.endReason && !(result.endReason === 'caller-hangup' && result.outcome === 'abandoned') && <> · {t(`reason.${result.endReason}`)}</>}
      <span className="muted"> · {t('duration', { time: formatTime(result.durationMs) })}</span>
    </p>
  );
}

function DraftProblems({ problems }: { problems: import('@/schemas').Problem[] }) {
  const t = useTranslations('editor.simulator');
  const text = useProblemText();
  const requestFocus = useEditorStore((s) => s.requestFocus);
  return (
    <div className="sim-problems" role="alert">
      <p>{t('invalid', { count: problems.length })}</p>
      <ul>
        {problems.slice(0, 8).map((p, i) => (
          <li key={i}>
            {p.nodeId ? (
              <button type="button" className="button link small" onClick={() => requestFocus(p.nodeId!)}>
                {text(p)}
              </button>
            ) : (
              text(p)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SetupForm({ setup, onChange, directory, onStart }: { setup: Setup; onChange: (s: Setup) => void; directory: DirectoryLoad; onStart: () => void }) {
  const t = useTranslations('editor.simulator.setup');
  const id = useId();
  const problems = setupProblems(setup);
  const [touched, setTouched] = useState(false);
  const { agents, numbers } = directory.directory;
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    } catch {
      return [];
    }
  }, []);
  const set = (patch: Partial<Setup>) => onChange({ ...setup, ...patch });
  const shown = (field: keyof typeof problems) => (touched ? problems[field] : undefined);
  return (
    <form
      className="sim-setup"
      aria-label={t('label')}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (Object.keys(problems).length === 0) onStart();
      }}
      noValidate
    >
      <fieldset>
        <legend>{t('caller')}</legend>
        <label className="sim-inline">
          <input type="checkbox" checked={setup.hidden} onChange={(e) => set({ hidden: e.target.checked })} /> {t('hidden')}
        </label>
        {!setup.hidden && (
          <div className="field">
            <label htmlFor={`${id}-caller`}>{t('callerNumber')}</label>
            <input
              id={`${id}-caller`}
              value={setup.caller}
              inputMode="tel"
              autoComplete="off"
              onChange={(e) => set({ caller: e.target.value })}
              aria-invalid={!!shown('caller')}
              aria-describedby={shown('caller') ? `${id}-caller-error` : undefined}
            />
            {shown('caller') && (
              <span id={`${id}-caller-error`} className="field-error">
                {t(`problem.${shown('caller')}`)}
              </span>
            )}
          </div>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-called`}>{t('called')}</label>
        {numbers.length > 0 ? (
          <select id={`${id}-called`} value={setup.called} onChange={(e) => set({ called: e.target.value })}>
            {numbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {n.label ? `${n.e164} — ${n.label}` : n.e164}
              </option>
            ))}
          </select>
        ) : (
          <input id={`${id}-called`} value={setup.called} inputMode="tel" placeholder="+33…" onChange={(e) => set({ called: e.target.value })} />
        )}
      </div>
      <div className="sim-row">
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('at')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={setup.at}
            onChange={(e) => set({ at: e.target.value })}
            aria-invalid={!!shown('at')}
            aria-describedby={shown('at') ? `${id}-at-error` : undefined}
          />
          {shown('at') && (
            <span id={`${id}-at-error`} className="field-error">
              {t(`problem.${shown('at')}`)}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-tz`}>{t('timezone')}</label>
          <input
            id={`${id}-tz`}
            list={`${id}-zones`}
            value={setup.timezone}
            onChange={(e) => set({ timezone: e.target.value })}
            aria-invalid={!!shown('timezone')}
            aria-describedby={shown('timezone') ? `${id}-tz-error` : undefined}
          />
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {shown('timezone') && (
            <span id={`${id}-tz-error`} className="field-error">
              {t(`problem.${shown('timezone')}`)}
            </span>
          )}
        </div>
      </div>
      <fieldset>
        <legend>{t('availability')}</legend>
        <label className="sim-inline">
          <input type="radio" name={`${id}-availability`} checked={setup.availability === 'directory'} onChange={() => set({ availability: 'directory' })} /> {t('directoryNow')}
        </label>
        <label className="sim-inline">
          <input
            type="radio"
            name={`${id}-availability`}
            checked={setup.availability === 'override'}
            onChange={() => set({ availability: 'override', agents: Object.keys(setup.agents).length ? setup.agents : Object.fromEntries(agents.map((a) => [a.id, a.status])) })}
          />{' '}
          {t('override')}
        </label>
        {agents.length === 0 && <p className="muted small">{t('noAgents')}</p>}
        <table className="sim-agents">
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.id}>
                <th scope="row">{agent.name}</th>
                <td>
                  {setup.availability === 'override' ? (
                    <select
                      aria-label={t('agentStatus', { name: agent.name })}
                      value={setup.agents[agent.id] ?? agent.status}
                      onChange={(e) => set({ agents: { ...setup.agents, [agent.id]: e.target.value as AgentPresence } })}
                    >
                      {PRESENCES.map((p) => (
                        <option key={p} value={p}>
                          {t(`presence.${p}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={`sim-presence ${agent.status}`}>{t(`presence.${agent.status}`)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="field">
          <label htmlFor={`${id}-answer`}>{t('answer')}</label>
          <select id={`${id}-answer`} value={setup.answer} onChange={(e) => set({ answer: e.target.value })}>
            <option value="first">{t('answerFirst')}</option>
            <option value="nobody">{t('answerNobody')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {t('answerAgent', { name: a.name })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p className="muted small">{t('draftNote')}</p>
      <button type="submit" className="button primary" data-testid="sim-start">
        ▶ {t('start')}
      </button>
    </form>
  );
}

function RunSummary({ input }: { input: import('@/flow-runtime/simulator/types').SimulationInput }) {
  const t = useTranslations('editor.simulator');
  const locale = useLocale();
  const when = useMemo(() => {
    const [date, time] = input.at.split('T');
    const [y, m, d] = date.split('-').map(Number);
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
    return `${weekday} ${time.slice(0, 5)} (${input.timezone})`;
  }, [input.at, input.timezone, locale]);
  return (
    <p className="sim-summary" data-testid="sim-summary">
      {t('summary', { caller: input.caller ?? t('hiddenCaller'), called: input.called || '—', when })}
    </p>
  );
}

function Controls(props: { phase: Phase; onPress: (key: string) => void; onSilence: () => void; onHangup: () => void; onRestart: () => void; onNewCall: () => void }) {
  const t = useTranslations('editor.simulator.controls');
  const waiting = props.phase === 'waiting';
  return (
    <div className="sim-controls">
      <div className="sim-keypad" role="group" aria-label={t('keypad')} aria-describedby="sim-keypad-hint" data-testid="sim-keypad">
        {KEYS.map((key) => (
          <button key={key} type="button" className="keypad-key" disabled={!waiting} onClick={() => props.onPress(key)} aria-label={t('key', { key })} aria-keyshortcuts={key}>
            {key}
          </button>
        ))}
      </div>
      <p id="sim-keypad-hint" className="muted small">
        {t('keyboardHint')}
      </p>
      <div className="sim-actions">
        <button type="button" className="button small" disabled={!waiting} onClick={props.onSilence}>
          … {t('silence')}
        </button>
        <button type="button" className="button small danger-outline" disabled={!waiting} onClick={props.onHangup}>
          ☎ {t('hangup')}
        </button>
        <button type="button" className="button small" onClick={props.onRestart} disabled={props.phase === 'running'}>
          ↻ {t('restart')}
        </button>
        <button type="button" className="button small" onClick={props.onNewCall}>
          {t('newCall')}
        </button>
      </div>
    </div>
  );
}

function HttpForm({ pending, flowId }: { pending: PendingHttp; flowId: string }) {
  const t = useTranslations('editor.simulator.http');
  const id = useId();
  const [mode, setMode] = useState<'typed' | 'error'>('typed');
  const [status, setStatus] = useState('200');
  const [body, setBody] = useState('{}');
  const [error, setError] = useState<'network' | 'timeout' | 'refused'>('timeout');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { effect } = pending;
  const statusNumber = Number(status);
  const statusValid = Number.isInteger(statusNumber) && statusNumber >= 100 && statusNumber <= 599;

  const sendReal = async () => {
    setSending(true);
    setFailure(null);
    try {
      const response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/simulate/http`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: effect.method, url: effect.url, headers: effect.headers, body: effect.body, timeoutMs: effect.timeoutMs }),
        signal: AbortSignal.timeout(effect.timeoutMs + 15_000),
      });
      const answer = (await response.json().catch(() => null)) as (HttpAnswer & { error?: unknown }) | null;
      if (response.ok && answer && ('status' in answer || typeof answer.error === 'string')) return pending.answer(answer, false);
      if (response.status === 429) setFailure(t('rateLimited', { seconds: Number(response.headers.get('retry-after')) || 60 }));
      else setFailure(t('serverFailed', { status: response.status }));
    } catch {
      setFailure(t('unreachable'));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="sim-http" aria-labelledby={`${id}-title`} data-testid="sim-http">
      <h3 id={`${id}-title`}>{t('title')}</h3>
      <p className="code sim-request">
        {effect.method} {effect.url}
      </p>
      {effect.headers.length > 0 && (
        <ul className="sim-headers code">
          {effect.headers.map((h, i) => (
            <li key={i}>
              {h.name}: {h.secret ? '••••' : h.value}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button small primary" onClick={() => void sendReal()} disabled={sending}>
        {sending ? t('sending') : t('sendReal')}
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <form
        className="sim-typed"
        onSubmit={(event) => {
          event.preventDefault();
          if (mode === 'error') pending.answer({ error }, true);
          else if (statusValid) pending.answer({ status: statusNumber, body }, true);
        }}
      >
        <fieldset>
          <legend>{t('typed')}</legend>
          <label className="sim-inline">
            <input type="radio" name={`${id}-mode`} checked={mode === 'typed'} onChange={() => setMode('typed')} /> {t('response')}
          </label>
          <label className="sim-inline">
            <input type="radio" name={`${id}-mode`} checked={mode === 'error'} onChange={() => setMode('error')} /> {t('failure')}
          </label>
          {mode === 'typed' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-status`}>{t('status')}</label>
                <input id={`${id}-status`} type="number" min={100} max={599} value={status} onChange={(e) => setStatus(e.target.value)} aria-invalid={!statusValid} />
                {!statusValid && <span className="field-error">{t('statusInvalid')}</span>}
              </div>
              <div className="field">
                <label htmlFor={`${id}-body`}>{t('body')}</label>
                <textarea id={`${id}-body`} className="code" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
              </div>
            </>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-error`}>{t('failureKind')}</label>
              <select id={`${id}-error`} value={error} onChange={(e) => setError(e.target.value as typeof error)}>
                {(['timeout', 'network', 'refused'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`error.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" className="button small" disabled={mode === 'typed' && !statusValid}>
            {t('answer')}
          </button>
        </fieldset>
      </form>
    </section>
  );
}

function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function Transcript({ entries, directory }: { entries: TranscriptEntry[]; directory: SimulationDirectory | null }) {
  const t = useTranslations('editor.simulator');
  const nodeName = useNodeName();
  const text = useEntryText(directory);
  const flowLanguage = useEditorStore((s) => s.meta.language ?? 'fr');
  const requestFocus = useEditorStore((s) => s.requestFocus);
  const end = useRef<HTMLLIElement>(null);
  // A block body: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [entries.length]);
  return (
    <section className="sim-section" aria-labelledby="sim-transcript-title">
      <h3 id="sim-transcript-title">{t('transcript.title')}</h3>
      <ol className="sim-transcript" data-testid="sim-transcript" aria-live="polite" aria-relevant="additions">
        {entries.map((entry, i) => (
          <li key={i} className={`sim-entry ${entry.kind}`} data-kind={entry.kind} ref={i === entries.length - 1 ? end : undefined}>
            <span className="sim-time">{formatTime(entry.t)}</span>
            <span className="sim-kind">{t(`transcript.kind.${entry.kind}`)}</span>
            <span className="sim-text">
              {text(entry)}
              {entry.nodeId && (
                <button type="button" className="button link small sim-node-link" onClick={() => requestFocus(entry.nodeId!)} title={t('transcript.showStep')}>
                  {nodeName(entry.nodeId)}
                </button>
              )}
            </span>
            {entry.kind === 'prompt' && Array.isArray(entry.data?.items) ? <PromptPlayer items={entry.data.items as unknown as PlayItem[]} language={flowLanguage} label={entry.text} /> : <span />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function show(value: Value): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Variables({ variables }: { variables: Record<string, Value> }) {
  const t = useTranslations('editor.simulator.variables');
  const names = Object.keys(variables).sort();
  return (
    <section className="sim-section" aria-labelledby="sim-variables-title">
      <h3 id="sim-variables-title">{t('title')}</h3>
      {names.length === 0 ? (
        <p className="muted small">{t('none')}</p>
      ) : (
        <table className="sim-table" data-testid="sim-variables">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('value')}</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <tr key={name}>
                <th scope="row" className="code">
                  {name}
                </th>
                <td className="code">{show(variables[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StoredPath({ path }: { path: PathEntry[] }) {
  const t = useTranslations('editor.simulator.path');
  const nodeName = useNodeName();
  const started = path[0]?.at ?? 0;
  return (
    <details className="sim-section sim-path">
      <summary>{t('title', { count: path.length })}</summary>
      <p className="muted small">{t('hint')}</p>
      <table className="sim-table" data-testid="sim-path">
        <thead>
          <tr>
            <th scope="col">{t('time')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('step')}</th>
            <th scope="col">{t('details')}</th>
          </tr>
        </thead>
        <tbody>
          {path.map((entry, i) => (
            <tr key={i}>
              <td>{formatTime(entry.at - started)}</td>
              <td className="code">{entry.kind}</td>
              <td>{entry.nodeId ? nodeName(entry.nodeId) : ''}</td>
              <td className="code">{[entry.output, entry.data ? JSON.stringify(entry.data) : ''].filter(Boolean).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function SaveAsTestCase({ run }: { run: import('./use-simulation').SimulationRun }) {
  const t = useTranslations('editor.simulator.save');
  const editable = useEditorStore((s) => s.editable);
  // The array itself (a `?? []` in the selector would be a new value each time: a render loop).
  const tests = useEditorStore((s) => s.meta.tests);
  const existing = tests ?? NO_TESTS;
  const addTestCase = useEditorStore((s) => s.addTestCase);
  const id = useId();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const trimmed = name.trim();
  const problem = !trimmed ? 'required' : existing.some((c) => c.name === trimmed) ? 'duplicate' : trimmed.length > 120 ? 'tooLong' : null;
  if (!editable) return null;
  return (
    <form
      className="sim-save"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (problem || !run.result) return;
        addTestCase(caseFromRun(run, trimmed, new Set(existing.map((c) => c.id))));
        setSaved(trimmed);
        setName('');
        setTouched(false);
      }}
      noValidate
    >
      <h3 id={`${id}-title`}>{t('title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={200}
          onChange={(e) => {
            setName(e.target.value);
            setSaved(null);
          }}
          aria-invalid={touched && !!problem}
          aria-describedby={touched && problem ? `${id}-error` : undefined}
        />
        {touched && problem && (
          <span id={`${id}-error`} className="field-error">
            {t(`problem.${problem}`)}
          </span>
        )}
      </div>
      <button type="submit" className="button small primary">
        {t('submit')}
      </button>
      {saved && (
        <p className="sim-saved" role="status">
          {t('saved', { name: saved })}
        </p>
      )}
    </form>
  );
}
