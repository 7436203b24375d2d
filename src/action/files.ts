/**
 * From glob patterns to a plan: which modules this job wizens and where each result goes.
 * Matching is deterministic (sorted by workspace-relative path, byte order), and every file left
 * out is reported by the caller, never skipped silently.
 *
 * Paths are host paths (on Windows `C:\\…` with '\\', compared without regard to case, as
 * path.win32 does), names are '/'-separated on every OS. The path functions take the path module
 * (node:path by default) so that tests run them with Windows semantics on any host.
 */
import * as glob from '@actions/glob';
import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { InputError } from '../errors.js';
import { OUTPUT_SUFFIX } from './constants.js';
import type { OutputMode } from './inputs.js';

/** node:path, or path.win32 / path.posix in tests. */
export type PathApi = nodePath.PlatformPath;

/** One module to wizen. */
export interface PlannedModule {
  /** Absolute path of the input. */
  input: string;
  /** Workspace-relative POSIX path (absolute if outside the workspace): for logs, annotations, outputs. */
  name: string;
  /** Absolute path the result is written to (equal to `input` in place). */
  output: string;
}

export interface Exclusion {
  name: string;
  reason: string;
}

export interface ModulePlan {
  modules: PlannedModule[];
  /** Files the patterns matched before exclusions and sharding. */
  matched: number;
  excluded: Exclusion[];
  /** Files assigned to other shards. */
  otherShards: number;
}

/**
 * Expands the patterns (relative ones against the current directory, the workspace). Patterns
 * name module files: a matched directory does not pull in its contents, so `**\/*.wasm` never
 * picks up the files inside a directory whose name ends in `.wasm`.
 */
export async function matchFiles(patterns: readonly string[]): Promise<string[]> {
  const globber = await glob.create(patterns.join('\n'), {
    matchDirectories: false,
    implicitDescendants: false,
  });
  const files = new Set(await globber.glob());
  return [...files];
}

/**
 * Warnings for patterns that mean something else on another OS: '\\' separates directories on
 * Windows only and escapes the next character elsewhere, so a workflow shared by a matrix should
 * use '/', which works everywhere.
 */
export function patternWarnings(
  patterns: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (platform === 'win32') return [];
  return patterns
    .filter((pattern) => pattern.includes('\\'))
    .map(
      (pattern) =>
        `Pattern \`${pattern}\` contains '\\', which escapes the next character here (on Windows it separates directories); use '/' between directories, which works on every OS`,
    );
}

/**
 * `file` relative to `dir` when it lies below it, else undefined. A name that merely starts with
 * two dots (`..foo.wasm`) is inside; only a `..` component leads out.
 */
export function pathBelow(dir: string, file: string, path: PathApi = nodePath): string | undefined {
  // path.win32.relative ignores case (`C:\\ws` holds `c:\\WS\\a.wasm`) and returns an absolute
  // path for another drive.
  const rel = path.relative(dir, file);
  const out = rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return out ? undefined : rel;
}

/**
 * Workspace-relative path with '/' on every OS, or the absolute path of a file outside the
 * workspace, also with '/' (`C:/other/a.wasm` on Windows).
 */
export function displayName(file: string, workspace: string, path: PathApi = nodePath): string {
  return (pathBelow(workspace, file, path) ?? file).split(path.sep).join('/');
}

/** Where the result of `input` goes for the given output mode. */
export function outputPath(
  input: string,
  workspace: string,
  mode: OutputMode,
  path: PathApi = nodePath,
): string {
  switch (mode.kind) {
    case 'in-place':
      return input;
    case 'beside': {
      const base = path.basename(input);
      const stem = base.toLowerCase().endsWith('.wasm') ? base.slice(0, -'.wasm'.length) : base;
      return path.join(path.dirname(input), stem + OUTPUT_SUFFIX);
    }
    case 'directory': {
      const rel = pathBelow(workspace, input, path);
      if (rel === undefined) {
        throw new InputError(
          `\`${input}\` is outside the workspace, so it has no place under \`output-dir\`; use in-place or the default output`,
        );
      }
      return path.join(mode.dir, rel);
    }
  }
}

/** Files that earlier runs of this action wrote, which patterns like `**\/*.wasm` match again. */
function ownOutput(file: string, mode: OutputMode, path: PathApi): string | undefined {
  if (mode.kind === 'beside' && file.toLowerCase().endsWith(OUTPUT_SUFFIX)) {
    return `an output of this action (*${OUTPUT_SUFFIX})`;
  }
  if (mode.kind === 'directory' && pathBelow(mode.dir, file, path) !== undefined) {
    return 'inside output-dir';
  }
  return undefined;
}

/** Builds the plan: exclusions, deterministic order, this job's shard, output paths. */
export function planModules(
  files: readonly string[],
  workspace: string,
  mode: OutputMode,
  shard?: { index: number; total: number },
  sizeOf: (file: string) => number = (file) => statSync(file).size,
  path: PathApi = nodePath,
): ModulePlan {
  const excluded: Exclusion[] = [];
  const kept: Array<{ input: string; name: string }> = [];
  for (const input of files) {
    const name = displayName(input, workspace, path);
    const reason = ownOutput(input, mode, path);
    if (reason) excluded.push({ name, reason });
    else kept.push({ input, name });
  }
  kept.sort((a, b) => compare(a.name, b.name));
  excluded.sort((a, b) => compare(a.name, b.name));

  const mine = shard ? pickShard(kept, shard, (m) => sizeOf(m.input)) : kept;
  const modules = mine.map((m) => ({ ...m, output: outputPath(m.input, workspace, mode, path) }));
  return { modules, matched: files.length, excluded, otherShards: kept.length - mine.length };
}

/**
 * Splits the files into `total` shards balanced by size (largest first onto the lightest shard,
 * ties to the lower shard) and returns shard `index` (1-based) in name order. The split depends
 * only on the names and sizes, so every leg of a matrix computes the same partition.
 */
export function pickShard<T extends { name: string }>(
  items: readonly T[],
  shard: { index: number; total: number },
  sizeOf: (item: T) => number,
): T[] {
  const bySize = items
    .map((item) => ({ item, size: sizeOf(item) }))
    .sort((a, b) => b.size - a.size || compare(a.item.name, b.item.name));
  const loads = new Array<number>(shard.total).fill(0);
  const assigned: T[][] = Array.from({ length: shard.total }, () => []);
  for (const { item, size } of bySize) {
    let lightest = 0;
    for (let i = 1; i < loads.length; i++) if (loads[i]! < loads[lightest]!) lightest = i;
    loads[lightest]! += size;
    assigned[lightest]!.push(item);
  }
  return assigned[shard.index - 1]!.sort((a, b) => compare(a.name, b.name));
}

/** Byte-order comparison: the same on every OS and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
