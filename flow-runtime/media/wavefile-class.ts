// The WaveFile class of the `wavefile` package, whichever build was loaded: Node loads its
// CommonJS build (`main`: the default import is the exports object), webpack (the admin build)
// its ES module (`module`: named export only, no default). `import wavefile from 'wavefile'`
// is undefined under webpack, which made every WAV read/write in the admin fail.
import * as wavefileModule from 'wavefile';

type WavefileShape = typeof wavefileModule & { default?: typeof wavefileModule };
const loaded = wavefileModule as WavefileShape;

export const WaveFile: typeof wavefileModule.WaveFile = loaded.WaveFile ?? loaded.default!.WaveFile;
export type WaveFile = InstanceType<typeof wavefileModule.WaveFile>;
