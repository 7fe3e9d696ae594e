'use client';
// A queue group: its name, the default ring time, and the ordered members (the order is the
// cascade order), each with an optional ring time of its own.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import type { AgentOption, GroupForm } from './group-data';

export function GroupEditor({ initial, agents, editable }: { initial: GroupForm; agents: AgentOption[]; editable: boolean }) {
  const t = useTranslations('groups');
  const tc = useTranslations('common');
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [adding, setAdding] = useState('');
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  const agentName = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const available = agents.filter((a) => !form.members.some((m) => m.agentId === a.id));

  const update = (patch: Partial<GroupForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const move = (index: number, by: -1 | 1) => {
    const members = [...form.members];
    const [member] = members.splice(index, 1);
    members.splice(index + by, 0, member);
    update({ members });
  };

  async function save() {
    const body = { name: form.name.trim(), ringTimeSeconds: form.ringTimeSeconds, members: form.members };
    const ok = await run(() => (form.id ? apiRequest('PATCH', `/api/groups/${form.id}`, body) : apiRequest('POST', '/api/groups', body)));
    if (!ok) return;
    if (form.id) {
      setSaved(true);
      router.refresh();
    } else {
      router.push('/groups');
      router.refresh();
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p>
        <Link href="/groups">← {t('back')}</Link>
      </p>
      <PageHeader title={form.id ? initial.name : t('createTitle')} intro={t('editorIntro')} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      {saved && (
        <p className="alert success" role="status">
          {tc('saved')}
        </p>
      )}
      <ErrorAlert error={error} ignoreFields={['name', 'ringTimeSeconds', 'members']} />
      <fieldset disabled={!editable || pending} style={{ border: 0, padding: 0, margin: 0 }}>
        <section className="card">
          <div className="form-grid">
            <Field label={t('fields.name')} error={errorFor('name')}>
              <input type="text" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} />
            </Field>
            <Field label={t('fields.ringTimeSeconds')} hint={t('ringTimeHint')} error={errorFor('ringTimeSeconds')}>
              <input
                type="number"
                name="ringTimeSeconds"
                min={5}
                max={600}
                value={Number.isNaN(form.ringTimeSeconds) ? '' : form.ringTimeSeconds}
                onChange={(e) => update({ ringTimeSeconds: e.target.valueAsNumber })}
              />
            </Field>
          </div>
        </section>
        <section className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">{t('fields.members')}</h2>
          <p className="muted">{t('membersIntro')}</p>
          {form.members.length === 0 ? (
            <p className="muted">{t('noMembers')}</p>
          ) : (
            <ol className="member-list">
              {form.members.map((member, index) => {
                const name = agentName(member.agentId);
                const ringError = errorFor(`members/${index}`);
                return (
                  <li key={member.agentId}>
                    <span className="position" aria-hidden="true">
                      {index + 1}.
                    </span>
                    <span className="name">
                      {name}
                      {ringError && (
                        <span className="field-error" role="alert">
                          {' '}
                          {ringError}
                        </span>
                      )}
                    </span>
                    <label className="muted" htmlFor={`ring-${member.agentId}`}>
                      {t('memberRingTime')}
                    </label>
                    <input
                      id={`ring-${member.agentId}`}
                      type="number"
                      min={5}
                      max={600}
                      placeholder={String(form.ringTimeSeconds || 20)}
                      aria-label={t('memberRingTimeNamed', { name })}
                      aria-invalid={ringError ? true : undefined}
                      value={member.ringTimeSeconds ?? ''}
                      onChange={(e) =>
                        update({
                          members: form.members.map((m, i) => (i === index ? { ...m, ringTimeSeconds: e.target.value === '' ? null : e.target.valueAsNumber } : m)),
                        })
                      }
                    />
                    <button type="button" className="button small" disabled={index === 0} aria-label={t('moveUp', { name })} onClick={() => move(index, -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button small"
                      disabled={index === form.members.length - 1}
                      aria-label={t('moveDown', { name })}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button small"
                      aria-label={t('removeMember', { name })}
                      onClick={() => update({ members: form.members.filter((_, i) => i !== index) })}
                    >
                      {tc('remove')}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="inline-fields" style={{ marginTop: '1rem', alignItems: 'flex-end' }}>
            <Field label={t('addMember')}>
              <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{available.length ? t('chooseAgent') : t('noAgentLeft')}</option>
                {available.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {a.extension ? ` (${a.extension})` : ''}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field">
              <button
                type="button"
                className="button"
                disabled={!adding}
                onClick={() => {
                  update({ members: [...form.members, { agentId: adding, ringTimeSeconds: null }] });
                  setAdding('');
                }}
              >
                {tc('add')}
              </button>
            </div>
          </div>
        </section>
        {editable && (
          <div className="button-row">
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? tc('saving') : form.id ? tc('save') : t('createSubmit')}
            </button>
            <Link href="/groups" className="button">
              {tc('cancel')}
            </Link>
          </div>
        )}
      </fieldset>
    </form>
  );
}
