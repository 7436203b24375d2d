/**
 * From glob patterns to a plan: which modules this job wizens and where each result goes.
 * Matching is deterministic (sorted by workspace-relative path, byte order), and every file left
 * out is reported by the caller, never skipped silently.
 */
import * as glob from '@actions/glob';
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { OUTPUT_SUFFIX } from './constants.js';
import type { OutputMode } from './inputs.js';

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
 * `file` relative to `dir` when it lies below it, else undefined. A name that merely starts with
 * two dots (`..foo.wasm`) is inside; only a `..` component leads out.
 */
export function pathBelow(dir: string, file: string): string | undefined {
  const rel = relative(dir, file);
  const out = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return out ? undefined : rel;
}

/** Workspace-relative POSIX path, or the absolute POSIX path of a file outside the workspace. */
export function displayName(file: string, workspace: string): string {
  return (pathBelow(workspace, file) ?? file).split(sep).join('/');
}

/** Where the result of `input` goes for the given output mode. */
export function outputPath(input: string, workspace: string, mode: OutputMode): string {
  switch (mode.kind) {
    case 'in-place':
      return input;
    case 'beside': {
      const base = basename(input);
      const stem = base.toLowerCase().endsWith('.wasm') ? base.slice(0, -'.wasm'.length) : base;
      return join(dirname(input), stem + OUTPUT_SUFFIX);
    }
    case 'directory': {
      const rel = pathBelow(workspace, input);
      if (rel === undefined) {
        throw new InputError(
          `\`${input}\` is outside the workspace, so it has no place under \`output-dir\`; use in-place or the default output`,
        );
      }
      return join(mode.dir, rel);
    }
  }
}

/** Files that earlier runs of this action wrote, which patterns like `**\/*.wasm` match again. */
function ownOutput(file: string, mode: OutputMode): string | undefined {
  if (mode.kind === 'beside' && file.toLowerCase().endsWith(OUTPUT_SUFFIX)) {
    return `an output of this action (*${OUTPUT_SUFFIX})`;
  }
  if (mode.kind === 'directory' && pathBelow(mode.dir, file) !== undefined) {
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
): ModulePlan {
  const excluded: Exclusion[] = [];
  const kept: Array<{ input: string; name: string }> = [];
  for (const input of files) {
    const name = displayName(input, workspace);
    const reason = ownOutput(input, mode);
    if (reason) excluded.push({ name, reason });
    else kept.push({ input, name });
  }
  kept.sort((a, b) => compare(a.name, b.name));
  excluded.sort((a, b) => compare(a.name, b.name));

  const mine = shard ? pickShard(kept, shard, (m) => sizeOf(m.input)) : kept;
  const modules = mine.map((m) => ({ ...m, output: outputPath(m.input, workspace, mode) }));
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
