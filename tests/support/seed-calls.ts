// Calls with known values for the call history tests (API and browser): the demo flow published
// as version 1, and Call rows with the summary columns of issue 15 (C0) set directly, as the
// runtime writes them, plus their path events, legs, recordings and voicemails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@/prisma/client';
import type { Prisma } from '@/prisma/generated/client';

const demoPath = path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json');

/** The demo flow (welcome → menu 1 agents / 2 info / timeout bye…) published as version 1. */
export async function seedDemoFlow(prisma: PrismaClient, organizationId: string, name = 'Accueil principal') {
  const document = JSON.parse(readFileSync(demoPath, 'utf8')) as Prisma.InputJsonValue;
  const flow = await prisma.flow.create({ data: { organizationId, name } });
  const version = await prisma.flowVersion.create({ data: { organizationId, flowId: flow.id, status: 'published', number: 1, document, publishedAt: new Date('2026-01-01T00:00:00Z') } });
  return { flow, version };
}

export async function seedAgent(prisma: PrismaClient, organizationId: string, name: string) {
  const sip = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  return prisma.agent.create({ data: { organizationId, name, sipUsername: sip, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
}

export interface SeedCall {
  organizationId: string;
  startedAt: string;
  /** Seconds after startedAt; omit for a call in progress. */
  endsAfter?: number;
  caller?: string | null;
  entryNumber?: string;
  outcome?: 'answered' | 'abandoned' | 'cancelled' | 'no_answer' | 'busy' | null;
  flow?: { id: string; versionId: string };
  groupId?: string | null;
  agentIds?: string[];
  waitMs?: number | null;
  talkMs?: number | null;
  transferCount?: number;
  id?: string;
}

export async function seedCall(prisma: PrismaClient, c: SeedCall): Promise<string> {
  const startedAt = new Date(c.startedAt);
  const row = await prisma.call.create({
    data: {
      ...(c.id ? { id: c.id } : {}),
      organizationId: c.organizationId,
      sipCallId: `sip-${Math.random().toString(36).slice(2)}`,
      entryNumber: c.entryNumber ?? '+33199000001',
      caller: c.caller === undefined ? '+33600000000' : c.caller,
      callee: c.entryNumber ?? '+33199000001',
      flowVersionId: c.flow?.versionId ?? null,
      flowId: c.flow?.id ?? null,
      outcome: c.outcome ?? null,
      startedAt,
      answeredAt: startedAt,
      endedAt: c.endsAfter === undefined ? null : new Date(startedAt.getTime() + c.endsAfter * 1000),
      groupId: c.groupId ?? null,
      agentId: c.agentIds?.[0] ?? null,
      agentIds: c.agentIds ?? [],
      waitMs: c.waitMs ?? null,
      talkMs: c.talkMs ?? null,
      transferCount: c.transferCount ?? 0,
    },
  });
  return row.id;
}

/** The path events of a call, `at` in seconds after `startedAt`. */
export async function seedEvents(
  prisma: PrismaClient,
  callId: string,
  startedAt: string,
  events: { after: number; kind: string; nodeId?: string; nodeType?: string; output?: string; data?: Prisma.InputJsonValue }[],
) {
  const t0 = new Date(startedAt).getTime();
  await prisma.callEvent.createMany({
    data: events.map((e, i) => ({ callId, seq: i + 1, at: new Date(t0 + e.after * 1000), kind: e.kind, nodeId: e.nodeId ?? null, nodeType: e.nodeType ?? null, output: e.output ?? null, data: e.data })),
  });
}

/** A short PCM16 8 kHz mono WAV of silence (recordings and voicemails need some audio). */
export function silentWav(ms: number): Uint8Array<ArrayBuffer> {
  const samples = Math.round((ms * 8000) / 1000);
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVEfmt ', 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(8000, 24);
  buffer.writeUInt32LE(16000, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36);
  buffer.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(buffer);
}
