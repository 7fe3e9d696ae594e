// The OpenAPI 3.1 description of the REST API, served at /api/openapi.json. Request bodies
// and the error shape come from the very JSON Schemas the API validates with.
import { API_ERROR_STATUS, type ApiErrorCode } from '@/app/lib/api/errors';
import { componentSchemas } from './component-schemas';
import { responseSchemas } from './response-schemas';

type Role = 'admin' | 'supervisor' | 'agent';
interface Operation {
  summary: string;
  roles?: Role[];
  body?: string;
  multipart?: boolean;
  /** A raw body of this media type (e.g. text/csv) instead of a JSON schema. */
  rawBody?: string;
  ok: { status: number; schema?: string; description?: string; content?: string };
  errors?: ApiErrorCode[];
  query?: { name: string; description: string }[];
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The call history's filters (app/lib/calls/call-history-query.ts). */
const CALL_HISTORY_QUERY = [
  { name: 'from', description: "Calls started at or after: a day (YYYY-MM-DD, its start in the organisation's time zone) or an ISO 8601 date-time with an offset" },
  { name: 'to', description: "Calls started before: a day (YYYY-MM-DD: that whole day included) or an ISO 8601 date-time with an offset" },
  { name: 'number', description: 'The entry number called (E.164)' },
  { name: 'flowId', description: 'Calls that ran this flow' },
  { name: 'groupId', description: 'Calls offered to this queue group (the last one)' },
  { name: 'agentId', description: 'Calls where this agent talked to the caller' },
  { name: 'outcome', description: 'answered, abandoned (hung up in the IVR), cancelled (hung up while an agent rang), no_answer, busy, flow_end (the flow ended the call)' },
  { name: 'caller', description: "The caller's number, or its start (spaces ignored)" },
  { name: 'cursor', description: 'nextCursor of the previous page' },
  { name: 'limit', description: 'Calls per page, 1 to 1000 (default 50)' },
];
const ALL: Role[] = ['admin', 'supervisor', 'agent'];
const EDITORS: Role[] = ['admin', 'supervisor'];
const ADMINS: Role[] = ['admin'];

const STATS_QUERY = [
  { name: 'from', description: 'First day of the period, YYYY-MM-DD (required)' },
  { name: 'to', description: 'Last day of the period, included, YYYY-MM-DD (required; at most 731 days)' },
  { name: 'compareFrom', description: 'First day of the comparison period (with compareTo)' },
  { name: 'compareTo', description: 'Last day of the comparison period, included' },
  { name: 'by', description: 'Rows per number, flow, group (default) or agent (the agent who answered first; unanswered calls form the row without agent)' },
  { name: 'tz', description: "IANA time zone of the days and hours (default: the organisation's, Europe/Paris)" },
];

/** The standard five operations of a resource administered by admins and read by everyone. */
function resource(plural: string, tag: string, input: string, patch: string, view: string, list: string) {
  return {
    [`/api/${plural}`]: {
      get: { tag, op: { summary: `List ${tag.toLowerCase()}`, ok: { status: 200, schema: list } } },
      post: { tag, op: { summary: `Create one of the ${tag.toLowerCase()}`, roles: ADMINS, body: input, ok: { status: 201, schema: view }, errors: ['VALIDATION_FAILED', 'CONFLICT'] } },
    },
    [`/api/${plural}/{id}`]: {
      get: { tag, op: { summary: 'Read one', ok: { status: 200, schema: view }, errors: ['NOT_FOUND'] } },
      patch: { tag, op: { summary: 'Change some fields (lists sent replace the whole list)', roles: ADMINS, body: patch, ok: { status: 200, schema: view }, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] } },
      delete: { tag, op: { summary: 'Delete (409 IN_USE, naming the flows, while a draft or live flow version uses it; see GET /api/usage)', roles: ADMINS, ok: { status: 204 }, errors: ['NOT_FOUND', 'IN_USE'] } },
    },
  } as Record<string, Record<string, { tag: string; op: Operation }>>;
}

function paths(): Record<string, Record<string, { tag: string; op: Operation }>> {
  return {
    '/api/me': {
      get: { tag: 'Auth', op: { summary: 'The caller', ok: { status: 200, schema: 'CurrentUser' } } },
      patch: { tag: 'Auth', op: { summary: 'Change your own language (the admin follows it once you are signed in)', body: 'MeUpdate', ok: { status: 200, schema: 'CurrentUser' }, errors: ['VALIDATION_FAILED'] } },
    },
    '/api/me/password': {
      post: {
        tag: 'Auth',
        op: {
          summary: 'Change your own password (current one required; other sessions signed out; a signed-in session only, 403 with a token; 429 after repeated wrong current passwords)',
          body: 'PasswordChange',
          ok: { status: 200, schema: 'PasswordChanged' },
          errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'TOO_MANY_REQUESTS'],
        },
      },
    },
    '/api/tokens': {
      get: { tag: 'Auth', op: { summary: 'List your personal API tokens', ok: { status: 200, schema: 'ApiTokenList' } } },
      post: { tag: 'Auth', op: { summary: 'Create a personal API token (its secret is returned once)', body: 'ApiTokenCreate', ok: { status: 201, schema: 'ApiTokenCreated' }, errors: ['VALIDATION_FAILED'] } },
    },
    '/api/tokens/{id}': { delete: { tag: 'Auth', op: { summary: 'Revoke one of your tokens', ok: { status: 204 }, errors: ['NOT_FOUND'] } } },
    '/api/users': {
      get: { tag: 'Users', op: { summary: "List the organisation's users (team members)", roles: ADMINS, ok: { status: 200, schema: 'UserList' } } },
      post: {
        tag: 'Users',
        op: { summary: 'Create a user who can sign in at once (without a password, one is generated and returned once)', roles: ADMINS, body: 'UserCreate', ok: { status: 201, schema: 'UserCreated' }, errors: ['VALIDATION_FAILED', 'CONFLICT'] },
      },
    },
    '/api/users/{id}': {
      get: { tag: 'Users', op: { summary: 'Read a user', roles: ADMINS, ok: { status: 200, schema: 'User' }, errors: ['NOT_FOUND'] } },
      patch: { tag: 'Users', op: { summary: "Change a user's role or name (409 when it would leave no admin)", roles: ADMINS, body: 'UserUpdate', ok: { status: 200, schema: 'User' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] } },
      delete: { tag: 'Users', op: { summary: 'Remove a user, their sessions and tokens (409 for the last admin)', roles: ADMINS, ok: { status: 204 }, errors: ['NOT_FOUND', 'CONFLICT'] } },
    },
    '/api/flows': {
      get: { tag: 'Flows', op: { summary: 'List flows', ok: { status: 200, schema: 'FlowList' } } },
      post: { tag: 'Flows', op: { summary: 'Create a flow and its draft', roles: EDITORS, body: 'FlowCreate', ok: { status: 201, schema: 'FlowCreated' }, errors: ['VALIDATION_FAILED'] } },
    },
    '/api/flows/{id}': {
      get: { tag: 'Flows', op: { summary: 'Read a flow', ok: { status: 200, schema: 'FlowSummary' }, errors: ['NOT_FOUND'] } },
      patch: { tag: 'Flows', op: { summary: 'Rename a flow or change its description', roles: EDITORS, body: 'FlowUpdate', ok: { status: 200, schema: 'FlowSummary' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Flows', op: { summary: 'Delete a flow (soft delete; refused while a number routes to it, CONFLICT, or the draft or live version of another flow redirects to it, IN_USE)', roles: EDITORS, ok: { status: 204 }, errors: ['NOT_FOUND', 'CONFLICT', 'IN_USE'] } },
    },
    '/api/flows/{id}/draft': {
      get: { tag: 'Flows', op: { summary: "Read a flow's draft and its revision", ok: { status: 200, schema: 'Draft' }, errors: ['NOT_FOUND'] } },
      put: {
        tag: 'Flows',
        op: {
          summary: 'Replace the draft (validated: schema, graph, references); send the revision you read',
          roles: EDITORS,
          body: 'DraftSave',
          ok: { status: 200, schema: 'DraftSaved' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    '/api/flows/{id}/publish': {
      post: {
        tag: 'Versions',
        op: {
          summary: "Publish the draft as version N+1 (strict validation; warnings must be acknowledged; then the draft's test cases run: a failing one answers 409 TESTS_FAILING unless acknowledgeFailingTests). Emits NOTIFY relais_flow_published",
          roles: EDITORS,
          body: 'FlowPublish',
          ok: { status: 201, schema: 'VersionPublished' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'WARNINGS_NOT_ACKNOWLEDGED', 'TESTS_FAILING'],
        },
      },
    },
    '/api/flows/{id}/versions': {
      get: { tag: 'Versions', op: { summary: 'List the published versions, newest first', ok: { status: 200, schema: 'VersionList' }, errors: ['NOT_FOUND'] } },
    },
    '/api/flows/{id}/versions/{number}': {
      get: { tag: 'Versions', op: { summary: 'Read a published version and its document (immutable: PUT, PATCH and DELETE answer 405)', ok: { status: 200, schema: 'VersionDetail' }, errors: ['NOT_FOUND'] } },
    },
    '/api/flows/{id}/versions/{number}/rollback': {
      post: {
        tag: 'Versions',
        op: {
          summary: 'Publish version {number} again as version N+1; the draft is reset to it or kept (replaceDraft; 409 when absent and the draft has unpublished changes). Emits NOTIFY relais_flow_published',
          roles: EDITORS,
          body: 'VersionRollback',
          ok: { status: 201, schema: 'VersionDetail' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
        },
      },
    },
    '/api/flows/{id}/diff': {
      get: {
        tag: 'Versions',
        op: {
          summary: 'What changed between two documents of a flow (nodes and edges by id; moves apart)',
          query: [
            { name: 'from', description: '"draft", "live" or a version number' },
            { name: 'to', description: '"draft", "live" or a version number' },
          ],
          ok: { status: 200, schema: 'FlowDiff' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    '/api/flows/{id}/analytics': {
      get: {
        tag: 'Flows',
        op: {
          summary: "Calls per node and per output of a flow over a period (the funnel drawn on the canvas): calls that entered each node, where they ended, and how many left by each output. Calls that started in this flow; the organisation's calls, so admins and supervisors only",
          roles: EDITORS,
          query: [
            { name: 'from', description: "Start of the period (startedAt ≥ from): a date (2026-12-01 = midnight in the organisation's time zone) or a date-time with its offset; default: 7 days before `to`" },
            { name: 'to', description: 'End of the period, excluded (same formats); default: now. At most 367 days after `from`' },
            { name: 'versionId', description: 'Only the calls that ran this version of the flow' },
          ],
          ok: { status: 200, schema: 'FlowAnalytics' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    '/api/flows/{id}/simulate': {
      post: {
        tag: 'Simulator',
        op: {
          summary:
            "Run test cases of a flow server-side on the runtime's interpreter (simulated calls: nothing dialled, sent or stored), with the organisation's directory as it is now: the draft's cases by default, or those sent, on the draft, the live version, version N or an unsaved document. HTTP steps use the case's typed answers, else the real URL under the outbound policy (at most 50 requests and 60 s per run)",
          roles: EDITORS,
          body: 'FlowSimulate',
          ok: { status: 200, schema: 'FlowSimulation' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    '/api/flows/{id}/simulate/context': {
      get: {
        tag: 'Simulator',
        op: {
          summary:
            "What the editor's simulator needs to run the flow in the browser as a live call would now: the directory (calendars, groups, forbidden lists, agents with their presence now), agents, groups, the organisation's numbers (this flow's first), the published documents of the flows its redirect steps name, the time zone and home country code",
          roles: EDITORS,
          query: [
            { name: 'source', description: '"draft" (default), "live" or a version number: whose redirect steps name the flows returned' },
            { name: 'flowIds', description: 'More flows whose live documents to return (comma-separated, at most 50): redirects added to an unsaved draft' },
          ],
          ok: { status: 200, schema: 'SimulationContext' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    '/api/flows/{id}/simulate/http': {
      post: {
        tag: 'Simulator',
        op: {
          summary:
            'Perform one request of a simulated HTTP step (URL, headers, body already rendered) under the same outbound policy as a live call (internal addresses refused unless allow-listed, redirects checked, 1 MB, at most 30 s): {status, body}, or {error: network|timeout|refused, detail}. At most 30 a minute per user (429 with Retry-After)',
          roles: EDITORS,
          body: 'FlowSimulateHttp',
          ok: { status: 200, schema: 'SimulatedHttpAnswer' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'TOO_MANY_REQUESTS'],
        },
      },
    },
    '/api/flows/{id}/duplicate': {
      post: {
        tag: 'Flows',
        op: { summary: 'Copy the draft or a version into a new flow (named as given, else "Copy of …") with fresh ids', roles: EDITORS, body: 'FlowDuplicate', ok: { status: 201, schema: 'FlowSummary' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] },
      },
    },
    '/api/audit': {
      get: {
        tag: 'Audit',
        op: {
          summary: 'The audit log, newest first, paginated',
          roles: EDITORS,
          query: [
            { name: 'entityType', description: 'e.g. flow, flow_draft, number' },
            { name: 'entityId', description: 'Only entries about this object (e.g. a flow id)' },
            { name: 'cursor', description: 'nextCursor of the previous page' },
            { name: 'limit', description: 'Entries per page, 1 to 200 (default 50)' },
          ],
          ok: { status: 200, schema: 'AuditPage' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    ...resource('numbers', 'Numbers', 'NumberInput', 'NumberPatch', 'Number', 'NumberList'),
    '/api/usage': {
      get: {
        tag: 'Usage',
        op: {
          summary: 'What uses one object: the flow versions (draft, live, previous) whose steps name it, the numbers routed to a flow, the groups of an agent. blocking: a delete is refused',
          query: [
            { name: 'kind', description: 'groups, calendars, sounds, agents, forbiddenLists, numbers or flows' },
            { name: 'id', description: "The object's id" },
          ],
          ok: { status: 200, schema: 'ResourceUsage' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    ...resource('calendars', 'Calendars', 'CalendarInput', 'CalendarPatch', 'Calendar', 'CalendarList'),
    ...resource('groups', 'Groups', 'GroupInput', 'GroupPatch', 'Group', 'GroupList'),
    ...resource('agents', 'Agents', 'AgentInput', 'AgentPatch', 'Agent', 'AgentList'),
    '/api/sip-security': {
      get: { tag: 'Agents', op: { summary: "Failed SIP authentications against the agents' phones and the bans they caused (kept by the runtime)", roles: ADMINS, ok: { status: 200, schema: 'SipSecurity' } } },
    },
    '/api/settings/outbound-http': {
      get: { tag: 'Settings', op: { summary: 'Internal hosts the flow HTTP step may reach (everything internal is refused otherwise)', roles: ADMINS, ok: { status: 200, schema: 'OutboundHttpSettings' } } },
      put: {
        tag: 'Settings',
        op: { summary: 'Replace the internal hosts the flow HTTP step may reach (host, host:port, IP, CIDR; audited)', roles: ADMINS, body: 'OutboundHttpSettings', ok: { status: 200, schema: 'OutboundHttpSettings' }, errors: ['VALIDATION_FAILED'] },
      },
    },
    ...resource('forbidden-lists', 'Forbidden destinations', 'ForbiddenListInput', 'ForbiddenListPatch', 'ForbiddenList', 'ForbiddenListList'),
    '/api/contacts': {
      get: {
        tag: 'Contacts',
        op: {
          summary: "The organisation's contact directory by name, paginated; q searches name, company, email, or a number in any spelling (\"06 12\" finds \"+33 6 12 …\")",
          query: [
            { name: 'q', description: 'Text (name, company, email) or the beginning of a number in any spelling; bare digits match anywhere in the number' },
            { name: 'cursor', description: 'nextCursor of the previous page' },
            { name: 'limit', description: 'Contacts per page, 1 to 200 (default 50)' },
          ],
          ok: { status: 200, schema: 'ContactPage' },
          errors: ['VALIDATION_FAILED'],
        },
      },
      post: { tag: 'Contacts', op: { summary: 'Create a contact (numbers shared with another contact are allowed and returned as warnings)', roles: EDITORS, body: 'ContactInput', ok: { status: 201, schema: 'ContactSaved' }, errors: ['VALIDATION_FAILED'] } },
    },
    '/api/contacts/{id}': {
      get: { tag: 'Contacts', op: { summary: 'Read a contact', ok: { status: 200, schema: 'Contact' }, errors: ['NOT_FOUND'] } },
      patch: { tag: 'Contacts', op: { summary: 'Change some fields (numbers sent replace all numbers)', roles: EDITORS, body: 'ContactPatch', ok: { status: 200, schema: 'ContactSaved' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Contacts', op: { summary: 'Delete a contact', roles: EDITORS, ok: { status: 204 }, errors: ['NOT_FOUND'] } },
    },
    '/api/contacts/import': {
      post: {
        tag: 'Contacts',
        op: {
          summary: 'Import a CSV file (2 MB, 10 000 rows; ";" or ","; UTF-8, UTF-8 with BOM or Windows-1252; French or English headers). Without commit: a preview, nothing written. With commit: all valid rows in one transaction, refused (400, report in error.report) when a row is bad unless skipInvalid',
          roles: EDITORS,
          rawBody: 'text/csv',
          query: [
            { name: 'commit', description: 'true: write the contacts (default: preview only)' },
            { name: 'skipInvalid', description: 'true: with commit, leave bad rows out instead of refusing the import' },
          ],
          ok: { status: 200, schema: 'ContactImportReport' },
          errors: ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
        },
      },
    },
    '/api/contacts/export': {
      get: { tag: 'Contacts', op: { summary: 'The whole directory as CSV (UTF-8 with BOM, ";", headers in your language; imports back as is)', ok: { status: 200, content: 'text/csv', description: 'CSV file' } } },
    },
    '/api/sounds': {
      get: { tag: 'Sounds', op: { summary: 'List sounds', query: [{ name: 'language', description: 'Only sounds of this language (fr, en)' }], ok: { status: 200, schema: 'SoundList' } } },
      post: {
        tag: 'Sounds',
        op: {
          summary: 'Upload a WAV or MP3 (stored as 8 kHz mono 16-bit WAV)',
          roles: ADMINS,
          body: 'SoundUpload',
          multipart: true,
          ok: { status: 201, schema: 'Sound' },
          errors: ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'],
        },
      },
    },
    '/api/sounds/{id}': {
      get: { tag: 'Sounds', op: { summary: 'Read a sound', ok: { status: 200, schema: 'Sound' }, errors: ['NOT_FOUND'] } },
      patch: { tag: 'Sounds', op: { summary: 'Rename a sound or change its language', roles: ADMINS, body: 'SoundUpdate', ok: { status: 200, schema: 'Sound' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Sounds', op: { summary: 'Delete a sound (409 IN_USE while a draft or live flow version plays it)', roles: ADMINS, ok: { status: 204 }, errors: ['NOT_FOUND', 'IN_USE'] } },
    },
    '/api/sounds/{id}/audio': {
      get: { tag: 'Sounds', op: { summary: 'The audio (8 kHz mono 16-bit WAV)', ok: { status: 200, content: 'audio/wav', description: 'WAV file' }, errors: ['NOT_FOUND'] } },
    },
    '/api/tts': {
      get: {
        tag: 'Sounds',
        op: {
          summary: "Speak a text with the call runtime's voice (the editor's Listen button); cached",
          query: [
            { name: 'text', description: 'The text to speak (required, at most 500 characters)' },
            { name: 'voice', description: '"fr" (default) or "en"' },
          ],
          ok: { status: 200, content: 'audio/wav', description: 'WAV file (8 kHz mono 16-bit)' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/voicemails': {
      get: {
        tag: 'Voicemails',
        op: {
          summary: 'List voicemails, newest first, paginated, without the audio. Agents see their own mailbox and their groups\'',
          query: [
            { name: 'mailbox', description: '"agent:<id>" or "group:<id>": one mailbox only' },
            { name: 'unread', description: 'true: new (not yet listened) messages only' },
            { name: 'cursor', description: 'nextCursor of the previous page' },
            { name: 'limit', description: 'Messages per page, 1 to 200 (default 50)' },
          ],
          ok: { status: 200, schema: 'VoicemailPage' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/voicemails/{id}': {
      patch: { tag: 'Voicemails', op: { summary: 'Mark as listened or as new again', body: 'VoicemailUpdate', ok: { status: 200, schema: 'Voicemail' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Voicemails', op: { summary: "Delete a voicemail and its recording (agents: their own mailbox's only)", ok: { status: 204 }, errors: ['FORBIDDEN', 'NOT_FOUND'] } },
    },
    '/api/agent/me': {
      get: { tag: 'Agent statuses', op: { summary: "The signed-in user's agent (linked by an admin), its groups and its status; 404 NOT_AN_AGENT when the user is no agent", ok: { status: 200, schema: 'MyAgent' }, errors: ['NOT_AN_AGENT'] } },
    },
    '/api/agent/me/status': {
      put: {
        tag: 'Agent statuses',
        op: { summary: 'Choose available, paused (with a pause reason when the organisation has any) or offline. Recorded; emits agent.status', body: 'AgentStatusInput', ok: { status: 200, schema: 'AgentStatus' }, errors: ['VALIDATION_FAILED', 'NOT_AN_AGENT', 'STATUS_LOCKED'] },
      },
    },
    '/api/agent/me/wrap-up': {
      put: {
        tag: 'Agent statuses',
        op: { summary: "The agent's post-call pause (PPA) for the current call, in seconds: used instead of the group's wrap-up when the call ends; during a wrap-up, moves its end", body: 'AgentWrapUpInput', ok: { status: 200, schema: 'AgentStatus' }, errors: ['VALIDATION_FAILED', 'NOT_AN_AGENT'] },
      },
    },
    '/api/agents/{id}/status': {
      get: { tag: 'Agent statuses', op: { summary: "An agent's status (agents: their own only)", ok: { status: 200, schema: 'AgentStatus' }, errors: ['NOT_FOUND'] } },
    },
    '/api/agents/{id}/lock': {
      put: { tag: 'Agent statuses', op: { summary: "Lock the agent in a status (the queue respects it; the agent gets 423 until unlocked). Audited", roles: EDITORS, body: 'AgentStatusInput', ok: { status: 200, schema: 'AgentStatus' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Agent statuses', op: { summary: 'Unlock: the agent is back in the status they had chosen. Audited', roles: EDITORS, ok: { status: 200, schema: 'AgentStatus' }, errors: ['NOT_FOUND'] } },
    },
    '/api/pause-reasons': {
      get: { tag: 'Agent statuses', op: { summary: 'The pause reasons, in order', ok: { status: 200, schema: 'PauseReasonList' } } },
      post: { tag: 'Agent statuses', op: { summary: 'Add a pause reason', roles: ADMINS, body: 'PauseReasonInput', ok: { status: 201, schema: 'PauseReason' }, errors: ['VALIDATION_FAILED'] } },
    },
    '/api/pause-reasons/{id}': {
      patch: { tag: 'Agent statuses', op: { summary: 'Rename or move a pause reason', roles: ADMINS, body: 'PauseReasonPatch', ok: { status: 200, schema: 'PauseReason' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Agent statuses', op: { summary: 'Delete a pause reason (agents paused with it keep their pause, without a reason)', roles: ADMINS, ok: { status: 204 }, errors: ['NOT_FOUND'] } },
    },
    '/api/webhooks': {
      get: { tag: 'Webhooks', op: { summary: "The organisation's webhooks (URLs told of call events), with their failed and pending delivery counts", roles: ADMINS, ok: { status: 200, schema: 'WebhookList' } } },
      post: {
        tag: 'Webhooks',
        op: {
          summary: 'Subscribe a URL to events (call.started, call.answered, call.ended, voicemail.created, callback.requested). The signing secret is in this answer only. Deliveries are POSTs with X-Relais-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")> and X-Relais-Event-Id; retried with backoff on 5xx, 408, 429, timeouts. Audited',
          roles: ADMINS, body: 'WebhookInput', ok: { status: 201, schema: 'WebhookCreated' }, errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/webhooks/{id}': {
      get: { tag: 'Webhooks', op: { summary: 'Read a webhook (without its secret)', roles: ADMINS, ok: { status: 200, schema: 'Webhook' }, errors: ['NOT_FOUND'] } },
      patch: { tag: 'Webhooks', op: { summary: 'Change its URL, events, description or active flag (audited)', roles: ADMINS, body: 'WebhookPatch', ok: { status: 200, schema: 'Webhook' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] } },
      delete: { tag: 'Webhooks', op: { summary: 'Delete a webhook and its deliveries (audited)', roles: ADMINS, ok: { status: 204 }, errors: ['NOT_FOUND'] } },
    },
    '/api/webhooks/{id}/deliveries': {
      get: {
        tag: 'Webhooks',
        op: {
          summary: "A webhook's deliveries, newest first: status (pending, delivered, failed), attempts, next attempt, last HTTP status and error, payload",
          query: [{ name: 'status', description: 'pending, delivered or failed' }, { name: 'cursor', description: 'nextCursor of the previous page' }, { name: 'limit', description: '1 to 200 (default 50)' }],
          roles: ADMINS, ok: { status: 200, schema: 'WebhookDeliveryList' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
        },
      },
    },
    '/api/webhooks/{id}/test': {
      post: { tag: 'Webhooks', op: { summary: 'Queue a webhook.test event to this URL (sent by the runtime at once; see its delivery)', roles: ADMINS, ok: { status: 202, schema: 'WebhookDelivery' }, errors: ['NOT_FOUND'] } },
    },
    '/api/webhook-deliveries/{id}/retry': {
      post: { tag: 'Webhooks', op: { summary: 'Send a delivery again now (one more attempt, whatever its status)', roles: ADMINS, ok: { status: 202, schema: 'WebhookDelivery' }, errors: ['NOT_FOUND'] } },
    },
    '/api/calls/{id}/commands': {
      post: {
        tag: 'Calls',
        op: {
          summary: 'Send a command to a live call (hold, resume, hangup, transferCold, recordStart, recordStop, …) and wait for its result. Agents: only the call they are bridged to (others 404). 504 COMMAND_EXPIRED when no runtime holds the call',
          body: 'CallCommandInput',
          ok: { status: 200, schema: 'CallCommandDone' },
          errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'COMMAND_REFUSED', 'CALL_NOT_LIVE', 'COMMAND_NOT_SUPPORTED', 'COMMAND_EXPIRED', 'COMMAND_TIMEOUT'],
        },
      },
    },
    '/api/agent/me/calls': {
      get: {
        tag: 'Calls',
        op: {
          summary: "The signed-in agent's calls of a day (every call that rang them), newest first. 404 NOT_AN_AGENT when the user is not linked to an agent",
          query: [{ name: 'day', description: "YYYY-MM-DD in the organisation's time zone (default today)" }],
          ok: { status: 200, schema: 'AgentDayCallList' },
          errors: ['VALIDATION_FAILED', 'NOT_AN_AGENT'],
        },
      },
      post: {
        tag: 'Calls',
        op: {
          summary: "An outgoing call by the signed-in agent: their phone rings first (showing the customer), then the number or contact through the trunk with the group's caller ID. 202 as soon as the agent's phone rings; 403 FORBIDDEN_DESTINATION before anything rings; 409 AGENT_UNAVAILABLE when their phone is not registered or does not answer",
          body: 'OriginateCallInput',
          ok: { status: 202, schema: 'OriginatedCall' },
          errors: ['VALIDATION_FAILED', 'NOT_AN_AGENT', 'FORBIDDEN_DESTINATION', 'AGENT_UNAVAILABLE', 'COMMAND_REFUSED', 'COMMAND_EXPIRED', 'COMMAND_TIMEOUT'],
        },
      },
    },
    '/api/stats': {
      get: {
        tag: 'Statistics',
        op: {
          summary:
            "Call statistics of a period (and a comparison period) per entry number, flow, group or agent, in the organisation's time zone: offered, answered, answer rate, service level (answered within the group's serviceLevelSeconds / calls offered to a group), outcomes, average and 90th-percentile wait, average talk, transfers, callbacks, voicemails; the heat map (ISO day of week × hour) and the timeline of the period; the outcome breakdown. Days run midnight to midnight local time (23 or 25 hours on a DST change)",
          roles: EDITORS,
          query: STATS_QUERY,
          ok: { status: 200, schema: 'StatsReport' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/stats/export.csv': {
      get: {
        tag: 'Statistics',
        op: {
          summary: 'The same figures as CSV (UTF-8 with BOM, ";", headers in your language; rates in %, times in seconds; with a comparison, each figure is followed by its comparison value; the total last)',
          roles: EDITORS,
          query: STATS_QUERY,
          ok: { status: 200, content: 'text/csv', description: 'CSV file' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/directory': {
      get: {
        tag: 'Calls',
        op: {
          summary: "Search the organisation's agents (with availability), groups (with available members), flows and contacts; accent- and case-insensitive",
          query: [{ name: 'q', description: 'Words to find (every one must match; digits match numbers)' }, { name: 'kinds', description: 'Comma-separated: agent, group, flow, contact (default all)' }],
          ok: { status: 200, schema: 'DirectoryList' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/calls': {
      get: {
        tag: 'Calls',
        op: {
          summary: "The call history, newest first, one page at a time (keyset on startedAt, id: stable while calls keep coming). Agents: 403 (their own calls are at /api/agent/me/calls)",
          roles: EDITORS,
          query: CALL_HISTORY_QUERY,
          ok: { status: 200, schema: 'CallHistoryPage' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/calls/export.csv': {
      get: {
        tag: 'Calls',
        op: {
          summary: "Every call matching the filters of GET /api/calls, as CSV, streamed. Headers and outcome labels in French or English; French files use ';' between fields, English ','; UTF-8 with a byte order mark; dates in the organisation's time zone; durations in seconds",
          roles: EDITORS,
          query: [...CALL_HISTORY_QUERY.filter((q) => q.name !== 'cursor' && q.name !== 'limit'), { name: 'lang', description: '"fr" or "en" (default: your language)' }],
          ok: { status: 200, content: 'text/csv', description: 'CSV file (attachment)' },
          errors: ['VALIDATION_FAILED'],
        },
      },
    },
    '/api/calls/{id}': {
      get: { tag: 'Calls', op: { summary: 'A call: its summary, its path (events in order), the legs rung, its recordings and voicemails (links to the audio)', roles: EDITORS, ok: { status: 200, schema: 'CallDetail' }, errors: ['NOT_FOUND'] } },
    },
    '/api/calls/{id}/recordings': {
      get: { tag: 'Calls', op: { summary: "The call's recordings (both parties), without the audio. Agents: calls they took part in (others 404)", ok: { status: 200, schema: 'CallRecordingList' }, errors: ['NOT_FOUND'] } },
    },
    '/api/recordings/{id}/audio': {
      get: {
        tag: 'Calls',
        op: {
          summary: 'A call recording (8 kHz mono 16-bit WAV, caller and agent mixed); honours Range (206 Partial Content). ?download=1 for an attachment. Agents: calls they took part in (others 404)',
          ok: { status: 200, content: 'audio/wav', description: 'WAV file (206 with a Range header)' },
          errors: ['NOT_FOUND'],
        },
      },
    },
    '/api/voicemails/{id}/audio': {
      get: {
        tag: 'Voicemails',
        op: {
          summary: 'The recording (8 kHz mono 16-bit WAV); honours Range (206 Partial Content). ?download=1 for an attachment',
          ok: { status: 200, content: 'audio/wav', description: 'WAV file (206 with a Range header)' },
          errors: ['NOT_FOUND'],
        },
      },
    },
  };
}

function errorResponse(code: ApiErrorCode) {
  return { description: code, content: { 'application/json': { schema: ref('ApiErrorResponse') } } };
}

function operation(method: string, path: string, tag: string, op: Operation) {
  const roles = op.roles ?? ALL;
  const errors = new Set<ApiErrorCode>(['UNAUTHENTICATED', ...(op.errors ?? []), 'INTERNAL']);
  if (op.body && !op.multipart) errors.add('INVALID_JSON');
  // Every body has a size limit (app/lib/api/body-limits.ts).
  if (op.body) errors.add('PAYLOAD_TOO_LARGE');
  if (roles.length < ALL.length) errors.add('FORBIDDEN');
  const responses: Record<string, unknown> = {};
  const okContent = op.ok.content
    ? { [op.ok.content]: { schema: { type: 'string', contentMediaType: op.ok.content } } }
    : op.ok.schema
      ? { 'application/json': { schema: ref(op.ok.schema) } }
      : undefined;
  responses[String(op.ok.status)] = { description: op.ok.description ?? (op.ok.status === 204 ? 'Done' : 'OK'), ...(okContent ? { content: okContent } : {}) };
  for (const code of [...errors].sort((a, b) => API_ERROR_STATUS[a] - API_ERROR_STATUS[b])) {
    const status = String(API_ERROR_STATUS[code]);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = existing ? { ...existing, description: `${existing.description}, ${code}` } : errorResponse(code);
  }
  const parameters = [
    ...(path.includes('{id}') ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] : []),
    ...(path.includes('{number}') ? [{ name: 'number', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }] : []),
    ...(op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: { type: 'string' } })),
  ];
  return {
    tags: [tag],
    summary: op.summary,
    operationId: `${method}${path.replace(/\{id\}/g, 'ById').replace(/\{number\}/g, 'ByNumber').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    description: `Roles: ${roles.join(', ')}.`,
    ...(parameters.length ? { parameters } : {}),
    ...(op.rawBody ? { requestBody: { required: true, content: { [op.rawBody]: { schema: { type: 'string', contentMediaType: op.rawBody } } } } } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { [op.multipart ? 'multipart/form-data' : 'application/json']: { schema: ref(op.body) } } } }
      : {}),
    responses,
  };
}

/** A number routed to a live flow is deleted only with confirm=true. */
function withNumberConfirm(all: ReturnType<typeof paths>): ReturnType<typeof paths> {
  const del = all['/api/numbers/{id}'].delete;
  del.op = {
    ...del.op,
    summary: 'Delete a number (409 IN_USE while a draft or live flow names it; when it routes calls to a live flow, 409 IN_USE with confirmable: true unless confirm=true)',
    query: [{ name: 'confirm', description: 'true: delete even though the number routes calls to a live flow' }],
  };
  return all;
}

export function buildOpenApi(serverUrl?: string): Record<string, unknown> {
  const outPaths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(withNumberConfirm(paths()))) {
    outPaths[path] = Object.fromEntries(Object.entries(methods).map(([method, { tag, op }]) => [method, operation(method, path, tag, op)]));
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Relais REST API',
      version: '1',
      description:
        'Call flows and what they use. Every object belongs to the caller\'s organisation; another organisation\'s objects answer 404. ' +
        'Errors are `{ error: { code, message, path?, problems? } }`; `path` is the JSON pointer of the failing field in the request body. ' +
        'Sign in at /api/auth/sign-in/email (session cookie) or send a personal API token as `Authorization: Bearer <token>`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    paths: outPaths,
    components: {
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: 'Session cookie set by POST /api/auth/sign-in/email' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal API token (POST /api/tokens)' },
      },
      schemas: { ...componentSchemas(), ...responseSchemas },
    },
  };
}
