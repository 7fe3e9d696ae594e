// JSON Schemas of the REST API's bodies for non-flow resources (the flow document itself is
// schemas/flow.schema.json). Used by app/lib/api/validate-body.ts to validate requests and by
// app/lib/openapi to describe them: one source for both.
import agent from './agent.schema.json';
import agentStatus from './agent-status.schema.json';
import agentWrapUp from './agent-wrap-up.schema.json';
import apiTokenCreate from './api-token-create.schema.json';
import calendar from './calendar.schema.json';
import callCommand from './call-command.schema.json';
import contact from './contact.schema.json';
import draftSave from './draft-save.schema.json';
import error from './error.schema.json';
import flowCreate from './flow-create.schema.json';
import flowCanary from './flow-canary.schema.json';
import flowCanaryPromote from './flow-canary-promote.schema.json';
import flowDuplicate from './flow-duplicate.schema.json';
import flowPublish from './flow-publish.schema.json';
import flowSimulate from './flow-simulate.schema.json';
import flowSimulateHttp from './flow-simulate-http.schema.json';
import flowUpdate from './flow-update.schema.json';
import forbiddenList from './forbidden-list.schema.json';
import group from './group.schema.json';
import meUpdate from './me-update.schema.json';
import numberInput from './number.schema.json';
import originateCall from './originate-call.schema.json';
import passwordChange from './password-change.schema.json';
import pauseReason from './pause-reason.schema.json';
import outboundHttpSettings from './outbound-http-settings.schema.json';
import soundUpdate from './sound-update.schema.json';
import soundUpload from './sound-upload.schema.json';
import userCreate from './user-create.schema.json';
import userUpdate from './user-update.schema.json';
import versionRollback from './version-rollback.schema.json';
import voicemailUpdate from './voicemail-update.schema.json';
import webhook from './webhook.schema.json';

export type JsonSchema = { [key: string]: unknown };

/** Schemas as written, by name. `<name>` validates a create (POST); see updateSchemaOf for PATCH. */
export const apiSchemas = {
  FlowCreate: flowCreate,
  FlowUpdate: flowUpdate,
  DraftSave: draftSave,
  FlowPublish: flowPublish,
  VersionRollback: versionRollback,
  FlowDuplicate: flowDuplicate,
  FlowSimulate: flowSimulate,
  FlowSimulateHttp: flowSimulateHttp,
  FlowCanaryInput: flowCanary,
  FlowCanaryPromote: flowCanaryPromote,
  NumberInput: numberInput,
  CalendarInput: calendar,
  GroupInput: group,
  AgentInput: agent,
  SoundUpload: soundUpload,
  SoundUpdate: soundUpdate,
  ForbiddenListInput: forbiddenList,
  ContactInput: contact,
  ApiTokenCreate: apiTokenCreate,
  VoicemailUpdate: voicemailUpdate,
  UserCreate: userCreate,
  UserUpdate: userUpdate,
  OutboundHttpSettings: outboundHttpSettings,
  CallCommandInput: callCommand,
  OriginateCallInput: originateCall,
  AgentStatusInput: agentStatus,
  AgentWrapUpInput: agentWrapUp,
  PauseReasonInput: pauseReason,
  WebhookInput: webhook,
  PasswordChange: passwordChange,
  MeUpdate: meUpdate,
  ApiErrorResponse: error,
} satisfies Record<string, JsonSchema>;

export type ApiSchemaName = keyof typeof apiSchemas;

/** Resources updated with PATCH take the create schema with no top-level field required. */
export const PATCH_SCHEMAS = ['NumberInput', 'CalendarInput', 'GroupInput', 'AgentInput', 'ForbiddenListInput', 'ContactInput', 'PauseReasonInput', 'WebhookInput'] as const;
export type PatchSchemaName = (typeof PATCH_SCHEMAS)[number];

export function patchSchemaName(name: PatchSchemaName): string {
  return name.replace(/Input$/, 'Patch');
}

/** The PATCH variant of a create schema: same fields, none required, at least one present. */
export function updateSchemaOf(name: PatchSchemaName): JsonSchema {
  const schema = apiSchemas[name] as JsonSchema;
  return {
    ...schema,
    $id: String(schema.$id).replace(/\.schema\.json$/, '-patch.schema.json'),
    title: patchSchemaName(name),
    description: `${String(schema.description ?? '')} PATCH: only the fields sent change; arrays sent replace the whole list.`.trim(),
    required: [],
    minProperties: 1,
  };
}
