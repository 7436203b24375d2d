/**
 * Loading binaryen.js (npm `binaryen`, Binaryen compiled to Wasm, 15 MB): only when an
 * optimization is asked for (it costs about half a second and 100 MB), once per process. From
 * `binaryen/` beside the bundle (scripts/build.mjs copies it), else the installed package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WizerError } from '../errors.js';

/** Directory beside the bundle that scripts/build.mjs fills with binaryen.js. */
export const BUNDLED_BINARYEN_DIR = 'binaryen';
const ENTRY = 'index.js';

/** The part of binaryen.js's API we use (see its index.d.ts). */
export interface BinaryenModule {
  runPasses(passes: readonly string[]): void;
  optimize(): void;
  validate(): number;
  emitBinary(): Uint8Array;
  dispose(): void;
}

export interface Binaryen {
  Features: Readonly<Record<string, number>>;
  /** binaryen.js 132 takes the features as readBinary's second argument (its typings differ). */
  readBinary(data: Uint8Array, features?: number): BinaryenModule;
  setOptimizeLevel(level: number): number;
  setShrinkLevel(level: number): number;
  setDebugInfo(on: boolean): void;
  getOptimizeLevel(): number;
  getShrinkLevel(): number;
  getDebugInfo(): boolean;
  setGenerateStackIR(on: boolean): void;
  setOptimizeStackIR(on: boolean): void;
  getGenerateStackIR(): boolean;
  getOptimizeStackIR(): boolean;
}

let loading: Promise<Binaryen> | undefined;

export function loadBinaryen(): Promise<Binaryen> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Binaryen> {
  const module = (await import(
    /* webpackIgnore: true */
    pathToFileURL(binaryenEntry()).href
  )) as { default: Binaryen };
  return module.default;
}

function binaryenEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, BUNDLED_BINARYEN_DIR, ENTRY);
  if (existsSync(bundled)) return bundled;
  // A name in an array keeps bundlers from trying to inline the package.
  for (const name of ['binaryen']) {
    try {
      return createRequire(import.meta.url).resolve(name);
    } catch {
      // not installed: reported below
    }
  }
  throw new WizerError(
    'optimizing needs binaryen.js, which is neither beside this bundle ' +
      `(\`${BUNDLED_BINARYEN_DIR}/\`) nor installed (npm \`binaryen\`)`,
  );
}
