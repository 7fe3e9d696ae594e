// Step handlers by step-type id: the same id as the schema file and the editor node type.
// tests/runtime/registry.test.ts checks it against STEP_TYPES.
import type { StepType } from '@/schemas';
import type { StepHandler } from './step-run';
import { callbackStep } from './steps/callback';
import { conditionStep } from './steps/condition';
import { filterStep } from './steps/filter';
import { forbiddenTransferStep } from './steps/forbidden-transfer';
import { hangupStep } from './steps/hangup';
import { hoursStep } from './steps/hours';
import { httpRequestStep } from './steps/http-request';
import { inputStep } from './steps/input';
import { menuStep } from './steps/menu';
import { messageStep } from './steps/message';
import { queueGroupStep } from './steps/queue-group';
import { redirectStep } from './steps/redirect';
import { smsStep } from './steps/sms';
import { splitStep } from './steps/split';
import { variableStep } from './steps/variable';
import { voicemailStep } from './steps/voicemail';

export const STEP_HANDLERS: { readonly [T in StepType]: StepHandler<T> } = {
  message: messageStep,
  menu: menuStep,
  input: inputStep,
  hours: hoursStep,
  'queue-group': queueGroupStep,
  redirect: redirectStep,
  voicemail: voicemailStep,
  callback: callbackStep,
  sms: smsStep,
  'forbidden-transfer': forbiddenTransferStep,
  filter: filterStep,
  split: splitStep,
  variable: variableStep,
  'http-request': httpRequestStep,
  condition: conditionStep,
  hangup: hangupStep,
};
