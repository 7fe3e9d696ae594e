// http-request: renders URL, headers and body templates and asks the session to call the web
// service. 2xx → response fields (JSON pointers) into variables, `success`; other statuses →
// `error`. A network error, a 5xx or no answer within timeoutSeconds is retried `retries`
// times, then leaves by `error` / `timeout`. Secret header values travel in the effect only
// (marked secret): they are never written to the path. Values in the URL are URL-encoded for
// where they land (the caller's number comes from the SIP From header); the runtime's outbound
// policy (flow-runtime/outbound-http) then refuses internal addresses, oversized answers, etc.:
// such a refusal leaves by `error` at once (no retry) with the reason in the path.
import { encodeUrlValue } from '../../outbound-http/url-template';
import type { StepHandler, StepRun } from '../step-run';
import type { Value } from '../types';

type Run = StepRun<'http-request'>;

function send(run: Run, attempt: number): void {
  const { method = 'GET', url, headers = [], body, timeoutSeconds = 5 } = run.config;
  const requestId = run.id(`http${attempt}`);
  const renderedUrl = run.render(url, encodeUrlValue);
  const hasBody = body !== undefined && method !== 'GET' && method !== 'DELETE';
  const allHeaders = headers.map((h) => ({ name: h.name, value: run.render(h.value), secret: h.secret ?? false }));
  if (hasBody && !allHeaders.some((h) => h.name.toLowerCase() === 'content-type')) {
    allHeaders.push({ name: 'Content-Type', value: run.config.contentType ?? 'application/json', secret: false });
  }
  run.setData({ attempt, requestId });
  run.emit({ type: 'httpRequest', requestId, method, url: renderedUrl, headers: allHeaders, body: hasBody ? run.render(body as string) : null, timeoutMs: timeoutSeconds * 1000 });
  run.persist('http', { method, url: renderedUrl, attempt });
  run.startTimer('attempt', timeoutSeconds);
}

function retryOrLeave(run: Run, output: 'error' | 'timeout', status: number | null, reason?: string): void {
  const attempt = run.data.attempt as number;
  if (attempt < (run.config.retries ?? 0)) return send(run, attempt + 1);
  if (run.config.statusVariable) run.setVariable(run.config.statusVariable, status ?? 0);
  run.leave(output, reason ? { status, reason } : { status });
}

/** RFC 6901 JSON pointer lookup; undefined when absent. */
export function readPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function succeed(run: Run, status: number, body: string): void {
  const mappings = run.config.responseMappings ?? [];
  if (mappings.length > 0) {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      run.warn('response is not JSON; mapped variables set to null');
    }
    for (const { pointer, variable } of mappings) {
      const value = readPointer(document, pointer);
      run.setVariable(variable, value === undefined ? null : (value as Value));
    }
  }
  if (run.config.statusVariable) run.setVariable(run.config.statusVariable, status);
  run.leave('success', { status });
}

export const httpRequestStep: StepHandler<'http-request'> = {
  enter(run) {
    send(run, 0);
  },
  on(run, event) {
    if (event.type === 'httpResponse' && event.requestId === run.data.requestId) {
      run.cancelTimer('attempt');
      if (event.status >= 200 && event.status < 300) return succeed(run, event.status, event.body);
      if (event.status >= 500) return retryOrLeave(run, 'error', event.status);
      if (run.config.statusVariable) run.setVariable(run.config.statusVariable, event.status);
      return run.leave('error', { status: event.status });
    }
    if (event.type === 'httpError' && event.requestId === run.data.requestId) {
      run.cancelTimer('attempt');
      if (event.reason === 'refused') {
        if (run.config.statusVariable) run.setVariable(run.config.statusVariable, 0);
        return run.leave('error', { status: null, reason: event.detail ?? 'refused by the outbound HTTP policy' });
      }
      return retryOrLeave(run, event.reason === 'timeout' ? 'timeout' : 'error', null, event.detail);
    }
    if (run.timerName(event) === 'attempt') retryOrLeave(run, 'timeout', null);
  },
};
