/**
 * Error classes shared by every layer. Each sets `name` so callers can branch on it even when a
 * bundle holds two copies of a class; causes are chained with ES2022 `{ cause }` and rendered the
 * way upstream Wizer renders anyhow chains (`Error: msg`, blank line, `Caused by:`).
 */
/** A failure of the pre-initializer on a given module: what upstream reports with exit code 1. */
export declare class WizerError extends Error {
    name: string;
    constructor(message: string, options?: {
        cause?: unknown;
    });
}
/** The input bytes are not a well-formed or valid WebAssembly binary. */
export declare class WasmDecodeError extends WizerError {
    readonly offset: number;
    name: string;
    constructor(message: string, offset: number);
}
/** A trap or host error raised while the guest ran (start, `_initialize`, init function). */
export declare class GuestTrap extends WizerError {
    name: string;
}
/** The guest called WASI `proc_exit`: always an error during initialization. */
export declare class ProcExit extends GuestTrap {
    readonly code: number;
    name: string;
    constructor(code: number);
}
/** Command-line usage errors (upstream: clap errors, exit code 2). */
export declare class UsageError extends Error {
    name: string;
}
/** Bad action inputs or option values, reported before any work starts. */
export declare class InputError extends Error {
    name: string;
}
/** Cache failures: always downgraded to warnings by the action. */
export declare class CacheError extends Error {
    name: string;
}
/** The messages of an error and its causes, outermost first. */
export declare function errorChain(error: unknown): string[];
/** Renders an error like Rust's anyhow `{:?}`: `msg`, blank line, `Caused by:`, numbered causes. */
export declare function formatErrorChain(error: unknown): string;
/** Node's errno errors in the wording of Rust's `io::Error`: `No such file ... (os error 2)`. */
export declare function osError(error: unknown): string;
