/**
 * `--optimize` arguments: a subset of `wasm-opt`'s command line in one string, e.g.
 * `-O3 --strip-debug` or `--remove-unused-module-elements --memory-packing -g`. Pure: the
 * string in, the steps out, or an {@link OptimizeArgsError} naming the bad word.
 */
import { KNOWN_PASSES } from './passes.js';

/** One step, run in the order given: a default pipeline at a level, or one named pass. */
export type OptimizeStep =
  | { kind: 'level'; optimize: number; shrink: number; flag: string }
  | { kind: 'pass'; name: string };

export interface OptimizeArgs {
  steps: OptimizeStep[];
  /** `-g`: keep the name section (binaryen then names what it adds, too). */
  debugInfo: boolean;
  /** The levels every pass runs with: those of the last level flag, as wasm-opt takes them. */
  optimizeLevel: number;
  shrinkLevel: number;
}

export class OptimizeArgsError extends Error {
  override name = 'OptimizeArgsError';
}

/** `wasm-opt`'s levels: `-O` is `-Os`; `-Os`/`-Oz` shrink on top of level 2. */
const LEVELS: Readonly<Record<string, [optimize: number, shrink: number]>> = {
  '-O': [2, 1],
  '-O0': [0, 0],
  '-O1': [1, 0],
  '-O2': [2, 0],
  '-O3': [3, 0],
  '-O4': [4, 0],
  '-Os': [2, 1],
  '-Oz': [2, 2],
};

export function parseOptimizeArgs(text: string): OptimizeArgs {
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) {
    throw new OptimizeArgsError('no optimization given (e.g. `-O`, `-Oz`, `--strip-debug`)');
  }
  const args: OptimizeArgs = { steps: [], debugInfo: false, optimizeLevel: 0, shrinkLevel: 0 };
  for (const word of words) {
    const level = LEVELS[word];
    if (level !== undefined) {
      args.steps.push({ kind: 'level', optimize: level[0], shrink: level[1], flag: word });
      [args.optimizeLevel, args.shrinkLevel] = level;
    } else if (word === '-g' || word === '--debuginfo') {
      args.debugInfo = true;
    } else if (word.startsWith('--') && KNOWN_PASSES.has(word.slice(2))) {
      args.steps.push({ kind: 'pass', name: word.slice(2) });
    } else if (/^-O/.test(word)) {
      throw new OptimizeArgsError(
        `unknown optimization level \`${word}\` (expected -O, -O0, -O1, -O2, -O3, -O4, -Os or -Oz)`,
      );
    } else {
      throw new OptimizeArgsError(
        `unknown optimization pass or option \`${word}\` (binaryen's pass names, as \`wasm-opt --help\` lists them, each with \`--\`; levels -O..-Oz; -g)`,
      );
    }
  }
  return args;
}
