/**
 * Cache archives and runners without zstd, for the e2e cache tests.
 *
 * @actions/cache compresses with zstd when a `zstd` program answers `--version` on PATH and with
 * gzip otherwise, and puts that choice in the entry's version. Tests that open or tamper with a
 * stored archive must therefore read both formats, and must not need a `zstd` or `tar` program
 * themselves (they are what is being varied). Everything here is done in Node: zlib reads and
 * writes gzip and zstd, and the tar layout is walked by hand.
 */
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  readdirSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { gunzipSync, gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { tempDir } from '../helpers/tools.js';

export type Compression = 'gzip' | 'zstd';

/** The programs @actions/cache runs for zstd (`zstd --version`, `unzstd`, `zstdmt`). */
export const ZSTD_PROGRAMS = ['zstd', 'unzstd', 'zstdmt'];

/** The compression of a stored cache archive, from its magic number. */
export function archiveCompression(archive: Uint8Array): Compression {
  if (archive[0] === 0x1f && archive[1] === 0x8b) return 'gzip';
  if (archive[0] === 0x28 && archive[1] === 0xb5 && archive[2] === 0x2f && archive[3] === 0xfd)
    return 'zstd';
  throw new Error(
    `not a gzip or zstd archive (starts ${Buffer.from(archive.subarray(0, 4)).toString('hex')})`,
  );
}

/**
 * The archive with the last byte of its `module.wasm` flipped, in the archive's own compression.
 * The tar stays well-formed (a header's checksum covers only the header), so extraction succeeds
 * and only the action's own checks can notice.
 */
export function tamperedArchive(archive: Uint8Array): Buffer {
  const compression = archiveCompression(archive);
  const tar = compression === 'gzip' ? gunzipSync(archive) : zstdDecompressSync(archive);
  const module = tarFiles(tar).find(
    (f) => f.name === 'module.wasm' || f.name.endsWith('/module.wasm'),
  );
  if (!module || module.size === 0) throw new Error('the archive holds no module.wasm');
  tar[module.offset + module.size - 1]! ^= 0xff;
  return compression === 'gzip' ? gzipSync(tar) : zstdCompressSync(tar);
}

interface TarFile {
  name: string;
  /** Where the file's bytes start in the tar. */
  offset: number;
  size: number;
}

/**
 * Regular files of a tar: ustar, pax (`--posix`, which @actions/cache passes to GNU and BSD tar)
 * and GNU long names.
 */
export function tarFiles(tar: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  const text = (from: number, length: number) => {
    const bytes = tar.subarray(from, from + length);
    const end = bytes.indexOf(0);
    return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
  };
  let nextName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    if (tar.subarray(at, at + 512).every((b) => b === 0)) break;
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156]!);
    const data = at + 512;
    if (type === 'x') {
      nextName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text(data, size))?.[1] ?? nextName;
    } else if (type === 'L') {
      nextName = text(data, size);
    } else if (type === '0' || type === '\0') {
      const prefix = text(at + 345, 155);
      const name = nextName ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
      files.push({ name, offset: data, size });
      nextName = undefined;
    } else if (type !== 'g') {
      nextName = undefined;
    }
    at = data + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Whether `program` is an executable in one of the PATH's directories. */
export function onPath(program: string, path = process.env['PATH'] ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => executableNames(program).some((name) => isExecutable(join(dir, name))));
}

/**
 * A PATH like `path` on which none of `programs` can be found: every directory holding one of
 * them is replaced by a directory of symlinks to all its other entries, the way a machine
 * without that package looks. Undefined where symlinks cannot be made (Windows without the
 * privilege); callers skip with a message then.
 */
export function pathWithout(
  programs: readonly string[],
  path = process.env['PATH'] ?? '',
): { path: string; cleanup: () => void } | undefined {
  const hidden = new Set(programs.flatMap(executableNames));
  const farms = tempDir('wizer-path-');
  const made = new Map<string, string>();
  try {
    const dirs = path
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => {
        let entries: string[];
        try {
          entries = readdirSync(dir);
        } catch {
          return dir;
        }
        if (!entries.some((name) => hidden.has(name))) return dir;
        const real = realpathSync(dir);
        let farm = made.get(real);
        if (farm === undefined) {
          farm = join(farms.path, String(made.size));
          mkdirSync(farm);
          for (const name of entries)
            if (!hidden.has(name)) symlinkSync(join(real, name), join(farm, name));
          made.set(real, farm);
        }
        return farm;
      });
    return { path: dirs.join(delimiter), cleanup: farms.cleanup };
  } catch (error) {
    farms.cleanup();
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return undefined;
    throw error;
  }
}

function executableNames(program: string): string[] {
  if (process.platform !== 'win32') return [program];
  const extensions = (process.env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';');
  return [program, ...extensions.flatMap((ext) => [program + ext.toLowerCase(), program + ext])];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * A directory with `zstd`, `unzstd` and `zstdmt` programs that do what @actions/cache asks of
 * them (answer `--version`, compress or decompress stdin to stdout) with Node's own zstd, so that
 * a runner with zstd can be tested on a machine that has none. POSIX shells only.
 */
export function nodeZstdPrograms(): { dir: string; cleanup: () => void } {
  const dir = tempDir('wizer-zstd-');
  const script = join(dir.path, 'zstd.mjs');
  writeFileSync(
    script,
    [
      "import { createZstdCompress, createZstdDecompress, constants } from 'node:zlib';",
      "import { pipeline } from 'node:stream/promises';",
      'const [name, ...args] = process.argv.slice(2);',
      "if (args.includes('--version')) { console.log('v1.5.7'); process.exit(0); }",
      "const decompress = name === 'unzstd' || args.includes('-d');",
      'const codec = decompress',
      '  ? createZstdDecompress({ params: { [constants.ZSTD_d_windowLogMax]: 31 } })',
      '  : createZstdCompress();',
      'await pipeline(process.stdin, codec, process.stdout);',
      '',
    ].join('\n'),
  );
  for (const name of ZSTD_PROGRAMS) {
    const program = join(dir.path, name);
    writeFileSync(program, `#!/bin/sh\nexec '${process.execPath}' '${script}' ${name} "$@"\n`);
    chmodSync(program, 0o755);
  }
  return { dir: dir.path, cleanup: dir.cleanup };
}
