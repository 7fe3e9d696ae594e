'use client';
// A queue group: its name, the default ring time, and the ordered members (the order is the
// cascade order), each with an optional ring time of its own.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field } from '@/app/components/form-field';
import { RowButton } from '@/app/components/resources/row-button';
import { ResourceEditorForm } from '@/app/components/resources/resource-editor-form';
import { moveAt, removeAt, updateAt } from '@/app/components/resources/rows';
import { useResourceEditor } from '@/app/components/resources/use-resource-editor';
import type { AgentOption, GroupForm } from './group-data';

export function GroupEditor({ initial, agents, editable }: { initial: GroupForm; agents: AgentOption[]; editable: boolean }) {
  const t = useTranslations('groups');
  const tc = useTranslations('common');
  const [adding, setAdding] = useState('');
  const { form, update, save, saved, pending, error, errorFor } = useResourceEditor(initial, {
    apiPath: '/api/groups',
    listHref: '/groups',
    toBody: (f) => ({ name: f.name.trim(), ringTimeSeconds: f.ringTimeSeconds, color: f.color, wrapUpSeconds: f.wrapUpSeconds, serviceLevelSeconds: f.serviceLevelSeconds, members: f.members }),
  });
  const agentName = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const available = agents.filter((a) => !form.members.some((m) => m.agentId === a.id));

  return (
    <ResourceEditorForm
      listHref="/groups"
      backLabel={t('back')}
      title={form.id ? initial.name : t('createTitle')}
      intro={t('editorIntro')}
      editable={editable}
      saved={saved}
      pending={pending}
      error={error}
      fields={['name', 'ringTimeSeconds', 'color', 'wrapUpSeconds', 'serviceLevelSeconds', 'members']}
      submitLabel={form.id ? tc('save') : t('createSubmit')}
      onSave={save}
    >
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
          <Field label={t('fields.color')} hint={t('colorHint')} error={errorFor('color')}>
            <input type="color" name="color" value={form.color} onChange={(e) => update({ color: e.target.value })} />
          </Field>
          <Field label={t('fields.wrapUpSeconds')} hint={t('wrapUpHint')} error={errorFor('wrapUpSeconds')}>
            <input
              type="number"
              name="wrapUpSeconds"
              min={0}
              max={3600}
              value={Number.isNaN(form.wrapUpSeconds) ? '' : form.wrapUpSeconds}
              onChange={(e) => update({ wrapUpSeconds: e.target.valueAsNumber })}
            />
          </Field>
          <Field label={t('fields.serviceLevelSeconds')} hint={t('serviceLevelHint')} error={errorFor('serviceLevelSeconds')}>
            <input
              type="number"
              name="serviceLevelSeconds"
              min={1}
              max={3600}
              value={Number.isNaN(form.serviceLevelSeconds) ? '' : form.serviceLevelSeconds}
              onChange={(e) => update({ serviceLevelSeconds: e.target.valueAsNumber })}
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
                      update({ members: updateAt(form.members, index, { ringTimeSeconds: e.target.value === '' ? null : e.target.valueAsNumber }) })
                    }
                  />
                  <button type="button" className="button small" disabled={index === 0} aria-label={t('moveUp', { name })} onClick={() => update({ members: moveAt(form.members, index, -1) })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button small"
                    disabled={index === form.members.length - 1}
                    aria-label={t('moveDown', { name })}
                    onClick={() => update({ members: moveAt(form.members, index, 1) })}
                  >
                    ↓
                  </button>
                  <RowButton label={t('removeMember', { name })} text={tc('remove')} onClick={() => update({ members: removeAt(form.members, index) })} />
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
    </ResourceEditorForm>
  );
}
