/**
 * A C program whose init function does real WASI I/O (stdout/stderr, environment, a preopened
 * config file, stdin, args_sizes_get), wizened by upstream and by us with the same flags and the
 * same inputs. Needs a full WASI preview1 layer in the engine, not a stub.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameSuccess } from '../differential/compare-outputs.js';
import { type DiffResult, runBoth } from '../differential/harness.js';
import { tempDir } from '../helpers/tools.js';
import { compileProgram } from './build.js';
import { type CommandRun, runCommand } from './run-wasi.js';

const SETTINGS = 'name=wizer\n# a comment\nlevel=11\ncolor=blue\n';
const STDIN = 'alpha beta gamma\ndelta\n';
const GREETING = 'hello from init';
const RUN_ARGS = ['prog', 'level', 'missing'];

function describeRun(run: CommandRun): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

describe('C program doing WASI I/O in its init function', () => {
  let scratch: { path: string; cleanup: () => void };
  let input: Uint8Array;
  let result: DiffResult;

  beforeAll(async () => {
    scratch = tempDir('wizer-wasi-init-');
    input = await compileProgram(
      { name: 'config-loader', source: 'config_loader.c' },
      scratch.path,
    );
    result = await runBoth({
      wasm: input,
      args: ['--allow-wasi', '--inherit-env', '--mapdir', '/config::cfg'],
      files: { 'cfg/settings.txt': SETTINGS },
      stdin: STDIN,
      env: { GREETING },
    });
  }, 300_000);

  afterAll(() => scratch.cleanup());

  it('upstream and ours produce equivalent modules', async () => {
    await expectSameSuccess(result);
  });

  it("the guest's init-time output goes to the same streams as upstream's", () => {
    expect(result.upstream.stdout.toString()).toBe('config-loader: initializing\n');
    expect(result.ours.stdout.toString(), 'guest stdout during init').toBe(
      result.upstream.stdout.toString(),
    );
    expect(result.upstream.stderr).toContain('config-loader: 3 settings, 23 stdin bytes\n');
    expect(result.ours.stderr, 'guest stderr during init').toContain(
      'config-loader: 3 settings, 23 stdin bytes\n',
    );
  });

  it('both outputs run like the original with its init function run first', async () => {
    expect(result.upstream.output, `upstream failed:\n${result.upstream.stderr}`).toBeDefined();
    expect(result.ours.output, `ours failed:\n${result.ours.stderr}`).toBeDefined();
    const upstreamRun = await runCommand(result.upstream.output!, RUN_ARGS);
    const ourRun = await runCommand(result.ours.output!, RUN_ARGS);
    expect(describeRun(ourRun), 'our output vs upstream output').toBe(describeRun(upstreamRun));

    // Upstream's own behaviour: no arguments during init, environment inherited, files and stdin read.
    expect(upstreamRun.stdout).toMatch(
      /^init_runs=1 init_argc=0 greeting=hello from init config_errno=0$/m,
    );
    expect(upstreamRun.stdout).toContain('setting level=11\nsetting color=blue\n');
    expect(upstreamRun.stdout).toContain('stdin bytes=23 words=4 first_line=alpha beta gamma\n');
    expect(upstreamRun.stdout).toContain('lookup level -> 11\nlookup missing -> (none)\n');

    const hostConfig = join(scratch.path, 'cfg');
    mkdirSync(hostConfig, { recursive: true });
    writeFileSync(join(hostConfig, 'settings.txt'), SETTINGS);
    const original = await runCommand(input, RUN_ARGS, ['wizer-initialize', '_start'], {
      env: { GREETING },
      stdin: STDIN,
      preopens: { '/config': hostConfig },
    });
    // Run in one go, the init banner is part of the program's output and init sees the real argv.
    const normalized: CommandRun = {
      ...original,
      stdout: original.stdout
        .replace(/^config-loader: initializing\n/, '')
        .replace('init_argc=3', 'init_argc=0'),
      stderr: original.stderr.replace('config-loader: 3 settings, 23 stdin bytes\n', ''),
    };
    expect(describeRun(upstreamRun), 'upstream output vs original').toBe(describeRun(normalized));
  });
});
