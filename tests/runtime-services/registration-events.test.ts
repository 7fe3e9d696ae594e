// The registrar tells the admin pages about an agent's phones (issue 16): a SIPp phone
// registering through the embedded edge produces the live event `agent.registrations` with its
// user agent, the address the REGISTER came from and its expiry; the purge of an expired binding
// produces one without it. Read with LISTEN relais_live on a fresh PostgreSQL database.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRegistrar, type Registrar, type SipRequestLike } from '@/flow-runtime/registrar/registrar';
import { connectApp, disconnectApp, freeUdpPort, runSipp, sippOk, startEdge, type SrfApp } from '../sip-edge/helpers';
import { scenario } from '../sip-edge/scenarios';
import type { RunningSipEdge } from '@/sip-edge/index';
import { createOrgWithAgent, createTestDatabase, type TestDatabase } from './support';

const REALM = 'relais.test';
let db: TestDatabase;
let edge: RunningSipEdge;
let srf: SrfApp;
let registrar: Registrar;
let listener: pg.Client;
let clock = Date.now();
const events: { o: string; a: string[]; t: string; d: { agentId: string; registrations: { contact: string; userAgent: string | null; source: string | null; expiresAt: string }[] } }[] = [];

const register = (cseq: number, auth: boolean) => `<send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:carla@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
To: <sip:carla@[remote_ip]>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: <sip:carla@[local_ip]:[local_port]>
Expires: 120
Max-Forwards: 70
User-Agent: Yealink SIP-T46U 66.86.0.15
${auth ? '[authentication username=carla password=secret-carla]\n' : ''}Content-Length: 0

]]></send>`;

async function eventually<T>(check: () => T | undefined, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  listener.on('notification', (n) => events.push(JSON.parse(n.payload!)));
  await listener.query('LISTEN relais_live');
  registrar = createRegistrar({ prisma: db.prisma, realm: REALM, nonceSecret: 'test-secret', now: () => clock });
  edge = await startEdge();
  srf = await connectApp(edge, (app) => app.register((req: SipRequestLike, res: never) => void registrar.handle(req, res)));
});

afterAll(async () => {
  disconnectApp(srf);
  await edge?.stop();
  await listener?.end();
  await db?.drop();
});

it('publishes agent.registrations when a phone registers and when its binding is purged', async () => {
  const { org, agent } = await createOrgWithAgent(db.prisma, { username: 'carla', password: 'secret-carla', realm: REALM });
  clock = Date.now();
  const port = await freeUdpPort();
  const r = await runSipp(scenario(register(1, false), '<recv response="401" auth="true"/>', register(2, true), '<recv response="200"/>'), `127.0.0.1:${edge.sipPort}`, ['-m', '1'], { port, timeoutS: 15 }).done;
  expect(sippOk(r)).toBe('ok');

  const added = await eventually(() => events.find((e) => e.t === 'agent.registrations' && e.d.registrations.length === 1), 'the registration event');
  expect(added).toMatchObject({ o: org.id, a: [agent.id], d: { agentId: agent.id } });
  const [binding] = added.d.registrations;
  expect(binding).toMatchObject({ contact: `sip:carla@127.0.0.1:${port}`, userAgent: 'Yealink SIP-T46U 66.86.0.15', source: `udp:127.0.0.1:${port}` });
  expect(Math.round((Date.parse(binding.expiresAt) - clock) / 1000)).toBe(120);
  expect((await db.prisma.sipRegistration.findFirstOrThrow({ where: { agentId: agent.id } })).source).toBe(`udp:127.0.0.1:${port}`);

  clock += 121_000;
  expect(await registrar.purgeExpired()).toBe(1);
  const removed = await eventually(() => events.find((e) => e.t === 'agent.registrations' && e.d.registrations.length === 0), 'the removal event');
  expect(removed.d.agentId).toBe(agent.id);
});
