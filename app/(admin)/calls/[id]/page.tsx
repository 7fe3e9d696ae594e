// One call: its summary, its timeline (each step entered, key pressed, phone rung and its
// result, transfer, hold…) with times, its recordings and voicemails, and its path drawn on
// the read-only canvas of the flow version it ran (visited steps and outputs taken, with times).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { STEP_METADATA, isStepType, stepOutputs } from '@/schemas';
import { CallPathCanvas, type PathCanvasData } from '@/app/components/call-path/call-path-canvas';
import { ApiError } from '@/app/lib/api/errors';
import { getCallDetail, type CallDetail } from '@/app/lib/calls/call-detail';
import { callPathOnFlow } from '@/app/lib/calls/call-path';
import { organizationTimeZone } from '@/app/lib/calls/organization-time-zone';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../../require-section';
import { formatDuration } from '../format';
import { CallTimeline, type StepInfo } from './call-timeline';
import styles from '../calls.module.css';

type Props = { params: Promise<{ id: string }> };

interface DocNode {
  id: string;
  type: string;
  label?: string;
  position: { x: number; y: number };
  config?: unknown;
}
interface Doc {
  nodes: DocNode[];
  edges: { id: string; source: string; sourceOutput: string; target: string }[];
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('callHistory'))('title') };
}

export default async function CallPage({ params }: Props) {
  const { user } = await requireSection('calls');
  const { id } = await params;
  const prisma = getPrisma();
  let call: CallDetail;
  try {
    call = await getCallDetail(prisma, user.organizationId, id);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  const [t, format, locale, timeZone] = await Promise.all([getTranslations('callHistory'), getFormatter(), getLocale(), organizationTimeZone(prisma, user.organizationId)]);
  const lang = locale === 'en' ? 'en' : 'fr';
  const version = call.flowVersion
    ? await prisma.flowVersion.findFirst({ where: { id: call.flowVersion.id, organizationId: user.organizationId }, select: { document: true } })
    : null;
  const doc = (version?.document ?? null) as Doc | null;

  const time = (d: Date) => format.dateTime(d, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone });
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const caller = call.caller ?? t('withheld');
  const name = (ref: { name: string | null }) => ref.name ?? t('deleted');
  const none = <span className="muted">{t('call.none')}</span>;

  // Steps of the version, named as the editor names them (label, else the step type's title).
  const steps = new Map<string, StepInfo>();
  for (const node of doc?.nodes ?? []) {
    const typeTitle = isStepType(node.type) ? STEP_METADATA[node.type].title[lang] : node.type;
    const outputs = new Map(stepOutputs(node, lang).map((o) => [o.id, o.label]));
    steps.set(node.id, { label: node.label || typeTitle, typeTitle, outputs });
  }

  // Agents named in the events (rung, transferred to…), beyond those of the summary.
  const agentIds = new Set<string>();
  for (const e of call.events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    for (const key of ['agentId', 'toAgentId', 'fromAgentId', 'targetAgentId']) if (typeof data[key] === 'string') agentIds.add(data[key] as string);
  }
  const agents = agentIds.size ? await prisma.agent.findMany({ where: { organizationId: user.organizationId, id: { in: [...agentIds] } }, select: { id: true, name: true } }) : [];
  const agentNames = Object.fromEntries(agents.map((a) => [a.id, a.name]));

  let canvas: PathCanvasData | null = null;
  if (doc && Array.isArray(doc.nodes) && Array.isArray(doc.edges)) {
    const path = callPathOnFlow(doc, call.events);
    canvas = {
      nodes: doc.nodes.map((n) => ({
        id: n.id,
        position: n.position,
        label: steps.get(n.id)!.label,
        typeTitle: steps.get(n.id)!.typeTitle,
        visits: (path.nodes.get(n.id)?.at ?? []).map((at, i) => ({ order: path.nodes.get(n.id)!.order[i], time: time(at) })),
      })),
      edges: doc.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: steps.get(e.source)?.outputs.get(e.sourceOutput) ?? e.sourceOutput,
        taken: (path.edges.get(e.id)?.at ?? []).map(time),
      })),
    };
  }

  const summary: [string, React.ReactNode][] = [
    [t('call.startedAt'), dateTime(call.startedAt)],
    [t('call.endedAt'), call.endedAt ? dateTime(call.endedAt) : none],
    [t('call.duration'), formatDuration(call.durationMs) ?? none],
    [t('call.entryNumber'), call.entryNumber],
    [
      t('call.flow'),
      call.flow ? (
        <>
          {name(call.flow)}
          {call.flowVersion?.number != null && <span className="muted"> {t('versionLabel', { number: call.flowVersion.number })}</span>}
        </>
      ) : (
        none
      ),
    ],
    [
      t('call.outcome'),
      <span key="o" className={`tag ${styles[`outcome-${call.outcome}`]}`} title={t(`outcomeHints.${call.outcome}`)} data-testid="call-outcome">
        {t(`outcomes.${call.outcome}`)}
      </span>,
    ],
    [t('call.wait'), formatDuration(call.waitMs) ?? none],
    [t('call.talk'), formatDuration(call.talkMs) ?? none],
    [t('call.group'), call.group ? name(call.group) : none],
    [t('call.agents'), call.agents.length ? call.agents.map(name).join(', ') : none],
    [t('call.transfers'), String(call.transferCount)],
  ];

  return (
    <>
      <p>
        <Link href="/calls">← {t('call.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{t('call.title', { caller })}</h1>
          <p>{dateTime(call.startedAt)}</p>
        </div>
      </div>
      <section className="card" aria-labelledby="call-summary">
        <h2 id="call-summary">{t('call.summary')}</h2>
        <dl className={styles.summary}>
          {summary.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="call-path">
        <h2 id="call-path">{t('call.path')}</h2>
        {canvas && call.flow ? (
          <>
            <p className="muted">
              {call.flowVersion?.number != null ? t('call.pathIntro', { flow: name(call.flow), number: call.flowVersion.number }) : t('call.pathIntroDraft', { flow: name(call.flow) })}
            </p>
            <CallPathCanvas data={canvas} />
          </>
        ) : (
          <p className="muted">{t('call.noFlow')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="call-timeline">
        <h2 id="call-timeline">{t('call.timeline')}</h2>
        <CallTimeline events={call.events} startedAt={call.startedAt} steps={Object.fromEntries(steps)} agentNames={agentNames} timeZone={timeZone} />
      </section>

      <section className="card" aria-labelledby="call-media">
        <h2 id="call-media">{t('call.media')}</h2>
        {call.recordings.length + call.voicemails.length === 0 ? (
          <p className="muted">{t('call.mediaEmpty')}</p>
        ) : (
          <ul className={styles.mediaList}>
            {call.recordings.map((r) => (
              <li key={r.id}>
                <span>{t('call.recordingAt', { time: time(r.startedAt), duration: formatDuration(r.durationMs) ?? '' })}</span>
                <audio controls preload="none" src={r.audioUrl} aria-label={t('recordingNamed', { caller, when: dateTime(r.startedAt) })} />
                <a className="button small" href={`${r.audioUrl}?download=1`} download>
                  {t('call.download')}
                </a>
              </li>
            ))}
            {call.voicemails.map((v) => (
              <li key={v.id}>
                <span>{t('call.voicemailAt', { time: time(v.createdAt), duration: formatDuration(v.durationMs) ?? '' })}</span>
                <audio controls preload="none" src={v.audioUrl} aria-label={t('voicemailNamed', { caller, when: dateTime(v.createdAt) })} />
                <a className="button small" href={`${v.audioUrl}?download=1`} download>
                  {t('call.download')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="call-legs">
        <h2 id="call-legs">{t('call.legs')}</h2>
        {call.legs.length === 0 ? (
          <p className="muted">{t('call.legsEmpty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('call.legColumns.target')}</th>
                  <th scope="col">{t('call.legColumns.startedAt')}</th>
                  <th scope="col">{t('call.legColumns.answeredAt')}</th>
                  <th scope="col">{t('call.legColumns.endedAt')}</th>
                  <th scope="col">{t('call.legColumns.result')}</th>
                </tr>
              </thead>
              <tbody>
                {call.legs.map((l) => (
                  <tr key={l.id} data-testid="call-leg">
                    <td>{l.agent ? name(l.agent) : t('externalNumber', { number: l.destination })}</td>
                    <td>{time(l.startedAt)}</td>
                    <td>{l.answeredAt ? time(l.answeredAt) : none}</td>
                    <td>{l.endedAt ? time(l.endedAt) : none}</td>
                    <td>{t(`legOutcomes.${legOutcomeKey(l.outcome, l.answeredAt, l.endedAt)}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function legOutcomeKey(outcome: string | null, answeredAt: Date | null, endedAt: Date | null): 'answered' | 'no_answer' | 'busy' | 'cancelled' | 'failed' | 'ringing' {
  if (outcome === 'answered' || outcome === 'no_answer' || outcome === 'busy' || outcome === 'cancelled' || outcome === 'failed') return outcome;
  if (answeredAt) return 'answered';
  return endedAt ? 'failed' : 'ringing';
}
