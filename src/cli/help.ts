/** Help text of the CLI (our own wording; the flags are upstream Wizer v11's). */
import { TOOL_VERSION } from '../version.js';

export const VERSION_TEXT = `wizer-action ${TOOL_VERSION} (compatible with wizer 11.0.3)`;

const SUMMARY = `Pre-initialize a WebAssembly module: run its initialization function once and write a
new module whose memories and globals already hold the resulting state.`;

const OPTIONS: Array<[string, string, string?]> = [
  [
    '-o <OUTPUT>',
    'Where to write the output module',
    'Defaults to stdout. The file is written atomically: on failure nothing is left behind.',
  ],
  [
    '-f, --init-func <INIT_FUNC>',
    'Export to call to initialize the module [default: wizer-initialize]',
    'For a component: a WIT item name (`ns:pkg/iface.func`) or a WAVE call with arguments (`ns:pkg/iface.func("x", 3)`), whose result is printed on stderr.',
  ],
  [
    '-r, --rename-func <dst=src>',
    'Rename export `src` to `dst` in the output (repeatable)',
    'Replaces any existing `dst` export, e.g. `-r _start=wizer.resume`.',
  ],
  ['--keep-init-func[=<true|false>]', 'Keep exporting the init function after initialization'],
  [
    '--allow-wasi',
    'Provide WASI preview1 during initialization',
    'Clock, random and environment values read during init are baked into the output.',
  ],
  [
    '--relaxed-simd-deterministic[=<true|false>]',
    "Run relaxed SIMD instructions by the spec's deterministic profile during init, the same on every CPU [default: true]; false gives the host CPU's native results",
  ],
  [
    '--preload <name=file>',
    'Instantiate a .wasm or .wat module first and provide its exports under `name`',
  ],
  [
    '--inherit-stdio [<true|false>]',
    'Give the module the real stdin/stdout/stderr [default: true]',
  ],
  ['--inherit-env [<true|false>]', 'Give the module the whole host environment [default: false]'],
  ['--dir <DIR>', 'Preopen a host directory under the same guest path (repeatable)'],
  ['--mapdir <GUEST_DIR::HOST_DIR>', 'Preopen HOST_DIR as GUEST_DIR (repeatable)'],
  ['--wasm-multi-memory [<true|false>]', 'Enable the multi-memory proposal [default: true]'],
  ['--wasm-multi-value [<true|false>]', 'Enable the multi-value proposal [default: true]'],
  ['--wasm-bulk-memory [<true|false>]', 'Enable the bulk-memory proposal [default: true]'],
  ['--wasm-simd [<true|false>]', 'Enable the SIMD proposal [default: true]'],
  ['--wasm-relaxed-simd [<true|false>]', 'Enable the relaxed-SIMD proposal [default: true]'],
  ['--wasm-reference-types [<true|false>]', 'Enable the reference-types proposal [default: true]'],
  ['--timeout <SECONDS>', 'Stop initialization that runs longer than this (not in upstream)'],
  [
    '--optimize <ARGS>',
    'Optimize the output with binaryen, e.g. "-O" or "--strip-debug -Oz" (not in upstream)',
    'wasm-opt-style levels (-O, -O0..-O4, -Os, -Oz), pass names (--memory-packing, ...) and -g to keep names, in one argument.',
  ],
  [
    '--deterministic[=<true|false>]',
    'The same output bytes on every run and machine (not in upstream) [default: false]',
    'Virtual clocks from SOURCE_DATE_EPOCH, seeded random bytes, file times/inodes/listing order hidden, canonical NaNs.',
  ],
  [
    '--deterministic-seed <SEED>',
    'Seed of the random bytes the module reads with --deterministic (a u64) [default: 0]',
  ],
  ['-h, --help', 'Print help (see more with --help)'],
  ['-V, --version', 'Print version (not in upstream)'],
];

export function helpText(long: boolean): string {
  const lines = [SUMMARY, '', 'Usage: wizer [OPTIONS] [INPUT]', '', 'Arguments:'];
  lines.push('  [INPUT]  The input Wasm module (binary); defaults to stdin', '', 'Options:');
  for (const [flag, text, detail] of OPTIONS) {
    if (long) {
      lines.push(`  ${flag}`, `          ${text}`);
      if (detail) lines.push(`          ${detail}`);
      lines.push('');
    } else {
      lines.push(`  ${flag.padEnd(44)} ${text}`);
    }
  }
  return lines.join('\n') + '\n';
}
