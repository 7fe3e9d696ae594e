'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest, fieldProblem } from '@/app/components/api-client';
import { Field } from '@/app/components/form-field';
import { EditableRows } from '@/app/components/resources/editable-rows';
import { FormDialog } from '@/app/components/resources/form-dialog';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

export interface ContactRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  numbers: { number: string; canonical: string; label: string | null }[];
}

type NumberRow = { number: string; label: string };

export function ContactDialog({ initial, open, onClose, onSaved }: { initial: ContactRow | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('contacts');
  const tc = useTranslations('common');
  const [name, setName] = useState(initial?.name ?? '');
  const [company, setCompany] = useState(initial?.company ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [numbers, setNumbers] = useState<NumberRow[]>(initial?.numbers.map((n) => ({ number: n.number, label: n.label ?? '' })) ?? [{ number: '', label: '' }]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  // The API's own check of a number (contact.invalidNumber) is said in the user's language too.
  const numberError = (index: number) =>
    fieldProblem(error, `numbers/${index}/number`)?.code === 'contact.invalidNumber' ? t('numberHint') : errorFor(`numbers/${index}/number`, t('numberHint'));

  async function save() {
    const body = {
      name: name.trim(),
      company: company.trim() || null,
      email: email.trim() || null,
      notes: notes.trim() || null,
      numbers: numbers.map((n) => ({ number: n.number.trim(), label: n.label.trim() || null })),
    };
    let saved: { warnings?: { contactName?: string; message: string }[] } | undefined;
    const ok = await run(async () => {
      saved = await apiRequest(initial ? 'PATCH' : 'POST', initial ? `/api/contacts/${initial.id}` : '/api/contacts', body);
    });
    if (!ok) return;
    // A number another contact has too is allowed: say so once, then close on the next save.
    const shared = (saved?.warnings ?? []).map((w) => t('duplicateWarning', { name: w.contactName ?? '' }));
    if (shared.length > 0 && warnings.length === 0) setWarnings(shared);
    else onSaved();
  }

  return (
    <FormDialog
      open={open}
      title={initial ? t('editTitle') : t('createTitle')}
      onClose={warnings.length ? onSaved : onClose}
      onSubmit={warnings.length ? onSaved : save}
      pending={pending}
      error={error}
      submitLabel={warnings.length ? t('close') : undefined}
      fields={['name', 'company', 'email', 'notes', 'numbers']}
    >
      {warnings.length > 0 && (
        <div className="alert" role="status">
          <p>{t('savedWithWarnings')}</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <Field label={t('fields.name')} error={errorFor('name')}>
        <input type="text" name="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="form-grid">
        <Field label={t('fields.company')} hint={tc('optional')} error={errorFor('company')}>
          <input type="text" name="company" value={company} onChange={(e) => setCompany(e.target.value)} />
        </Field>
        <Field label={t('fields.email')} hint={tc('optional')} error={errorFor('email', t('emailHint'))}>
          <input type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
      </div>
      <fieldset className="contacts-numbers-fieldset">
        <legend>{t('fields.numbers')}</legend>
        {errorFor('numbers') && numbers.length === 0 && <p className="field-error">{t('numbersRequired')}</p>}
        <EditableRows
          items={numbers}
          onChange={setNumbers}
          columns={() => 'minmax(10rem, 1fr) minmax(8rem, 12rem) auto'}
          rowLabel={(index) => t('numberRow', { number: index + 1 })}
          removeLabel={(n, index) => t('removeNumber', { number: n.number || String(index + 1) })}
          emptyMessage={t('numbersRequired')}
          addLabel={t('addNumber')}
          newItem={(): NumberRow => ({ number: '', label: '' })}
        >
          {(n, index, change) => (
            <>
              <Field label={t('fields.number')} error={numberError(index)}>
                <input type="text" inputMode="tel" value={n.number} placeholder="06 12 34 56 78" onChange={(e) => change({ number: e.target.value })} />
              </Field>
              <Field label={t('fields.label')} error={errorFor(`numbers/${index}/label`)}>
                <input type="text" value={n.label} placeholder={t('labelPlaceholder')} onChange={(e) => change({ label: e.target.value })} />
              </Field>
            </>
          )}
        </EditableRows>
      </fieldset>
      <Field label={t('fields.notes')} hint={tc('optional')} error={errorFor('notes')}>
        <textarea name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
