// The flow runtime's settings, read once from the environment. Every variable is optional;
// the defaults run the runtime against the embedded sip-edge and database on one machine.
//
// drachtio connection
//   DRACHTIO_HOST (127.0.0.1), DRACHTIO_PORT (9022), DRACHTIO_SECRET (cymru)
// data
//   DATABASE_URL (see prisma/database-url.ts), RELAIS_DATA_DIR (./data): the records outbox
//   spills there (runtime-outbox/*.jsonl) when the database is unreachable
// registrar (agents' phones)
//   SIP_REALM (relais.local; must match the realm the agents' HA1 were computed with)
//   SIP_NONCE_SECRET (random per process: set it when several runtimes share one realm so a
//     nonce from one is accepted by the others), SIP_NONCE_TTL_SECONDS (300)
//   SIP_REGISTER_MIN_EXPIRES (60), SIP_REGISTER_MAX_EXPIRES (3600), SIP_REGISTER_DEFAULT_EXPIRES (3600)
//   SIP_REGISTRATION_PURGE_SECONDS (60): how often expired registrations are deleted
//   SIP_AUTH_BAN_AFTER (10): failed authentications from one address before it is banned,
//   SIP_AUTH_BAN_SECONDS (900), SIP_AUTH_USER_LOCK_AFTER (30): failures of one username (any
//   address) before addresses that failed are refused for it; SIP_AUTH_EXEMPT_NETWORKS (none):
//   comma-separated CIDR blocks never banned as an address (an office's NAT address)
// outbound trunk (external numbers)
//   TRUNK_HOST (unset = no trunk), TRUNK_PORT (5060), TRUNK_TRANSPORT (udp|tcp),
//   TRUNK_USERNAME, TRUNK_PASSWORD (answer the trunk's digest challenges),
//   TRUNK_CALLER_ID (entry|caller|fixed; default entry), TRUNK_CALLER_ID_NUMBER (for fixed),
//   TRUNK_NUMBER_FORMAT (e164 "+33…" | e164-digits "33…" | national "0…"; default e164),
//   TRUNK_COUNTRY_CODE (33): home country for national numbers
// caller identity (calls/identity-trust.ts)
//   SIP_TRUSTED_PEERS (unset): comma-separated IPs or CIDRs (192.0.2.10, 10.0.0.0/8, 2001:db8::/32)
//     whose P-Asserted-Identity is believed, besides the trunk (TRUNK_HOST's addresses, and
//     TRUNK_PORT for UDP). From any other peer the caller is the From user.
// SMS
//   SMS_PROVIDER (none|sip|http; default none)
//   sip:  SMS_SIP_GATEWAY (host:port), SMS_SIP_TRANSPORT (udp|tcp)
//   http: SMS_HTTP_URL, SMS_HTTP_METHOD (POST), SMS_HTTP_CONTENT_TYPE (application/json),
//         SMS_HTTP_BODY (template with {{to}} {{from}} {{body}}; default a JSON object),
//         SMS_HTTP_AUTH_HEADER (full header value, e.g. "Bearer xyz") or
//         SMS_HTTP_BASIC_USER + SMS_HTTP_BASIC_PASSWORD, SMS_HTTP_TIMEOUT_MS (5000),
//         SMS_HTTP_ID_FIELD (dotted path of the message id in a JSON response, e.g. "id"),
//         SMS_HTTP_ALLOW (comma-separated internal hosts/CIDRs the gateway may be on, e.g.
//         "sms-gw.internal:8080,10.0.0.0/8"; internal addresses are refused otherwise)
//   SMS_DEFAULT_FROM: sender when the flow gives none
// media (read where the media server is created, flow-runtime/calls/index.ts)
//   MEDIA_THREAD (main|worker; default main): where RTP runs. main: in the runtime's event loop;
//     worker: on a worker thread, so the 20 ms packet pacing does not wait for signalling, flows
//     and database work (helps when the main thread is busy and a core is free; see the figures
//     in flow-runtime/media/README.md).
//   RTP_HOST (127.0.0.1), RTP_ADVERTISED_ADDRESS (c= address when it differs from RTP_HOST),
//   RTP_PORT_MIN (20000), RTP_PORT_MAX (29999)
// callbacks
//   CALLBACK_POLL_SECONDS (5), CALLBACK_RETRY_DELAY_SECONDS (300), CALLBACK_BATCH (5),
//   CALLBACK_STUCK_SECONDS (900): an in_progress request older than this (a runtime died
//   while placing it) goes back to pending
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { networkMatcher } from './registrar/auth-limiter';
import type { CallerIdRule, NumberFormat, TrunkConfig } from './trunk/trunk-config';
import type { HttpSmsConfig } from './sms/http-provider';
import { parseAllowEntry } from './outbound-http/address-policy';
import { parseTrustedPeers } from './calls/identity-trust';

export interface RuntimeConfig {
  drachtio: { host: string; port: number; secret: string };
  dataDir: string;
  registrar: {
    realm: string;
    nonceSecret: string;
    nonceTtlSeconds: number;
    minExpires: number;
    maxExpires: number;
    defaultExpires: number;
    purgeIntervalSeconds: number;
    limiter: { addressBanAfter: number; banSeconds: number; userLockAfter: number; exemptNetworks: string[] };
  };
  trunk: TrunkConfig | null;
  sms:
    | { provider: 'none'; defaultFrom: string | null }
    | { provider: 'sip'; gateway: string; transport: 'udp' | 'tcp'; defaultFrom: string | null }
    | { provider: 'http'; http: HttpSmsConfig; defaultFrom: string | null };
  callbacks: { pollSeconds: number; retryDelaySeconds: number; batch: number; stuckSeconds: number };
  /** SIP_TRUSTED_PEERS: addresses/CIDRs whose P-Asserted-Identity is believed (besides the trunk). */
  trustedPeers: string[];
}

/** A setting that cannot be used; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(name, `expected an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function cidrList(env: Env, name: string): string[] {
  const list = (env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  try {
    networkMatcher(list);
  } catch (err) {
    throw new ConfigError(name, (err as Error).message);
  }
  return list;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(env, name, fallback).toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

export function loadConfig(env: Env = process.env): RuntimeConfig {
  const trunkHost = env.TRUNK_HOST;
  const callerIdRule = oneOf<CallerIdRule['kind']>(env, 'TRUNK_CALLER_ID', ['entry', 'caller', 'fixed'], 'entry');
  let callerId: CallerIdRule;
  if (callerIdRule === 'fixed') {
    const number = env.TRUNK_CALLER_ID_NUMBER;
    if (!number) throw new ConfigError('TRUNK_CALLER_ID_NUMBER', 'required when TRUNK_CALLER_ID=fixed');
    callerId = { kind: 'fixed', number };
  } else callerId = { kind: callerIdRule };

  const smsProvider = oneOf(env, 'SMS_PROVIDER', ['none', 'sip', 'http'] as const, 'none');
  const defaultFrom = env.SMS_DEFAULT_FROM || null;
  let sms: RuntimeConfig['sms'] = { provider: 'none', defaultFrom };
  if (smsProvider === 'sip') {
    const gateway = env.SMS_SIP_GATEWAY;
    if (!gateway) throw new ConfigError('SMS_SIP_GATEWAY', 'required when SMS_PROVIDER=sip (host:port)');
    sms = { provider: 'sip', gateway, transport: oneOf(env, 'SMS_SIP_TRANSPORT', ['udp', 'tcp'] as const, 'udp'), defaultFrom };
  } else if (smsProvider === 'http') {
    const url = env.SMS_HTTP_URL;
    if (!url) throw new ConfigError('SMS_HTTP_URL', 'required when SMS_PROVIDER=http');
    try {
      new URL(url);
    } catch {
      throw new ConfigError('SMS_HTTP_URL', `not a URL: "${url}"`);
    }
    const basicUser = env.SMS_HTTP_BASIC_USER;
    sms = {
      provider: 'http',
      defaultFrom,
      http: {
        url,
        method: str(env, 'SMS_HTTP_METHOD', 'POST').toUpperCase(),
        contentType: str(env, 'SMS_HTTP_CONTENT_TYPE', 'application/json'),
        bodyTemplate: str(env, 'SMS_HTTP_BODY', '{"to":"{{to}}","from":"{{from}}","text":"{{body}}"}'),
        authHeader: env.SMS_HTTP_AUTH_HEADER || null,
        basicAuth: basicUser ? { username: basicUser, password: env.SMS_HTTP_BASIC_PASSWORD ?? '' } : null,
        timeoutMs: int(env, 'SMS_HTTP_TIMEOUT_MS', 5000, 1),
        idField: env.SMS_HTTP_ID_FIELD || null,
        allow: smsAllow(env.SMS_HTTP_ALLOW),
      },
    };
  }

  let trustedPeers: string[];
  try {
    trustedPeers = parseTrustedPeers(env.SIP_TRUSTED_PEERS);
  } catch (err) {
    throw new ConfigError('SIP_TRUSTED_PEERS', (err as Error).message);
  }

  return {
    drachtio: {
      host: str(env, 'DRACHTIO_HOST', '127.0.0.1'),
      port: int(env, 'DRACHTIO_PORT', 9022, 1),
      secret: str(env, 'DRACHTIO_SECRET', 'cymru'),
    },
    dataDir: path.resolve(str(env, 'RELAIS_DATA_DIR', 'data')),
    registrar: {
      realm: str(env, 'SIP_REALM', 'relais.local'),
      nonceSecret: str(env, 'SIP_NONCE_SECRET', randomBytes(32).toString('hex')),
      nonceTtlSeconds: int(env, 'SIP_NONCE_TTL_SECONDS', 300, 1),
      minExpires: int(env, 'SIP_REGISTER_MIN_EXPIRES', 60, 1),
      maxExpires: int(env, 'SIP_REGISTER_MAX_EXPIRES', 3600, 1),
      defaultExpires: int(env, 'SIP_REGISTER_DEFAULT_EXPIRES', 3600, 1),
      purgeIntervalSeconds: int(env, 'SIP_REGISTRATION_PURGE_SECONDS', 60, 1),
      limiter: {
        addressBanAfter: int(env, 'SIP_AUTH_BAN_AFTER', 10, 1),
        banSeconds: int(env, 'SIP_AUTH_BAN_SECONDS', 900, 1),
        userLockAfter: int(env, 'SIP_AUTH_USER_LOCK_AFTER', 30, 1),
        exemptNetworks: cidrList(env, 'SIP_AUTH_EXEMPT_NETWORKS'),
      },
    },
    trunk: trunkHost
      ? {
          host: trunkHost,
          port: int(env, 'TRUNK_PORT', 5060, 1),
          transport: oneOf(env, 'TRUNK_TRANSPORT', ['udp', 'tcp'] as const, 'udp'),
          username: env.TRUNK_USERNAME || null,
          password: env.TRUNK_PASSWORD ?? null,
          callerId,
          numberFormat: oneOf<NumberFormat>(env, 'TRUNK_NUMBER_FORMAT', ['e164', 'e164-digits', 'national'], 'e164'),
          countryCode: str(env, 'TRUNK_COUNTRY_CODE', '33'),
        }
      : null,
    sms,
    callbacks: {
      pollSeconds: int(env, 'CALLBACK_POLL_SECONDS', 5, 1),
      retryDelaySeconds: int(env, 'CALLBACK_RETRY_DELAY_SECONDS', 300, 0),
      batch: int(env, 'CALLBACK_BATCH', 5, 1),
      stuckSeconds: int(env, 'CALLBACK_STUCK_SECONDS', 900, 1),
    },
    trustedPeers,
  };
}

/** SMS_HTTP_ALLOW: comma-separated allow-list entries (flow-runtime/outbound-http), each checked. */
function smsAllow(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  for (const entry of entries) {
    try {
      parseAllowEntry(entry);
    } catch (err) {
      throw new ConfigError('SMS_HTTP_ALLOW', `"${entry}": ${(err as Error).message}`);
    }
  }
  return entries;
}
