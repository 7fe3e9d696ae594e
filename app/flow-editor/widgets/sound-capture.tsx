'use client';
// "Upload…" and "Record…" in the prompt widget: a file, or the microphone (getUserMedia +
// ScriptProcessor capturing PCM, encoded to a 16-bit mono WAV in core/wav-encode.ts), sent to
// POST /api/sounds (multipart: file, name, language). The new sound joins the organisation's
// list in the store and `onCreated` selects it in the prompt at once.
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { concatChunks, encodeWav } from '../core/wav-encode';
import { useEditorStore } from '../store';

const MAX_RECORDING_SECONDS = 120;

type CaptureState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'recording'; seconds: number }
  | { status: 'uploading' }
  | { status: 'error'; message: string };

interface Recording {
  stream: MediaStream;
  context: AudioContext;
  processor: ScriptProcessorNode;
  source: MediaStreamAudioSourceNode;
  chunks: Float32Array[];
  startedAt: number;
  timer: number;
}

const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '').trim().slice(0, 120) || 'sound';
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export function SoundCapture({ id, onCreated }: { id: string; onCreated: (soundId: string) => void }) {
  const t = useTranslations('editor.inspector.prompt');
  const fileInput = useRef<HTMLInputElement>(null);
  const recording = useRef<Recording | null>(null);
  const [state, setState] = useState<CaptureState>({ status: 'idle' });
  const busy = state.status === 'starting' || state.status === 'recording' || state.status === 'uploading';

  const release = () => {
    const r = recording.current;
    recording.current = null;
    if (!r) return;
    window.clearInterval(r.timer);
    r.processor.onaudioprocess = null;
    r.source.disconnect();
    r.processor.disconnect();
    r.stream.getTracks().forEach((track) => track.stop());
    void r.context.close().catch(() => undefined);
  };
  useEffect(() => release, []);

  const upload = async (file: Blob, name: string, fileName: string) => {
    setState({ status: 'uploading' });
    const store = useEditorStore.getState();
    const form = new FormData();
    form.set('file', file, fileName);
    form.set('name', name);
    form.set('language', store.meta.language ?? store.language);
    try {
      const response = await fetch('/api/sounds', { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => ({}))) as { id?: string; name?: string; error?: { message?: string } };
      if (!response.ok || !body.id) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      const now = useEditorStore.getState();
      const sounds = [...now.references.sounds.filter((s) => s.id !== body.id), { id: body.id, name: body.name ?? name }].sort((a, b) => a.name.localeCompare(b.name));
      now.setReferences({ ...now.references, sounds });
      onCreated(body.id);
      setState({ status: 'idle' });
    } catch (err) {
      setState({ status: 'error', message: t('uploadError', { message: (err as Error).message }) });
    }
  };

  const onFile = (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (file) void upload(file, baseName(file.name), file.name);
  };

  const startRecording = async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setState({ status: 'error', message: t('micUnavailable') });
    setState({ status: 'starting' });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
      const context = new AudioContext();
      await context.resume();
      const source = context.createMediaStreamSource(stream);
      const processor = context.createScriptProcessor(4096, 1, 1);
      const chunks: Float32Array[] = [];
      processor.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
      source.connect(processor);
      processor.connect(context.destination); // a ScriptProcessor only runs when connected; its output is silence
      const startedAt = performance.now();
      const timer = window.setInterval(() => {
        const seconds = (performance.now() - startedAt) / 1000;
        if (seconds >= MAX_RECORDING_SECONDS) void stopRecording();
        else setState({ status: 'recording', seconds });
      }, 250);
      recording.current = { stream, context, processor, source, chunks, startedAt, timer };
      setState({ status: 'recording', seconds: 0 });
    } catch (err) {
      release();
      const denied = (err as DOMException).name === 'NotAllowedError' || (err as DOMException).name === 'SecurityError';
      setState({ status: 'error', message: denied ? t('micDenied') : t('micError', { message: (err as Error).message }) });
    }
  };

  const stopRecording = async () => {
    const r = recording.current;
    if (!r) return;
    const sampleRate = r.context.sampleRate;
    const samples = concatChunks(r.chunks);
    release();
    if (samples.length < sampleRate / 10) return setState({ status: 'error', message: t('recordTooShort') });
    const wav = encodeWav(samples, sampleRate);
    const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ');
    await upload(new Blob([wav.buffer as ArrayBuffer], { type: 'audio/wav' }), t('recordingName', { date: stamp }), 'recording.wav');
  };

  const cancelRecording = () => {
    release();
    setState({ status: 'idle' });
  };

  return (
    <div className="sound-capture" data-state={state.status}>
      <input
        ref={fileInput}
        id={`${id}-file`}
        type="file"
        accept="audio/wav,audio/x-wav,audio/mpeg,.wav,.mp3"
        aria-label={t('uploadFile')}
        hidden
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      {state.status === 'recording' ? (
        <span className="recording" role="status">
          <span className="rec-dot" aria-hidden /> {t('recording', { time: clock(state.seconds) })}
          <button type="button" className="button small primary" onClick={() => void stopRecording()}>
            ■ {t('recordStop')}
          </button>
          <button type="button" className="button small" onClick={cancelRecording}>
            {t('recordCancel')}
          </button>
        </span>
      ) : (
        <span className="capture-buttons">
          <button type="button" className="button small" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('uploadButton')}
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => void startRecording()}>
            ● {t('recordButton')}
          </button>
        </span>
      )}
      {state.status === 'starting' && <span className="muted" role="status">{t('micStarting')}</span>}
      {state.status === 'uploading' && <span className="muted" role="status" aria-busy>{t('uploading')}</span>}
      {state.status === 'error' && (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      )}
    </div>
  );
}
