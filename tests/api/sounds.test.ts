// Sound upload: a real WAV made with espeak-ng (or wavefile) at test time, converted by the server
// to 8 kHz mono 16-bit (in-process, no sox), listed, streamed back and deleted; an MP3 fixture
// too; damaged files refused with a translatable code; the Listen button's TTS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let agent: Client;
let outsider: Client;

/** A 22.05 kHz speech WAV from espeak-ng, or else a 44.1 kHz stereo tone (wavefile: no tool needed). */
function makeWav(): Buffer {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'relais-test-')), 'prompt.wav');
  try {
    execFileSync('espeak-ng', ['-v', 'fr', '-w', file, 'Bienvenue chez Relais'], { stdio: 'ignore' });
    return readFileSync(file);
  } catch {
    const left = Array.from({ length: 44100 * 1.5 }, (_, i) => Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / 44100)));
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, 44100, '16', [left, left]);
    return Buffer.from(wav.toBuffer());
  }
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Blob) data.append(k, v, 'prompt.wav');
    else data.append(k, v);
  }
  return data;
}

beforeAll(async () => {
  const a = await createOrganizationWithUsers(testPrisma(), 'Sounds A');
  const b = await createOrganizationWithUsers(testPrisma(), 'Sounds B');
  [admin, agent, outsider] = (await Promise.all([a.admin, a.agent, b.admin].map(signIn))).map(api);
});

describe('sounds', () => {
  it('uploads a WAV, stores it as 8 kHz mono 16-bit, streams it back and deletes it', async () => {
    const wav = makeWav();
    const uploaded = await admin.post('/api/sounds', form({ file: new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), name: 'Accueil', language: 'fr' }));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'Accueil', language: 'fr', originalName: 'prompt.wav', mimeType: 'audio/wav' });
    expect(uploaded.body.durationMs).toBeGreaterThan(300);

    const list = await agent.get('/api/sounds?language=fr');
    expect(list.body.sounds.map((s: { id: string }) => s.id)).toContain(uploaded.body.id);

    const audio = await agent.get(`/api/sounds/${uploaded.body.id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const bytes = audio.body as Buffer;
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt32LE(24)).toBe(8000); // 8 kHz
    expect(bytes.readUInt16LE(34)).toBe(16); // 16-bit

    expect((await outsider.get(`/api/sounds/${uploaded.body.id}/audio`)).status).toBe(404);
    expect((await agent.delete(`/api/sounds/${uploaded.body.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/sounds/${uploaded.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/sounds/${uploaded.body.id}`)).status).toBe(404);
  });

  it('stores an MP3 upload (44.1 kHz stereo) as 8 kHz mono 16-bit, with no sox on the server', async () => {
    const mp3 = readFileSync(path.resolve(import.meta.dirname, '../fixtures/audio/bienvenue-44k-stereo.mp3'));
    const uploaded = await admin.post('/api/sounds', form({ file: new Blob([new Uint8Array(mp3)], { type: 'audio/mpeg' }), name: 'Accueil MP3', language: 'fr' }));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.durationMs).toBeGreaterThan(1100);
    expect(uploaded.body.durationMs).toBeLessThan(1300);
    const bytes = (await admin.get(`/api/sounds/${uploaded.body.id}/audio`)).body as Buffer;
    expect([bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt16LE(34)]).toEqual([1, 8000, 16]);
  });

  it('refuses a damaged WAV with 415 and a problem code the page translates', async () => {
    const damaged = Buffer.concat([Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'), Buffer.alloc(4)]);
    const res = await admin.post('/api/sounds', form({ file: new Blob([new Uint8Array(damaged)]), name: 'Abîmé' }));
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', path: '/file', problems: [{ code: 'sound.corrupt', path: '/file' }] });
  });

  it('speaks a text for the Listen button (GET /api/tts), also with RELAIS_TTS_ENGINE=wasm on the server', async () => {
    // A text of its own (a number) so the server's TTS cache cannot answer for the engine.
    const res = await agent.get(`/api/tts?voice=fr&text=${encodeURIComponent(`Bonjour, essai ${Date.now() % 100000}`)}`);
    expect(res.status).toBe(200);
    const bytes = res.body as Buffer;
    expect([bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt16LE(34)]).toEqual([1, 8000, 16]);
    expect(bytes.length - 44).toBeGreaterThan(8000 * 2 * 0.8); // more than 0.8 s of speech
  });

  it('rejects a file that is not audio, and a missing name, with their paths', async () => {
    const text = await admin.post('/api/sounds', form({ file: new Blob(['hello'], { type: 'text/plain' }), name: 'Nope' }));
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', path: '/file' });

    const noName = await admin.post('/api/sounds', form({ file: new Blob([new Uint8Array(makeWav())]) }));
    expect(noName.status).toBe(400);
    expect(noName.body.error.path).toBe('/name');

    const badLanguage = await admin.post('/api/sounds', form({ file: new Blob([new Uint8Array(makeWav())]), name: 'x', language: 'klingon' }));
    expect(badLanguage.body.error.path).toBe('/language');

    const noFile = await admin.post('/api/sounds', form({ name: 'x' }));
    expect(noFile.body.error.path).toBe('/file');
  });
});
