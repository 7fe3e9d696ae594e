// The versions page's canary block: what runs (version, share, numbers, since when, by whom),
// the controls (editors only) and live vs canary side by side. Server component.
import { getFormatter, getTranslations } from 'next-intl/server';
import type { CanaryState } from '@/app/lib/canary/get-canary';
import { CanaryComparisonTable } from './canary-comparison';
import { CanaryControls } from './canary-controls';
import styles from './canary.module.css';

export interface CanarySectionProps {
  flowId: string;
  editable: boolean;
  liveNumber: number | null;
  publishedNumbers: number[];
  numbers: { id: string; e164: string; label: string | null }[];
  state: CanaryState;
  /** The draft differs from the live version (the start dialog offers it first). */
  draftHasChanges: boolean;
  /** The number the next published (or canary) version gets. */
  nextNumber: number;
}

export async function CanarySection({ flowId, editable, liveNumber, publishedNumbers, numbers, state, draftHasChanges, nextNumber }: CanarySectionProps) {
  const [t, format] = await Promise.all([getTranslations('canary'), getFormatter()]);
  const { canary, comparison } = state;
  const candidates = publishedNumbers.filter((n) => n !== liveNumber);
  return (
    <section aria-labelledby="canary-heading" className="card" data-testid="canary-section">
      <div className={styles.summary}>
        <div>
          <h2 id="canary-heading">{t('title')}</h2>
          {canary ? (
            <p data-testid="canary-summary">
              {t('running', {
                number: canary.version.number,
                percent: canary.percent,
                live: liveNumber ?? 0,
                since: format.dateTime(new Date(canary.startedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                who: canary.startedBy?.name ?? '—',
              })}{' '}
              {canary.numbers.length === 0 ? t('onAllNumbers') : t('onNumbers', { numbers: canary.numbers.map((n) => n.e164).join(', ') })}
            </p>
          ) : (
            <p className="muted">{candidates.length === 0 && !draftHasChanges ? t('noCandidate') : t('intro')}</p>
          )}
        </div>
        {editable && (
          <CanaryControls
            flowId={flowId}
            liveNumber={liveNumber}
            candidates={candidates}
            draftHasChanges={draftHasChanges}
            nextNumber={nextNumber}
            numbers={numbers}
            canary={canary ? { number: canary.version.number, percent: canary.percent, numberIds: canary.numbers.map((n) => n.id) } : null}
          />
        )}
      </div>
      {canary && comparison && <CanaryComparisonTable comparison={comparison} liveNumber={liveNumber} canaryNumber={canary.version.number} />}
    </section>
  );
}
