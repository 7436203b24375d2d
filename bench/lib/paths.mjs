// Locations shared by the benchmark scripts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored scratch space: built inputs, captured invocations and outputs. */
export const workDir = join(repoRoot, 'bench', '.work');

export const fixturesDir = join(repoRoot, 'fixtures');

/**
 * Our bundled CLI, run with the Node that runs the benchmark (Node 24 via npm scripts);
 * `WIZER_BENCH_CLI` points at another bundle (e.g. one built with `scripts/build.mjs --out`).
 */
export const ourCliPath = resolve(process.env.WIZER_BENCH_CLI || join(repoRoot, 'dist', 'cli.js'));

const require = createRequire(import.meta.url);

/** The upstream Wizer 11 binary shipped by `@bytecodealliance/wizer`. */
export function upstreamWizerPath() {
  const pkg = `@bytecodealliance/wizer-${process.platform}-${process.arch}/package.json`;
  const path = join(dirname(require.resolve(pkg)), 'wizer');
  if (!existsSync(path)) throw new Error(`upstream wizer binary missing at ${path}`);
  return path;
}

/** Root folder of an installed package, found by walking up from its resolved entry point. */
export function packageDir(name) {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
