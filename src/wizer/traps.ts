/**
 * Translation of V8's trap messages into the wording of upstream Wizer (Wasmtime), which clients
 * such as ComponentizeJS match on, and of V8 stack frames into a Wasm backtrace.
 */
import { GuestTrap, WizerError } from '../errors.js';
import type { ModuleNames } from '../wasm/names.js';

const TRAP_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^unreachable$/, 'wasm `unreachable` instruction executed'],
  [
    /memory access out of bounds|data segment (\d+ )?(is )?out of bounds/,
    'out of bounds memory access',
  ],
  [/divide by zero|remainder by zero/, 'integer divide by zero'],
  [/float unrepresentable in integer range/, 'invalid conversion to integer'],
  [/integer overflow/, 'integer overflow'],
  [
    /table index is out of bounds|element segment (\d+ )?(is )?out of bounds/,
    'undefined element: out of bounds table access',
  ],
  [/null function|function signature mismatch/, 'indirect call type mismatch'],
  [/Maximum call stack size exceeded/, 'call stack exhausted'],
  [/dereferencing a null pointer|null/, 'null reference'],
  [/unaligned/, 'unaligned atomic operation'],
];

/** The reason of a failure inside the guest, in upstream's words where we know them. */
export function trapReason(error: unknown): string {
  if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
    for (const [pattern, text] of TRAP_MESSAGES) {
      if (pattern.test(error.message)) return `wasm trap: ${text}`;
    }
    return `wasm trap: ${error.message}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** What a backtrace knows of the module the host called into (the bottom Wasm frame's). */
export interface HomeModule {
  /** Upstream's offset of a V8 offset, which counts in the copy V8 runs. */
  upstreamOffset: (offset: number) => number;
  /** Its name section, read only when a backtrace is printed. */
  names: () => ModuleNames;
}

/**
 * Single-letter names are valid Itanium manglings of builtin types, and upstream demangles them
 * (`i` prints as `int`). Longer C++ and Rust manglings are printed as they are.
 */
const BUILTIN_TYPES: Readonly<Record<string, string>> = {
  v: 'void',
  w: 'wchar_t',
  b: 'bool',
  c: 'char',
  a: 'signed char',
  h: 'unsigned char',
  s: 'short',
  t: 'unsigned short',
  i: 'int',
  j: 'unsigned int',
  l: 'long',
  m: 'unsigned long',
  x: 'long long',
  y: 'unsigned long long',
  n: '__int128',
  o: 'unsigned __int128',
  f: 'float',
  d: 'double',
  e: 'long double',
  g: '__float128',
  z: '...',
};

/**
 * `error while executing at wasm backtrace:` with one line per Wasm frame of the V8 stack, or
 * undefined when no Wasm code was running (a segment that does not fit at instantiation). Frames
 * of the home module get upstream's offsets and their names from its name section.
 */
export function backtrace(error: unknown, home?: HomeModule): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = [
    ...stack.matchAll(/wasm:\/\/wasm\/([^:\s]+):wasm-function\[(\d+)\]:0x([0-9a-f]+)/g),
  ];
  if (frames.length === 0) return undefined;
  const homeUrl = frames.at(-1)![1];
  const names = home && frames.some((m) => m[1] === homeUrl) ? home.names() : undefined;
  const lines = frames.map((m, n) => {
    const isHome = m[1] === homeUrl && home !== undefined;
    const index = Number(m[2]);
    const v8Offset = Number.parseInt(m[3]!, 16);
    const offset = isHome ? home.upstreamOffset(v8Offset) : v8Offset;
    const name = isHome ? names?.functions.get(index) : undefined;
    const where = `${(isHome && names?.module) || '<unknown>'}!${name !== undefined ? (BUILTIN_TYPES[name] ?? name) : `<wasm function ${index}>`}`;
    return `${String(n).padStart(5)}:${`0x${offset.toString(16)}`.padStart(9)} - ${where}`;
  });
  return ['error while executing at wasm backtrace:', ...lines].join('\n');
}

/** Wraps a failure in the guest as upstream does: context, then backtrace, then the reason. */
export function guestFailure(
  context: string | undefined,
  error: unknown,
  home?: HomeModule,
): WizerError {
  if (error instanceof WizerError && error.name === 'WizerError') return error; // our own refusal
  // Host errors raised for the guest (WASI traps, unknown imports) keep their own cause chain.
  const reason = error instanceof GuestTrap ? error : trapReason(error);
  const frames = backtrace(error, home);
  const failure =
    frames !== undefined
      ? new WizerError(frames, { cause: reason })
      : reason instanceof GuestTrap
        ? reason
        : new WizerError(reason);
  return context === undefined ? failure : new WizerError(context, { cause: failure });
}
