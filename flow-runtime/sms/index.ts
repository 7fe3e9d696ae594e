// Picks the SMS provider the configuration names.
import type { RuntimeConfig } from '../config';
import { createHttpSmsProvider } from './http-provider';
import { createSipMessageSmsProvider, type SrfRequester } from './sip-message-provider';
import { noSmsProvider, type SmsProvider } from './sms-provider';

export * from './sms-provider';
export { createHttpSmsProvider, renderSmsTemplate, type HttpSmsConfig } from './http-provider';
export { createSipMessageSmsProvider } from './sip-message-provider';

export function createSmsProvider(config: RuntimeConfig['sms'], srf: SrfRequester): SmsProvider {
  switch (config.provider) {
    case 'sip':
      return createSipMessageSmsProvider({ srf, gateway: config.gateway, transport: config.transport, defaultFrom: config.defaultFrom });
    case 'http':
      return createHttpSmsProvider(config.http, config.defaultFrom);
    default:
      return noSmsProvider;
  }
}
