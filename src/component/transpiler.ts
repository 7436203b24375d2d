/**
 * jco's component transpiler (`js-component-bindgen`, itself a component that jco transpiled to
 * JS plus two core modules), loaded lazily and without its WASI host.
 *
 * `@bytecodealliance/jco-transpile`'s `transpileBytes()` is a thin options mapper around this
 * transpiler's `generate()`, but its module statically imports oxc-minify (a native addon),
 * binaryen (through `opt.js`) and the ASM.js path, none of which we use and none of which a
 * bundle can carry. So we load the transpiler file (`vendor/js-component-bindgen-component.js`,
 * the package's `./component` export) ourselves and map the options as `transpileBytes()` does.
 *
 * That file imports `@bytecodealliance/preview2-shim`, a WASI host for trusted programs that also
 * starts an I/O worker thread when imported. The transpiler needs almost nothing from WASI (16
 * random bytes for hash seeds and an empty environment; stderr when it panics), so before loading
 * it we replace those four import statements with a small host of our own (no host environment,
 * no files, `exit` is an error, output captured for error messages) and point its two
 * `new URL('./....core.wasm', import.meta.url)` references at the real files. The rewritten text is
 * imported as a `data:` module (no temporary files; `//# sourceURL` keeps stack traces short).
 * Any other shape of the file is refused with an error naming the package, so an update of jco
 * that changes it fails loudly in the tests instead of quietly loading something else.
 *
 * Where the files come from: `jco-transpile/` beside the bundle (scripts/build.mjs copies the
 * transpiler and its two core modules there, like `wabt.cjs`), else the installed package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WizerError } from '../errors.js';

/** The transpiler's file, as published in the package's `vendor/` directory. */
export const TRANSPILER_FILE = 'js-component-bindgen-component.js';

/** Directory beside the bundle that scripts/build.mjs fills with the transpiler's files. */
export const BUNDLED_TRANSPILER_DIR = 'jco-transpile';

/** The subset of `js-component-bindgen`'s `GenerateOptions` that we set. */
export interface GenerateOptions {
  name: string;
  instantiation: { tag: 'async' | 'sync' };
  noTypescript: boolean;
  tracing: boolean;
  noComponentErrorWrapping: boolean;
  noNodejsCompat: boolean;
  tlaCompat: boolean;
  base64Cutoff: number;
  validLiftingOptimization: boolean;
  multiMemory: boolean;
  bindgenEnableWasmExnref: boolean;
  map: Array<[string, string]>;
}

/** What `generate()` returns: files (core modules, the JS glue), import specifiers, exports. */
export interface Transpiled {
  files: Array<[string, Uint8Array]>;
  imports: string[];
  exports: Array<[string, 'function' | 'instance']>;
}

/** The loaded transpiler. */
export interface Transpiler {
  generate(component: Uint8Array, options: GenerateOptions): Transpiled;
}

interface TranspilerModule {
  $init: Promise<void>;
  generate(component: Uint8Array, options: GenerateOptions): Transpiled;
}

const HOST_KEY = 'wizer-action.jco-transpiler-host';

let loading: Promise<Transpiler> | undefined;

/** Loads the transpiler once per process (its first load compiles about 3.5 MB of Wasm). */
export function loadTranspiler(): Promise<Transpiler> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Transpiler> {
  const dir = transpilerDir();
  const source = rewrite(readFileSync(join(dir, TRANSPILER_FILE), 'utf8'), dir);
  const output: string[] = [];
  const scope = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(HOST_KEY);
  scope[key] = transpilerHost(output);
  let module: TranspilerModule;
  try {
    // The rewritten imports read the host while the module body runs; it is not needed after.
    module = (await import(
      /* webpackIgnore: true */
      `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
    )) as TranspilerModule;
    await module.$init;
  } finally {
    delete scope[key];
  }
  return {
    generate(component, options) {
      output.length = 0;
      try {
        return module.generate(component, options);
      } catch (error) {
        const printed = output.join('').trim();
        throw new WizerError('failed to translate the component for V8 (jco)', {
          cause: printed === '' ? error : new Error(`${messageOf(error)}\n${printed}`),
        });
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `jco-transpile/` beside the bundle, else the installed package's `vendor/`. */
function transpilerDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, BUNDLED_TRANSPILER_DIR);
  if (existsSync(join(bundled, TRANSPILER_FILE))) return bundled;
  // A name in an array keeps bundlers from trying to inline the package.
  for (const name of ['@bytecodealliance/jco-transpile/component']) {
    try {
      return dirname(createRequire(import.meta.url).resolve(name));
    } catch {
      // not installed: reported below
    }
  }
  throw new WizerError(
    'pre-initializing a component needs the jco transpiler, which is neither beside this bundle ' +
      `(\`${BUNDLED_TRANSPILER_DIR}/\`) nor installed (npm \`@bytecodealliance/jco-transpile\`)`,
  );
}

const SHIM_IMPORT = /^import \{([^}]*)\} from '@bytecodealliance\/preview2-shim\/(\w+)';$/gm;
const CORE_URL = /new URL\('\.\/([\w.-]+\.wasm)', import\.meta\.url\)/g;

/** Points the transpiler's WASI imports at our host and its core modules at `dir`. */
export function rewrite(source: string, dir: string): string {
  const key = JSON.stringify(HOST_KEY);
  let text = source.replace(SHIM_IMPORT, (_, names: string, group: string) => {
    return `const {${names.replace(/ as /g, ': ')}} = globalThis[Symbol.for(${key})].${group};`;
  });
  text = text.replace(CORE_URL, (_, file: string) => {
    return `new URL(${JSON.stringify(pathToFileURL(join(dir, file)).href)})`;
  });
  if (/^\s*(import|export)\s.*\sfrom\s/m.test(text) || text.includes('import.meta')) {
    throw new WizerError(
      `unsupported layout of \`${TRANSPILER_FILE}\` in npm \`@bytecodealliance/jco-transpile\`: ` +
        'it imports modules other than the WASI shims, or finds files other than its core modules',
    );
  }
  return `${text}\n//# sourceURL=wizer-action:${TRANSPILER_FILE}\n`;
}

/** Output stream of the transpiler's host: everything written goes to `sink`. */
class OutputStream {
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}
  checkWrite(): bigint {
    return 1n << 20n;
  }
  write(bytes: Uint8Array): void {
    this.sink(bytes);
  }
  blockingWriteAndFlush(bytes: Uint8Array): void {
    this.sink(bytes);
  }
  flush(): void {}
  blockingFlush(): void {}
}

/** The transpiler's stdin: the preview1 adapter inside it opens it with stdout and stderr. */
class InputStream {
  read(): never {
    throw new Error('the jco transpiler has no stdin');
  }
  blockingRead(): never {
    return this.read();
  }
}

/** Resource types the transpiler imports but never receives from our host. */
class Unavailable {
  constructor() {
    throw new Error('not available to the jco transpiler');
  }
}

/**
 * The WASI 0.2 surface the transpiler imports, reduced to what it may use: no environment,
 * preopens or stdin, fixed "random" bytes (only hash seeds: the output must not depend on them),
 * `exit` as an error, stdout and stderr into `output`.
 */
function transpilerHost(output: string[]): Record<string, Record<string, object>> {
  const decoder = new TextDecoder();
  const capture = new OutputStream((bytes) => output.push(decoder.decode(bytes)));
  const none = (): undefined => undefined;
  return {
    cli: {
      environment: { getEnvironment: (): Array<[string, string]> => [] },
      exit: {
        exit: (status: { tag: string }): never => {
          throw new Error(`the jco transpiler exited (${status.tag})`);
        },
      },
      stderr: { getStderr: () => capture },
      stdout: { getStdout: () => capture },
      stdin: { getStdin: () => new InputStream() },
      terminalInput: { TerminalInput: Unavailable },
      terminalOutput: { TerminalOutput: Unavailable },
      terminalStderr: { getTerminalStderr: none },
      terminalStdin: { getTerminalStdin: none },
      terminalStdout: { getTerminalStdout: none },
    },
    filesystem: {
      preopens: { getDirectories: (): unknown[] => [] },
      types: {
        Descriptor: Unavailable,
        DirectoryEntryStream: Unavailable,
        filesystemErrorCode: none,
      },
    },
    io: { error: { Error: Unavailable }, streams: { InputStream, OutputStream } },
    random: { random: { getRandomBytes: (length: bigint) => new Uint8Array(Number(length)) } },
  };
}
