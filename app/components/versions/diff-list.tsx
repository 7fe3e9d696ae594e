'use client';
// The diff as a readable list: steps added, removed, changed (each change: field, before,
// after), connections added and removed, steps only moved.
import { useTranslations } from 'next-intl';
import type { FlowDiff, FieldChange } from '@/app/lib/versions/diff-flows';
import styles from './versions.module.css';
import { STEP_METADATA, isStepType } from '@/schemas';
import { useFieldPathLabel } from './field-path-label';
import { useLocale } from 'next-intl';

/** A step type as the palette names it in the UI language ("queue-group" → "Groupe"). */
export function useStepTypeName() {
  const language = useLocale() === 'en' ? 'en' : 'fr';
  return (type: string) => (isStepType(type) ? STEP_METADATA[type].title[language] : type);
}

/** The steps of the two documents compared: enough to name an output. */
interface StepsOf {
  nodes: { id: string; type: string }[];
}

/** A step's output as the editor's canvas names it ("no_answer" → "Non répondu"); menu keys and branches keep their id. */
export function outputName(documents: StepsOf[], nodeId: string, output: string, language: 'fr' | 'en'): string {
  const type = documents.flatMap((d) => d.nodes).find((n) => n.id === nodeId)?.type;
  if (!type || !isStepType(type)) return output;
  return STEP_METADATA[type].outputs.static.find((o) => o.id === output)?.label[language] ?? output;
}

export function DiffList({ diff, labels, documents = [] }: { diff: FlowDiff; labels: Record<string, string>; documents?: StepsOf[] }) {
  const t = useTranslations('versions');
  const language = useLocale() === 'en' ? 'en' : 'fr';
  const name = (id: string) => labels[id] ?? id;
  const output = (source: string, id: string) => outputName(documents, source, id, language);
  const typeName = useStepTypeName();
  const empty =
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length + diff.edges.added.length + diff.edges.removed.length + diff.document.length === 0;
  return (
    <section aria-label={t('listLabel')} className={styles.diffList} data-testid="diff-list">
      {empty && <p className="muted">{t('noChanges')}</p>}
      {diff.nodes.added.length > 0 && (
        <Group title={t('addedNodes')} kind="added">
          {diff.nodes.added.map((n) => (
            <li key={n.id}>
              <strong>{n.label}</strong> <span className="muted">({typeName(n.type)})</span>
            </li>
          ))}
        </Group>
      )}
      {diff.nodes.removed.length > 0 && (
        <Group title={t('removedNodes')} kind="removed">
          {diff.nodes.removed.map((n) => (
            <li key={n.id}>
              <strong>{n.label}</strong> <span className="muted">({typeName(n.type)})</span>
            </li>
          ))}
        </Group>
      )}
      {diff.nodes.changed.length > 0 && (
        <Group title={t('changedNodes')} kind="changed">
          {diff.nodes.changed.map((n) => (
            <li key={n.id}>
              <strong>{n.label}</strong> <span className="muted">({typeName(n.type)})</span>
              <Changes changes={n.changes} />
            </li>
          ))}
        </Group>
      )}
      {diff.document.length > 0 && (
        <Group title={t('documentChanges')} kind="changed">
          <li>
            <Changes changes={diff.document} />
          </li>
        </Group>
      )}
      {diff.edges.added.length > 0 && (
        <Group title={t('addedEdges')} kind="added">
          {diff.edges.added.map((e) => (
            <li key={e.id}>
              {name(e.source)} <em>{output(e.source, e.sourceOutput)}</em> → {name(e.target)}
            </li>
          ))}
        </Group>
      )}
      {diff.edges.removed.length > 0 && (
        <Group title={t('removedEdges')} kind="removed">
          {diff.edges.removed.map((e) => (
            <li key={e.id}>
              {name(e.source)} <em>{output(e.source, e.sourceOutput)}</em> → {name(e.target)}
            </li>
          ))}
        </Group>
      )}
      {diff.nodes.moved.length > 0 && (
        <Group title={t('movedNodes')} kind="moved">
          {diff.nodes.moved.map((n) => (
            <li key={n.id}>{n.label}</li>
          ))}
        </Group>
      )}
    </section>
  );
}

function Group({ title, kind, children }: { title: string; kind: 'added' | 'removed' | 'changed' | 'moved'; children: React.ReactNode }) {
  return (
    <div className={`${styles.group} ${styles[kind]}`}>
      <h3>{title}</h3>
      <ul>{children}</ul>
    </div>
  );
}

/** One line per changed field: "Annonce › Texte › français" (pointer `/config/prompt/text/fr` as tooltip): before → after. */
export function Changes({ changes }: { changes: FieldChange[] }) {
  const t = useTranslations('versions');
  const fieldName = useFieldPathLabel();
  const show = (value: unknown) => (value === undefined ? t('absent') : typeof value === 'string' ? `“${value}”` : JSON.stringify(value));
  return (
    <ul className={styles.changes}>
      {changes.map((c) => (
        <li key={c.path}>
          <span title={c.path}>
            {fieldName(c.path)}
          </span>{' '}
          <span className={styles.before} title={t('before')}>{show(c.before)}</span> →{' '}
          <span className={styles.after} title={t('after')}>{show(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}
