// A step type's badge (palette items and nodes): its SVG icon when the registry has one,
// else its glyph.
import type { StepType } from '@/schemas';
import { STEP_EDITORS } from '../core/step-registry';

export function StepGlyph({ type, className }: { type: StepType; className?: string }) {
  const spec = STEP_EDITORS[type];
  return (
    <span className={`step-glyph${className ? ` ${className}` : ''}`} aria-hidden data-glyph={spec.iconPath ? 'svg' : 'text'}>
      {spec.iconPath ? (
        <svg viewBox="0 0 24 24" width="1em" height="1em" focusable="false">
          <path d={spec.iconPath} fill="currentColor" />
        </svg>
      ) : (
        spec.glyph
      )}
    </span>
  );
}
