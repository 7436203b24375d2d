/**
 * Translation of V8's trap messages into the wording of upstream Wizer (Wasmtime), which clients
 * such as ComponentizeJS match on, and of V8 stack frames into a Wasm backtrace.
 */
import { GuestTrap, WizerError } from '../errors.js';

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

/**
 * `error while executing at wasm backtrace:` with one line per Wasm frame of the V8 stack, or
 * undefined when no Wasm code was running (a segment that does not fit at instantiation).
 * `offsetShift` moves the offsets of the module the host called into (the bottom Wasm frame's):
 * V8 counts them in the copy it runs, upstream in the copy Wasmtime runs.
 */
export function backtrace(error: unknown, offsetShift = 0): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = [
    ...stack.matchAll(/wasm:\/\/wasm\/([^:\s]+):wasm-function\[(\d+)\]:0x([0-9a-f]+)/g),
  ];
  if (frames.length === 0) return undefined;
  const home = frames.at(-1)![1];
  const lines = frames.map((m, n) => {
    const offset = Number.parseInt(m[3]!, 16) + (m[1] === home ? offsetShift : 0);
    const hex = `0x${offset.toString(16)}`;
    return `${String(n).padStart(5)}:${hex.padStart(9)} - <unknown>!<wasm function ${m[2]}>`;
  });
  return ['error while executing at wasm backtrace:', ...lines].join('\n');
}

/** Wraps a failure in the guest as upstream does: context, then backtrace, then the reason. */
export function guestFailure(
  context: string | undefined,
  error: unknown,
  offsetShift = 0,
): WizerError {
  if (error instanceof WizerError && error.name === 'WizerError') return error; // our own refusal
  // Host errors raised for the guest (WASI traps, unknown imports) keep their own cause chain.
  const reason = error instanceof GuestTrap ? error : trapReason(error);
  const frames = backtrace(error, offsetShift);
  const failure =
    frames !== undefined
      ? new WizerError(frames, { cause: reason })
      : reason instanceof GuestTrap
        ? reason
        : new WizerError(reason);
  return context === undefined ? failure : new WizerError(context, { cause: failure });
}
