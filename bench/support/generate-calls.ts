// Generates a year of realistic calls for one organisation, in SQL (one INSERT … SELECT over
// generate_series: no row crosses the wire), for the statistics and history benchmarks.
//
// 1. creates the organisation's numbers, flows (one per number, some shared), queue groups
//    (service levels 15–60 s) and agents (members of one group each), with Prisma;
// 2. inserts `count` calls whose start times follow a contact centre's week in the
//    organisation's time zone: business-hour peaks (9–12, 14–17), a lunch dip, quiet nights,
//    weekends at about a fifth of a weekday;
// 3. outcomes: ~68 % answered, 8 % abandoned in the IVR, 10 % cancelled while ringing, 5 % no
//    answer, 2 % busy, 7 % ended by the flow (half of them with a voicemail); wait and talk
//    times drawn from exponential laws; 5 % of answered calls transferred to a second agent;
//    callbacks requested on some unanswered calls, with their CallbackRequest rows (60 % done).
// The C0 summary columns (flowId, groupId, agentId, agentIds, queuedAt, agentAnsweredAt,
// waitMs, talkMs, …) are filled as the runtime fills them.
import type { PrismaClient } from '../../prisma/client';

export interface GeneratedOrganization {
  organizationId: string;
  numbers: string[];
  flowIds: string[];
  groupIds: string[];
  agentIds: string[];
}

export interface GenerateOptions {
  count: number;
  /** The calls span the `days` days before `end`. */
  end: Date;
  days: number;
  timezone?: string;
}

const NUMBERS = 8;
const FLOWS = 5;
const GROUPS = 6;
const AGENTS_PER_GROUP = 7;

/** Creates the organisation and what its calls refer to. */
export async function createBenchOrganization(prisma: PrismaClient, timezone = 'Europe/Paris'): Promise<GeneratedOrganization> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const org = await prisma.organization.create({ data: { name: `Bench ${suffix}`, slug: `bench-${suffix}`, timezone } });
  const flowIds: string[] = [];
  for (let i = 0; i < FLOWS; i++) flowIds.push((await prisma.flow.create({ data: { organizationId: org.id, name: `Flow ${i + 1}` } })).id);
  const numbers = Array.from({ length: NUMBERS }, (_, i) => `+3319${suffix.replace(/[^0-9]/g, '').padEnd(4, '0').slice(0, 4)}${String(1000 + i)}`);
  for (let i = 0; i < NUMBERS; i++) {
    await prisma.phoneNumber.create({ data: { organizationId: org.id, e164: numbers[i], label: `Number ${i + 1}`, flowId: flowIds[i % FLOWS] } });
  }
  const groupIds: string[] = [];
  const agentIds: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = await prisma.queueGroup.create({ data: { organizationId: org.id, name: `Group ${g + 1}`, serviceLevelSeconds: [15, 20, 20, 30, 45, 60][g] } });
    groupIds.push(group.id);
    for (let a = 0; a < AGENTS_PER_GROUP; a++) {
      const n = g * AGENTS_PER_GROUP + a;
      const agent = await prisma.agent.create({
        data: { organizationId: org.id, name: `Agent ${n + 1}`, extension: String(100 + n), sipUsername: `bench-${suffix}-${n}`, sipRealm: 'relais.local', sipHa1: '0'.repeat(32) },
      });
      await prisma.groupMember.create({ data: { groupId: group.id, agentId: agent.id, position: a } });
      agentIds.push(agent.id);
    }
  }
  return { organizationId: org.id, numbers, flowIds, groupIds, agentIds };
}

/**
 * Inserts the calls (and their callback requests) in one statement each. Hours and week days
 * are drawn from weighted arrays; everything else from random() in SQL.
 */
export async function generateCalls(prisma: PrismaClient, org: GeneratedOrganization, options: GenerateOptions): Promise<void> {
  const tz = options.timezone ?? 'Europe/Paris';
  // Relative call volume per local hour 0..23 (a contact centre open 8–20 with an IVR answering at night).
  const hourWeights = [1, 1, 1, 1, 1, 1, 2, 4, 20, 45, 55, 52, 30, 28, 50, 54, 48, 40, 22, 10, 5, 3, 2, 1];
  const hours = hourWeights.flatMap((w, h) => Array(w).fill(h) as number[]);
  // Week days of the call's local date (ISO 1 = Monday): weekends are kept with probability 0.2.
  const sql = `
    WITH params AS (
      SELECT $1::text AS org, $2::text AS tz, $3::int AS days,
             ($4::timestamptz AT TIME ZONE $2::text)::date AS last_day,
             $5::int[] AS hours, $6::text[] AS numbers, $7::text[] AS flows, $8::text[] AS groups, $9::text[] AS agents
    ),
    draws AS (
      SELECT i, p.*,
        (p.last_day - floor(random() * p.days)::int) AS day,
        p.hours[1 + floor(random() * array_length(p.hours, 1))::int] AS hour,
        floor(random() * 3600)::int AS second_of_hour,
        floor(random() * array_length(p.numbers, 1))::int AS number_index,
        random() AS r_outcome, random() AS r_group, random() AS r_agent, random() AS r_wait, random() AS r_talk,
        random() AS r_ivr, random() AS r_extra, random() AS r_transfer, random() AS r_weekend
      FROM generate_series(1, ceil($10::int * 1.45)::int) AS i CROSS JOIN params p
    ),
    kept AS (
      SELECT * FROM draws WHERE extract(isodow FROM day) < 6 OR r_weekend < 0.2 LIMIT $10::int
    ),
    shaped AS (
      SELECT k.*,
        ((k.day + make_interval(hours => k.hour, secs => k.second_of_hour)) AT TIME ZONE k.tz) AT TIME ZONE 'UTC' AS started,
        CASE WHEN r_outcome < 0.68 THEN 'answered' WHEN r_outcome < 0.76 THEN 'abandoned' WHEN r_outcome < 0.86 THEN 'cancelled'
             WHEN r_outcome < 0.91 THEN 'no_answer' WHEN r_outcome < 0.93 THEN 'busy' ELSE NULL END AS outcome,
        r_outcome >= 0.93 AS flow_end,
        -- the number's flow; its group among two of the flow's
        k.flows[1 + (k.number_index % array_length(k.flows, 1))] AS flow_id,
        k.groups[1 + ((k.number_index + floor(k.r_group * 2)::int) % array_length(k.groups, 1))] AS group_id,
        ((k.number_index + floor(k.r_group * 2)::int) % array_length(k.groups, 1)) AS group_index,
        (5000 + floor(k.r_ivr * 40000))::int AS ivr_ms
      FROM kept k
    ),
    timed AS (
      SELECT s.*,
        s.outcome IN ('answered', 'cancelled', 'no_answer', 'busy') AS queued,
        CASE s.outcome
          WHEN 'answered' THEN least(300000, floor(-ln(greatest(s.r_wait, 1e-9)) * 14000))::int
          WHEN 'cancelled' THEN least(600000, floor(-ln(greatest(s.r_wait, 1e-9)) * 45000))::int
          WHEN 'no_answer' THEN (20000 + floor(s.r_wait * 100000))::int
          WHEN 'busy' THEN floor(s.r_wait * 2000)::int
        END AS wait_ms,
        CASE WHEN s.outcome = 'answered' THEN (8000 + least(3600000, floor(-ln(greatest(s.r_talk, 1e-9)) * 190000)))::int END AS talk_ms,
        s.agents[1 + s.group_index * ${AGENTS_PER_GROUP} + floor(s.r_agent * ${AGENTS_PER_GROUP})::int] AS agent_id,
        s.agents[1 + ((s.group_index + 1) % ${GROUPS}) * ${AGENTS_PER_GROUP} + floor(s.r_extra * ${AGENTS_PER_GROUP})::int] AS second_agent_id
      FROM shaped s
    )
    INSERT INTO "Call" ("id", "organizationId", "sipCallId", "entryNumber", "caller", "callee", "outcome", "language",
      "startedAt", "answeredAt", "endedAt", "flowId", "groupId", "agentId", "agentIds", "queuedAt", "agentAnsweredAt",
      "waitMs", "talkMs", "transferCount", "voicemail", "callbackRequested", "endNodeId")
    SELECT
      'bench' || lpad(t.i::text, 9, '0') || substr(t.org, 1, 8),
      t.org, 'bench-' || t.i || '@' || t.org, t.numbers[1 + t.number_index],
      '+336' || lpad(floor(random() * 100000000)::text, 8, '0'), t.numbers[1 + t.number_index],
      t.outcome::"CallOutcome", CASE WHEN t.r_extra < 0.9 THEN 'fr' ELSE 'en' END,
      t.started, t.started + interval '1 second',
      t.started + make_interval(secs => (t.ivr_ms + coalesce(t.wait_ms, 0) + coalesce(t.talk_ms, 0)) / 1000.0),
      t.flow_id,
      CASE WHEN t.queued THEN t.group_id END,
      CASE WHEN t.outcome = 'answered' THEN t.agent_id END,
      CASE WHEN t.outcome <> 'answered' OR t.outcome IS NULL THEN ARRAY[]::text[]
           WHEN t.r_transfer < 0.05 THEN ARRAY[t.agent_id, t.second_agent_id] ELSE ARRAY[t.agent_id] END,
      CASE WHEN t.queued THEN t.started + make_interval(secs => t.ivr_ms / 1000.0) END,
      CASE WHEN t.outcome = 'answered' THEN t.started + make_interval(secs => (t.ivr_ms + t.wait_ms) / 1000.0) END,
      CASE WHEN t.queued THEN t.wait_ms END,
      t.talk_ms,
      CASE WHEN t.outcome = 'answered' AND t.r_transfer < 0.05 THEN 1 ELSE 0 END,
      t.flow_end AND t.r_extra < 0.5,
      (t.outcome IN ('cancelled', 'no_answer') OR t.flow_end) AND t.r_transfer < 0.08,
      CASE WHEN t.flow_end THEN 'hangup' END
    FROM timed t`;
  await prisma.$executeRawUnsafe(sql, org.organizationId, tz, options.days, options.end.toISOString(), hours, org.numbers, org.flowIds, org.groupIds, org.agentIds, options.count);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "CallbackRequest" ("id", "organizationId", "callId", "groupId", "number", "earliestAt", "status", "attempts", "createdAt")
     SELECT 'cb' || c."id", c."organizationId", c."id", c."groupId", coalesce(c."caller", ''), c."endedAt",
            (CASE WHEN random() < 0.6 THEN 'done' WHEN random() < 0.5 THEN 'failed' ELSE 'pending' END)::"CallbackStatus", 1, c."endedAt"
     FROM "Call" c WHERE c."organizationId" = $1 AND c."callbackRequested"`,
    org.organizationId,
  );
  // What autovacuum does a little later: statistics for the planner, and the visibility map that
  // lets the statistics read their covering index alone.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "Call"');
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "CallbackRequest"');
}
