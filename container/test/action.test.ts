/**
 * Action mode: the image run the way the runner runs a `using: docker` action (workspace at
 * /github/workspace as the working directory, file commands under /github/file_commands, inputs
 * as INPUT_* with hyphens kept, RUNNER_TEMP a host path that is not mounted, `runs.env` from
 * container/action.yml), against the loopback cache/artifact emulator. Cache entries must be
 * interchangeable with the JavaScript action's in both directions.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from '../../__tests__/emulator/index.js';
import {
  annotations,
  evaluateDefault,
  parseCommands,
  parseOutputs,
  runAction,
  type ActionRun,
} from '../../__tests__/action/harness.js';
import { repoRoot, tempDir, wat } from '../../__tests__/helpers/tools.js';
import { Buildah } from './buildah.js';
import { containerContext, runHostCli } from './context.js';
import { COUNTER_WAT } from './fixtures.js';

interface Manifest {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; image?: string; env?: Record<string, string>; main?: string };
}

const readManifest = (path: string) =>
  parse(readFileSync(join(repoRoot, path), 'utf8')) as Manifest;
const jsAction = readManifest('action.yml');
const dockerAction = readManifest('container/action.yml');
const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

describe('container/action.yml', () => {
  test('has the same inputs and outputs as action.yml', () => {
    expect(dockerAction.inputs).toEqual(jsAction.inputs);
    expect(dockerAction.outputs).toEqual(jsAction.outputs);
  });

  test('runs this release of the image in action mode', () => {
    expect(dockerAction.runs.using).toBe('docker');
    expect(dockerAction.runs.image).toMatch(
      new RegExp(`^docker://ghcr\\.io/[\\w.-]+/wizer-action:${version.replaceAll('.', '\\.')}$`),
    );
    expect(dockerAction.runs.env).toEqual({ WIZER_MODE: 'action' });
  });
});

const context = containerContext();
const MODULE = 'mods/counter.wasm';
const OUTPUT = 'wizened/mods/counter.wasm';

describe.skipIf(!context.available)('container image, action mode', () => {
  const buildah = new Buildah(context.available ? context.cacheDir : '');
  let scratch: ReturnType<typeof tempDir> | undefined;
  let emulator: Emulator;
  const buildContext = context.available ? context.buildContext : '';
  // The JavaScript action is the snapshot's dist/index.js: no node_modules above it can help.
  const jsEntry = join(buildContext, 'dist', 'index.js');
  let container = '';
  let entrypoint: string[] = [];
  let moduleBytes: Uint8Array;
  let checkouts = 0;

  beforeAll(async () => {
    if (!context.available) return;
    scratch = tempDir('wizer-container-action-');
    emulator = await startEmulator();
    moduleBytes = await wat(COUNTER_WAT);
    entrypoint = (await buildah.imageConfig(context.image)).Entrypoint ?? [];
    container = await buildah.createContainer(context.image, `wizer-action-test-${process.pid}`);
  });

  afterAll(async () => {
    if (container) await buildah.removeContainer(container);
    await emulator?.close();
    scratch?.cleanup();
  });

  /** A fresh checkout holding the source module. */
  function checkout(): string {
    const workspace = join(scratch!.path, `checkout-${++checkouts}`);
    mkdirSync(join(workspace, 'mods'), { recursive: true });
    writeFileSync(join(workspace, MODULE), moduleBytes);
    return workspace;
  }

  /** One step of a Docker action, as the runner starts it. */
  async function runContainerAction(
    workspace: string,
    inputs: Record<string, string>,
  ): Promise<ActionRun> {
    const runnerTemp = join(scratch!.path, `runner-temp-${checkouts}`);
    const dirs = {
      home: '_github_home',
      workflow: '_github_workflow',
      fileCommands: '_runner_file_commands',
    };
    for (const dir of Object.values(dirs)) mkdirSync(join(runnerTemp, dir), { recursive: true });
    writeFileSync(join(runnerTemp, dirs.fileCommands, 'set_output_1'), '');
    writeFileSync(join(runnerTemp, dirs.fileCommands, 'step_summary_1'), '');

    const env: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      HOME: '/github/home',
      GITHUB_WORKSPACE: '/github/workspace',
      GITHUB_OUTPUT: '/github/file_commands/set_output_1',
      GITHUB_STEP_SUMMARY: '/github/file_commands/step_summary_1',
      GITHUB_JOB: 'build',
      GITHUB_ACTION: '__org_wizer-action',
      // The runner passes its own temp path, which is not mounted into the container.
      RUNNER_TEMP: '/home/runner/work/_temp',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      ...emulator.env,
      ...dockerAction.runs.env,
    };
    for (const [name, spec] of Object.entries(dockerAction.inputs)) {
      const value =
        inputs[name] ??
        (spec.default !== undefined
          ? evaluateDefault(spec.default, { job: 'build', jobIndex: 0 })
          : undefined);
      if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }

    const started = performance.now();
    const result = await buildah.run(container, entrypoint, {
      volumes: [
        `${workspace}:/github/workspace`,
        `${join(runnerTemp, dirs.home)}:/github/home`,
        `${join(runnerTemp, dirs.workflow)}:/github/workflow`,
        `${join(runnerTemp, dirs.fileCommands)}:/github/file_commands`,
      ],
      workdir: '/github/workspace',
      env,
    });
    const stdout = result.stdout.toString('utf8');
    return {
      code: result.code,
      stdout,
      stderr: result.stderr,
      outputs: parseOutputs(
        readFileSync(join(runnerTemp, dirs.fileCommands, 'set_output_1'), 'utf8'),
      ),
      summary: readFileSync(join(runnerTemp, dirs.fileCommands, 'step_summary_1'), 'utf8'),
      commands: parseCommands(stdout),
      durationMs: performance.now() - started,
    };
  }

  const log = (run: ActionRun) => `${run.stdout}${run.stderr}`;

  /** What `node dist/cli.js -o out mods/counter.wasm` makes on the host: the reference result. */
  async function hostCliResult(): Promise<Buffer> {
    const workspace = checkout();
    const result = await runHostCli(buildContext, ['-o', 'out.wasm', MODULE], {
      cwd: workspace,
    });
    expect(result.code, result.stderr).toBe(0);
    return readFileSync(join(workspace, 'out.wasm'));
  }

  test('wizens, saves a zstd cache entry and uploads the artifact; the JS action then hits that entry', async () => {
    const inputs = {
      files: 'mods/*.wasm',
      'output-dir': 'wizened',
      'cache-key-prefix': `container-first-${Date.now()}-`,
    };
    const expected = await hostCliResult();

    emulator.newRun();
    const saved = emulator.cache.entries().length;
    const workspace = checkout();
    const first = await runContainerAction(workspace, inputs);
    console.log(`[container] action run in the container: ${first.durationMs.toFixed(0)} ms`);
    expect(first.code, log(first)).toBe(0);
    expect(annotations(first, 'error')).toEqual([]);
    expect(
      readFileSync(join(workspace, OUTPUT)).equals(expected),
      'result differs from the host CLI',
    ).toBe(true);
    expect(first.outputs['cache-hit']).toBe('false');
    expect(first.summary).not.toBe('');

    const entries = emulator.cache.entries().slice(saved);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.key).toMatch(new RegExp(`^${inputs['cache-key-prefix']}`));
    expect(
      entries[0]!.archive.subarray(0, 4).toString('hex'),
      'the image should compress with zstd',
    ).toBe('28b52ffd');
    const [artifact] = emulator.artifacts.list();
    expect(artifact?.name).toBe('wizened-build-0');
    expect(first.outputs['artifact-id']).toBe(String(artifact?.id));
    const uploaded = [...emulator.artifacts.files(artifact!.name).values()];
    expect(uploaded.some((bytes) => bytes.equals(expected))).toBe(true);

    emulator.newRun();
    const hostWorkspace = checkout();
    const second = await runAction({
      entry: jsEntry,
      workspace: hostWorkspace,
      emulator,
      inputs,
    });
    expect(second.code, log(second)).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');
    expect(readFileSync(join(hostWorkspace, OUTPUT)).equals(expected)).toBe(true);
  });

  test('restores in the container what the JS action saved', async () => {
    const inputs = {
      files: 'mods/*.wasm',
      'output-dir': 'wizened',
      'cache-key-prefix': `host-first-${Date.now()}-`,
    };
    emulator.newRun();
    const first = await runAction({ entry: jsEntry, workspace: checkout(), emulator, inputs });
    expect(first.code, log(first)).toBe(0);
    expect(first.outputs['cache-hit']).toBe('false');

    emulator.newRun();
    const workspace = checkout();
    const second = await runContainerAction(workspace, inputs);
    expect(second.code, log(second)).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');
    expect(readFileSync(join(workspace, OUTPUT)).equals(await hostCliResult())).toBe(true);
  });
});
