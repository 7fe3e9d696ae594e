// Numbers → organisations → published flow versions, and a cache of loaded flows keyed by
// version id: a version is immutable once published, so loadFlow() runs once per version and
// each call keeps the version it started with even when a newer one is published meanwhile.
import type { PrismaClient } from '../../prisma/client';
import { loadFlow, type LoadedFlow } from '../interpreter';

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
}

export class FlowStore {
  private readonly flows = new Map<string, LoadedFlow>();

  constructor(private readonly prisma: PrismaClient) {}

  /** The number's organisation and flow; null when no organisation has this number. */
  async route(e164: string): Promise<NumberRoute | null> {
    const row = await this.prisma.phoneNumber.findUnique({
      where: { e164 },
      select: { id: true, organizationId: true, flowId: true, organization: { select: { timezone: true, defaultLanguage: true } } },
    });
    if (!row) return null;
    return {
      phoneNumberId: row.id, organizationId: row.organizationId, flowId: row.flowId,
      timezone: row.organization.timezone, defaultLanguage: row.organization.defaultLanguage,
    };
  }

  /** The latest published version of the flow (of that organisation), loaded; null when none is published. */
  async latestPublished(flowId: string, organizationId: string): Promise<PublishedFlow | null> {
    const version = await this.prisma.flowVersion.findFirst({
      where: { flowId, organizationId, status: 'published', flow: { deletedAt: null } },
      orderBy: { number: 'desc' },
      select: { id: true },
    });
    if (!version) return null;
    const cached = this.flows.get(version.id);
    if (cached) return { versionId: version.id, flow: cached };
    const row = await this.prisma.flowVersion.findUniqueOrThrow({ where: { id: version.id }, select: { document: true } });
    // Throws InvalidFlowError: an invalid document never runs (the caller is told the number is out of service).
    const flow = loadFlow(row.document, { flowId });
    this.flows.set(version.id, flow);
    return { versionId: version.id, flow };
  }

  /**
   * Loads and validates a published version into the cache (live pickup: the next call does not
   * pay for it). Null when the version is not (or no longer) a published version of a live flow.
   * Throws InvalidFlowError for an invalid document (it is not cached; calls get "not in service").
   */
  async warm(versionId: string): Promise<{ flowId: string; number: number } | null> {
    const row = await this.prisma.flowVersion.findFirst({
      where: { id: versionId, status: 'published', flow: { deletedAt: null } },
      select: { flowId: true, number: true, document: true },
    });
    if (!row) return null;
    if (!this.flows.has(versionId)) this.flows.set(versionId, loadFlow(row.document, { flowId: row.flowId }));
    return { flowId: row.flowId, number: row.number ?? 0 }; // published versions are always numbered
  }

  isCached(versionId: string): boolean {
    return this.flows.has(versionId);
  }

  get cachedVersions(): number {
    return this.flows.size;
  }
}
