'use client';
// ▶ on a transcript prompt: plays what the caller would hear, item after item — text-to-speech
// through GET /api/tts (the voice callers hear), uploaded sounds, digits read out. Tones are
// skipped. One <audio> element; errors (e.g. TTS rate limit) are said, not thrown.
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { PlayItem } from '@/flow-runtime/interpreter';

export function promptUrls(items: readonly PlayItem[], fallbackLanguage: 'fr' | 'en'): string[] {
  const urls: string[] = [];
  for (const item of items) {
    if (item.kind === 'tts') urls.push(`/api/tts?${new URLSearchParams({ text: item.text, voice: item.language ?? fallbackLanguage })}`);
    else if (item.kind === 'digits') urls.push(`/api/tts?${new URLSearchParams({ text: item.digits.split('').join(' '), voice: item.language ?? fallbackLanguage })}`);
    else if (item.kind === 'sound') urls.push(`/api/sounds/${encodeURIComponent(item.soundId)}/audio`);
  }
  return urls;
}

export function PromptPlayer({ items, language, label }: { items: readonly PlayItem[]; language: 'fr' | 'en'; label: string }) {
  const t = useTranslations('editor.simulator.transcript');
  const audio = useRef<HTMLAudioElement>(null);
  const queue = useRef<string[]>([]);
  const [state, setState] = useState<'idle' | 'playing' | 'error'>('idle');
  const urls = promptUrls(items, language);
  if (urls.length === 0) return null;

  const next = () => {
    const url = queue.current.shift();
    const element = audio.current;
    if (!url || !element) return setState('idle');
    element.src = url;
    element.play().catch(() => setState('error'));
  };
  const toggle = () => {
    if (state === 'playing') {
      queue.current = [];
      audio.current?.pause();
      return setState('idle');
    }
    queue.current = [...urls];
    setState('playing');
    next();
  };
  return (
    <span className="sim-play">
      <button type="button" className="button small" onClick={toggle} aria-label={`${state === 'playing' ? t('stop') : t('play')}: ${label}`} title={state === 'playing' ? t('stop') : t('play')}>
        {state === 'playing' ? '■' : '▶'}
      </button>
      <audio ref={audio} preload="none" data-testid="sim-audio" onEnded={next} onError={() => state === 'playing' && setState('error')} />
      {state === 'error' && (
        <span className="field-error" role="alert">
          {t('playFailed')}
        </span>
      )}
    </span>
  );
}
