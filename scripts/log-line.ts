// Makes a service's pino JSON log line readable in the terminal `npm start` runs in:
//   {"level":30,"time":…,"component":"flow-runtime","callId":"c1","msg":"call started"}
//   → 12:03:04 info  call started  callId=c1
// Lines that are not pino JSON pass unchanged; RELAIS_LOG_FORMAT=json keeps every line raw
// (for log shippers). Hand-written rather than pino-pretty: one small function, no extra
// dependency or worker thread in the launcher.
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component', 'v']);

function show(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value && typeof value === 'object' && 'message' in value) return JSON.stringify((value as { message: unknown }).message);
  return JSON.stringify(value);
}

export function formatLogLine(line: string): string {
  if (!line.startsWith('{') || process.env.RELAIS_LOG_FORMAT === 'json') return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.level !== 'number' || typeof entry.msg !== 'string') return line;
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = (LEVELS[entry.level] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${show(value)}`);
  return [time, level, entry.msg, ...(fields.length ? [' ' + fields.join(' ')] : [])].filter(Boolean).join(' ');
}
