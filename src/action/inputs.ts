/**
 * Reads the action's inputs into a typed `ActionInputs`. Every bad value throws `InputError`
 * naming the input and the value, before any work starts; an empty input takes the action.yml
 * default mirrored in `INPUT_DEFAULTS`.
 */
import { OptimizeArgsError, parseOptimizeArgs } from '../optimize/args.js';
import { MAX_SEED, parseSeed } from '../sources/index.js';
import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { WizenOptions } from '../wizer/options.js';
import { INPUT_DEFAULTS, Inputs, NoFilesFound, defaultArtifactName } from './constants.js';

/** The wizening options the action exposes (a subset of the library's `WizenOptions`). */
export type WizenSettings = Pick<
  WizenOptions,
  | 'initFunc'
  | 'renames'
  | 'keepInitFunc'
  | 'allowWasi'
  | 'inheritStdio'
  | 'inheritEnv'
  | 'env'
  | 'preopens'
  | 'preloads'
  | 'deterministic'
  | 'deterministicSeed'
> & { timeoutMs?: number; optimize?: string };

/** Where results are written. */
export type OutputMode =
  /** `NAME.wizer.wasm` beside each input. */
  | { kind: 'beside' }
  /** Under `dir`, keeping each input's path relative to the workspace. */
  | { kind: 'directory'; dir: string }
  /** Replacing each input atomically. */
  | { kind: 'in-place' };

export interface ActionInputs {
  /** Glob patterns relative to the workspace, one per entry; a leading `!` excludes. */
  patterns: string[];
  output: OutputMode;
  wizen: WizenSettings;
  cache: {
    enabled: boolean;
    /** Prepended to every cache key (lets users invalidate or separate caches). */
    keyPrefix: string;
  };
  upload: {
    enabled: boolean;
    name: string;
    /** 1..90; undefined = the repository's default. */
    retentionDays?: number;
    /** zlib level 0..9. */
    compressionLevel: number;
    /** Delete an artifact of the same name in this run before uploading. */
    overwrite: boolean;
  };
  ifNoFilesFound: NoFilesFound;
  /** This job's part of the matched files (1-based `index` of `total`), if sharding. */
  shard?: { index: number; total: number };
}

/** Characters @actions/artifact refuses in artifact names. */
const BAD_ARTIFACT_NAME = /["<>|*?\r\n\\/:]/;

/** Reads and validates all inputs. Relative paths are resolved against `workspace`. */
export function getInputs(workspace: string, env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const patterns = lines(Inputs.Files);
  if (patterns.length === 0)
    throw new InputError(`Input required and not supplied: ${Inputs.Files}`);

  const outputDir = text(Inputs.OutputDir);
  const inPlace = bool(Inputs.InPlace);
  if (inPlace && outputDir !== '') {
    throw new InputError(
      `Inputs \`${Inputs.InPlace}\` and \`${Inputs.OutputDir}\` cannot be used together`,
    );
  }
  const output: OutputMode = inPlace
    ? { kind: 'in-place' }
    : outputDir !== ''
      ? { kind: 'directory', dir: resolve(workspace, outputDir) }
      : { kind: 'beside' };

  const timeout = text(Inputs.Timeout);
  const wizen: WizenSettings = {
    initFunc: text(Inputs.InitFunc),
    renames: lines(Inputs.Renames).map((line) => {
      const [dst, src] = splitOnce(Inputs.Renames, line, '=', 'dst=src');
      return [dst, src];
    }),
    keepInitFunc: bool(Inputs.KeepInitFunc),
    allowWasi: bool(Inputs.AllowWasi),
    inheritStdio: bool(Inputs.InheritStdio),
    inheritEnv: bool(Inputs.InheritEnv),
    env: lines(Inputs.Env).map((line) => {
      const [key, value] = splitOnce(Inputs.Env, line, '=', 'KEY=VALUE');
      if (key === '')
        throw new InputError(`Input \`${Inputs.Env}\`: empty variable name in \`${line}\``);
      return [key, value];
    }),
    preopens: lines(Inputs.Preopens).map((line) => parsePreopen(line, workspace)),
    preloads: lines(Inputs.Preloads).map((line) => {
      const [name, path] = splitOnce(Inputs.Preloads, line, '=', 'name=file');
      if (name === '' || path === '')
        throw new InputError(`Input \`${Inputs.Preloads}\`: \`${line}\` must be name=file`);
      return { name, path: resolve(workspace, path) };
    }),
    ...optimize(text(Inputs.Optimize)),
    deterministic: bool(Inputs.Deterministic),
    deterministicSeed: seed(text(Inputs.DeterministicSeed)),
    ...(timeout === '' ? {} : { timeoutMs: positiveNumber(Inputs.Timeout, timeout) * 1000 }),
  };
  if (wizen.initFunc === '') throw new InputError(`Input \`${Inputs.InitFunc}\` must not be empty`);

  const keyPrefix = text(Inputs.CacheKeyPrefix);
  if (keyPrefix.includes(',') || keyPrefix.length > 200) {
    throw new InputError(
      `Input \`${Inputs.CacheKeyPrefix}\` must have at most 200 characters and no comma`,
    );
  }

  const name = text(Inputs.ArtifactName) || defaultArtifactName(env);
  if (BAD_ARTIFACT_NAME.test(name)) {
    throw new InputError(
      `Input \`${Inputs.ArtifactName}\` \`${name}\` contains a character artifacts do not allow: " : < > | * ? \\ / CR LF`,
    );
  }
  const retention = text(Inputs.RetentionDays);
  const retentionDays = retention === '' ? 0 : integer(Inputs.RetentionDays, retention, 0, 90);

  return {
    patterns,
    output,
    wizen,
    cache: { enabled: bool(Inputs.Cache), keyPrefix },
    upload: {
      enabled: bool(Inputs.Upload),
      name,
      ...(retentionDays === 0 ? {} : { retentionDays }),
      compressionLevel: integer(Inputs.CompressionLevel, text(Inputs.CompressionLevel), 0, 9),
      overwrite: bool(Inputs.Overwrite),
    },
    ifNoFilesFound: noFilesFound(text(Inputs.IfNoFilesFound)),
    ...shard(text(Inputs.Shard)),
  };
}

/** The input's trimmed value, or its action.yml default when empty. */
function text(name: Inputs): string {
  const value = core.getInput(name);
  return value !== '' ? value : (INPUT_DEFAULTS[name] ?? '');
}

/** Non-empty trimmed lines; lines starting with `#` are comments. */
function lines(name: Inputs): string[] {
  return text(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
function bool(name: Inputs): boolean {
  const value = text(name);
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`Input \`${name}\` must be \`true\` or \`false\`, got \`${value}\``);
}

function optimize(value: string): { optimize?: string } {
  if (value.trim() === '') return {};
  try {
    parseOptimizeArgs(value);
  } catch (error) {
    if (!(error instanceof OptimizeArgsError)) throw error;
    throw new InputError(`Input \`${Inputs.Optimize}\`: ${error.message}`);
  }
  return { optimize: value.trim() };
}

function seed(value: string): bigint {
  const parsed = parseSeed(value);
  if (parsed !== undefined) return parsed;
  throw new InputError(
    `Input \`${Inputs.DeterministicSeed}\` must be a whole number from 0 to ${MAX_SEED}, got \`${value}\``,
  );
}

function integer(name: Inputs, value: string, min: number, max: number): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new InputError(
      `Input \`${name}\` must be an integer from ${min} to ${max}, got \`${value}\``,
    );
  }
  return parsed;
}

function positiveNumber(name: Inputs, value: string): number {
  const parsed = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(parsed > 0))
    throw new InputError(
      `Input \`${name}\` must be a positive number of seconds, got \`${value}\``,
    );
  return parsed;
}

function splitOnce(name: Inputs, line: string, separator: string, form: string): [string, string] {
  const at = line.indexOf(separator);
  if (at < 0) throw new InputError(`Input \`${name}\`: \`${line}\` must have the form ${form}`);
  return [line.slice(0, at).trim(), line.slice(at + separator.length).trim()];
}

/** `DIR` (same path for guest and host) or `GUEST::HOST`; host paths are relative to the workspace. */
function parsePreopen(line: string, workspace: string): { guest: string; host: string } {
  const parts = line.split('::');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new InputError(`Input \`${Inputs.Preopens}\`: \`${line}\` must be DIR or GUEST::HOST`);
  }
  const guest = parts[0]!.trim();
  const host = (parts[1] ?? parts[0]!).trim();
  return { guest, host: isAbsolute(host) ? host : resolve(workspace, host) };
}

function noFilesFound(value: string): NoFilesFound {
  const known = Object.values(NoFilesFound) as string[];
  if (!known.includes(value)) {
    throw new InputError(
      `Input \`${Inputs.IfNoFilesFound}\` must be one of ${known.join(', ')}, got \`${value}\``,
    );
  }
  return value as NoFilesFound;
}

function shard(value: string): { shard?: { index: number; total: number } } {
  if (value === '') return {};
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || !(total >= 1 && total <= 1000) || !(index >= 1 && index <= total)) {
    throw new InputError(
      `Input \`${Inputs.Shard}\` must be i/n with 1 <= i <= n (e.g. 2/4), got \`${value}\``,
    );
  }
  return { shard: { index, total } };
}
