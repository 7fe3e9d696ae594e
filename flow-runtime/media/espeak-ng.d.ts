// The `espeak-ng` npm package (eSpeak NG compiled to WebAssembly by Emscripten) ships no types.
// Only what speech-engine.ts uses: the module factory, its options and the in-memory file system.
declare module 'espeak-ng' {
  interface ESpeakNgModule {
    FS: { readFile(path: string): Uint8Array };
  }
  interface ESpeakNgOptions {
    /** eSpeak NG's command line (argv without the program name). */
    arguments: string[];
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    /** Called when main() exits; must throw `toThrow` to unwind. */
    quit?: (status: number, toThrow: unknown) => void;
  }
  const ESpeakNg: (options: ESpeakNgOptions) => Promise<ESpeakNgModule>;
  export default ESpeakNg;
}
