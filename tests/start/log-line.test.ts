// npm start shows the services' pino JSON as readable lines (scripts/log-line.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { formatLogLine } from '@/scripts/log-line';

const pinoLine = JSON.stringify({
  level: 50, time: Date.UTC(2026, 10, 23, 12, 3, 4), pid: 1, hostname: 'h', component: 'flow-runtime',
  callId: 'c1', where: 'media port', err: { type: 'Error', message: 'socket closed' }, msg: 'call session port error',
});

describe('formatLogLine', () => {
  afterEach(() => void delete process.env.RELAIS_LOG_FORMAT);

  it('turns a pino line into time, level, message and its fields', () => {
    expect(formatLogLine(pinoLine)).toBe('12:03:04 error call session port error  callId=c1 where="media port" err="socket closed"');
  });

  it('leaves other lines alone, and every line with RELAIS_LOG_FORMAT=json', () => {
    expect(formatLogLine('relais: admin on http://127.0.0.1:3000')).toBe('relais: admin on http://127.0.0.1:3000');
    expect(formatLogLine('{not json')).toBe('{not json');
    expect(formatLogLine('{"a":1}')).toBe('{"a":1}');
    process.env.RELAIS_LOG_FORMAT = 'json';
    expect(formatLogLine(pinoLine)).toBe(pinoLine);
  });
});
