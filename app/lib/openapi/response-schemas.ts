// Shapes of the API's answers (the views in app/lib/<resource>/*-view.ts), for the OpenAPI
// document only: requests are validated, responses are produced by our own code.
const id = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableString = { type: ['string', 'null'] };
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const listOf = (key: string, item: string) => obj({ [key]: { type: 'array', items: ref(item) } });
const problems = { type: 'array', items: { $ref: '#/components/schemas/ApiErrorResponse/properties/error/properties/problems/items' } };

export const responseSchemas: Record<string, unknown> = {
  CurrentUser: obj({ id, email: { type: 'string' }, name: { type: 'string' }, role: { enum: ['admin', 'supervisor', 'agent'] }, organizationId: id, locale: { type: 'string' }, via: { enum: ['session', 'token'] } }),
  FlowSummary: obj({
    id,
    name: { type: 'string' },
    description: nullableString,
    createdAt: dateTime,
    updatedAt: dateTime,
    draft: { anyOf: [obj({ revision: { type: 'integer' }, updatedAt: dateTime }), { type: 'null' }] },
    publishedVersion: { anyOf: [obj({ number: { type: 'integer' }, publishedAt: { type: ['string', 'null'], format: 'date-time' } }), { type: 'null' }] },
    versionCount: { type: 'integer' },
    numbers: { type: 'array', items: obj({ id, e164: { type: 'string' } }) },
  }),
  FlowList: listOf('flows', 'FlowSummary'),
  FlowCreated: { allOf: [ref('FlowSummary'), obj({ problems })] },
  Draft: obj({ flowId: id, document: ref('Flow'), revision: { type: 'integer' }, updatedAt: dateTime, authorId: nullableString }),
  DraftSaved: obj({ flowId: id, revision: { type: 'integer' }, updatedAt: dateTime, problems }),
  Version: obj({
    id,
    number: { type: 'integer' },
    note: nullableString,
    publishedAt: dateTime,
    author: { anyOf: [obj({ id, name: { type: 'string' } }), { type: 'null' }] },
    sourceVersionNumber: { type: ['integer', 'null'], description: 'For a rollback: the version it copies.' },
  }),
  VersionList: obj({
    flowId: id,
    liveNumber: { type: ['integer', 'null'] },
    draft: { anyOf: [obj({ revision: { type: 'integer' }, updatedAt: dateTime }), { type: 'null' }] },
    versions: { type: 'array', items: ref('Version') },
  }),
  VersionDetail: { allOf: [ref('Version'), obj({ flowId: id, document: ref('Flow') })] },
  VersionPublished: { allOf: [ref('VersionDetail'), obj({ warnings: problems })] },
  FlowDiff: (() => {
    const node = obj({ id: { type: 'string' }, type: { type: 'string' }, label: { type: 'string' } });
    const edge = obj({ id: { type: 'string' }, source: { type: 'string' }, sourceOutput: { type: 'string' }, target: { type: 'string' } });
    const change = obj({ path: { type: 'string', description: 'JSON pointer inside the node' }, before: {}, after: {} }, ['path']);
    const point = obj({ x: { type: 'number' }, y: { type: 'number' } });
    return obj({
      flowId: id,
      from: { anyOf: [{ const: 'draft' }, { type: 'integer' }] },
      to: { anyOf: [{ const: 'draft' }, { type: 'integer' }] },
      nodes: obj({
        added: { type: 'array', items: node },
        removed: { type: 'array', items: node },
        changed: { type: 'array', items: { allOf: [node, obj({ changes: { type: 'array', items: change } })] } },
        moved: { type: 'array', items: { allOf: [node, obj({ from: point, to: point })] } },
      }),
      edges: obj({ added: { type: 'array', items: edge }, removed: { type: 'array', items: edge } }),
      document: { type: 'array', items: change },
    });
  })(),
  AuditEntry: obj({
    id,
    action: { type: 'string', description: '<entityType>.<action>, e.g. flow.publish' },
    entityType: { type: 'string' },
    entityId: nullableString,
    user: { anyOf: [obj({ id, name: { type: 'string' } }), { type: 'null' }] },
    details: {},
    createdAt: dateTime,
  }),
  AuditPage: obj({ entries: { type: 'array', items: ref('AuditEntry') }, nextCursor: nullableString }),
  Number: obj({ id, e164: { type: 'string' }, label: nullableString, flowId: nullableString, flow: { anyOf: [obj({ id, name: { type: 'string' } }), { type: 'null' }] }, publishedVersion: { type: ['integer', 'null'], description: 'Live version of the flow the number runs; null when not published' }, createdAt: dateTime }),
  NumberList: listOf('numbers', 'Number'),
  Calendar: obj({
    id,
    name: { type: 'string' },
    timezone: { type: 'string' },
    holidayCountry: nullableString,
    ranges: { type: 'array', items: { $ref: '#/components/schemas/CalendarInput/$defs/weeklyRange' } },
    exceptions: { type: 'array', items: { $ref: '#/components/schemas/CalendarInput/$defs/exception' } },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  CalendarList: listOf('calendars', 'Calendar'),
  Group: obj({
    id,
    name: { type: 'string' },
    ringTimeSeconds: { type: 'integer' },
    members: {
      type: 'array',
      items: obj({ agentId: id, name: { type: 'string' }, extension: nullableString, status: { type: 'string' }, ringTimeSeconds: { type: ['integer', 'null'] }, position: { type: 'integer' } }),
    },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  GroupList: listOf('groups', 'Group'),
  Agent: obj({ id, name: { type: 'string' }, extension: nullableString, sipUsername: { type: 'string' }, sipRealm: { type: 'string' }, status: { enum: ['available', 'paused', 'offline'] }, userId: nullableString, createdAt: dateTime, updatedAt: dateTime }),
  AgentList: listOf('agents', 'Agent'),
  SipSecurityEntry: obj({
    kind: { enum: ['address', 'user'], description: 'address: a source address (IPv6: its /64); user: a SIP username' },
    key: { type: 'string' },
    failures: { type: 'integer', description: 'Failed authentications in the current window' },
    refused: { type: 'integer', description: 'Requests refused unchecked while banned or locked' },
    bannedUntil: { type: ['string', 'null'], format: 'date-time', description: 'address: every REGISTER refused until then; user: refused from addresses that already failed' },
    banned: { type: 'boolean' },
    lastUsername: nullableString,
    lastAddress: nullableString,
    firstFailureAt: dateTime,
    lastFailureAt: dateTime,
  }),
  SipSecurity: obj({ entries: { type: 'array', items: ref('SipSecurityEntry') }, activeBans: { type: 'integer' } }),
  Sound: obj({ id, name: { type: 'string' }, language: { type: 'string' }, originalName: nullableString, mimeType: { type: 'string' }, durationMs: { type: 'integer' }, createdAt: dateTime, audioUrl: { type: 'string' } }),
  SoundList: listOf('sounds', 'Sound'),
  ForbiddenList: obj({
    id,
    name: { type: 'string' },
    description: nullableString,
    entries: { type: 'array', items: obj({ id, kind: { enum: ['exact', 'prefix'] }, pattern: { type: 'string' }, matches: { type: 'string', description: 'The entry as calls are compared with it: canonical E.164 (a national 0899 prefix is +33899*)' }, label: nullableString }) },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  ForbiddenListList: listOf('forbiddenLists', 'ForbiddenList'),
  ApiToken: obj({ id, name: { type: 'string' }, prefix: { type: 'string' }, createdAt: dateTime, lastUsedAt: { type: ['string', 'null'] }, expiresAt: { type: ['string', 'null'] } }),
  ApiTokenCreated: { allOf: [ref('ApiToken'), obj({ token: { type: 'string', description: 'The secret: shown this once only.' } })] },
  ApiTokenList: listOf('tokens', 'ApiToken'),
  User: obj({ id, email: { type: 'string' }, name: { type: 'string' }, role: { enum: ['admin', 'supervisor', 'agent'] }, locale: { type: 'string' }, createdAt: dateTime }),
  UserCreated: { allOf: [ref('User'), obj({ password: { type: 'string', description: 'The generated initial password, only when none was sent: shown this once only.' } }, [])] },
  UserList: listOf('users', 'User'),
  Voicemail: obj({
    id,
    callId: nullableString,
    caller: { type: ['string', 'null'], description: "The caller's number; null when withheld" },
    durationMs: { type: 'integer' },
    createdAt: dateTime,
    listened: { type: 'boolean' },
    listenedAt: { type: ['string', 'null'], format: 'date-time' },
    mailbox: obj({ kind: { enum: ['agent', 'group'] }, id: { ...nullableString, description: 'null when the agent or group was deleted' }, name: nullableString }),
    audioUrl: { type: 'string' },
  }),
  VoicemailPage: obj({
    voicemails: { type: 'array', items: ref('Voicemail') },
    nextCursor: nullableString,
    unreadCount: { type: 'integer', description: 'New messages in every mailbox the caller sees (filters ignored)' },
  }),
};
