// The flow versions that use an object, each a link to its flow: "Accueil — brouillon (étape Support)".
// Not a client component of its own: it renders in the usage dialog and on the flow page alike.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { FlowVersionUse } from './usage-types';

export function UsageFlows({ flows }: { flows: FlowVersionUse[] }) {
  const t = useTranslations('usage');
  return (
    <ul className="usage-flows">
      {flows.map((f) => (
        <li key={`${f.flowId}:${f.version ?? 'draft'}`}>
          <Link href={`/flows/${f.flowId}`}>{f.flowName}</Link> — {t(`state.${f.state}`, { version: f.version ?? 0 })}
          {f.steps.length > 0 && <span className="muted"> ({t('steps', { count: f.steps.length, steps: f.steps.map((s) => s.label ?? s.id).join(', ') })})</span>}
        </li>
      ))}
    </ul>
  );
}
