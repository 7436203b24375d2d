// SQLite as a benchmark module: the amalgamation shipped in npm better-sqlite3 plus our own app
// (fixtures/sqlite/app.c), compiled for wasm32-wasip1 with npm clang and cached by content.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from './cache.mjs';
import { clangVersion, compileC } from './clang.mjs';
import { fixturesDir, workDir } from './paths.mjs';

const libDir = fileURLToPath(new URL('.', import.meta.url));
const sqliteDir = join(workDir, 'sqlite');
const tarball = { spec: 'better-sqlite3@12.11.1', file: 'better-sqlite3-12.11.1.tgz' };
const tarballSha512 =
  'dq9AtApgg5PGFtBzPFSBl3HZQjHok5gaQCM6zh2Yk0aSmDCs1CbnVI8/HgASQkNKsWFpseIO9beg5xxpYhbIfA==';
const appSource = join(fixturesDir, 'sqlite', 'app.c');

// SQLite needs no threads, extensions or WAL here; wasi-libc emulates the rest of POSIX it uses.
const emulated = ['mman', 'getpid', 'process-clocks', 'signal'];
const compileFlags = [
  '--target=wasm32-wasip1',
  '-O2',
  '-s',
  '-DSQLITE_THREADSAFE=0',
  '-DSQLITE_OMIT_LOAD_EXTENSION',
  '-DSQLITE_OMIT_WAL',
  ...emulated.map((lib) => `-D_WASI_EMULATED_${lib.replace('-', '_').toUpperCase()}`),
];
const linkFlags = emulated.map((lib) => `-lwasi-emulated-${lib}`);

/** Builds (or reuses) the SQLite app module and returns the benchmark module. */
export async function prepareSqlite() {
  const amalgamation = extractAmalgamation();
  const sources = [appSource, join(amalgamation, 'sqlite3.c')];
  const header = readFileSync(join(amalgamation, 'sqlite3.h'));
  const key = contentHash([
    ...sources.map((file) => readFileSync(file)),
    header,
    clangVersion(),
    [...compileFlags, ...linkFlags].join(' '),
  ]).slice(0, 16);
  const inputPath = join(sqliteDir, `sqlite-app-${key}.wasm`);
  if (!existsSync(inputPath)) {
    const files = {
      src: { 'app.c': readFileSync(appSource), 'sqlite3.c': readFileSync(sources[1]) },
      inc: { 'sqlite3.h': header },
    };
    const wasm = await compileC(files, [
      ...compileFlags,
      '-Iinc',
      'src/app.c',
      'src/sqlite3.c',
      ...linkFlags,
    ]);
    const partial = `${inputPath}.partial`;
    writeFileSync(partial, wasm);
    renameSync(partial, inputPath);
  }
  return {
    name: 'SQLite 3.53.2 (30k-row in-memory DB)',
    inputPath,
    wizerInvocation: (outPath) => ({ args: ['--allow-wasi', '-o', outPath, inputPath] }),
    validate: (outPath) => validateSqlite(inputPath, outPath),
  };
}

/** Downloads the better-sqlite3 tarball with npm (checking its integrity) and unpacks deps/sqlite3. */
function extractAmalgamation() {
  const dir = join(sqliteDir, 'package', 'deps', 'sqlite3');
  if (existsSync(join(dir, 'sqlite3.c'))) return dir;
  mkdirSync(sqliteDir, { recursive: true });
  const tarPath = join(sqliteDir, tarball.file);
  if (!existsSync(tarPath)) {
    const npm = process.env.npm_execpath;
    const [command, prefix] = npm ? [process.execPath, [npm]] : ['npm', []];
    execFileSync(command, [...prefix, 'pack', tarball.spec, '--pack-destination', sqliteDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const digest = createHash('sha512').update(readFileSync(tarPath)).digest('base64');
  if (digest !== tarballSha512) {
    rmSync(tarPath);
    throw new Error(`${tarball.file} does not match its published sha512 integrity`);
  }
  execFileSync('tar', ['xzf', tarPath, '-C', sqliteDir, 'package/deps/sqlite3']);
  return dir;
}

/** The wizened module's `main` must print what the original prints (it initializes itself). */
async function validateSqlite(inputPath, outPath) {
  const run = (file) => {
    const result = spawnSync(
      process.execPath,
      ['--no-warnings', join(libDir, 'run-wasi.mjs'), file, '5'],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`${file} exited ${result.status}: ${result.stderr}`);
    return result.stdout;
  };
  const expected = run(inputPath);
  const actual = run(outPath);
  if (actual !== expected) throw new Error(`main printed:\n${actual}\nexpected:\n${expected}`);
  return `main prints the same ${expected.split('\n').length - 1} lines as the original`;
}
