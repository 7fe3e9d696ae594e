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
  Number: obj({ id, e164: { type: 'string' }, label: nullableString, flowId: nullableString, flow: { anyOf: [obj({ id, name: { type: 'string' } }), { type: 'null' }] }, createdAt: dateTime }),
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
  Sound: obj({ id, name: { type: 'string' }, language: { type: 'string' }, originalName: nullableString, mimeType: { type: 'string' }, durationMs: { type: 'integer' }, createdAt: dateTime, audioUrl: { type: 'string' } }),
  SoundList: listOf('sounds', 'Sound'),
  ForbiddenList: obj({
    id,
    name: { type: 'string' },
    description: nullableString,
    entries: { type: 'array', items: obj({ id, kind: { enum: ['exact', 'prefix'] }, pattern: { type: 'string' }, label: nullableString }) },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  ForbiddenListList: listOf('forbiddenLists', 'ForbiddenList'),
  ApiToken: obj({ id, name: { type: 'string' }, prefix: { type: 'string' }, createdAt: dateTime, lastUsedAt: { type: ['string', 'null'] }, expiresAt: { type: ['string', 'null'] } }),
  ApiTokenCreated: { allOf: [ref('ApiToken'), obj({ token: { type: 'string', description: 'The secret: shown this once only.' } })] },
  ApiTokenList: listOf('tokens', 'ApiToken'),
};
