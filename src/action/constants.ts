/**
 * Every name the action shares with action.yml, in one place. A unit test parses action.yml and
 * checks that the key sets and defaults agree, because a runner applies action.yml defaults but a
 * direct `node dist/index.js` (container, tests) does not: `INPUT_DEFAULTS` fills that gap.
 */

/** Input ids, exactly as in action.yml. */
export enum Inputs {
  Files = 'files',
  OutputDir = 'output-dir',
  InPlace = 'in-place',
  InitFunc = 'init-func',
  Renames = 'renames',
  KeepInitFunc = 'keep-init-func',
  AllowWasi = 'allow-wasi',
  InheritStdio = 'inherit-stdio',
  InheritEnv = 'inherit-env',
  Env = 'env',
  Preopens = 'preopens',
  Preloads = 'preloads',
  Optimize = 'optimize',
  Deterministic = 'deterministic',
  DeterministicSeed = 'deterministic-seed',
  Timeout = 'timeout',
  Cache = 'cache',
  CacheKeyPrefix = 'cache-key-prefix',
  Upload = 'upload',
  ArtifactName = 'artifact-name',
  RetentionDays = 'retention-days',
  CompressionLevel = 'compression-level',
  Overwrite = 'overwrite',
  IfNoFilesFound = 'if-no-files-found',
  Shard = 'shard',
}

/** Output ids, exactly as in action.yml. */
export enum Outputs {
  Modules = 'modules',
  CacheHit = 'cache-hit',
  CachePrimaryKey = 'cache-primary-key',
  ArtifactId = 'artifact-id',
  ArtifactUrl = 'artifact-url',
  ArtifactDigest = 'artifact-digest',
}

/** What to do when the patterns match no file (as in actions/upload-artifact). */
export enum NoFilesFound {
  /** Log a warning and succeed. */
  Warn = 'warn',
  /** Fail the step. */
  Error = 'error',
  /** Log an info line and succeed. */
  Ignore = 'ignore',
}

/**
 * Defaults mirrored from action.yml. `artifact-name` is absent: its action.yml default is an
 * expression (`github.job`, `strategy.job-index`) that only the runner can evaluate, so the code
 * falls back to `defaultArtifactName()` when the input is empty.
 */
export const INPUT_DEFAULTS: Readonly<Partial<Record<Inputs, string>>> = Object.freeze({
  [Inputs.OutputDir]: '',
  [Inputs.InPlace]: 'false',
  [Inputs.InitFunc]: 'wizer-initialize',
  [Inputs.Renames]: '',
  [Inputs.KeepInitFunc]: 'false',
  [Inputs.AllowWasi]: 'false',
  [Inputs.InheritStdio]: 'true',
  [Inputs.InheritEnv]: 'false',
  [Inputs.Env]: '',
  [Inputs.Preopens]: '',
  [Inputs.Preloads]: '',
  [Inputs.Optimize]: '',
  [Inputs.Deterministic]: 'false',
  [Inputs.DeterministicSeed]: '0',
  [Inputs.Timeout]: '',
  [Inputs.Cache]: 'true',
  [Inputs.CacheKeyPrefix]: '',
  [Inputs.Upload]: 'true',
  [Inputs.RetentionDays]: '',
  [Inputs.CompressionLevel]: '6',
  [Inputs.Overwrite]: 'false',
  [Inputs.IfNoFilesFound]: NoFilesFound.Error,
  [Inputs.Shard]: '',
});

/** The artifact-name default of action.yml, which the runner evaluates per job and matrix leg. */
export const ARTIFACT_NAME_EXPRESSION = 'wizened-${{ github.job }}-${{ strategy.job-index }}';

/**
 * The artifact name used when the input is empty (a direct run without the runner's defaults):
 * the job id plus the runner's OS and architecture, which tells apart the legs of the common
 * OS matrix. Within a runner, action.yml's default adds the matrix leg index instead.
 */
export function defaultArtifactName(env: NodeJS.ProcessEnv): string {
  const job = env['GITHUB_JOB'] || 'job';
  const platform = [env['RUNNER_OS'], env['RUNNER_ARCH']].filter(Boolean).join('-').toLowerCase();
  return platform ? `wizened-${job}-${platform}` : `wizened-${job}`;
}

/** Suffix of outputs written beside their inputs (`NAME.wasm` -> `NAME.wizer.wasm`). */
export const OUTPUT_SUFFIX = '.wizer.wasm';
