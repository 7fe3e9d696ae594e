// What `npm start` says about optional system tools: which ones are on PATH, which engine speaks
// the prompts, and what a missing tool disables. Nothing here is required: after `npm install`
// alone, text-to-speech runs on eSpeak NG's WebAssembly build and WAV/MP3 sounds are converted
// in-process (flow-runtime/media/speech-engine.ts, telephony-audio.ts).
import { findCommand, speechEngineChoice, type SpeechEngineChoice } from '../flow-runtime/media/speech-engine';

/** The lines printed at start-up (one per topic), from the PATH and RELAIS_TTS_ENGINE of `env`. */
export function optionalToolsReport(env: NodeJS.ProcessEnv = process.env): string[] {
  const searchPath = env.PATH ?? '';
  const espeak = findCommand('espeak-ng', searchPath);
  const converter = findCommand('sox', searchPath) ?? findCommand('ffmpeg', searchPath);
  const lines: string[] = [];
  let choice: SpeechEngineChoice;
  try {
    choice = speechEngineChoice(env);
  } catch (err) {
    lines.push(`relais: WARNING ${(err as Error).message} Callers would hear a chime instead of spoken prompts.`);
    choice = 'auto' as const;
  }
  if (choice === 'binary' && !espeak) {
    lines.push('relais: WARNING RELAIS_TTS_ENGINE=binary but espeak-ng is not on PATH: text-to-speech is disabled, callers hear a short chime instead of each spoken prompt (unset RELAIS_TTS_ENGINE to use the built-in engine).');
  } else if (choice === 'binary' || (choice === 'auto' && espeak)) {
    lines.push(`relais: text-to-speech: espeak-ng binary (${espeak})`);
  } else {
    lines.push(
      `relais: text-to-speech: eSpeak NG WebAssembly (npm)${espeak ? '' : '; espeak-ng not installed, nothing disabled (the first synthesis of each prompt is a few times slower, then it is cached)'}`,
    );
  }
  lines.push(
    converter
      ? `relais: audio conversion: WAV and MP3 built in; other formats of prompt files with ${converter}`
      : 'relais: audio conversion: WAV and MP3 built in; sox/ffmpeg not installed, so prompt files in other formats (FLAC, OGG…) cannot be played (uploads are WAV/MP3 and unaffected)',
  );
  return lines;
}

export function reportOptionalTools(env: NodeJS.ProcessEnv = process.env): void {
  for (const line of optionalToolsReport(env)) (line.includes('WARNING') ? console.warn : console.log)(line);
}
