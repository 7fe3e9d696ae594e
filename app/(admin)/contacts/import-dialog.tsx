'use client';
// CSV import in two steps: the file is sent as a preview (nothing written) and every bad row is
// listed with its row number, column and reason; only then may the user import — all rows, or
// the valid ones only when some are bad ("skip invalid"). Nothing is half-imported: the server
// writes all the accepted rows in one transaction.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { ApiError } from '@/app/components/api-client';

interface Issue {
  row: number;
  column: string;
  field: string;
  code: string;
  message: string;
}

interface Report {
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  errors: Issue[];
  warnings: Issue[];
  ignoredColumns: string[];
}

const REASONS: Record<string, string> = {
  'contact.invalidNumber': 'invalidNumber',
  'contact.duplicateNumber': 'duplicateNumber',
  'schema.required': 'required',
  'schema.minItems': 'noNumber',
  'schema.pattern': 'invalidFormat',
  'schema.maxLength': 'tooLong',
  'schema.maxItems': 'tooManyNumbers',
};

async function sendCsv(file: File, commit: boolean, skipInvalid: boolean): Promise<Report> {
  const params = commit ? `?commit=true${skipInvalid ? '&skipInvalid=true' : ''}` : '';
  let response: Response;
  try {
    response = await fetch(`/api/contacts/import${params}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/csv', accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
  const data = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? '', data?.error?.path);
  return data as Report;
}

export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const t = useTranslations('contacts.importDialog');
  const tc = useTranslations('common');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(commit: boolean, chosen = file) {
    if (!chosen) return;
    setPending(true);
    setError(null);
    try {
      const r = await sendCsv(chosen, commit, skipInvalid);
      setReport(r);
      if (r.committed) onImported();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const reason = (i: Issue) => (REASONS[i.code] ? t(`reasons.${REASONS[i.code]}`) : i.message);
  const canImport = report && !report.committed && report.valid > 0 && (report.invalid === 0 || skipInvalid);

  return (
    <Dialog
      open={open}
      title={t('title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={pending}>
            {report?.committed ? t('close') : tc('cancel')}
          </button>
          {!report?.committed && (
            <button type="button" className="button primary" disabled={!canImport || pending} aria-busy={pending} onClick={() => run(true)}>
              {t('submit', { count: report ? report.valid : 0 })}
            </button>
          )}
        </>
      }
    >
      <p className="muted">{t('intro')}</p>
      <div className="field">
        <label htmlFor="contacts-csv">{t('file')}</label>
        <input
          id="contacts-csv"
          type="file"
          accept=".csv,text/csv"
          disabled={pending || report?.committed}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setReport(null);
            if (chosen) void run(false, chosen);
          }}
        />
      </div>
      <ErrorAlert error={error} />
      {report && report.committed && (
        <p className="alert success" role="status">
          {t('done', { count: report.created })}
        </p>
      )}
      {report && !report.committed && (
        <section aria-labelledby="import-preview-heading">
          <h3 id="import-preview-heading">{t('preview')}</h3>
          <p role="status">{t('summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}</p>
          {report.ignoredColumns.length > 0 && <p className="muted">{t('ignoredColumns', { columns: report.ignoredColumns.join(', ') })}</p>}
          {report.errors.length > 0 && (
            <>
              <table className="contacts-import-errors" aria-label={t('errorsTitle')}>
                <caption>{t('errorsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    <th scope="col">{t('column')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, 200).map((i, k) => (
                    <tr key={k}>
                      <td>{i.row}</td>
                      <td>{i.column}</td>
                      <td>{reason(i)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="contacts-skip">
                <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> {t('skipInvalid', { count: report.invalid })}
              </label>
            </>
          )}
          {report.warnings.length > 0 && (
            <details>
              <summary>{t('warningsTitle', { count: report.warnings.length })}</summary>
              <ul>
                {report.warnings.slice(0, 200).map((w, k) => (
                  <li key={k}>{t('warningLine', { row: w.row, reason: w.message })}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </Dialog>
  );
}
