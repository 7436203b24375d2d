/**
 * CLI mode: every case runs `node dist/cli.js ARGS` on the host and the image's own entry point
 * with the same ARGS in a container, the way `docker run --rm -v "$PWD:/work" -w /work IMAGE
 * ARGS` would, each side in its own copy of one workspace. Exit code, stdout bytes, stderr text
 * and every file the run leaves in the workspace must be identical.
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir, type ProcessResult } from '../../__tests__/helpers/tools.js';
import { Buildah } from './buildah.js';
import { CLI_WORKSPACE, containerContext, runHostCli } from './context.js';
import { INPUT_TEXT, writeCliWorkspace } from './fixtures.js';

interface CliCase {
  name: string;
  args: string[];
  /** A workspace file to pipe to stdin. */
  stdin?: string;
  /** Both sides must succeed, so two identical failures cannot pass a real wizening. */
  succeeds: boolean;
}

const CASES: CliCase[] = [
  {
    name: 'wizens to a file (-o out.wasm in.wasm)',
    args: ['-o', 'out.wasm', 'counter.wasm'],
    succeeds: true,
  },
  { name: 'wizens stdin to stdout', args: [], stdin: 'counter.wasm', succeeds: true },
  {
    name: 'wizens a component (its jco transpiler is in the image)',
    args: ['-o', 'out.wasm', 'component.wasm'],
    succeeds: true,
  },
  {
    name: 'optimizes with --optimize (binaryen.js is in the image)',
    args: ['--optimize', '-O', '-o', 'out.wasm', 'counter.wasm'],
    succeeds: true,
  },
  {
    name: 'preopens a --dir of the mounted workspace for a WASI init',
    args: ['--allow-wasi', '--dir', 'data', '-o', 'out.wasm', 'reads-file.wasm'],
    succeeds: true,
  },
  {
    name: 'fails on a trapping init and leaves no output',
    args: ['-o', 'out.wasm', 'traps.wasm'],
    succeeds: false,
  },
  {
    name: 'fails on a missing init export',
    args: ['-f', 'nope', '-o', 'out.wasm', 'counter.wasm'],
    succeeds: false,
  },
  {
    name: 'fails on a missing input file',
    args: ['-o', 'out.wasm', 'missing.wasm'],
    succeeds: false,
  },
  { name: 'exits 2 on a usage error', args: ['--no-such-flag'], succeeds: false },
  { name: 'prints --help', args: ['--help'], succeeds: true },
  { name: 'prints --version', args: ['--version'], succeeds: true },
];

interface SideResult extends ProcessResult {
  files: Map<string, Buffer>;
}

const context = containerContext();

describe.skipIf(!context.available)('container image, CLI mode', () => {
  const buildah = new Buildah(context.available ? context.cacheDir : '');
  let scratch: ReturnType<typeof tempDir> | undefined;
  let fixtures = '';
  let container = '';
  let entrypoint: string[] = [];

  beforeAll(async () => {
    if (!context.available) return;
    scratch = tempDir('wizer-container-cli-');
    fixtures = join(scratch.path, 'fixtures');
    await writeCliWorkspace(fixtures);
    entrypoint = (await buildah.imageConfig(context.image)).Entrypoint ?? [];
    container = await buildah.createContainer(context.image, `wizer-cli-test-${process.pid}`);
  });

  afterAll(async () => {
    if (container) await buildah.removeContainer(container);
    scratch?.cleanup();
  });

  /** Runs the case on one side in a fresh copy of the fixture workspace. */
  async function runSide(side: 'host' | 'container', testCase: CliCase): Promise<SideResult> {
    const workspace = join(scratch!.path, side);
    rmSync(workspace, { recursive: true, force: true });
    cpSync(fixtures, workspace, { recursive: true });
    const input = testCase.stdin ? readFileSync(join(workspace, testCase.stdin)) : undefined;
    const buildContext = context.available ? context.buildContext : '';
    const result =
      side === 'host'
        ? await runHostCli(buildContext, testCase.args, {
            cwd: workspace,
            ...(input ? { input } : {}),
          })
        : await buildah.run(container, [...entrypoint, ...testCase.args], {
            volumes: [`${workspace}:${CLI_WORKSPACE}`],
            workdir: CLI_WORKSPACE,
            ...(input ? { input } : {}),
          });
    // A message naming an absolute path would name each side's own workspace.
    const root = side === 'host' ? workspace : CLI_WORKSPACE;
    return {
      ...result,
      stderr: result.stderr.replaceAll(root, '<workspace>'),
      files: filesBelow(workspace),
    };
  }

  test.each(CASES)('$name: same as the host CLI', async (testCase) => {
    const host = await runSide('host', testCase);
    const inContainer = await runSide('container', testCase);

    expect(host.code === 0, `host exit ${host.code}: ${host.stderr}`).toBe(testCase.succeeds);
    expect(inContainer.code).toBe(host.code);
    expect(inContainer.stderr).toBe(host.stderr);
    expect(inContainer.stdout.equals(host.stdout), 'stdout bytes differ').toBe(true);
    expect([...inContainer.files.keys()].sort()).toEqual([...host.files.keys()].sort());
    for (const [name, bytes] of host.files) {
      expect(inContainer.files.get(name)?.equals(bytes), `${name} differs`).toBe(true);
    }
  });

  test('the WASI init really read the mounted file', async () => {
    const readsFile = CASES.find((c) => c.args.includes('reads-file.wasm'))!;
    const result = await runSide('container', readsFile);
    expect(result.code, result.stderr).toBe(0);
    expect(result.files.get('out.wasm')?.includes(Buffer.from(INPUT_TEXT))).toBe(true);
  });
});

/** Every file below `dir`, by relative path. */
function filesBelow(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory())
      for (const [name, bytes] of filesBelow(dir, relative)) files.set(name, bytes);
    else files.set(relative, readFileSync(join(dir, relative)));
  }
  return files;
}
