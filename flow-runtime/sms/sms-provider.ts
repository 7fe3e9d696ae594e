// How the runtime sends an SMS. Two providers: SIP MESSAGE to a gateway (sip-message-provider)
// and a generic HTTP API (http-provider). A provider never throws: failures come back as
// { ok: false, error } so the flow takes its error output and the SmsMessage row says why.

export interface SmsRequest {
  /** E.164 recipient. */
  to: string;
  /** Sender number or name; null lets the provider use its default. */
  from: string | null;
  body: string;
}

export interface SmsResult {
  ok: boolean;
  providerMessageId?: string;
  error?: string;
}

export interface SmsProvider {
  /** Short name stored in SmsMessage.provider. */
  readonly name: string;
  send(request: SmsRequest): Promise<SmsResult>;
}

/** When no provider is configured: every SMS fails with a clear reason. */
export const noSmsProvider: SmsProvider = {
  name: 'none',
  async send() {
    return { ok: false, error: 'no SMS provider configured (set SMS_PROVIDER=sip or http)' };
  },
};
