/**
 * The workflows and docs: structure checks (what each workflow must do), the docs' examples use
 * only real inputs and outputs, and the self-test's steps replayed locally against the emulator
 * with its own check script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { repoRoot, runProcess, tempDir, wat } from '../helpers/tools.js';
import { installBundle, readActionManifest, runAction } from './harness.js';
import { writeTree } from './fixtures.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      'runs-on': string;
      container?: string;
      strategy?: { matrix: Record<string, unknown> };
      steps: Step[];
      needs?: string;
      permissions?: Record<string, string>;
      env?: Record<string, string>;
    }
  >;
}

const workflow = (name: string) =>
  parse(readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8')) as Workflow;
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  it('lints, typechecks, tests, and checks dist/ against a fresh build', () => {
    const runs = allSteps(ci).map((s) => s.run ?? '');
    expect(runs).toContain('npm run lint');
    expect(runs).toContain('npm run typecheck');
    expect(runs).toContain('bash .ci/run');
    expect(runs).toContain('npm run build');
    expect(runs.some((r) => r.includes('git diff') && r.includes('dist/'))).toBe(true);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('uses the Node version of .node-version', () => {
    const setups = allSteps(ci).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const step of setups) expect(step.with?.['node-version-file']).toBe('.node-version');
  });
});

describe('self-test.yml', () => {
  const selfTest = workflow('self-test.yml');

  it('uses the action from this repository in a matrix over operating systems', () => {
    const wizen = selfTest.jobs['wizen']!;
    expect(wizen.strategy?.matrix['os']).toEqual(
      expect.arrayContaining(['ubuntu-latest', 'windows-latest', 'macos-latest']),
    );
    const local = wizen.steps.filter((s) => s.uses === './');
    expect(local).toHaveLength(2);
    const inputs = Object.keys(readActionManifest().inputs);
    for (const step of local)
      for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
  });

  it('compares the modules of every OS', () => {
    expect(selfTest.jobs['same-everywhere']!.needs).toBe('wizen');
  });

  it('runs the WASI escape suites on every OS', () => {
    const confinement = selfTest.jobs['confinement']!;
    expect(confinement.strategy?.matrix['os']).toEqual(
      expect.arrayContaining(['ubuntu-latest', 'windows-latest', 'macos-latest']),
    );
    const runs = confinement.steps.map((s) => s.run ?? '').join('\n');
    for (const suite of ['wasi/escapes', 'wasi2/escapes', 'wasi/platforms']) {
      expect(runs).toContain(`__tests__/${suite}.test.ts`);
      expect(existsSync(join(repoRoot, '__tests__', `${suite}.test.ts`))).toBe(true);
    }
  });
});

describe('release.yml', () => {
  it('moves the major tag to the released commit after checking its dist/', () => {
    const release = workflow('release.yml');
    const runs = allSteps(release)
      .map((s) => s.run ?? '')
      .join('\n');
    expect(release.on).toHaveProperty('release');
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(runs).toContain('git diff');
    expect(runs).toMatch(/git tag --force .*"\$major"/);
    expect(runs).toContain('git push --force origin "refs/tags/$major"');
  });

  describe('the npm package', () => {
    const release = workflow('release.yml');
    const job = release.jobs['publish-npm']!;
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const stepIndex = (test: (step: Step) => boolean) => job.steps.findIndex(test);
    const versionCheck = job.steps[stepIndex((s) => /same version/.test(s.name ?? ''))]!;

    it('is published with provenance, after the major tag moved, with only id-token rights', () => {
      expect(job.needs).toBe('move-major-tag');
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
      expect(setup?.with?.['node-version-file']).toBe('.node-version');
      const publish = stepIndex((s) => /^npm publish\b/.test(s.run ?? ''));
      expect(job.steps[publish]!.run).toContain('--provenance');
      expect(job.steps[publish]!.env?.['NODE_AUTH_TOKEN']).toBe('${{ secrets.NPM_TOKEN }}');
      // The version check and the package test come first.
      expect(job.steps.indexOf(versionCheck)).toBeGreaterThan(-1);
      expect(job.steps.indexOf(versionCheck)).toBeLessThan(publish);
      const repository = stepIndex((s) =>
        /repository\.url[\s\S]*GITHUB_REPOSITORY/.test(s.run ?? ''),
      );
      expect(repository).toBeGreaterThan(-1);
      expect(repository).toBeLessThan(publish);
      const packageTest = stepIndex((s) => (s.run ?? '').includes('npm-package.test.ts'));
      expect(packageTest).toBeGreaterThan(-1);
      expect(packageTest).toBeLessThan(publish);
    });

    it('refuses a tag that is not the version of package.json, src/version.ts and the image', async () => {
      const check = (tag: string) =>
        runProcess('bash', ['-e', '-c', versionCheck.run!], {
          cwd: repoRoot,
          env: { PATH: process.env['PATH'], TAG: tag },
        });
      expect((await check(`v${pkg.version}`)).code).toBe(0);
      const [major, minor, patch] = pkg.version.split('.').map(Number);
      const other = await check(`v${major}.${minor}.${patch! + 1}`);
      expect(other.code).toBe(1);
      expect(other.stdout.toString()).toContain('disagree');
      expect((await check(`v${major}.${minor}`)).code).toBe(1);
    });
  });
});

describe('docs/action.md', () => {
  const text = readFileSync(join(repoRoot, 'docs', 'action.md'), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Workflow);
  const manifest = readActionManifest();

  it('has workflows for a single module, a matrix and a release', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.some((b) => Object.values(b.jobs ?? {}).some((j) => j.strategy))).toBe(true);
    expect(blocks.some((b) => 'release' in (b.on ?? {}))).toBe(true);
  });

  it('passes only real inputs and reads only real outputs', () => {
    const outputs = Object.keys(manifest.outputs);
    for (const block of blocks) {
      for (const step of allSteps(block)) {
        if (step.uses?.includes('/wizer-action@')) {
          for (const key of Object.keys(step.with ?? {}))
            expect(Object.keys(manifest.inputs)).toContain(key);
        }
      }
      for (const [, output] of JSON.stringify(block).matchAll(
        /steps\.[\w-]+\.outputs\.([\w-]+)/g,
      )) {
        expect(outputs).toContain(output);
      }
    }
  });
});

describe('the self-test, replayed locally', () => {
  let emulator: Emulator;
  let bundle: ReturnType<typeof installBundle>;
  const workspace = tempDir('wizer-selftest-');

  beforeAll(async () => {
    emulator = await startEmulator();
    bundle = installBundle();
    writeTree(workspace.path, {
      'self-test/primes.wasm': await wat(
        readFileSync(join(repoRoot, 'examples', 'primes.wat'), 'utf8'),
      ),
    });
    cpSync(join(repoRoot, '.github', 'self-test'), join(workspace.path, 'check'), {
      recursive: true,
    });
  });

  afterAll(async () => {
    await emulator.close();
    bundle.cleanup();
    workspace.cleanup();
  });

  it('passes its own checks on the primes example: a miss, then a hit', async () => {
    const inputs = { files: 'self-test/*.wasm', 'cache-key-prefix': `selftest-${Date.now()}-` };
    const check = async (outputs: Record<string, string>, expectHit: boolean) =>
      runProcess(process.execPath, [join(workspace.path, 'check', 'check.mjs')], {
        cwd: workspace.path,
        env: {
          PATH: process.env['PATH'],
          MODULES: outputs['modules'],
          CACHE_HIT: outputs['cache-hit'],
          EXPECT_CACHE_HIT: String(expectHit),
        },
      });

    const first = await runAction({
      entry: bundle.entry,
      workspace: workspace.path,
      emulator,
      inputs,
    });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const firstCheck = await check(first.outputs, false);
    expect(firstCheck.code, firstCheck.stdout.toString()).toBe(0);

    const second = await runAction({
      entry: bundle.entry,
      workspace: workspace.path,
      emulator,
      inputs: { ...inputs, upload: 'false' },
    });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const secondCheck = await check(second.outputs, true);
    expect(secondCheck.code, secondCheck.stdout.toString()).toBe(0);
    // A wrong expectation must fail the check script.
    expect((await check(second.outputs, false)).code).toBe(1);

    const [module] = JSON.parse(first.outputs['modules']!) as Array<{
      initMs: number;
      startupSpeedup: number;
    }>;
    console.log(
      `primes example: init ${module!.initMs} ms, start-up speed-up ${module!.startupSpeedup}x; ` +
        `runs took ${Math.round(first.durationMs)} ms (miss) and ${Math.round(second.durationMs)} ms (hit)`,
    );
    expect(module!.startupSpeedup).toBeGreaterThan(1);
  });
});
