// A flow's page: what its draft and live version use, and what uses the flow (server component).
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { FlowDependencies, FlowDependency } from '@/app/lib/usage/flow-dependencies';
import type { UsageKind } from './usage-types';
import { UsageFlows } from './usage-flows';

const PAGE_OF: Record<UsageKind, (id: string) => string> = {
  groups: (id) => `/groups/${id}`,
  calendars: (id) => `/calendars/${id}`,
  forbiddenLists: (id) => `/forbidden-destinations/${id}`,
  flows: (id) => `/flows/${id}`,
  sounds: () => '/sounds',
  agents: () => '/agents',
  numbers: () => '/numbers',
};

export async function FlowDependenciesSection({ dependencies }: { dependencies: FlowDependencies }) {
  const t = await getTranslations('usage');
  const where = (d: FlowDependency) => d.in.map((s) => t(`in.${s}`)).join(', ');
  const { numbers, flows } = dependencies.usedBy;
  return (
    <>
      <section className="card" aria-labelledby="uses-heading">
        <h2 id="uses-heading">{t('usesHeading')}</h2>
        {dependencies.uses.length === 0 ? (
          <p className="muted">{t('usesNone')}</p>
        ) : (
          <ul className="usage-list">
            {dependencies.uses.map((d) => (
              <li key={`${d.kind}:${d.id}`}>
                <span className="muted">{t('kindLabel', { kind: t(`kinds.${d.kind}`) })}</span>{' '}
                {d.name !== null ? <Link href={PAGE_OF[d.kind](d.id)}>{d.name}</Link> : <strong>{t('missing')}</strong>}{' '}
                <span className="muted">({where(d)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="used-by-heading">
        <h2 id="used-by-heading">{t('usedByHeading')}</h2>
        <h3>{t('usedByNumbers')}</h3>
        {numbers.length === 0 ? (
          <p className="muted">{t('usedByNoNumbers')}</p>
        ) : (
          <ul className="usage-list">
            {numbers.map((n) => (
              <li key={n.id}>
                <Link href="/numbers">{n.e164}</Link>
                {n.label ? ` — ${n.label}` : ''}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('usedByFlows')}</h3>
        {flows.length === 0 ? <p className="muted">{t('usedByNoFlows')}</p> : <UsageFlows flows={flows} />}
      </section>
    </>
  );
}
