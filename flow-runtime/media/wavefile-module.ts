// The `wavefile` package, the same under Node and in the admin's webpack server build.
// Its CommonJS build marks itself `__esModule` and has only named exports: Node's ESM loader
// hands it over as the default import, but webpack (Next's server build, where it is an
// external package) resolves the default import to `exports.default`, i.e. undefined — every
// upload and Listen in the built admin failed with "reading 'WaveFile'". Import it from here.
import * as wavefileNamespace from 'wavefile';

type WavefileModule = typeof import('wavefile');

const namespace = wavefileNamespace as unknown as Partial<WavefileModule> & { default?: WavefileModule };

export const wavefile: WavefileModule = (namespace.WaveFile ? namespace : namespace.default) as WavefileModule;
