// The outbox ops every call writes, as plain SQL on the Prisma client's own pg pool (issue 18):
// call.create, event.create, call.update, leg.create, leg.update, call.rollup, and the webhook
// subscription check of webhook.emit. Through Prisma each was 0.5–2.5 ms of CPU in the runtime
// (query compiler, and a transaction around each update); here about 0.15 ms. Same rows, same
// idempotence: inserts ON CONFLICT DO NOTHING (Prisma's skipDuplicates), updates of a row that
// is not there fail as Prisma's do (P2025, a permanent error: dead letter after 3 tries).
// Dates are written as Prisma writes them: UTC wall time into `timestamp(3)` (the ISO string's
// zone is ignored by the cast).
import type pg from 'pg';
import type { OutboxOp } from './outbox';

type Cast = '' | '::timestamp(3)' | '::text[]' | '::"CallOutcome"' | '::"LegOutcome"' | '::int' | '::boolean';

/** The columns an update may set, with their casts; an op with any other field goes through Prisma. */
const CALL_COLUMNS: Record<string, Cast> = {
  answeredAt: '::timestamp(3)', endedAt: '::timestamp(3)', queuedAt: '::timestamp(3)', agentAnsweredAt: '::timestamp(3)',
  outcome: '::"CallOutcome"', language: '', flowVersionId: '', flowId: '', groupId: '', agentId: '', endNodeId: '',
  agentIds: '::text[]', waitMs: '::int', talkMs: '::int', transferCount: '::int', voicemail: '::boolean', callbackRequested: '::boolean',
};
const LEG_COLUMNS: Record<string, Cast> = { answeredAt: '::timestamp(3)', endedAt: '::timestamp(3)', outcome: '::"LegOutcome"' };

/** What Prisma throws when an update finds no row (isPermanentDbError: permanent). */
export class RecordNotFoundError extends Error {
  readonly code = 'P2025';
  constructor(table: string, id: string) {
    super(`${table} ${id} not found`);
  }
}

async function update(sql: pg.Pool, table: 'Call' | 'CallLeg', columns: Record<string, Cast>, d: Record<string, unknown>): Promise<boolean> {
  const sets: string[] = [];
  const values: unknown[] = [d.id];
  for (const [k, v] of Object.entries(d)) {
    if (k === 'id' || v === undefined) continue;
    const cast = columns[k];
    if (cast === undefined) return false;
    values.push(v);
    sets.push(`"${k}" = $${values.length}${cast}`);
  }
  if (sets.length === 0) return false;
  const r = await sql.query(`UPDATE "${table}" SET ${sets.join(', ')} WHERE "id" = $1`, values);
  if (r.rowCount === 0) throw new RecordNotFoundError(table, String(d.id));
  return true;
}

/**
 * Writes the op if it is one of the call path's; false when it is not (the caller uses Prisma).
 * `emitWebhook` is called for a webhook.emit op only when a subscription may want it.
 */
export async function executeRecordSql(sql: pg.Pool, op: OutboxOp, emitWebhook: () => Promise<unknown>): Promise<boolean> {
  const d = op.data as Record<string, unknown>;
  switch (op.kind) {
    case 'call.create':
      await sql.query(
        `INSERT INTO "Call" ("id", "organizationId", "sipCallId", "entryNumber", "caller", "callee", "flowVersionId", "flowId", "language", "startedAt", "canary")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamp(3), $11) ON CONFLICT DO NOTHING`,
        [d.id, d.organizationId, d.sipCallId, d.entryNumber, d.caller ?? null, d.callee, d.flowVersionId ?? null, d.flowId ?? null, d.language ?? null, d.startedAt, d.canary === true],
      );
      return true;
    case 'event.create':
      await sql.query(
        `INSERT INTO "CallEvent" ("id", "callId", "seq", "at", "kind", "nodeId", "nodeType", "output", "data")
         VALUES ($1, $2, $3, $4::timestamp(3), $5, $6, $7, $8, $9::jsonb) ON CONFLICT DO NOTHING`,
        [d.id, d.callId, d.seq, d.at, d.kind, d.nodeId ?? null, d.nodeType ?? null, d.output ?? null, d.data == null ? null : JSON.stringify(d.data)],
      );
      return true;
    case 'leg.create':
      await sql.query(
        `INSERT INTO "CallLeg" ("id", "callId", "agentId", "destination", "startedAt", "kind")
         VALUES ($1, $2, $3, $4, $5::timestamp(3), coalesce($6, 'agent')) ON CONFLICT DO NOTHING`,
        [d.id, d.callId, d.agentId ?? null, d.destination, d.startedAt, d.kind ?? null],
      );
      return true;
    case 'call.update':
      return update(sql, 'Call', CALL_COLUMNS, d);
    case 'leg.update':
      return update(sql, 'CallLeg', LEG_COLUMNS, d);
    case 'call.rollup':
      await sql.query('SELECT flow_path_rollup(ARRAY[$1]::text[])', [d.id]);
      return true;
    case 'webhook.emit': {
      // most organisations have no subscription: one cheap look before the Prisma reads and writes
      const r = d.organizationId
        ? await sql.query('SELECT 1 FROM "WebhookSubscription" WHERE "active" AND $1 = ANY("events") AND "organizationId" = $2 LIMIT 1', [d.type, d.organizationId])
        : await sql.query(
            'SELECT 1 FROM "WebhookSubscription" s WHERE s."active" AND $1 = ANY(s."events") AND s."organizationId" IN (SELECT c."organizationId" FROM "Call" c WHERE c."id" = $2) LIMIT 1',
            [d.type, d.callId ?? ''],
          );
      if (r.rowCount) await emitWebhook();
      return true;
    }
    default:
      return false;
  }
}

/** pg errors a retry cannot get past: data exceptions (22…), constraint violations (23…), bad SQL (42…). */
export function isPermanentPgError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|23|42)[0-9A-Z]{3}$/.test(code);
}
