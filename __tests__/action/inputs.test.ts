/** Input parsing: typed values, defaults without the runner, and errors that name the input. */
import { afterEach, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { Inputs, NoFilesFound } from '../../src/action/constants.js';
import { getInputs } from '../../src/action/inputs.js';

const workspace = resolve('/work/space');

function mockInputs(inputs: Partial<Record<Inputs, string>>): void {
  clearInputs();
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value;
}

function clearInputs(): void {
  for (const name of Object.keys(process.env))
    if (name.startsWith('INPUT_')) delete process.env[name];
}

afterEach(clearInputs);

describe('getInputs', () => {
  it('applies the action.yml defaults when only `files` is given', () => {
    mockInputs({ [Inputs.Files]: '**/*.wasm' });
    const inputs = getInputs(workspace, { GITHUB_JOB: 'j' });
    expect(inputs).toEqual({
      patterns: ['**/*.wasm'],
      output: { kind: 'beside' },
      wizen: {
        initFunc: 'wizer-initialize',
        renames: [],
        keepInitFunc: false,
        allowWasi: false,
        inheritStdio: true,
        inheritEnv: false,
        env: [],
        preopens: [],
        preloads: [],
        deterministic: false,
        deterministicSeed: 0n,
      },
      cache: { enabled: true, keyPrefix: '' },
      upload: { enabled: true, name: 'wizened-j', compressionLevel: 6, overwrite: false },
      ifNoFilesFound: NoFilesFound.Error,
    });
  });

  it('parses every multi-line and typed input', () => {
    mockInputs({
      [Inputs.Files]: 'a/*.wasm\n# a comment\n\n  !a/skip.wasm  ',
      [Inputs.OutputDir]: 'out',
      [Inputs.InitFunc]: 'init',
      [Inputs.Renames]: 'main=_start\nx=y=z',
      [Inputs.KeepInitFunc]: 'True',
      [Inputs.AllowWasi]: 'TRUE',
      [Inputs.InheritStdio]: 'false',
      [Inputs.InheritEnv]: 'true',
      [Inputs.Env]: 'A=1\nB=x=y\nEMPTY=',
      [Inputs.Preopens]: 'data\n/guest::host/dir\n/abs::/abs/host',
      [Inputs.Preloads]: 'lib=libs/lib.wasm',
      [Inputs.Timeout]: '2.5',
      [Inputs.Optimize]: ' -O3 --strip-debug ',
      [Inputs.Deterministic]: 'true',
      [Inputs.DeterministicSeed]: '18446744073709551615',
      [Inputs.Cache]: 'false',
      [Inputs.CacheKeyPrefix]: 'v2-',
      [Inputs.Upload]: 'false',
      [Inputs.ArtifactName]: 'mods',
      [Inputs.RetentionDays]: '5',
      [Inputs.CompressionLevel]: '0',
      [Inputs.Overwrite]: 'true',
      [Inputs.IfNoFilesFound]: 'warn',
      [Inputs.Shard]: '2 / 3',
    });
    const inputs = getInputs(workspace, {});
    expect(inputs.patterns).toEqual(['a/*.wasm', '!a/skip.wasm']);
    expect(inputs.output).toEqual({ kind: 'directory', dir: join(workspace, 'out') });
    expect(inputs.wizen).toEqual({
      initFunc: 'init',
      renames: [
        ['main', '_start'],
        ['x', 'y=z'],
      ],
      keepInitFunc: true,
      allowWasi: true,
      inheritStdio: false,
      inheritEnv: true,
      env: [
        ['A', '1'],
        ['B', 'x=y'],
        ['EMPTY', ''],
      ],
      preopens: [
        { guest: 'data', host: join(workspace, 'data') },
        { guest: '/guest', host: join(workspace, 'host/dir') },
        { guest: '/abs', host: resolve('/abs/host') },
      ],
      preloads: [{ name: 'lib', path: join(workspace, 'libs/lib.wasm') }],
      optimize: '-O3 --strip-debug',
      deterministic: true,
      deterministicSeed: 18446744073709551615n,
      timeoutMs: 2500,
    });
    expect(inputs.cache).toEqual({ enabled: false, keyPrefix: 'v2-' });
    expect(inputs.upload).toEqual({
      enabled: false,
      name: 'mods',
      retentionDays: 5,
      compressionLevel: 0,
      overwrite: true,
    });
    expect(inputs.ifNoFilesFound).toBe('warn');
    expect(inputs.shard).toEqual({ index: 2, total: 3 });
  });

  it('in-place replaces inputs', () => {
    mockInputs({ [Inputs.Files]: 'x', [Inputs.InPlace]: 'true' });
    expect(getInputs(workspace).output).toEqual({ kind: 'in-place' });
  });

  it('retention-days 0 means the repository default', () => {
    mockInputs({ [Inputs.Files]: 'x', [Inputs.RetentionDays]: '0' });
    expect(getInputs(workspace).upload.retentionDays).toBeUndefined();
  });

  it.each<[Partial<Record<Inputs, string>>, RegExp]>([
    [{ [Inputs.Files]: '' }, /Input required and not supplied: files/],
    [{ [Inputs.Files]: '# only a comment' }, /Input required and not supplied: files/],
    [
      { [Inputs.InPlace]: 'true', [Inputs.OutputDir]: 'o' },
      /`in-place` and `output-dir` cannot be used together/,
    ],
    [{ [Inputs.Cache]: 'yes' }, /Input `cache` must be `true` or `false`, got `yes`/],
    [
      { [Inputs.CompressionLevel]: '10' },
      /`compression-level` must be an integer from 0 to 9, got `10`/,
    ],
    [{ [Inputs.CompressionLevel]: '-1' }, /`compression-level` must be an integer from 0 to 9/],
    [{ [Inputs.RetentionDays]: '91' }, /`retention-days` must be an integer from 0 to 90/],
    [{ [Inputs.RetentionDays]: '1.5' }, /`retention-days` must be an integer/],
    [{ [Inputs.Timeout]: '0' }, /`timeout` must be a positive number of seconds, got `0`/],
    [{ [Inputs.Timeout]: '5s' }, /`timeout` must be a positive number of seconds/],
    [{ [Inputs.Renames]: 'nodelimiter' }, /`renames`: `nodelimiter` must have the form dst=src/],
    [{ [Inputs.Env]: '=value' }, /`env`: empty variable name/],
    [{ [Inputs.Env]: 'NOVALUE' }, /`env`: `NOVALUE` must have the form KEY=VALUE/],
    [{ [Inputs.Preopens]: 'a::b::c' }, /`preopens`: `a::b::c` must be DIR or GUEST::HOST/],
    [{ [Inputs.Preopens]: '::host' }, /`preopens`/],
    [{ [Inputs.Preloads]: 'lib=' }, /`preloads`: `lib=` must be name=file/],
    [
      { [Inputs.IfNoFilesFound]: 'fail' },
      /`if-no-files-found` must be one of warn, error, ignore, got `fail`/,
    ],
    [{ [Inputs.Deterministic]: 'on' }, /Input `deterministic` must be `true` or `false`, got `on`/],
    [{ [Inputs.Optimize]: '-O9' }, /Input `optimize`: unknown optimization level `-O9`/],
    [
      { [Inputs.Optimize]: '--nope' },
      /Input `optimize`: unknown optimization pass or option `--nope`/,
    ],
    [
      { [Inputs.DeterministicSeed]: '18446744073709551616' },
      /`deterministic-seed` must be a whole number from 0 to 18446744073709551615, got `18446744073709551616`/,
    ],
    [{ [Inputs.DeterministicSeed]: '-1' }, /`deterministic-seed` must be a whole number/],
    [{ [Inputs.Shard]: '0/2' }, /`shard` must be i\/n with 1 <= i <= n/],
    [{ [Inputs.Shard]: '3/2' }, /`shard` must be i\/n/],
    [{ [Inputs.Shard]: 'half' }, /`shard` must be i\/n/],
    [
      { [Inputs.ArtifactName]: 'a/b' },
      /`artifact-name` `a\/b` contains a character artifacts do not allow/,
    ],
    [
      { [Inputs.CacheKeyPrefix]: 'a,b' },
      /`cache-key-prefix` must have at most 200 characters and no comma/,
    ],
  ])('rejects %j', (inputs, message) => {
    mockInputs({ [Inputs.Files]: '*.wasm', ...inputs });
    expect(() => getInputs(workspace)).toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringMatching(message) }),
    );
  });
});
