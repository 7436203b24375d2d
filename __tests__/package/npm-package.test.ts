/**
 * The npm package as a consumer gets it: `npm pack` of the repository (its dist/, or the build
 * named by WIZER_TEST_CLI, e.g. `node scripts/build.mjs --out .tmp/dist-x`), installed offline
 * from the tarball into an empty project, with the Node running this suite (Node 24) first on
 * PATH and npm run on it. Then, as the consumer:
 * - `npx wizer` on a module with a `.wat` preload gives what upstream Wizer gives (differential
 *   comparison), and the lazily loaded parts (binaryen for `--optimize`, jco's transpiler for
 *   components) work from the installed files alone;
 * - `wizen` imported from plain `.mjs`, with and without `timeoutMs` (and required from `.cjs`);
 * - a strict NodeNext TypeScript consumer type-checks against the declarations, and a wrong call
 *   does not.
 * The tarball holds what runs and nothing else, and the install pulls in no other package and
 * runs no script.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameSuccess } from '../differential/compare-outputs.js';
import type { SideResult } from '../differential/harness.js';
import { assemble } from '../component/fixtures.js';
import { wizen } from '../../src/index.js';
import {
  type ProcessResult,
  ourCliPath,
  repoRoot,
  runProcess,
  runUpstream,
  tempDir,
  toolEnv,
  wat,
} from '../helpers/tools.js';

interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const NAME = manifest.name;
/** Upper bound on the tarball: it is about 4.3 MB, most of it binaryen.js and jco's transpiler. */
const MAX_TARBALL_BYTES = 10_000_000;
/** Scripts npm runs when a package is installed. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

const work = tempDir('wizer-npm-package-');
const consumer = join(work.path, 'consumer');
const nodeDir = dirname(process.execPath);

/** npm's own CLI script: the npm running this suite, else the `npm` on PATH. */
function npmCliScript(name: 'npm-cli.js' | 'npx-cli.js'): string {
  const execPath = process.env['npm_execpath'];
  if (execPath !== undefined && /np[mx]-cli\.js$/.test(execPath)) {
    return join(dirname(execPath), name);
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const npm = join(dir, 'npm');
    if (!existsSync(npm)) continue;
    const real = realpathSync(npm);
    if (real.endsWith('npm-cli.js')) return join(dirname(real), name);
    const beside = join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', name);
    if (existsSync(beside)) return beside;
  }
  throw new Error('npm not found: run the suite through npm, or put npm on PATH');
}

/**
 * A consumer's environment: Node 24 first on PATH, and an npm cache, user config and home of its
 * own, so neither the developer's npm settings nor the suite's `npm_*` variables take part.
 */
function consumerEnv(): NodeJS.ProcessEnv {
  return {
    PATH: [nodeDir, process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
    HOME: join(work.path, 'home'),
    npm_config_cache: join(work.path, 'npm-cache'),
    npm_config_userconfig: join(work.path, 'home', '.npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

function npm(args: string[], cwd: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [npmCliScript('npm-cli.js'), ...args], {
    cwd,
    env: consumerEnv(),
    timeoutMs: 120_000,
  });
}

/** `npx --no --offline <args>` in the consumer project: its bin, never a download. */
function npx(args: string[], cwd = consumer): Promise<ProcessResult> {
  return runProcess(process.execPath, [npmCliScript('npx-cli.js'), '--no', '--offline', ...args], {
    cwd,
    env: consumerEnv(),
    timeoutMs: 120_000,
  });
}

function expectOk(result: ProcessResult, what: string): void {
  expect(result.code, `${what} failed:\n${result.stderr}\n${result.stdout.toString()}`).toBe(0);
}

/**
 * What to pack: the repository itself, or, for another build, a copy of the package's own files
 * with that build as dist/ (npm pack reads `files` from the same package.json either way).
 */
function packageSource(): string {
  if (process.env['WIZER_TEST_CLI'] === undefined) return repoRoot;
  const stage = join(work.path, 'stage');
  mkdirSync(stage);
  for (const file of ['package.json', 'README.md', 'LICENSE']) {
    writeFileSync(join(stage, file), readFileSync(join(repoRoot, file)));
  }
  copyTree(dirname(ourCliPath), join(stage, 'dist'));
  return stage;
}

function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
    else
      writeFileSync(join(to, entry.name), readFileSync(join(from, entry.name)), {
        mode: statSync(join(from, entry.name)).mode,
      });
  }
}

/** Every file below `dir`, as slash-separated paths relative to `base`. */
function filesBelow(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesBelow(join(dir, entry.name), base)
      : [relative(base, join(dir, entry.name)).split('\\').join('/')],
  );
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string }>;
}

let packed: PackResult;
let source: string;
let tarball: string;

beforeAll(async () => {
  mkdirSync(join(work.path, 'home'));
  writeFileSync(join(work.path, 'home', '.npmrc'), '');
  source = packageSource();
  const packDir = join(work.path, 'pack');
  mkdirSync(packDir);
  const pack = await npm(['pack', '--json', '--pack-destination', packDir], source);
  expectOk(pack, 'npm pack');
  [packed] = JSON.parse(pack.stdout.toString()) as [PackResult];
  tarball = join(packDir, packed.filename);
  console.log(
    `npm package: ${packed.filename} ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ` +
      `${packed.entryCount} files`,
  );

  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  const install = await npm(['install', '--offline', tarball], consumer);
  expectOk(install, 'npm install of the tarball');
}, 300_000);

afterAll(() => work.cleanup());

describe('npm package', () => {
  it('packs what runs and nothing else, below the size bound', () => {
    expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
    const distFiles = filesBelow(join(source, 'dist'))
      .filter((file) => !/^(\d+\.)?index\.js$/.test(file)) // the action's bundle and chunks
      .map((file) => `dist/${file}`);
    expect(packed.files.map((f) => f.path).sort()).toEqual(
      ['LICENSE', 'README.md', 'package.json', ...distFiles].sort(),
    );
    for (const file of ['dist/lib.js', 'dist/cli.js', 'dist/types/index.d.ts']) {
      expect(distFiles).toContain(file);
    }
  });

  it('installs offline with no other package and no install script', () => {
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules', ...NAME.split('/'), 'package.json'), 'utf8'),
    ) as PackageJson;
    expect(installed.name).toBe(NAME);
    expect(installed.version).toBe(manifest.version);
    expect(installed.dependencies ?? {}).toEqual({});
    expect(installed.optionalDependencies ?? {}).toEqual({});
    expect(installed.peerDependencies ?? {}).toEqual({});
    for (const script of INSTALL_SCRIPTS)
      expect(installed.scripts ?? {}).not.toHaveProperty(script);

    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    expect(Object.keys(lock.packages).sort()).toEqual(['', `node_modules/${NAME}`]);
    expect(lock.packages[`node_modules/${NAME}`]!.hasInstallScript).toBeUndefined();
    const [scope] = NAME.split('/');
    expect(readdirSync(join(consumer, 'node_modules')).sort()).toEqual(
      ['.bin', '.package-lock.json', scope!].sort(),
    );
    expect(readdirSync(join(consumer, 'node_modules', '.bin')).sort()).toEqual(
      ['wizer', 'wizer-action'].sort(),
    );
  });

  it('runs its bins on Node 24: `npx wizer-action --version`, `npx wizer --help`', async () => {
    const node = await npm(['exec', '--offline', '-c', 'node -p process.version'], consumer);
    expectOk(node, 'node on the consumer PATH');
    expect(node.stdout.toString().trim()).toBe(process.version);
    expect(Number(/^v(\d+)/.exec(process.version)![1])).toBeGreaterThanOrEqual(24);

    const version = await npx(['wizer-action', '--version']);
    expectOk(version, 'npx wizer-action --version');
    expect(version.stdout.toString()).toContain(manifest.version);
    const help = await npx(['wizer', '--help']);
    expectOk(help, 'npx wizer --help');
    expect(help.stdout.toString()).toContain('--allow-wasi');
  }, 120_000);

  it('`npx wizer` gives what upstream Wizer gives (with a .wat preload and a rename)', async () => {
    const input = await wat(`(module
      (import "stub" "seven" (func $seven (result i32)))
      (memory (export "memory") 1)
      (global $g (export "g") (mut i32) (i32.const 0))
      (global $h (mut i64) (i64.const 0))
      (data (i32.const 16) "before init")
      (func (export "wizer-initialize")
        (global.set $g (call $seven))
        (global.set $h (i64.const 0x0102030405060708))
        (i32.store (i32.const 16) (i32.const 0x41424344))
        (memory.fill (i32.const 1000) (i32.const 0xab) (i32.const 300)))
      (func (export "probe-h") (result i64) (global.get $h))
      (func (export "run") (result i32) (global.get $g)))`);
    const stub = '(module (func (export "seven") (result i32) (i32.const 7)))';
    const args = ['--preload', 'stub=stub.wat', '-r', 'entry=run', '-o', 'out.wasm', 'in.wasm'];

    const upstreamDir = join(work.path, 'upstream');
    const oursDir = join(consumer, 'diff');
    for (const dir of [upstreamDir, oursDir]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'in.wasm'), input);
      writeFileSync(join(dir, 'stub.wat'), stub);
    }
    const [upstream, ours] = await Promise.all([
      runUpstream(args, { cwd: upstreamDir }),
      npx(['wizer', ...args], oursDir),
    ]);
    const side = (result: ProcessResult, dir: string): SideResult => {
      const out = join(dir, 'out.wasm');
      const outFile = existsSync(out) ? readFileSync(out) : undefined;
      return { ...result, outFile, output: outFile, dir };
    };
    const { ours: parsed } = await expectSameSuccess(
      {
        case: { wasm: input, args },
        upstream: side(upstream, upstreamDir),
        ours: side(ours, oursDir),
      },
      {},
    );
    expect(parsed.exports.map((e) => e.name)).toContain('entry');
  }, 120_000);

  it("loads binaryen (--optimize) and jco's transpiler (components) from the installed files", async () => {
    const dir = join(consumer, 'lazy');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'core.wasm'),
      await wat(`(module
        (memory (export "memory") 1)
        (global $g (export "g") (mut i32) (i32.const 0))
        (func $unused (result i32) (i32.const 1))
        (func (export "wizer-initialize") (global.set $g (i32.const 42))))`),
    );
    const optimized = await npx(
      ['wizer', '--optimize', '-Oz', '-o', 'core.opt.wasm', 'core.wasm'],
      dir,
    );
    expectOk(optimized, 'npx wizer --optimize -Oz');
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(readFileSync(join(dir, 'core.opt.wasm'))),
    );
    expect((instance.exports['g'] as WebAssembly.Global).value).toBe(42);

    const component = await assemble(
      readFileSync(join(repoRoot, 'fixtures', 'components', 'equivalence', 'single.wat'), 'utf8'),
    );
    writeFileSync(join(dir, 'component.wasm'), component);
    const result = await npx(['wizer', '-o', 'component.out.wasm', 'component.wasm'], dir);
    expectOk(result, 'npx wizer on a component');
    const expected = await wizen(component);
    expect(
      Buffer.from(readFileSync(join(dir, 'component.out.wasm'))).equals(Buffer.from(expected.wasm)),
    ).toBe(true);
  }, 120_000);

  it('imports `wizen` from plain .mjs, with and without timeoutMs, and requires it from .cjs', async () => {
    const dir = join(consumer, 'mjs');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'in.wasm'),
      await wat(`(module
        (memory (export "memory") 1)
        (global $g (export "g") (mut i32) (i32.const 0))
        (func (export "wizer-initialize")
          (global.set $g (i32.const 42))
          (i32.store (i32.const 8) (i32.const 7)))
        (func (export "spin") (loop (br 0))))`),
    );
    writeFileSync(
      join(dir, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { wizen, WizerError, TOOL_VERSION } from '${NAME}';

const input = readFileSync(new URL('./in.wasm', import.meta.url));
const read = async (wasm) => {
  const { instance } = await WebAssembly.instantiate(wasm);
  return [instance.exports.g.value, new Uint32Array(instance.exports.memory.buffer)[2]];
};
const plain = await wizen(input);
const bounded = await wizen(input, { timeoutMs: 30000 });
let stopped = 'not stopped';
try {
  await wizen(input, { initFunc: 'spin', timeoutMs: 300 });
} catch (error) {
  stopped = error instanceof WizerError ? error.message : String(error);
}
console.log(JSON.stringify({
  version: TOOL_VERSION,
  plain: await read(plain.wasm),
  bounded: await read(bounded.wasm),
  same: Buffer.from(plain.wasm).equals(Buffer.from(bounded.wasm)),
  outputBytes: plain.report.outputBytes === plain.wasm.length,
  stopped,
}));
`,
    );
    const result = await runProcess(process.execPath, ['use.mjs'], {
      cwd: dir,
      env: toolEnv(),
    });
    expectOk(result, 'node use.mjs');
    expect(JSON.parse(result.stdout.toString())).toEqual({
      version: manifest.version,
      plain: [42, 7],
      bounded: [42, 7],
      same: true,
      outputBytes: true,
      stopped: 'initialization did not finish within the 0.3 s timeout and was stopped',
    });

    // CommonJS gets the same module through Node 24's require() of ES modules.
    writeFileSync(
      join(dir, 'use.cjs'),
      `const { wizen, TOOL_VERSION } = require('${NAME}');
console.log(typeof wizen, TOOL_VERSION);
`,
    );
    const cjs = await runProcess(process.execPath, ['use.cjs'], { cwd: dir, env: toolEnv() });
    expectOk(cjs, 'node use.cjs');
    expect(cjs.stdout.toString()).toBe(`function ${manifest.version}\n`);
  }, 60_000);

  it('type-checks a strict NodeNext TypeScript consumer, and rejects a wrong call', async () => {
    const dir = join(consumer, 'ts');
    mkdirSync(dir);
    const tsconfig = (file: string) =>
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['ES2023'],
          types: [],
          strict: true,
          noEmit: true,
        },
        files: [file],
      });
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig('good.ts'));
    writeFileSync(join(dir, 'tsconfig.bad.json'), tsconfig('bad.ts'));
    writeFileSync(
      join(dir, 'good.ts'),
      `import {
  wizen,
  resolveOptions,
  DEFAULT_OPTIONS,
  TOOL_VERSION,
  WizerError,
  GuestTrap,
  type WizenOptions,
  type WizenResult,
  type WizenReport,
  type Preopen,
} from '${NAME}';

export async function run(input: Uint8Array): Promise<number> {
  const preopens: Preopen[] = [{ guest: '/data', host: '.' }];
  const options: Partial<WizenOptions> = { allowWasi: true, preopens, timeoutMs: 5000 };
  const full: WizenOptions = resolveOptions(options);
  const initFunc: string = DEFAULT_OPTIONS.initFunc;
  try {
    const result: WizenResult = await wizen(input, { ...full, initFunc });
    const report: WizenReport = result.report;
    return report.outputBytes + result.wasm.length + TOOL_VERSION.length;
  } catch (error) {
    if (error instanceof GuestTrap) return -2;
    if (error instanceof WizerError) return -1;
    throw error;
  }
}
`,
    );
    writeFileSync(
      join(dir, 'bad.ts'),
      `import { wizen } from '${NAME}';
export const wrong = wizen(new Uint8Array(), { timeoutMs: 'soon' });
`,
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const good = await runProcess(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: dir,
      env: toolEnv(),
    });
    expect(good.code, good.stdout.toString()).toBe(0);
    const bad = await runProcess(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], {
      cwd: dir,
      env: toolEnv(),
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout.toString()).toMatch(
      /^bad\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/m,
    );
  }, 60_000);
});
