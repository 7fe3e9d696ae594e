// The remaining ports of a live call: HTTP (fetch with a timeout), SMS (the configured
// provider, each message recorded), callback requests (CallRecorder), flows (published
// versions through the FlowStore), a real clock and crypto-seeded randomness.
import { randomBytes } from 'node:crypto';
import type { CallbackStore, Clock, FlowsPort, HttpPort, Random, SmsPort } from '../../session';
import type { HttpHeader, LoadedFlow } from '../../interpreter';
import type { CallRecorder } from '../../records/call-recorder';
import type { SmsProvider } from '../../sms/sms-provider';
import type { PrismaClient } from '../../../prisma/client';
import type { FlowStore } from '../flow-store';

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, fire) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const cryptoRandom: Random = { seed: () => randomBytes(4).readUInt32BE(0) };

export const fetchHttp: HttpPort = {
  async request(request: { method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs: number }) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.map((h) => [h.name, h.value] as [string, string]),
        body: request.body ?? undefined,
        signal: controller.signal,
      });
      return { status: response.status, body: await response.text() };
    } catch (err) {
      if (controller.signal.aborted) throw { reason: 'timeout' };
      throw err;
    } finally {
      clearTimeout(timer);
    }
  },
};

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
