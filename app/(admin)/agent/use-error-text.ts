'use client';
// An API error in the user's language: the catalogue message the API names (`messageKey`, e.g.
// calls.commandErrors.refused), else one for its code, else the general wording of errors.*.
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ApiError } from '@/app/components/api-client';
import { describeError } from '@/app/components/error-alert';

const CODE_KEYS: Record<string, string> = {
  STATUS_LOCKED: 'agentConsole.errors.statusLocked',
  NOT_AN_AGENT: 'agentConsole.errors.notAnAgent',
  FORBIDDEN_DESTINATION: 'agentConsole.errors.forbiddenDestination',
  AGENT_UNAVAILABLE: 'agentConsole.errors.agentUnavailable',
  COMMAND_REFUSED: 'calls.commandErrors.refused',
  CALL_NOT_LIVE: 'calls.commandErrors.ended',
  COMMAND_EXPIRED: 'calls.commandErrors.expired',
  COMMAND_TIMEOUT: 'calls.commandErrors.timeout',
  COMMAND_NOT_SUPPORTED: 'calls.commandErrors.notSupported',
  VALIDATION_FAILED: 'agentConsole.errors.invalid',
};

export function useErrorText() {
  const t = useTranslations();
  const tErrors = useTranslations('errors');
  return useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) {
        if (error.status === 0) return tErrors('network');
        for (const key of [error.messageKey, CODE_KEYS[error.code]]) {
          if (key && t.has(key)) return t(key);
        }
      }
      return describeError(error, tErrors);
    },
    [t, tErrors],
  );
}
