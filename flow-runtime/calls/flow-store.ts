// Numbers → organisations → published flow versions, and a cache of loaded flows keyed by
// version id: a version is immutable once published, so loadFlow() runs once per version and
// each call keeps the version it started with even when a newer one is published meanwhile.
// The number and latest-version lookups go through a LastKnownGood (last-known-good.ts): while
// the database is unreachable, numbers and flows seen before keep being answered.
import { sqlPool, type PrismaClient } from '../../prisma/client';
import { loadFlow, type LoadedFlow } from '../interpreter';
import { LastKnownGood, withTimeout } from './last-known-good';
import { choosesCanary, type CanaryRule } from './canary';

export interface NumberRoute {
  phoneNumberId: string;
  organizationId: string;
  timezone: string;
  defaultLanguage: string;
  flowId: string | null;
}

export interface PublishedFlow {
  versionId: string;
  flow: LoadedFlow;
  /** The flow's canary version was chosen for this call (forCall). */
  canary?: boolean;
}

/** Who is calling, for the canary's choice (canary.ts). */
export interface CallerOfCall {
  caller: string | null;
  sipCallId: string;
  at?: Date;
}

interface KnownCanary extends CanaryRule {
  organizationId: string;
}

interface LatestVersion {
  id: string;
  number: number;
  organizationId: string;
}

export class FlowStore {
  private readonly flows = new Map<string, LoadedFlow>();
  /** Versions being read and validated now. */
  private readonly loading = new Map<string, Promise<LoadedFlow>>();
  /** Last-known-good answers, shared with the call context loader (see run-call.ts). */
  readonly lastKnown: LastKnownGood;

  /** `lookupTimeoutMs`: how long a lookup waits for the database before the last-known answer is used (2 s). */
  /** The client's pg pool: the two lookups of every call as plain SQL (a Prisma query costs ~1 ms of CPU; issue 18). */
  private readonly sql: ReturnType<typeof sqlPool>;

  constructor(private readonly prisma: PrismaClient, opts: { lookupTimeoutMs?: number } = {}) {
    this.lastKnown = new LastKnownGood(opts.lookupTimeoutMs ?? 2_000);
    this.sql = sqlPool(prisma);
  }

  /**
   * The number's organisation and flow; null when no organisation has this number. While the
   * database is unreachable: the last answer for that number, else DatabaseUnavailableError.
   */
  route(e164: string): Promise<NumberRoute | null> {
    return this.lastKnown.lookup('number', e164, async () => {
      if (this.sql) {
        const { rows } = await this.sql.query<NumberRoute>(
          `SELECT p."id" AS "phoneNumberId", p."organizationId", p."flowId", o."timezone", o."defaultLanguage"
           FROM "PhoneNumber" p JOIN "Organization" o ON o."id" = p."organizationId" WHERE p."e164" = $1`,
          [e164],
        );
        return rows[0] ?? null;
      }
      const row = await this.prisma.phoneNumber.findUnique({
        where: { e164 },
        select: { id: true, organizationId: true, flowId: true, organization: { select: { timezone: true, defaultLanguage: true } } },
      });
      if (!row) return null;
      return {
        phoneNumberId: row.id, organizationId: row.organizationId, flowId: row.flowId,
        timezone: row.organization.timezone, defaultLanguage: row.organization.defaultLanguage,
      };
    });
  }

  /**
   * The latest published version of the flow (of that organisation), loaded; null when none is
   * published. While the database is unreachable: the last version known (looked up or warmed).
   */
  async latestPublished(flowId: string, organizationId: string): Promise<PublishedFlow | null> {
    const sql = this.sql;
    const version = await this.lastKnown.lookup('flow', flowId, () => sql
      ? sql.query<LatestVersion>(
          `SELECT v."id", coalesce(v."number", 0) AS "number", v."organizationId" FROM "FlowVersion" v JOIN "Flow" f ON f."id" = v."flowId"
           WHERE v."flowId" = $1 AND v."organizationId" = $2 AND v."status" = 'published' AND f."deletedAt" IS NULL ORDER BY v."number" DESC LIMIT 1`,
          [flowId, organizationId],
        ).then((r) => r.rows[0] ?? null)
      : this.prisma.flowVersion.findFirst({
        where: { flowId, organizationId, status: 'published', flow: { deletedAt: null } },
        orderBy: { number: 'desc' },
        select: { id: true, number: true, organizationId: true },
      }).then((v): LatestVersion | null => (v ? { id: v.id, number: v.number ?? 0, organizationId: v.organizationId } : null)));
    if (!version || version.organizationId !== organizationId) return null;
    return { versionId: version.id, flow: await this.loaded(version.id, flowId) };
  }

  /**
   * The version a new call on `route` runs: the flow's canary version when the flow has a canary
   * that applies to this number and the caller's bucket falls in its share (canary.ts), else the
   * latest published one. The canary row is read for every call (one indexed row, kept as
   * last-known-good), so starting, changing, promoting or stopping a canary applies from the next
   * call; the publish listener warms the canary version so that call does not pay for its load.
   * A canary version that cannot be loaded (invalid, database away with nothing kept) → live.
   */
  async forCall(route: NumberRoute, who: CallerOfCall): Promise<PublishedFlow | null> {
    if (!route.flowId) return null;
    const live = await this.latestPublished(route.flowId, route.organizationId);
    if (!live) return null;
    const rule = await this.canaryRule(route.flowId).catch(() => null);
    if (!rule || rule.organizationId !== route.organizationId || rule.versionId === live.versionId) return live;
    const chosen = choosesCanary({
      flowId: route.flowId, rule, phoneNumberId: route.phoneNumberId, caller: who.caller, sipCallId: who.sipCallId,
      timeZone: route.timezone, at: who.at ?? new Date(),
    });
    if (!chosen) return live;
    try {
      return { versionId: rule.versionId, flow: await this.loaded(rule.versionId, route.flowId), canary: true };
    } catch {
      return live;
    }
  }

  /** The flow's canary (FlowCanary row), null when none; last-known-good while the database is away. */
  canaryRule(flowId: string): Promise<KnownCanary | null> {
    const sql = this.sql;
    return this.lastKnown.lookup('canary', flowId, () => sql
      // read for every new call: plain SQL on the client's pool, as the number and live version (issue 18)
      ? sql.query<KnownCanary>(
          `SELECT c."versionId", c."percent", c."numberIds", c."organizationId" FROM "FlowCanary" c JOIN "FlowVersion" v ON v."id" = c."versionId"
           WHERE c."flowId" = $1 AND v."status" IN ('published', 'canary')`,
          [flowId],
        ).then((r) => r.rows[0] ?? null)
      : this.prisma.flowCanary.findUnique({
        where: { flowId },
        select: { versionId: true, percent: true, numberIds: true, organizationId: true, version: { select: { status: true } } },
      }).then((c): KnownCanary | null => (c && (c.version.status === 'published' || c.version.status === 'canary')
        ? { versionId: c.versionId, percent: c.percent, numberIds: c.numberIds, organizationId: c.organizationId }
        : null)));
  }

  /** A published version's document, loaded and validated once (cached by version id). */
  private async loaded(versionId: string, flowId: string): Promise<LoadedFlow> {
    const cached = this.flows.get(versionId);
    if (cached) return cached;
    // calls arriving together on a version not loaded yet share one read and one validation
    let loading = this.loading.get(versionId);
    if (!loading) {
      loading = (async () => {
        const row = await withTimeout(this.prisma.flowVersion.findUniqueOrThrow({ where: { id: versionId }, select: { document: true } }), this.lastKnown.timeoutMs, 'flow document');
        // Throws InvalidFlowError: an invalid document never runs (the caller is told the number is out of service).
        const flow = loadFlow(row.document, { flowId });
        this.flows.set(versionId, flow);
        return flow;
      })();
      this.loading.set(versionId, loading);
      void loading.catch(() => undefined).finally(() => this.loading.delete(versionId));
    }
    return loading;
  }

  /**
   * Loads and validates a published version into the cache (live pickup: the next call does not
   * pay for it). Null when the version is not (or no longer) a published version of a live flow.
   * A version published as canary (status 'canary') is loaded too, but never remembered as live.
   * Throws InvalidFlowError for an invalid document (it is not cached; calls get "not in service").
   */
  async warm(versionId: string): Promise<{ flowId: string; number: number } | null> {
    const row = await this.prisma.flowVersion.findFirst({
      where: { id: versionId, status: { in: ['published', 'canary'] }, flow: { deletedAt: null } },
      select: { flowId: true, number: true, document: true, organizationId: true, status: true },
    });
    if (!row) return null;
    if (!this.flows.has(versionId)) this.flows.set(versionId, loadFlow(row.document, { flowId: row.flowId }));
    const number = row.number ?? 0; // published versions are always numbered
    // the newest version announced is what calls get while the database is away
    const known = this.lastKnown.recall<LatestVersion | null>('flow', row.flowId);
    if (row.status === 'published' && (!known || known.number < number)) this.lastKnown.remember<LatestVersion>('flow', row.flowId, { id: versionId, number, organizationId: row.organizationId });
    return { flowId: row.flowId, number };
  }

  isCached(versionId: string): boolean {
    return this.flows.has(versionId);
  }

  get cachedVersions(): number {
    return this.flows.size;
  }
}
