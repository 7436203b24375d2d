/**
 * V8's lazy validation (`--wasm-lazy-validation`): a module compiles without its function bodies
 * being validated, each is validated when first compiled, that is, first called. Every input is
 * validated in full before anything else (validate.ts), so compiling the instrumented copy need
 * not validate it again: StarlingMonkey's 10 MB compile takes 33 ms instead of 55. The CLI, which
 * owns its process, switches it on; the library leaves the process's settings alone.
 *
 * With it on, compiling no longer finds invalid code, so every module that was not validated
 * before goes through `compileValidated`. Whether it is on is asked of V8 itself (a worker thread
 * shares the setting, not this module's state).
 */

/** `(func (result i32) i32.add)`: invalid, which only a validating compile notices. */
const INVALID_BODY = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f], // type: [] -> [i32]
  ...[0x03, 0x02, 0x01, 0x00], // one function of that type
  ...[0x0a, 0x05, 0x01, 0x03, 0x00, 0x6a, 0x0b], // body: i32.add end
);

const v8 = () => process.getBuiltinModule('node:v8');

/** Whether compiling a module skips validating its function bodies, once known in this thread. */
let lazy: boolean | undefined;

/**
 * Switches lazy validation on for this process (the CLI calls this first), unless Node was
 * started with it (the CLI's `#!` line): loading `node:v8` costs a start ~7 ms.
 */
export function enableLazyValidation(): void {
  if (compilesWithoutValidation()) return;
  v8().setFlagsFromString('--wasm-lazy-validation');
  lazy = undefined;
}

/** Whether compiling a module skips validating its function bodies. */
export function compilesWithoutValidation(): boolean {
  if (lazy === undefined) {
    try {
      new WebAssembly.Module(INVALID_BODY);
      lazy = true;
    } catch {
      lazy = false;
    }
  }
  return lazy;
}

/**
 * V8's verdict on `bytes` with full validation: the error a validating compile throws, or
 * undefined if the module is valid. Without lazy validation this compiles on V8's background
 * threads (the caller goes on meanwhile); with it, `WebAssembly.validate` checks everything on
 * this thread, and only an invalid module is compiled again, validating, for V8's message.
 */
export function fullValidation(bytes: Uint8Array): Promise<unknown> {
  const wasm = bytes as Uint8Array<ArrayBuffer>;
  if (!compilesWithoutValidation()) {
    return WebAssembly.compile(wasm).then(
      () => undefined,
      (error: unknown) => error,
    );
  }
  if (WebAssembly.validate(wasm)) return Promise.resolve(undefined);
  return Promise.resolve(validatingCompileError(wasm));
}

/** Compiles a module that was not validated before, failing on invalid code as V8 always does. */
export function compileValidated(bytes: Uint8Array): WebAssembly.Module {
  const wasm = bytes as Uint8Array<ArrayBuffer>;
  if (compilesWithoutValidation() && !WebAssembly.validate(wasm)) {
    throw validatingCompileError(wasm);
  }
  return new WebAssembly.Module(wasm);
}

/** `compileValidated` on V8's background threads where compiling validates anyway. */
export function compileValidatedAsync(bytes: Uint8Array): Promise<WebAssembly.Module> {
  if (!compilesWithoutValidation()) return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  return new Promise((resolve) => resolve(compileValidated(bytes)));
}

/** The error of compiling `wasm` with validation on (briefly switched back for it). */
function validatingCompileError(wasm: Uint8Array<ArrayBuffer>): unknown {
  v8().setFlagsFromString('--no-wasm-lazy-validation');
  try {
    new WebAssembly.Module(wasm);
    return new Error('WebAssembly.validate() failed but compiling succeeded');
  } catch (error) {
    return error;
  } finally {
    v8().setFlagsFromString('--wasm-lazy-validation');
  }
}
