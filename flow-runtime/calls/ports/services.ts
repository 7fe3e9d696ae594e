// The remaining ports of a live call: HTTP (under the outbound policy), SMS (the configured
// provider, each message recorded), callback requests (CallRecorder), flows (published
// versions through the FlowStore), a real clock and crypto-seeded randomness.
import { randomBytes } from 'node:crypto';
import type { CallbackStore, Clock, FlowsPort, HttpPort, Random, SmsPort } from '../../session';
import type { HttpHeader, LoadedFlow } from '../../interpreter';
import type { CallRecorder } from '../../records/call-recorder';
import type { SmsProvider } from '../../sms/sms-provider';
import type { PrismaClient } from '../../../prisma/client';
import type { FlowStore } from '../flow-store';
import { allowList, OutboundHttpError, outboundRequest, type Resolver } from '../../outbound-http';

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, fire) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const cryptoRandom: Random = { seed: () => randomBytes(4).readUInt32BE(0) };

/**
 * The HTTP step's requests, under the outbound policy (flow-runtime/outbound-http): internal
 * addresses refused unless the organisation's admin allowed them (read on every request, so a
 * change applies to the next step run), 1 MB answers at most, the step's timeout bounded.
 */
export function outboundHttp(allowedHosts: () => Promise<readonly string[]>, options: { resolve?: Resolver; maxBytes?: number } = {}): HttpPort {
  return {
    async request(request: { method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs: number }) {
      try {
        const response = await outboundRequest({
          method: request.method,
          url: request.url,
          headers: request.headers.map((h) => [h.name, h.value] as const),
          body: request.body,
          timeoutMs: request.timeoutMs,
          allow: allowList(await allowedHosts()),
          maxBytes: options.maxBytes,
          resolve: options.resolve,
        });
        return { status: response.status, body: response.body };
      } catch (err) {
        if (err instanceof OutboundHttpError) {
          throw { reason: err.kind === 'timeout' ? 'timeout' : err.kind === 'network' ? 'network' : 'refused', message: err.message };
        }
        throw err;
      }
    },
  };
}

/** The organisation's allow-list, read from the database when a step runs. */
export function organizationAllowList(prisma: PrismaClient, organizationId: string): () => Promise<readonly string[]> {
  return async () => (await prisma.organization.findUnique({ where: { id: organizationId }, select: { outboundHttpAllow: true } }))?.outboundHttpAllow ?? [];
}

export function smsPort(provider: SmsProvider, recorder: CallRecorder, prisma: PrismaClient, call: { id: string; organizationId: string; defaultFrom: string | null }): SmsPort {
  return {
    async send(request) {
      const from = request.fromNumberId
        ? ((await prisma.phoneNumber.findUnique({ where: { id: request.fromNumberId }, select: { e164: true } }))?.e164 ?? call.defaultFrom)
        : call.defaultFrom;
      const result = await provider.send({ to: request.to, from, body: request.text });
      recorder.sms({
        organizationId: call.organizationId, callId: call.id, to: request.to, from, body: request.text,
        status: result.ok ? 'sent' : 'failed', provider: provider.name, error: result.error ?? null, sentAt: result.ok ? new Date() : null,
      });
      return { ok: result.ok };
    },
  };
}

export function callbackStore(recorder: CallRecorder, organizationId: string): CallbackStore {
  return {
    async create(request) {
      const id = recorder.callbackRequest({
        organizationId, callId: request.callId, groupId: request.groupId, number: request.number,
        earliestAt: new Date(request.earliestAt), maxAttempts: request.maxAttempts,
      });
      return { id };
    },
  };
}

export function flowsPort(store: FlowStore, organizationId: string): FlowsPort {
  return {
    async load(flowId: string): Promise<LoadedFlow | null> {
      return (await store.latestPublished(flowId, organizationId))?.flow ?? null;
    },
  };
}
