'use client';
// The state of a resource's editor page: the form, "saved" after an update, the API error by
// field. Saving POSTs a new resource (then back to the list) or PATCHes an existing one.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

export interface ResourceEditorOptions<Form> {
  /** The collection's API URL, e.g. "/api/groups" (PATCH goes to `${apiPath}/${id}`). */
  apiPath: string;
  /** The list page to return to after creating. */
  listHref: string;
  /** The request body for the form (trimmed, normalised). */
  toBody: (form: Form) => unknown;
}

export function useResourceEditor<Form extends { id?: string }>(initial: Form, { apiPath, listHref, toBody }: ResourceEditorOptions<Form>) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  const update = (patch: Partial<Form>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function save() {
    const body = toBody(form);
    const ok = await run(() => (form.id ? apiRequest('PATCH', `${apiPath}/${form.id}`, body) : apiRequest('POST', apiPath, body)));
    if (!ok) return;
    if (form.id) {
      setSaved(true);
      router.refresh();
    } else {
      router.push(listHref);
      router.refresh();
    }
  }

  return { form, update, save, saved, pending, error, errorFor };
}
