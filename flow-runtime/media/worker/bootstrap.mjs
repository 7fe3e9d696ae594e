// Worker entry point: the media worker is TypeScript, and worker threads do not inherit the
// parent's loaders (neither vitest's nor `node --import tsx`'s), so load it through tsx here.
// Works the same under vitest, `npx tsx` and `node --import tsx`.
import { tsImport } from 'tsx/esm/api';

await tsImport('./media-worker.ts', import.meta.url);
