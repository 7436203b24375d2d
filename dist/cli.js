#!/usr/bin/env -S node --liftoff-only --max-semi-space-size=1
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _wizer_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(142);
/* harmony import */ var _wizer_lazy_validation_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(627);
/* harmony import */ var _wizer_worker_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(111);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(766);
// Run directly (npm bin, ComponentizeJS's `wizerBin`, `./dist/cli.js`), V8 gets two flags suited
// to a one-shot initialization: baseline-compiled Wasm only (optimizing hot functions mid-run
// costs more memory than it saves time for most inits) and a small young generation. Measured on
// SQLite and StarlingMonkey: peak RSS down 20-35 MB, time about the same. `node dist/cli.js`
// works the same without them. Lazy validation (lazy-validation.ts) is set at run time instead:
// an unknown flag on the `#!` line would stop Node, an unknown one set at run time is ignored.




if ((0,_wizer_worker_js__WEBPACK_IMPORTED_MODULE_2__/* .isWizerWorker */ .a0)())
    (0,_wizer_worker_js__WEBPACK_IMPORTED_MODULE_2__/* .runWizerWorker */ .vh)(_wizer_index_js__WEBPACK_IMPORTED_MODULE_0__/* .wizen */ .a9);
else {
    // This process runs one wizening, whose input is validated in full before it is compiled.
    (0,_wizer_lazy_validation_js__WEBPACK_IMPORTED_MODULE_1__/* .enableLazyValidation */ .Di)();
    process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_3__/* .main */ .iW)(process.argv.slice(2));
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 766:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: phaseTimes, processIo, readStream, rustLogLogger

// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var sources = __nccwpck_require__(935);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/host/output-file.ts
/**
 * Output files, written so that a failed run never leaves a partial or empty file behind and
 * readers never see half a module: the bytes go to a temporary file beside the target, renamed
 * over it on success.
 *
 * Renaming is right only for regular files. The target may be a symbolic link (the link must stay
 * and its target be replaced, as a plain write through it would) or something that is not a file
 * at all, such as `/dev/null`, `/dev/stdout` or Windows' `NUL`: renaming over those would replace
 * the device or link itself (as root, even in /dev). Those are opened and written directly, as
 * upstream does.
 *
 * Windows differs in two ways, both handled in `replaceFile` so the result is the same everywhere:
 * a rename over a file that another process holds open (antivirus, search indexer, an editor)
 * fails for a moment, so it is retried for a few seconds; and a file with the read-only attribute
 * cannot be replaced at all, where POSIX needs only a writable directory, so the attribute is
 * cleared for the rename and set again on the new file.
 */


/** How many links deep a target is followed, as the kernel's own limit (ELOOP past it). */
const MAX_LINK_DEPTH = 40;
/**
 * Waits between attempts to replace a file on Windows, in ms: a quick first retry (most holders
 * let go within milliseconds), then backing off, 5.3 s in all before giving up.
 */
const WINDOWS_RENAME_DELAYS_MS = [
    10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 1000,
];
/** The codes Windows reports while another process holds the target (or the temporary file). */
const WINDOWS_TRANSIENT_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const NODE_OUTPUT_HOST = {
    platform: process.platform,
    rename: external_node_fs_.renameSync,
    mode: (path) => statOrUndefined(path)?.mode,
    chmod: external_node_fs_.chmodSync,
    sleep: (ms) => void Atomics.wait(sleepCell, 0, 0, ms),
};
/** Replacing an output failed for good: names the file and what usually causes it. */
class OutputReplaceError extends Error {
    path;
    code;
    name = 'OutputReplaceError';
    constructor(path, 
    /** The errno code of the last attempt (EPERM, EACCES or EBUSY). */
    code, attempts, options) {
        super(`could not replace \`${path}\` (${code}) after ${attempts} attempts over ` +
            `${(totalDelayMs(attempts) / 1000).toFixed(1)} s: another program (an antivirus scanner, ` +
            'search indexer, editor or a running test) is holding it open; close that program or ' +
            'exclude the directory from scanning, then run again', options);
        this.path = path;
        this.code = code;
    }
}
class OutputFile {
    path;
    temp;
    fd;
    host;
    constructor(
    /** The file the bytes end up in (links resolved). */
    path, 
    /** The temporary file renamed over `path`, or undefined when `path` is written directly. */
    temp, fd, host) {
        this.path = path;
        this.temp = temp;
        this.fd = fd;
        this.host = host;
    }
    /**
     * Creates the temporary file (or opens a non-file target) up front, so that an unwritable
     * destination fails before any work is done. Throws the file system's error.
     */
    static create(target, host = NODE_OUTPUT_HOST) {
        const existing = statOrUndefined(target);
        if ((existing && !existing.isFile()) || isWindowsDevice(target, host.platform)) {
            // A device, FIFO or socket is written in place; a directory fails here with EISDIR.
            return new OutputFile(target, undefined, (0,external_node_fs_.openSync)(target, 'w'), host);
        }
        const path = existing ? realPath(target) : followDanglingLinks(target);
        const { temp, fd } = createTemporary(path);
        // Replacing a file keeps its permissions, as truncating it in place would. Windows knows only
        // the read-only bit, which `replaceFile` carries over instead: set on the temporary file, it
        // would make the file undeletable should the rename fail.
        if (existing && host.platform !== 'win32') {
            try {
                (0,external_node_fs_.fchmodSync)(fd, existing.mode & 0o7777);
            }
            catch {
                // Not ours to change (another owner): the new file keeps the default mode.
            }
        }
        return new OutputFile(path, temp, fd, host);
    }
    /**
     * Writes all of `bytes` (one buffer, or the chunks it is made of, in order) and puts them in
     * place. On failure nothing is left behind.
     */
    commit(bytes) {
        try {
            if (bytes instanceof Uint8Array)
                writeFully(this.fd, bytes);
            else
                writeChunks(this.fd, bytes);
            (0,external_node_fs_.closeSync)(this.fd);
            this.fd = undefined;
            if (this.temp !== undefined)
                replaceFile(this.temp, this.path, this.host);
        }
        catch (error) {
            this.abandon();
            throw error;
        }
    }
    /** Gives up: closes and removes the temporary file (a direct target is left as it is). */
    abandon() {
        if (this.fd !== undefined)
            (0,external_node_fs_.closeSync)(this.fd);
        this.fd = undefined;
        if (this.temp !== undefined)
            (0,external_node_fs_.rmSync)(this.temp, { force: true });
    }
}
function writeFully(fd, bytes) {
    for (let written = 0; written < bytes.length;) {
        written += (0,external_node_fs_.writeSync)(fd, bytes, written, bytes.length - written);
    }
}
/** Chunks gathered into one system call per batch (as many as `writev` takes at once). */
const WRITEV_BATCH = 1024;
/** Writes chunks in order, a batch per `writev`; a short write finishes its batch chunk by chunk. */
function writeChunks(fd, chunks) {
    for (let first = 0; first < chunks.length; first += WRITEV_BATCH) {
        const batch = chunks.slice(first, first + WRITEV_BATCH);
        let written = (0,external_node_fs_.writevSync)(fd, batch);
        for (const chunk of batch) {
            if (written >= chunk.length)
                written -= chunk.length;
            else {
                writeFully(fd, chunk.subarray(written));
                written = 0;
            }
        }
    }
}
/** Writes `bytes` to `target` as `OutputFile` does. */
function writeOutputFile(target, bytes) {
    OutputFile.create(target).commit(bytes);
}
/**
 * Renames `temp` over `target`. On POSIX that is one atomic rename. On Windows (see the file
 * comment) a read-only target is made writable for the rename and the new file made read-only,
 * and a rename refused with EPERM, EACCES or EBUSY is retried with backoff; once the retries run
 * out it throws `OutputReplaceError`. Any other error is thrown as it is.
 */
function replaceFile(temp, target, host) {
    if (host.platform !== 'win32') {
        host.rename(temp, target);
        return;
    }
    const mode = host.mode(target);
    const readOnly = mode !== undefined && (mode & 0o200) === 0;
    if (readOnly)
        host.chmod(target, mode | 0o200);
    try {
        for (let attempt = 0;; attempt++) {
            try {
                host.rename(temp, target);
                return;
            }
            catch (error) {
                const code = error.code ?? '';
                if (!WINDOWS_TRANSIENT_CODES.has(code))
                    throw error;
                const delay = WINDOWS_RENAME_DELAYS_MS[attempt];
                if (delay === undefined) {
                    throw new OutputReplaceError(target, code, attempt + 1, { cause: error });
                }
                host.sleep(delay);
            }
        }
    }
    finally {
        // On success this marks the new file read-only, on failure the old one again. Best effort:
        // the bytes are in place (or the rename's error is the one to report) either way.
        if (readOnly) {
            try {
                host.chmod(target, mode);
            }
            catch {
                // left writable
            }
        }
    }
}
/**
 * Whether `target` names a Windows device (`NUL`, `CON`, `COM1`, ... in any directory and case,
 * or a `\\.\` path), which must be opened, never replaced: stat does not reliably call these
 * non-files, and a rename onto `NUL` would fail or create a file where a discard was meant.
 */
function isWindowsDevice(target, platform) {
    if (platform !== 'win32')
        return false;
    if (/^[\\/]{2}\.[\\/]/.test(target))
        return true;
    const base = external_node_path_.win32.basename(target).replace(/[ .]+$/, '');
    return /^(con|prn|aux|nul|conin\$|conout\$|com[1-9]|lpt[1-9])$/i.test(base);
}
function totalDelayMs(attempts) {
    return WINDOWS_RENAME_DELAYS_MS.slice(0, attempts - 1).reduce((sum, ms) => sum + ms, 0);
}
/**
 * A new file beside `path`, created exclusively: hidden on POSIX, named by the process and a
 * random part, short (Windows paths may be limited to 260 characters). A name that exists (a
 * crashed run's leftover with a reused pid) is never opened; the next attempt draws another. The
 * names need not be unpredictable, only distinct, so no cryptographic source (whose loading costs
 * more than the rest of this) is used.
 */
function createTemporary(path) {
    for (let attempt = 1;; attempt++) {
        const random = Math.floor(Math.random() * 0x1_0000_0000)
            .toString(16)
            .padStart(8, '0');
        const temp = external_node_path_.join(external_node_path_.dirname(path), `.${external_node_path_.basename(path)}.${process.pid}-${random}.tmp`);
        try {
            return { temp, fd: (0,external_node_fs_.openSync)(temp, 'wx') };
        }
        catch (error) {
            if (attempt < 8 && error.code === 'EEXIST')
                continue;
            throw error;
        }
    }
}
/**
 * The target with links resolved. The native call can fail on Windows file systems that do not
 * report a final path (RAM disks, some network shares); the JavaScript walk works there too.
 */
function realPath(target) {
    try {
        return external_node_fs_.realpathSync.native(target);
    }
    catch {
        return (0,external_node_fs_.realpathSync)(target);
    }
}
/** Where a write to a missing `target` creates the file: through a dangling link, its target. */
function followDanglingLinks(target) {
    let path = external_node_path_.resolve(target);
    for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
        let link;
        try {
            link = (0,external_node_fs_.readlinkSync)(path);
        }
        catch {
            return path; // not a link (or not there): write here
        }
        path = external_node_path_.resolve(external_node_path_.dirname(path), link);
    }
    return path; // a loop: opening it reports ELOOP
}
function statOrUndefined(path) {
    try {
        return (0,external_node_fs_.statSync)(path);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/wasm/code-kernel.ts + 1 modules
var code_kernel = __nccwpck_require__(840);
;// CONCATENATED MODULE: ./src/host/input-file.ts
/**
 * Reading an input module whole. A regular file is read into a WebAssembly.Memory
 * (`wasmMemoryBuffer`), where the compiled code walk reads it in place: megabytes of code are not
 * copied again, and fresh memory is what costs here (page faults), not the reading.
 */


/** The contents of the open file `fd`, from its current position to its end. */
function readWholeFile(fd) {
    const stats = (0,external_node_fs_.fstatSync)(fd);
    if (!stats.isFile() || stats.size === 0)
        return (0,external_node_fs_.readFileSync)(fd);
    let bytes;
    try {
        bytes = (0,code_kernel/* wasmMemoryBuffer */.MF)(stats.size);
    }
    catch {
        return (0,external_node_fs_.readFileSync)(fd); // no address space for another memory: an ordinary buffer
    }
    let read = 0;
    while (read < bytes.length) {
        const n = (0,external_node_fs_.readSync)(fd, bytes, read, bytes.length - read, null);
        if (n === 0)
            break;
        read += n;
    }
    // A file that grew while being read: the rest, as readFileSync would have returned it.
    const rest = (0,external_node_fs_.readFileSync)(fd);
    const head = bytes.subarray(0, read);
    return rest.length === 0 ? head : Buffer.concat([head, rest]);
}

// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __nccwpck_require__(442);
// EXTERNAL MODULE: ./src/wizer/index.ts + 65 modules
var wizer = __nccwpck_require__(142);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
// EXTERNAL MODULE: ./src/optimize/args.ts + 1 modules
var args = __nccwpck_require__(807);
// EXTERNAL MODULE: ./src/wizer/options.ts
var options = __nccwpck_require__(471);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line parsing compatible with upstream `wizer` v11 (clap 4): the same flags, value
 * syntaxes and usage errors (exit code 2). Pure: takes argv, returns options or throws UsageError.
 */




const BOOL_VALUES = '  [possible values: true, false]';
function parseBool(value, display) {
    if (value === undefined || value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new errors/* UsageError */.eb(`invalid value '${value}' for '${display}'\n${BOOL_VALUES}`);
}
/** A u64 in decimal, as `--deterministic-seed` takes it. */
function seedValue(value) {
    const seed = (0,sources/* parseSeed */.dS)(value);
    if (seed !== undefined)
        return seed;
    throw new errors/* UsageError */.eb(`invalid value '${value}' for '--deterministic-seed <SEED>': expected a whole number from 0 to ${sources/* MAX_SEED */.He}`);
}
const feature = (key, display) => (state, value) => {
    state.options.features[key] = parseBool(value, display);
};
function featureFlag(name, key) {
    const display = `--${name} [<true|false>]`;
    return { long: [name], style: 'optional-greedy', display, apply: feature(key, display) };
}
const FLAGS = [
    {
        short: 'o',
        style: 'required',
        display: '-o <OUTPUT>',
        apply: (s, v) => (s.output = v),
    },
    {
        short: 'f',
        long: ['init-func'],
        style: 'required',
        display: '--init-func <INIT_FUNC>',
        apply: (s, v) => (s.options.initFunc = v),
    },
    {
        short: 'r',
        long: ['rename-func', 'func-rename'],
        style: 'required',
        display: '--rename-func <dst=src>',
        repeatable: true,
        apply: (s, v) => {
            const at = v.indexOf('=');
            if (at < 0) {
                throw new errors/* UsageError */.eb(`invalid value '${v}' for '--rename-func <dst=src>': must contain exactly one equals character ('=')`);
            }
            s.options.renames.push([v.slice(0, at), v.slice(at + 1)]);
        },
    },
    {
        long: ['keep-init-func'],
        style: 'optional-equals',
        display: '--keep-init-func[=<true|false>]',
        apply: (s, v) => (s.options.keepInitFunc = parseBool(v, '--keep-init-func[=<true|false>]')),
    },
    {
        long: ['allow-wasi'],
        style: 'switch',
        display: '--allow-wasi',
        apply: (s) => (s.options.allowWasi = true),
    },
    {
        long: ['relaxed-simd-deterministic'],
        style: 'optional-equals',
        display: '--relaxed-simd-deterministic[=<true|false>]',
        apply: (s, v) => (s.options.relaxedSimdDeterministic = parseBool(v, '--relaxed-simd-deterministic[=<true|false>]')),
    },
    {
        long: ['preload'],
        style: 'required',
        display: '--preload <PRELOAD>',
        repeatable: true,
        apply: (s, v) => s.preloads.push(v),
    },
    {
        long: ['inherit-stdio'],
        style: 'optional-greedy',
        display: '--inherit-stdio [<true|false>]',
        apply: (s, v) => (s.options.inheritStdio = parseBool(v, '--inherit-stdio [<true|false>]')),
    },
    {
        long: ['inherit-env'],
        style: 'optional-greedy',
        display: '--inherit-env [<true|false>]',
        apply: (s, v) => (s.options.inheritEnv = parseBool(v, '--inherit-env [<true|false>]')),
    },
    {
        long: ['dir'],
        style: 'required',
        display: '--dir <DIR>',
        repeatable: true,
        apply: (s, v) => s.dirs.push({ guest: v, host: v }),
    },
    {
        long: ['mapdir'],
        style: 'required',
        display: '--mapdir <GUEST_DIR::HOST_DIR>',
        repeatable: true,
        apply: (s, v) => {
            // Upstream splits on `::` and ignores any parts after the second.
            const parts = v.split('::');
            s.mapdirs.push(parts.length < 2 ? { guest: v, host: v } : { guest: parts[0], host: parts[1] });
        },
    },
    featureFlag('wasm-multi-memory', 'multiMemory'),
    featureFlag('wasm-multi-value', 'multiValue'),
    featureFlag('wasm-bulk-memory', 'bulkMemory'),
    featureFlag('wasm-simd', 'simd'),
    featureFlag('wasm-relaxed-simd', 'relaxedSimd'),
    featureFlag('wasm-reference-types', 'referenceTypes'),
    {
        long: ['timeout'],
        style: 'required',
        display: '--timeout <SECONDS>',
        apply: (s, v) => {
            const seconds = Number(v);
            if (!/^\d+(\.\d+)?$/.test(v) || !(seconds > 0)) {
                throw new errors/* UsageError */.eb(`invalid value '${v}' for '--timeout <SECONDS>': expected a positive number of seconds`);
            }
            s.options.timeoutMs = seconds * 1000;
        },
    },
    {
        long: ['optimize'],
        style: 'required-hyphen',
        display: '--optimize <ARGS>',
        apply: (s, v) => {
            try {
                (0,args/* parseOptimizeArgs */.s)(v);
            }
            catch (error) {
                if (!(error instanceof args/* OptimizeArgsError */.n))
                    throw error;
                throw new errors/* UsageError */.eb(`invalid value '${v}' for '--optimize <ARGS>': ${error.message}`);
            }
            s.options.optimize = v;
        },
    },
    {
        long: ['deterministic'],
        style: 'optional-equals',
        display: '--deterministic[=<true|false>]',
        apply: (s, v) => (s.options.deterministic = parseBool(v, '--deterministic[=<true|false>]')),
    },
    {
        long: ['deterministic-seed'],
        style: 'required',
        display: '--deterministic-seed <SEED>',
        apply: (s, v) => (s.options.deterministicSeed = seedValue(v)),
    },
    { short: 'h', style: 'switch', display: '-h', apply: (s) => (s.help = 'short') },
    { long: ['help'], style: 'switch', display: '--help', apply: (s) => (s.help = 'long') },
    {
        short: 'V',
        long: ['version'],
        style: 'switch',
        display: '--version',
        apply: (s) => (s.version = true),
    },
];
const USAGE = 'Usage: wizer [OPTIONS] [INPUT]';
const MORE = "For more information, try '--help'.";
function unexpected(token) {
    const tip = token.startsWith('-')
        ? `\n\n  tip: to pass '${token}' as a value, use '-- ${token}'`
        : '';
    return new errors/* UsageError */.eb(`unexpected argument '${token}' found${tip}\n\n${USAGE}\n\n${MORE}`);
}
function parseArgs(argv) {
    const state = {
        input: undefined,
        output: undefined,
        preloads: [],
        options: {
            ...options/* DEFAULT_OPTIONS */.lp,
            renames: [],
            env: [],
            preopens: [],
            features: { ...options/* DEFAULT_OPTIONS */.lp.features },
        },
        help: undefined,
        version: false,
        dirs: [],
        mapdirs: [],
    };
    const seen = new Set();
    const occurrence = (spec, value) => {
        if (seen.has(spec) && !spec.repeatable) {
            throw new errors/* UsageError */.eb(`the argument '${spec.display}' cannot be used multiple times\n\n${USAGE}`);
        }
        seen.add(spec);
        spec.apply(state, value);
    };
    // Like clap, an option whose value is the next token is acted on (checked for repetition, its
    // value parsed) only when the next known flag, the input or the end is reached: an unknown flag
    // or a second positional in between is reported first.
    let pending;
    const flush = () => {
        if (pending)
            occurrence(pending.spec, pending.value);
        pending = undefined;
    };
    const positional = (token) => {
        if (state.input !== undefined)
            throw unexpected(token);
        flush();
        state.input = token;
    };
    const option = (spec, inline, i) => {
        const [value, last] = flagValue(spec, inline, argv, i);
        if (last > i)
            pending = { spec, value };
        else
            occurrence(spec, value);
        return last;
    };
    try {
        // Help and version end parsing where they appear, as clap exits there.
        for (let i = 0; i < argv.length && !state.help && !state.version; i++) {
            const token = argv[i];
            if (token === '--') {
                for (const rest of argv.slice(i + 1))
                    positional(rest);
                break;
            }
            if (token.startsWith('--')) {
                const eq = token.indexOf('=');
                const name = token.slice(2, eq < 0 ? undefined : eq);
                const inline = eq < 0 ? undefined : token.slice(eq + 1);
                const spec = FLAGS.find((f) => f.long?.includes(name));
                if (!spec)
                    throw unexpected(token);
                flush();
                i = option(spec, inline, i);
            }
            else if (token.startsWith('-') && token.length > 1) {
                const spec = FLAGS.find((f) => f.short === token[1]);
                if (!spec)
                    throw unexpected(token);
                flush();
                let inline = token.length > 2 ? token.slice(2) : undefined;
                if (inline?.startsWith('='))
                    inline = inline.slice(1);
                i = option(spec, inline, i);
            }
            else {
                positional(token);
            }
        }
        flush();
    }
    catch (error) {
        if (error instanceof errors/* UsageError */.eb && !error.message.includes(MORE)) {
            throw new errors/* UsageError */.eb(`${error.message}\n\n${MORE}`);
        }
        throw error;
    }
    state.options.preopens = [...state.dirs, ...state.mapdirs];
    return state;
}
/** One flag's value (undefined when bare) and the index of the last argv token it consumed. */
function flagValue(spec, inline, argv, i) {
    switch (spec.style) {
        case 'switch':
            if (inline !== undefined) {
                throw new errors/* UsageError */.eb(`unexpected value '${inline}' for '${spec.display}' found; no more were expected\n\n${USAGE}`);
            }
            return [undefined, i];
        case 'optional-equals':
            return [inline, i];
        case 'optional-greedy': {
            const next = argv[i + 1];
            if (inline === undefined && next !== undefined && !next.startsWith('-'))
                return [next, i + 1];
            return [inline, i];
        }
        case 'required-hyphen': {
            if (inline !== undefined)
                return [inline, i];
            const next = argv[i + 1];
            if (next === undefined) {
                throw new errors/* UsageError */.eb(`a value is required for '${spec.display}' but none was supplied`);
            }
            return [next, i + 1];
        }
        case 'required': {
            if (inline !== undefined)
                return [inline, i];
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('-') && next.length > 1)) {
                throw new errors/* UsageError */.eb(`a value is required for '${spec.display}' but none was supplied`);
            }
            return [next, i + 1];
        }
    }
}
/** Parses `--preload name=file` values as upstream does (a runtime error, exit code 1). */
function parsePreload(value) {
    const at = value.indexOf('=');
    if (at < 0)
        return undefined;
    return { name: value.slice(0, at), path: value.slice(at + 1) };
}

;// CONCATENATED MODULE: ./src/version.ts
/** Version of this tool; kept equal to package.json's by a unit test. Part of every cache key. */
const TOOL_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/help.ts
/** Help text of the CLI (our own wording; the flags are upstream Wizer v11's). */

const VERSION_TEXT = `wizer-action ${TOOL_VERSION} (compatible with wizer 11.0.3)`;
const SUMMARY = `Pre-initialize a WebAssembly module: run its initialization function once and write a
new module whose memories and globals already hold the resulting state.`;
const OPTIONS = [
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
function helpText(long) {
    const lines = [SUMMARY, '', 'Usage: wizer [OPTIONS] [INPUT]', '', 'Arguments:'];
    lines.push('  [INPUT]  The input Wasm module (binary); defaults to stdin', '', 'Options:');
    for (const [flag, text, detail] of OPTIONS) {
        if (long) {
            lines.push(`  ${flag}`, `          ${text}`);
            if (detail)
                lines.push(`          ${detail}`);
            lines.push('');
        }
        else {
            lines.push(`  ${flag.padEnd(44)} ${text}`);
        }
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The `wizer`-compatible command: parses argv, reads the input (file or stdin), calls `wizen`, and
 * writes the output (atomically where it is a file: see host/output-file.ts) or to stdout. Returns the exit
 * code: 0 success, 1 failure (`Error: ...` with its cause chain), 2 usage error.
 */









const processIo = {
    // Getters: Node makes each stream on first use, which a run writing only a file never needs.
    get stdout() {
        return process.stdout;
    },
    get stderr() {
        return process.stderr;
    },
    // Through the stream, not readFileSync(0): a synchronous read fails with EAGAIN on a pipe that
    // another process left non-blocking (macOS and Linux) and with EOF on a closed pipe (Windows),
    // where libuv's stream waits for data and ends cleanly. A file on stdin works either way.
    readStdin: () => readStream(process.stdin),
};
async function main(argv, io = processIo) {
    // Since the process started: Node's own start-up and loading this bundle.
    const startMs = performance.now();
    let args;
    try {
        args = parseArgs(argv);
    }
    catch (error) {
        if (error instanceof errors/* UsageError */.eb) {
            io.stderr.write(`error: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    if (args.help) {
        io.stdout.write(helpText(args.help === 'long'));
        return 0;
    }
    if (args.version) {
        io.stdout.write(`${VERSION_TEXT}\n`);
        return 0;
    }
    let output;
    const logger = rustLogLogger(process.env['RUST_LOG'], () => io.stderr);
    try {
        const readStarted = performance.now();
        const input = await readInput(args.input, io);
        const readMs = performance.now() - readStarted;
        output = args.output === undefined ? undefined : createOutput(args.output);
        const preloads = args.preloads.map((value) => {
            const preload = parsePreload(value);
            if (!preload)
                throw new errors/* WizerError */.Mx(`Bad preload option: ${value} (must be of form \`name=file\`)`);
            return preload;
        });
        const { parts, report } = await (0,wizer/* wizenParts */.Gu)(input, {
            ...args.options,
            preloads,
            guestStdoutToStderr: output === undefined,
            sourceDateEpoch: args.options.deterministic
                ? (0,sources/* parseSourceDateEpoch */.QS)(process.env['SOURCE_DATE_EPOCH'])
                : undefined,
        }, logger);
        const writeStarted = performance.now();
        if (output)
            commitOutput(output, args.output, parts);
        else
            await writeAll(io.stdout, (0,writer/* concatChunks */.JD)(parts));
        const writeMs = performance.now() - writeStarted;
        logger.debug(`Phase times (ms): ${phaseTimes(report, startMs, readMs, writeMs)}`);
        return 0;
    }
    catch (error) {
        output?.abandon();
        io.stderr.write(`Error: ${(0,errors/* formatErrorChain */.jf)(error)}\n`);
        return 1;
    }
}
async function readInput(path, io) {
    if (path === undefined) {
        try {
            return await io.readStdin();
        }
        catch (error) {
            throw new errors/* WizerError */.Mx('failed to read input Wasm module', { cause: (0,errors/* osError */.hf)(error) });
        }
    }
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, 'r');
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to open input file', { cause: fileError(path, error) });
    }
    try {
        return readWholeFile(fd);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to read input Wasm module', { cause: fileError(path, error) });
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The output file, created up front so an unwritable destination fails early, as upstream's. */
function createOutput(target) {
    try {
        return OutputFile.create(target);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to create output file', { cause: fileError(target, error) });
    }
}
function commitOutput(output, target, parts) {
    try {
        output.commit(parts);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to write to output', { cause: fileError(target, error) });
    }
}
/** Every byte of `stream` until its end. */
async function readStream(stream) {
    const chunks = [];
    for await (const chunk of stream) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    return Buffer.concat(chunks);
}
/**
 * Resolves once the stream has handed all of `bytes` to the OS. Node writes to pipes
 * asynchronously on Linux and macOS (and to consoles on Windows), so a module of megabytes is
 * still queued when `write` returns; the exit code is set only after this, and the process ends
 * when the event loop is empty (nothing calls process.exit), so no byte is lost.
 */
function writeAll(stream, bytes) {
    return new Promise((resolve, reject) => {
        stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
}
/**
 * Each step's time in milliseconds, in order, for the debug log (`npm run bench` reads it):
 * `start` is the time from the process's start to the CLI's (Node and the bundle loading).
 */
function phaseTimes(report, startMs, readMs, writeMs) {
    const { parse, instrument, compile, initialize, snapshot, rewrite } = report.timings;
    const times = [
        ['start', startMs],
        ['read', readMs],
        ['parse', parse],
        ['instrument', instrument],
        ['compile', compile],
        ['initialize', initialize],
        ['snapshot', snapshot],
        ['rewrite', rewrite],
    ];
    if (report.optimize)
        times.push(['optimize', report.optimize.ms]);
    times.push(['write', writeMs]);
    return times.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
}
/**
 * Upstream logs its phases when `RUST_LOG` enables debug output for `wasmtime_wizer`; scripts
 * that watch for those lines get the same ones from us.
 */
function rustLogLogger(rustLog, sink) {
    const enabled = (rustLog ?? '')
        .split(',')
        .some((d) => /^(wasmtime_wizer(=(debug|trace))?|debug|trace)$/.test(d.trim()));
    // Results of an init call expression go to stderr: stdout may carry the output module.
    const initResult = (wave) => void sink().write(`${wave}\n`);
    if (!enabled)
        return { debug: () => { }, initResult };
    return {
        initResult,
        debug: (message, phase) => {
            const time = new Date().toISOString().slice(0, 19);
            const target = phase ? `wasmtime_wizer::${phase}` : 'wasmtime_wizer';
            sink().write(`[${time}Z DEBUG ${target}] ${message}\n`);
        },
    };
}
/**
 * The file involved, then the OS error. Upstream prints only the OS error under its first line;
 * the extra level names the path while keeping that first line and the root cause the same.
 */
function fileError(path, error) {
    return new errors/* WizerError */.Mx(`\`${path}\``, { cause: (0,errors/* osError */.hf)(error) });
}


/***/ }),

/***/ 442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U1: () => (/* binding */ GuestTrap),
  z$: () => (/* binding */ ProcExit),
  eb: () => (/* binding */ UsageError),
  r_: () => (/* binding */ WasmDecodeError),
  Mx: () => (/* binding */ WizerError),
  eB: () => (/* binding */ errorChain),
  jf: () => (/* binding */ formatErrorChain),
  hf: () => (/* binding */ osError)
});

// UNUSED EXPORTS: CacheError, InputError

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/errors.ts

/**
 * Error classes shared by every layer. Each sets `name` so callers can branch on it even when a
 * bundle holds two copies of a class; causes are chained with ES2022 `{ cause }` and rendered the
 * way upstream Wizer renders anyhow chains (`Error: msg`, blank line, `Caused by:`).
 */
/** A failure of the pre-initializer on a given module: what upstream reports with exit code 1. */
class WizerError extends Error {
    name = 'WizerError';
    constructor(message, options) {
        super(message, options);
    }
}
/** The input bytes are not a well-formed or valid WebAssembly binary. */
class WasmDecodeError extends WizerError {
    offset;
    name = 'WasmDecodeError';
    constructor(message, offset) {
        super(`${message} (at offset 0x${offset.toString(16)})`);
        this.offset = offset;
    }
}
/** A trap or host error raised while the guest ran (start, `_initialize`, init function). */
class GuestTrap extends WizerError {
    name = 'GuestTrap';
}
/** The guest called WASI `proc_exit`: always an error during initialization. */
class ProcExit extends GuestTrap {
    code;
    name = 'ProcExit';
    constructor(code) {
        super(`Exited with i32 exit status ${code}`);
        this.code = code;
    }
}
/** Command-line usage errors (upstream: clap errors, exit code 2). */
class UsageError extends Error {
    name = 'UsageError';
}
/** Bad action inputs or option values, reported before any work starts. */
class InputError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'InputError';
}
/** Cache failures: always downgraded to warnings by the action. */
class CacheError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'CacheError';
}
/** The messages of an error and its causes, outermost first. */
function errorChain(error) {
    const out = [];
    let current = error;
    const seen = new Set();
    while (current !== undefined && current !== null && !seen.has(current)) {
        seen.add(current);
        if (current instanceof Error) {
            out.push(current.message);
            current = current.cause;
        }
        else {
            out.push(String(current));
            break;
        }
    }
    return out;
}
/** Renders an error like Rust's anyhow `{:?}`: `msg`, blank line, `Caused by:`, numbered causes. */
function formatErrorChain(error) {
    const [head, ...causes] = errorChain(error);
    if (causes.length === 0)
        return head ?? '';
    // Continuation lines line up under the cause text: 4 columns alone, 7 after a number.
    const lines = causes.map((c, i) => causes.length === 1 ? `    ${indent(c, 4)}` : `    ${i}: ${indent(c, 7)}`);
    return `${head}\n\nCaused by:\n${lines.join('\n')}`;
}
function indent(text, columns) {
    return text.replace(/\n/g, `\n${' '.repeat(columns)}`);
}
/** Rust's `io::Error` wording (which upstream prints) for the errno codes file access can hit. */
const RUST_IO_MESSAGES = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
    EEXIST: 'File exists',
    ENOSPC: 'No space left on device',
    EROFS: 'Read-only file system',
    ELOOP: 'Too many levels of symbolic links',
    EMFILE: 'Too many open files',
};
/** Node's errno errors in the wording of Rust's `io::Error`: `No such file ... (os error 2)`. */
function osError(error) {
    const code = error?.code ?? '';
    const errno = external_node_os_namespaceObject.constants.errno[code];
    const text = RUST_IO_MESSAGES[code];
    if (text !== undefined && errno !== undefined)
        return `${text} (os error ${errno})`;
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 807:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  n: () => (/* binding */ OptimizeArgsError),
  s: () => (/* binding */ parseOptimizeArgs)
});

;// CONCATENATED MODULE: ./src/optimize/passes.ts
/**
 * The pass names binaryen 132's `wasm-opt` accepts (its `--help`, "Optimization passes"): a name
 * binaryen does not know would abort it, so unknown names are refused before it is loaded.
 */
const KNOWN_PASSES = new Set([
    'abstract-type-refining',
    'alignment-lowering',
    'asyncify',
    'avoid-reinterprets',
    'cfp',
    'cfp-reftest',
    'coalesce-locals',
    'coalesce-locals-learning',
    'code-folding',
    'code-pushing',
    'const-hoisting',
    'constraint-analysis',
    'dae',
    'dae-optimizing',
    'dae2',
    'dce',
    'dealign',
    'denan',
    'dfo',
    'directize',
    'discard-global-effects',
    'duplicate-function-elimination',
    'duplicate-import-elimination',
    'dwarfdump',
    'emit-target-features',
    'enclose-world',
    'extract-function',
    'extract-function-index',
    'flatten',
    'fpcast-emu',
    'func-metrics',
    'generate-dyncalls',
    'generate-global-effects',
    'generate-i64-dyncalls',
    'global-refining',
    'gsi',
    'gsi-desc-cast',
    'gto',
    'gufa',
    'gufa-cast-all',
    'gufa-optimizing',
    'heap-store-optimization',
    'heap2local',
    'i64-to-i32-lowering',
    'inline-main',
    'inlining',
    'inlining-optimizing',
    'instrument-branch-hints',
    'instrument-locals',
    'instrument-memory',
    'intrinsic-lowering',
    'legalize-and-prune-js-interface',
    'legalize-js-interface',
    'licm',
    'limit-segments',
    'llvm-memory-copy-fill-lowering',
    'llvm-nontrapping-fptoint-lowering',
    'local-cse',
    'local-subtyping',
    'log-execution',
    'make-shared-objects',
    'mark-js-called',
    'memory-packing',
    'memory64-lowering',
    'merge-blocks',
    'merge-j2cl-itables',
    'merge-locals',
    'merge-similar-functions',
    'metrics',
    'minify-imports',
    'minify-imports-and-exports',
    'minify-imports-and-exports-and-modules',
    'minimize-rec-groups',
    'monomorphize',
    'monomorphize-always',
    'multi-memory-lowering',
    'multi-memory-lowering-with-bounds-checks',
    'name-types',
    'nm',
    'no-full-inline',
    'no-inline',
    'no-partial-inline',
    'once-reduction',
    'optimize-added-constants',
    'optimize-added-constants-propagate',
    'optimize-casts',
    'optimize-for-js',
    'optimize-instructions',
    'optimize-j2cl',
    'pick-load-signs',
    'poppify',
    'post-emscripten',
    'precompute',
    'precompute-propagate',
    'print',
    'print-boundary',
    'print-call-graph',
    'print-features',
    'print-full',
    'print-function-map',
    'print-minified',
    'propagate-debug-locs',
    'propagate-globals-globally',
    'remove-exports',
    'remove-imports',
    'remove-memory',
    'remove-memory-init',
    'remove-non-js-ops',
    'remove-relaxed-simd',
    'remove-unused-brs',
    'remove-unused-module-elements',
    'remove-unused-names',
    'remove-unused-nonfunction-module-elements',
    'remove-unused-types',
    'reorder-functions',
    'reorder-functions-by-name',
    'reorder-globals',
    'reorder-locals',
    'reorder-types',
    'rereloop',
    'roundtrip',
    'rse',
    'safe-heap',
    'separate-data-segments',
    'set-globals',
    'signature-pruning',
    'signature-refining',
    'signext-lowering',
    'simplify-globals',
    'simplify-globals-optimizing',
    'simplify-locals',
    'simplify-locals-nonesting',
    'simplify-locals-nostructure',
    'simplify-locals-notee',
    'simplify-locals-notee-nostructure',
    'souperify',
    'souperify-single-use',
    'spill-pointers',
    'ssa',
    'ssa-nomerge',
    'stack-check',
    'string-gathering',
    'string-lifting',
    'string-lowering',
    'string-lowering-magic-imports',
    'string-lowering-magic-imports-assert',
    'strip',
    'strip-debug',
    'strip-dwarf',
    'strip-eh',
    'strip-producers',
    'strip-target-features',
    'strip-toolchain-annotations',
    'stub-unsupported-js',
    'symbolmap',
    'table64-lowering',
    'trace-calls',
    'translate-to-exnref',
    'translate-to-new-eh',
    'trap-mode-clamp',
    'trap-mode-js',
    'tuple-optimization',
    'type-finalizing',
    'type-merging',
    'type-refining',
    'type-refining-gufa',
    'type-ssa',
    'type-unfinalizing',
    'unsubtyping',
    'untee',
    'vacuum',
]);

;// CONCATENATED MODULE: ./src/optimize/args.ts
/**
 * `--optimize` arguments: a subset of `wasm-opt`'s command line in one string, e.g.
 * `-O3 --strip-debug` or `--remove-unused-module-elements --memory-packing -g`. Pure: the
 * string in, the steps out, or an {@link OptimizeArgsError} naming the bad word.
 */

class OptimizeArgsError extends Error {
    name = 'OptimizeArgsError';
}
/** `wasm-opt`'s levels: `-O` is `-Os`; `-Os`/`-Oz` shrink on top of level 2. */
const LEVELS = {
    '-O': [2, 1],
    '-O0': [0, 0],
    '-O1': [1, 0],
    '-O2': [2, 0],
    '-O3': [3, 0],
    '-O4': [4, 0],
    '-Os': [2, 1],
    '-Oz': [2, 2],
};
function parseOptimizeArgs(text) {
    const words = text.split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) {
        throw new OptimizeArgsError('no optimization given (e.g. `-O`, `-Oz`, `--strip-debug`)');
    }
    const args = { steps: [], debugInfo: false, optimizeLevel: 0, shrinkLevel: 0 };
    for (const word of words) {
        const level = LEVELS[word];
        if (level !== undefined) {
            args.steps.push({ kind: 'level', optimize: level[0], shrink: level[1], flag: word });
            [args.optimizeLevel, args.shrinkLevel] = level;
        }
        else if (word === '-g' || word === '--debuginfo') {
            args.debugInfo = true;
        }
        else if (word.startsWith('--') && KNOWN_PASSES.has(word.slice(2))) {
            args.steps.push({ kind: 'pass', name: word.slice(2) });
        }
        else if (/^-O/.test(word)) {
            throw new OptimizeArgsError(`unknown optimization level \`${word}\` (expected -O, -O0, -O1, -O2, -O3, -O4, -Os or -Oz)`);
        }
        else {
            throw new OptimizeArgsError(`unknown optimization pass or option \`${word}\` (binaryen's pass names, as \`wasm-opt --help\` lists them, each with \`--\`; levels -O..-Oz; -g)`);
        }
    }
    return args;
}


/***/ }),

/***/ 109:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AK: () => (/* binding */ HostFiles),
/* harmony export */   DE: () => (/* binding */ VirtualFiles)
/* harmony export */ });
/* unused harmony export VIRTUAL_DEVICE */
/**
 * What the guest sees of the host's file system metadata. As it is on the host, or in
 * deterministic mode ({@link VirtualFiles}) nothing that differs between two checkouts of the same
 * tree: times, device and inode numbers, directory sizes and link counts, listing order.
 */
/** The host's metadata as it is, entries in the host's order (as upstream lists them). */
class HostFiles {
    identity(host) {
        return host;
    }
    timestamp(hostNs) {
        return hostNs;
    }
    optionalTimestamp(hostNs) {
        return hostNs > 0n ? hostNs : undefined;
    }
    directory(host) {
        return host;
    }
    order(entries) {
        return entries;
    }
}
/** The device number every file has in deterministic mode. */
const VIRTUAL_DEVICE = 1n;
/**
 * Deterministic metadata: every time reads as the epoch (birth times too, recorded or not) (`SOURCE_DATE_EPOCH` or the default, as
 * the realtime clock starts); every file is on device {@link VIRTUAL_DEVICE} with inode numbers 1,
 * 2, 3, ... in the order the guest first sees each host file (so hard links still share one, and
 * the same init sees the same numbers wherever the tree is checked out); directories have size 0
 * and one link (file systems disagree on both); entries are listed sorted by name, byte-wise.
 */
class VirtualFiles {
    inodes = new Map();
    epochNs;
    constructor(epochSeconds) {
        this.epochNs = BigInt(epochSeconds) * 1000000000n;
    }
    identity(host) {
        const key = `${host.dev}:${host.ino}`;
        let ino = this.inodes.get(key);
        if (ino === undefined) {
            ino = BigInt(this.inodes.size + 1);
            this.inodes.set(key, ino);
        }
        return { dev: VIRTUAL_DEVICE, ino };
    }
    timestamp() {
        return this.epochNs;
    }
    /** Always recorded: whether a host records it depends on its file system. */
    optionalTimestamp() {
        return this.epochNs;
    }
    directory() {
        return { size: 0n, nlink: 1n };
    }
    order(entries) {
        return entries.sort((a, b) => Buffer.compare(a.name, b.name));
    }
}


/***/ }),

/***/ 935:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  He: () => (/* binding */ MAX_SEED),
  Dy: () => (/* binding */ guestSources),
  dS: () => (/* binding */ parseSeed),
  QS: () => (/* binding */ parseSourceDateEpoch),
  PW: () => (/* reexport */ sleepSync)
});

// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __nccwpck_require__(442);
;// CONCATENATED MODULE: ./src/sources/clock.ts
/**
 * The clocks a guest reads during init. On the host they are the real ones; in deterministic mode
 * they are virtual (see {@link VirtualClock}), so an init that reads the time, sleeps or measures
 * itself does the same work on every run.
 */
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` milliseconds (WASI calls are synchronous). */
function sleepSync(ms) {
    if (ms > 0)
        Atomics.wait(sleepCell, 0, 0, ms);
}
/** The host's clocks: realtime from the system, monotonic from `process.hrtime`. */
class HostClock {
    /** The process's start on the realtime clock, in nanoseconds (microsecond precision). */
    origin = BigInt(Math.round(performance.timeOrigin * 1000)) * 1000n;
    readRealtime() {
        return this.origin + BigInt(Math.round(performance.now() * 1e6));
    }
    readMonotonic() {
        return process.hrtime.bigint();
    }
    peekMonotonic() {
        return process.hrtime.bigint();
    }
    peekRealtime() {
        return this.readRealtime();
    }
    sleepUntil(deadline) {
        for (let left = deadline - this.peekMonotonic(); left > 0n; left = deadline - this.peekMonotonic()) {
            sleepSync(Number(left) / 1e6);
        }
    }
}
/** 1980-01-01T00:00:00Z, the realtime start without `SOURCE_DATE_EPOCH` (zip's earliest date). */
const DEFAULT_EPOCH_SECONDS = 315_532_800;
/** Where the virtual monotonic clock starts: one second, so no reading is ever zero. */
const MONOTONIC_START_NS = 1000000000n;
/**
 * How far the virtual clocks advance on each reading (see {@link VirtualClock}): 100 us. Guests
 * that time themselves size their work by it: SpiderMonkey sizes its heap from measured GC times,
 * and the StarlingMonkey acorn app's output measured 23.8 MB with steps of 0.1-30 us but 18.9 MB
 * with 100 us and 1 ms, below upstream's 20.6-22.7 MB (the hello app: the same size at every
 * step tried).
 */
const STEP_NS = 100000n;
/**
 * Virtual clocks: realtime starts at the epoch given (`SOURCE_DATE_EPOCH`, else
 * {@link DEFAULT_EPOCH_SECONDS}), monotonic at {@link MONOTONIC_START_NS}; they share one
 * elapsed time, which advances by {@link STEP_NS} after every reading of either clock and by the
 * whole wait when the guest sleeps or polls a clock (which then completes at once). Nothing
 * depends on wall time, the machine or its load.
 */
class VirtualClock {
    elapsed = 0n;
    epochNs;
    constructor(epochSeconds = DEFAULT_EPOCH_SECONDS) {
        this.epochNs = BigInt(epochSeconds) * 1000000000n;
    }
    readRealtime() {
        const now = this.peekRealtime();
        this.elapsed += STEP_NS;
        return now;
    }
    readMonotonic() {
        const now = this.peekMonotonic();
        this.elapsed += STEP_NS;
        return now;
    }
    peekMonotonic() {
        return MONOTONIC_START_NS + this.elapsed;
    }
    peekRealtime() {
        return this.epochNs + this.elapsed;
    }
    sleepUntil(deadline) {
        const left = deadline - this.peekMonotonic();
        if (left > 0n)
            this.elapsed += left;
    }
}

// EXTERNAL MODULE: ./src/sources/files.ts
var files = __nccwpck_require__(109);
;// CONCATENATED MODULE: ./src/sources/random.ts
const POOL_SIZE = 4096;
/** Loaded on first use: most guests never ask for random bytes, and loading it costs ~10 ms. */
const random_crypto = () => process.getBuiltinModule('node:crypto');
/**
 * The host's source. `randomFillSync` costs a few microseconds per call whatever the size, and
 * guests ask for a few bytes at a time (hash seeds), so small requests are served from a pool
 * refilled in bulk. Every byte is handed out once.
 */
class HostRandom {
    pool = new Uint8Array(POOL_SIZE);
    used = POOL_SIZE;
    seed;
    get insecureSeed() {
        return (this.seed ??= random_crypto().randomFillSync(new Uint8Array(16)));
    }
    fill(target, offset, length) {
        if (length > POOL_SIZE / 4) {
            random_crypto().randomFillSync(target, offset, length);
            return;
        }
        if (this.used + length > POOL_SIZE) {
            random_crypto().randomFillSync(this.pool);
            this.used = 0;
        }
        target.set(this.pool.subarray(this.used, this.used + length), offset);
        this.pool.fill(0, this.used, this.used + length);
        this.used += length;
    }
}
/**
 * The ChaCha20 keystream (RFC 8439) under a key made of the seed (a u64, 8 bytes little-endian)
 * followed by 24 zero bytes, block counter from 0: nonce 0 for the random bytes, which every
 * request takes in order, and nonce 1 for the insecure seed (its first 16 bytes). A standard
 * cipher, so any implementation can reproduce the bytes a guest saw.
 */
class SeededRandom {
    stream;
    insecureSeed;
    /** Keystream made ahead in blocks (guests ask for a few bytes at a time), handed out in order. */
    pool = new Uint8Array(0);
    used = 0;
    constructor(seed) {
        this.stream = keystream(seed, 0);
        this.insecureSeed = new Uint8Array(keystream(seed, 1).update(new Uint8Array(16)));
    }
    fill(target, offset, length) {
        let at = offset;
        const end = offset + length;
        while (at < end) {
            if (this.used === this.pool.length) {
                // Encrypting zeros gives the keystream itself.
                this.pool = new Uint8Array(this.stream.update(new Uint8Array(Math.max(POOL_SIZE, end - at))));
                this.used = 0;
            }
            const n = Math.min(end - at, this.pool.length - this.used);
            target.set(this.pool.subarray(this.used, this.used + n), at);
            this.used += n;
            at += n;
        }
    }
}
function keystream(seed, nonce) {
    const key = new Uint8Array(32);
    new DataView(key.buffer).setBigUint64(0, BigInt.asUintN(64, seed), true);
    // Node's IV for chacha20: the 32-bit block counter, then the 96-bit nonce, little-endian.
    const iv = new Uint8Array(16);
    new DataView(iv.buffer).setUint32(4, nonce, true);
    return random_crypto().createCipheriv('chacha20', key, iv);
}

;// CONCATENATED MODULE: ./src/sources/index.ts
/**
 * What the host gives a guest during init that could differ from run to run: clocks, random
 * bytes and file system metadata. Both WASI layers (preview1 in src/wasi, 0.2 in src/wasi2) take
 * them from here: the host's own by default, virtual ones in deterministic mode
 * (`--deterministic`), where every source is a function of the options alone.
 */





/** Fresh sources for one WASI host (a virtual clock and stream start anew). */
function guestSources(options = {}) {
    if (options.deterministic !== true) {
        return { clock: new HostClock(), random: new HostRandom(), files: new files/* HostFiles */.AK() };
    }
    const epoch = options.sourceDateEpoch ?? DEFAULT_EPOCH_SECONDS;
    return {
        clock: new VirtualClock(epoch),
        random: new SeededRandom(options.deterministicSeed ?? 0n),
        files: new files/* VirtualFiles */.DE(epoch),
    };
}
/** The largest seed of the random bytes (a u64). */
const MAX_SEED = (1n << 64n) - 1n;
/** A `--deterministic-seed` / `deterministic-seed` value: a u64 in decimal, else undefined. */
function parseSeed(value) {
    return /^\d{1,20}$/.test(value) && BigInt(value) <= MAX_SEED ? BigInt(value) : undefined;
}
/**
 * `SOURCE_DATE_EPOCH` as the reproducible-builds convention defines it (a decimal count of
 * seconds since the Unix epoch); undefined when unset or empty. Throws on anything else.
 */
function parseSourceDateEpoch(value) {
    if (value === undefined || value === '')
        return undefined;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new errors/* UsageError */.eb(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got \`${value}\``);
    }
    return Number(value);
}


/***/ }),

/***/ 840:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  km: () => (/* binding */ CodeWalker),
  uk: () => (/* binding */ LOCALS_REPORT),
  r$: () => (/* binding */ REPORT_FIELDS),
  hD: () => (/* binding */ ReportWhen),
  MF: () => (/* binding */ wasmMemoryBuffer)
});

;// CONCATENATED MODULE: ./src/wasm/code-kernel-wasm.ts
// Generated by `npm run kernels` from code-kernel.wat: do not edit.
const CODE_KERNEL_WASM_BASE64 = 'AGFzbQEAAAABKQZgBH9/f38Bf2ACf38Bf2ABfwF/YAJ/fwBgA39/fwF/YAZ/f39/f38AAhEBBWlucHV0Bm1lbW9yeQIAAAMMCwABAQICAgMCBAQFBQMBAAEGCwJ/AUEAC38BQQALBxECBm1lbW9yeQIBBHdhbGsAAArEDAvmBAIOfwF+IAEkACAAEAchACMBIQQCQANAIAUgBE8NASABJAAgABAHIQAgACMBaiEGIAYgAUsgBiAASXIEQAALIAYkACAAIQsgABAHIQAjASEHQQAhCAJAA0AgB0UNASAAEAchACAAQQEQBiAIIAAtAAAQBXIhCCAAEAMhACAHQQFrIQcMAAsLIAgEQCACIBBBf0F/IAsgA2ogBRAKIBBBAWohEAtBASEKAkADQCAAIwBPBEAACyAAIQsgAC0AACEMIABBAWohACAMQQN0IQ4gDilDAQAhEiASUA0AIBJCBFgEQCAALQAAQYABSQRAIABBAWohAAwCCyAALQABQYABSQRAIABBAmohAAwCCyAALQACQYABSQRAIABBA2ohAAwCCwsgEkKAgICAgICAgH9RBEAgCkEBSwRAIApBAWshCgwCCwsgEkKFgICAgICAgQFRBEAgAC0AACEJIAlBgAFJIAlB4wBrQRFLcQRAIABBAWohACAKQQFqIQoMAgsLIBJCC1EEQCAALQAAQcAASSAALQABQYABSXEEQCAAQQJqIQAMAgsLQX8hDSAOLUABAEH+AUYEQCAAEAchACMBIQ0gDUGABE8EQAALQYAQIAxB+wFrQQl0IA1qQQN0aiEOCyAOLUABAEH/AUYEQAALIA4tQAEGIQ8gD0EBRiAPQQJGIAAjAEkgAC0AABAFcXFyBEAgAiAQIAwgDSALIANqIAUQCiAQQQFqIRALIA4gABABIQAgDixAAQchESARBEAgCiARaiEKIApFBEAgACMARwRAAAsMAwsLDAALCyAFQQFqIQUMAAsLIBALNAECfwJAA0AgAkEGTw0BIAAgAmotQAEAIQMgA0UNASADIAEQAiEBIAJBAWohAgwACwsgAQvXAwECfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCAADg8AAQIDBAUGBwgJCgsMDQ4ACwALIAFBBUHwARAIDwsgAUEFQfgAEAkPCyABQQpB/wAQCQ8LIAFBBUHwABAJDwsgAUEBEAYgAS0AACECIAJBwABGIAIQBHIEQCABQQFqDwsgAkHjAEYgAkHkAEZyBEAgAUEBakEFQfAAEAkPCyABQQVB8AAQCQ8LIAFBARAGIAFBAWoPCyABQQEQBiABLQAABEAACyABQQFqDwsgAUEEEAYgAUEEag8LIAFBCBAGIAFBCGoPCyABQRAQBiABQRBqDwsgARAHIQEjAUHAAHEEQCABQQVB8AEQCCEBCyABQQpB/gEQCA8LIAEQByEBIwEhAyADQX9GBEAACyADQQFqIQMDQCABQQVB8AEQCCEBIANBAWshAyADDQALIAEPCyABEAchASMBIQMCQANAIANFDQEgARADIQEgA0EBayEDDAALCyABDwsgARAHIQEjASEDAkADQCADRQ0BIAFBARAGIAEtAAAhAiACQQNLBEAACyABQQFqIQEgAkECSQRAIAFBBUHwARAIIQELIAFBBUHwARAIIQEgA0EBayEDDAALCyABCzwBAX8gAEEBEAYgAC0AACEBIAFB4wBGIAFB5ABGcgRAIABBAWpBBUHwABAJDwsgARAERQRAAAsgAEEBagsdACAAQfsATyAAQf8ATXEgAEHpAE8gAEH0AE1xcgsPACAAQeMATyAAQfQATXELEQAgAK0gAa18IwCtVgRAAAsLVAEDfwNAIAAjAE8EQAALIAAtAAAhASAAQQFqIQAgAkEcRiABQfABcUEAR3EEQAALIAMgAUH/AHEgAnRyIQMgAkEHaiECIAFBgAFxDQALIAMkASAAC0kBAn8gACABQQFraiEEA0AgACMATwRAAAsgAC0AACEDIAAgBEYEQCADIAJxBEAACyAAQQFqDwsgAEEBaiEAIANBgAFxDQALIAALXQEDfyAAIAFBAWtqIQQDQCAAIwBPBEAACyAALQAAIQMgACAERgRAIAMgAnEhBSADQYABTyAFQQBHIAUgAkdxcgRAAAsgAEEBag8LIABBAWohACADQYABcQ0ACyAAC1IBAn8gACABQQR0aiEGA0AgBq1CEHw/Aa1CEIZWBEA/ASEHIAdAAUF/RgRAAAsMAQsLIAYgAjZCAQAgBiADNkIBBCAGIAQ2QgEIIAYgBTZCAQwL';

// EXTERNAL MODULE: ./src/wasm/code.ts
var code = __nccwpck_require__(188);
;// CONCATENATED MODULE: ./src/wasm/code-kernel.ts
/**
 * A filtered walk over a whole code section in compiled code (code-kernel.wat): it decodes every
 * instruction as `walkFunctionBody` does and reports only the ones a filter asks for, plus the
 * bodies that declare locals of reference type. A one-shot process walks each module's code
 * once, so the same loop in JavaScript runs mostly unoptimized: SQLite's 1 MB of code took about
 * 15 ms there and takes 5 ms here, StarlingMonkey's 9 MB 60-80 ms and 30 ms (Liftoff code, with
 * fast paths for the common instructions). Where the code is malformed the kernel traps and the
 * walk returns undefined: walking it in JavaScript then reports the error.
 */


/** When a single-byte instruction is reported. */
const ReportWhen = {
    never: 0,
    always: 1,
    /** Only when its block type is a reference type (the byte after the opcode). */
    refBlockType: 2,
};
/** The `opcode` of a report that a body declares a local of reference type. */
const LOCALS_REPORT = -1;
const REPORT_FIELDS = 4;
const ENTRY_BYTES = 8;
const STEP_SLOTS = 6;
const MODE_AT = 6;
const DELTA_AT = 7;
const PREFIX_MARK = 0xfe;
const UNKNOWN_MARK = 0xff;
const SUBOPCODES = 512;
const PREFIXED_TABLE_AT = 256 * ENTRY_BYTES;
const REPORTS_AT = PREFIXED_TABLE_AT + code/* PREFIX_OPCODES */.Jc.length * SUBOPCODES * ENTRY_BYTES;
const PAGE_BYTES = 65536;
/** The WebAssembly.Memory behind buffers from `wasmMemoryBuffer`, which the kernel reads in place. */
const memoryOf = new WeakMap();
/**
 * A zeroed buffer of `size` bytes inside a WebAssembly.Memory, for reading an input into: the
 * compiled walk then reads its code where it is instead of copying it.
 */
function wasmMemoryBuffer(size) {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(size / PAGE_BYTES) });
    memoryOf.set(memory.buffer, memory);
    return new Uint8Array(memory.buffer, 0, size);
}
let compiled;
class CodeWalker {
    tables;
    constructor(tables) {
        this.tables = tables;
    }
    /** A walker for `filter`: its decoding and report tables, built once. */
    static create(filter) {
        const tables = new Uint8Array(REPORTS_AT);
        const fill = (at, opcode, subopcode, report) => {
            const layout = (0,code/* instructionSteps */.Ys)(opcode, subopcode);
            if (!layout) {
                tables[at] = UNKNOWN_MARK;
                return;
            }
            if (layout.steps.length > STEP_SLOTS) {
                throw new Error(`unreachable: 0x${opcode.toString(16)} has more immediates than slots`);
            }
            tables.set(layout.steps, at);
            tables[at + MODE_AT] = Number(report);
            tables[at + DELTA_AT] = layout.blockDelta & 0xff;
        };
        for (let opcode = 0; opcode < 256; opcode++) {
            const at = opcode * ENTRY_BYTES;
            if (code/* PREFIX_OPCODES */.Jc.includes(opcode))
                tables[at] = PREFIX_MARK;
            else
                fill(at, opcode, -1, filter.single(opcode));
        }
        code/* PREFIX_OPCODES */.Jc.forEach((prefix, p) => {
            for (let sub = 0; sub < SUBOPCODES; sub++) {
                const at = PREFIXED_TABLE_AT + (p * SUBOPCODES + sub) * ENTRY_BYTES;
                fill(at, prefix, sub, filter.prefixed(prefix, sub));
            }
        });
        return new CodeWalker(tables);
    }
    /**
     * Walks the code section payload `bytes[start, end)`: the reports, or undefined when the code
     * is malformed (or the kernel cannot run here). Input from `wasmMemoryBuffer` is read in
     * place; any other is copied first.
     */
    walk(bytes, start, end) {
        try {
            let input = memoryOf.get(bytes.buffer);
            let shift = bytes.byteOffset;
            if (!input) {
                const code = wasmMemoryBuffer(end - start);
                code.set(bytes.subarray(start, end));
                input = memoryOf.get(code.buffer);
                shift = -start;
            }
            compiled ??= new WebAssembly.Module(Buffer.from(CODE_KERNEL_WASM_BASE64, 'base64'));
            // A new instance per walk: its memory (the reports) goes when the walk is done.
            const instance = new WebAssembly.Instance(compiled, { input: { memory: input } });
            const exports = instance.exports;
            new Uint8Array(exports.memory.buffer).set(this.tables);
            const count = exports.walk(start + shift, end + shift, REPORTS_AT, -shift);
            return new Int32Array(exports.memory.buffer, REPORTS_AT, count * REPORT_FIELDS);
        }
        catch (error) {
            // A trap (malformed code), no room for the reports, or an engine without multi-memory.
            const { RuntimeError, CompileError, LinkError } = WebAssembly;
            for (const kind of [RuntimeError, CompileError, LinkError, RangeError]) {
                if (error instanceof kind)
                    return undefined;
            }
            throw error;
        }
    }
}


/***/ }),

/***/ 188:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G6: () => (/* binding */ opcodeName),
/* harmony export */   Jc: () => (/* binding */ PREFIX_OPCODES),
/* harmony export */   Lg: () => (/* binding */ opcodeInfo),
/* harmony export */   Ys: () => (/* binding */ instructionSteps),
/* harmony export */   kB: () => (/* binding */ walkFunctionBody)
/* harmony export */ });
/* unused harmony export walkCodeSection */
/* harmony import */ var _opcodes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(427);

// ---- Dispatch tables, built once from OPCODES ------------------------------------------------
/** Primitive decoding steps that immediate kinds map to. */
const STEP_U32 = 1;
const STEP_S32 = 2;
const STEP_S64 = 3;
const STEP_S33 = 4;
const STEP_BLOCKTYPE = 5;
const STEP_BYTE = 6;
const STEP_ZERO = 7;
const STEP_BYTES4 = 8;
const STEP_BYTES8 = 9;
const STEP_BYTES16 = 10;
const STEP_MEMARG = 11;
const STEP_BR_TABLE = 12;
const STEP_VALTYPES = 13;
const STEP_CATCHES = 14;
const STEP_OF = {
    blocktype: STEP_BLOCKTYPE,
    labelidx: STEP_U32,
    br_table: STEP_BR_TABLE,
    funcidx: STEP_U32,
    typeidx: STEP_U32,
    tableidx: STEP_U32,
    localidx: STEP_U32,
    globalidx: STEP_U32,
    tagidx: STEP_U32,
    dataidx: STEP_U32,
    elemidx: STEP_U32,
    memidx: STEP_U32,
    fieldidx: STEP_U32,
    u32: STEP_U32,
    i32: STEP_S32,
    i64: STEP_S64,
    f32: STEP_BYTES4,
    f64: STEP_BYTES8,
    v128: STEP_BYTES16,
    memarg: STEP_MEMARG,
    laneidx: STEP_BYTE,
    shuffle: STEP_BYTES16,
    heaptype: STEP_S33,
    valtypes: STEP_VALTYPES,
    catches: STEP_CATCHES,
    castflags: STEP_BYTE,
    zero: STEP_ZERO,
};
const FIRST_PREFIX = 0xfb;
const UNKNOWN = -1;
const PREFIXED = -2;
/** Entry id per single-byte opcode; UNKNOWN, or PREFIXED for 0xfb-0xfe. */
const singleIds = new Int16Array(256).fill(UNKNOWN);
/** Entry id per sub-opcode, one array per prefix (index = prefix - 0xfb). */
const prefixedIds = [];
/** Steps of entry `id` are `steps[stepStart[id] .. stepStart[id + 1]]`. */
const stepStart = new Uint16Array(_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.length + 1);
const steps = [];
/** +1 for block openers, -1 for `end`/`delegate`, else 0. */
const blockDelta = new Int8Array(_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.length);
const names = [];
/** Shortcuts for the hot loop: no immediates, one LEB index or i32, one memarg, anything else. */
const SHAPE_NONE = 0;
const SHAPE_U32 = 1;
const SHAPE_MEMARG = 2;
const SHAPE_OTHER = 3;
const shapes = new Uint8Array(_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.length);
for (let prefix = FIRST_PREFIX; prefix <= 0xfe; prefix++) {
    singleIds[prefix] = PREFIXED;
    const codes = _opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.filter((o) => o.prefix === prefix).map((o) => o.code);
    prefixedIds.push(new Int16Array(Math.max(...codes) + 1).fill(UNKNOWN));
}
_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.forEach((info, id) => {
    const ids = info.prefix === 0 ? singleIds : prefixedIds[info.prefix - FIRST_PREFIX];
    if (ids[info.code] !== UNKNOWN)
        throw new Error(`duplicate opcode ${info.name}`);
    ids[info.code] = id;
    stepStart[id] = steps.length;
    for (const kind of info.immediates)
        steps.push(STEP_OF[kind]);
    const only = info.immediates.length === 1 ? STEP_OF[info.immediates[0]] : 0;
    shapes[id] =
        info.immediates.length === 0
            ? SHAPE_NONE
            : only === STEP_U32 || only === STEP_S32 // a one-byte s32 is just as valid as a one-byte u32
                ? SHAPE_U32
                : only === STEP_MEMARG
                    ? SHAPE_MEMARG
                    : SHAPE_OTHER;
    blockDelta[id] = info.block === 'open' ? 1 : info.block === 'close' ? -1 : 0;
    names.push(info.name);
});
stepStart[_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.length] = steps.length;
const stepCodes = Uint8Array.from(steps);
/** Single-byte value types; 0x63/0x64 (`ref null ht` / `ref ht`) are followed by a heap type. */
const SIMPLE_VALTYPE = new Uint8Array(128);
for (const b of [
    ...[0x7f, 0x7e, 0x7d, 0x7c, 0x7b], // i32 i64 f32 f64 v128
    ...[0x74, 0x73, 0x72, 0x71, 0x70, 0x6f, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69], // abstract refs
]) {
    SIMPLE_VALTYPE[b] = 1;
}
const REF_NULL = 0x63;
const REF = 0x64;
const EMPTY_BLOCK = 0x40;
// ---- Public API ------------------------------------------------------------------------------
/** The mnemonic of an opcode, or `unknown opcode 0x...` if the table has no such instruction. */
function opcodeName(opcode, subopcode) {
    const id = lookup(opcode, subopcode);
    return id >= 0 ? names[id] : `unknown opcode ${hexOpcode(opcode, subopcode)}`;
}
/** The table entry of an opcode as a visitor receives it, if there is one. */
function opcodeInfo(opcode, subopcode) {
    const id = lookup(opcode, subopcode);
    return id >= 0 ? _opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo[id] : undefined;
}
/** The prefix bytes: a sub-opcode (u32) follows each. */
const PREFIX_OPCODES = [0xfb, 0xfc, 0xfd, 0xfe];
/**
 * How the walk steps over one instruction's immediates, as step codes (numbered as
 * code-kernel.wat reads them), and how it changes the block depth (+1 opens, -1 closes); undefined
 * for an opcode the table lacks (and for a prefix byte alone).
 */
function instructionSteps(opcode, subopcode) {
    const id = lookup(opcode, subopcode);
    if (id < 0)
        return undefined;
    return {
        steps: stepCodes.subarray(stepStart[id], stepStart[id + 1]),
        blockDelta: blockDelta[id],
    };
}
/**
 * Walks one function body: `reader` spans exactly the body (after its size). Reads the local
 * declarations, then visits every instruction; the body must end with the `end` that closes it.
 */
function walkFunctionBody(reader, visit) {
    skipLocals(reader);
    const bytes = reader.bytes;
    const end = reader.end;
    let pos = reader.pos;
    let depth = 1;
    while (pos < end) {
        const offset = pos;
        const opcode = bytes[pos++];
        let subopcode = -1;
        let id = singleIds[opcode];
        if (id < 0) {
            if (id === PREFIXED) {
                const b = bytes[pos];
                if (b < 0x80 && pos < end) {
                    subopcode = b;
                    pos++;
                }
                else {
                    reader.pos = pos;
                    subopcode = reader.u32();
                    pos = reader.pos;
                }
                const ids = prefixedIds[opcode - FIRST_PREFIX];
                id = subopcode < ids.length ? ids[subopcode] : UNKNOWN;
            }
            if (id < 0) {
                throw reader.error(`unknown opcode ${hexOpcode(opcode, subopcode)}`, offset);
            }
        }
        visit(opcode, subopcode, offset);
        const shape = shapes[id];
        // Fast paths for the common single-byte forms; everything else goes through the steps.
        if (shape === SHAPE_NONE) {
            // no immediates
        }
        else if (shape === SHAPE_U32 && bytes[pos] < 0x80 && pos < end) {
            pos++; // local.get 3, br 0, call 42, i32.const 7, ...
        }
        else if (shape === SHAPE_MEMARG &&
            bytes[pos] < 0x40 &&
            bytes[pos + 1] < 0x80 &&
            pos + 1 < end) {
            pos += 2; // alignment without a memory index, then a one-byte offset
        }
        else {
            for (let i = stepStart[id], last = stepStart[id + 1]; i < last; i++) {
                pos = skipImmediate(reader, stepCodes[i], pos);
            }
        }
        const delta = blockDelta[id];
        if (delta !== 0) {
            depth += delta;
            if (depth === 0) {
                if (pos !== end)
                    throw reader.error('operators remaining after end of function', pos);
                reader.pos = pos;
                return;
            }
        }
    }
    reader.pos = end;
    throw reader.error('function body must end with END opcode', end);
}
/** Walks every body of a code section: `reader` spans the section payload. */
function walkCodeSection(reader, visit) {
    const count = reader.u32();
    for (let i = 0; i < count; i++) {
        const size = reader.u32();
        walkFunctionBody(reader.sub(size), visit);
    }
    if (!reader.eof) {
        throw reader.error('section size mismatch: unexpected data at the end of the section');
    }
}
// ---- Decoding helpers ------------------------------------------------------------------------
function lookup(opcode, subopcode) {
    if (opcode < 0 || opcode > 0xff)
        return UNKNOWN;
    const id = singleIds[opcode];
    if (id !== PREFIXED)
        return id;
    const ids = prefixedIds[opcode - FIRST_PREFIX];
    return subopcode >= 0 && subopcode < ids.length ? ids[subopcode] : UNKNOWN;
}
function hexOpcode(opcode, subopcode) {
    const head = `0x${opcode.toString(16).padStart(2, '0')}`;
    return subopcode < 0 ? head : `${head} 0x${subopcode.toString(16)}`;
}
function skipLocals(reader) {
    const groups = reader.u32();
    for (let i = 0; i < groups; i++) {
        reader.u32();
        skipValType(reader);
    }
}
function skipValType(reader) {
    const offset = reader.pos;
    const b = reader.u8();
    if (b === REF_NULL || b === REF) {
        reader.pos = skipSigned(reader, reader.pos, 33);
    }
    else if (b >= 0x80 || SIMPLE_VALTYPE[b] !== 1) {
        throw reader.error(`invalid value type 0x${b.toString(16)}`, offset);
    }
}
/** Skips one immediate starting at `pos`; returns the position after it. */
function skipImmediate(reader, step, pos) {
    const bytes = reader.bytes;
    switch (step) {
        case STEP_U32:
            if (bytes[pos] < 0x80 && pos < reader.end)
                return pos + 1;
            return skipUnsigned(reader, pos, 32);
        case STEP_S32:
            return skipSigned(reader, pos, 32);
        case STEP_S64:
            return skipSigned(reader, pos, 64);
        case STEP_S33:
            return skipSigned(reader, pos, 33);
        case STEP_BLOCKTYPE: {
            const b = bytes[pos];
            if (pos < reader.end && (b === EMPTY_BLOCK || (b < 0x80 && SIMPLE_VALTYPE[b] === 1))) {
                return pos + 1;
            }
            if (b === REF_NULL || b === REF)
                return skipSigned(reader, pos + 1, 33);
            return skipSigned(reader, pos, 33);
        }
        case STEP_BYTE:
            return skipBytes(reader, pos, 1);
        case STEP_ZERO:
            if (pos < reader.end && bytes[pos] !== 0) {
                throw reader.error('nonzero byte after `atomic.fence`', pos);
            }
            return skipBytes(reader, pos, 1);
        case STEP_BYTES4:
            return skipBytes(reader, pos, 4);
        case STEP_BYTES8:
            return skipBytes(reader, pos, 8);
        case STEP_BYTES16:
            return skipBytes(reader, pos, 16);
        case STEP_MEMARG:
            return skipMemarg(reader, pos);
        case STEP_BR_TABLE: {
            reader.pos = pos;
            const targets = reader.u32() + 1; // the vector, then the default label
            pos = reader.pos;
            for (let i = 0; i < targets; i++)
                pos = skipUnsigned(reader, pos, 32);
            return pos;
        }
        case STEP_VALTYPES: {
            reader.pos = pos;
            const count = reader.u32();
            for (let i = 0; i < count; i++)
                skipValType(reader);
            return reader.pos;
        }
        case STEP_CATCHES:
            return skipCatches(reader, pos);
        default:
            throw new Error(`unreachable: immediate step ${step}`);
    }
}
function skipMemarg(reader, pos) {
    let align = reader.bytes[pos];
    if (align < 0x80 && pos < reader.end) {
        pos++;
    }
    else {
        reader.pos = pos;
        align = reader.u32();
        pos = reader.pos;
    }
    // Multi-memory: bit 6 of the alignment field announces an explicit memory index.
    if ((align & 0x40) !== 0)
        pos = skipUnsigned(reader, pos, 32);
    // memory64: offsets are u64 (a superset of the u32 encoding used for 32-bit memories).
    return skipUnsigned(reader, pos, 64);
}
function skipCatches(reader, pos) {
    reader.pos = pos;
    const count = reader.u32();
    for (let i = 0; i < count; i++) {
        const kindOffset = reader.pos;
        const kind = reader.u8();
        if (kind > 3)
            throw reader.error(`invalid catch kind 0x${kind.toString(16)}`, kindOffset);
        if (kind < 2)
            reader.u32(); // `catch` / `catch_ref` name a tag
        reader.u32();
    }
    return reader.pos;
}
function skipBytes(reader, pos, n) {
    if (pos + n > reader.end)
        throw reader.error('unexpected end-of-file', reader.end);
    return pos + n;
}
/**
 * Skips an unsigned LEB128 integer of `bits` bits: at most ceil(bits / 7) bytes, and in the last
 * allowed byte the continuation bit and the bits beyond the width must be zero.
 */
function skipUnsigned(reader, start, bits) {
    const bytes = reader.bytes;
    const limit = start + Math.ceil(bits / 7) - 1;
    const lastMask = bits === 32 ? 0xf0 : 0xfe;
    let pos = start;
    for (;;) {
        if (pos >= reader.end)
            throw reader.error('unexpected end-of-file', reader.end);
        const b = bytes[pos];
        if (pos === limit) {
            if ((b & lastMask) !== 0)
                throw lebError(reader, start, b, `u${bits}`);
            return pos + 1;
        }
        pos++;
        if (b < 0x80)
            return pos;
    }
}
/**
 * Skips a signed LEB128 integer of `bits` bits: at most ceil(bits / 7) bytes, and in the last
 * allowed byte the continuation bit must be clear and the bits from the sign bit up must be equal.
 */
function skipSigned(reader, start, bits) {
    const bytes = reader.bytes;
    const limit = start + Math.ceil(bits / 7) - 1;
    const signMask = bits === 32 ? 0x78 : bits === 33 ? 0x70 : 0x7f;
    let pos = start;
    for (;;) {
        if (pos >= reader.end)
            throw reader.error('unexpected end-of-file', reader.end);
        const b = bytes[pos];
        if (pos === limit) {
            const high = b & signMask;
            if (b >= 0x80 || (high !== 0 && high !== signMask)) {
                throw lebError(reader, start, b, `s${bits}`);
            }
            return pos + 1;
        }
        pos++;
        if (b < 0x80)
            return pos;
    }
}
function lebError(reader, start, last, type) {
    const what = last >= 0x80 ? 'integer representation too long' : 'integer too large';
    return reader.error(`invalid var_${type}: ${what}`, start);
}


/***/ }),

/***/ 427:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   If: () => (/* binding */ opcodeNamed),
/* harmony export */   nK: () => (/* binding */ PREFIX_SIMD),
/* harmony export */   qo: () => (/* binding */ OPCODES)
/* harmony export */ });
/* unused harmony exports PREFIX_GC, PREFIX_MISC, PREFIX_ATOMIC */
/**
 * Every instruction opcode that Node 24 (V8 13.6) accepts without flags, as one table of data:
 * MVP, sign extension, saturating conversions, bulk memory, reference types, multi-value, SIMD and
 * relaxed SIMD, tail calls, threads, memory64, multi-memory, exceptions (legacy and exnref), typed
 * function references and GC. Not included (V8 needs flags): stringref, fp16, wide arithmetic,
 * stack switching, shared-everything threads.
 *
 * The decoder in `code.ts` compiles this table into typed-array dispatch at load time; nothing here
 * runs per instruction.
 */
const PREFIX_GC = 0xfb;
const PREFIX_MISC = 0xfc;
const PREFIX_SIMD = 0xfd;
const PREFIX_ATOMIC = 0xfe;
const table = [];
function op(prefix, code, name, immediates = [], block = 'none') {
    table.push({ prefix, code, name, immediates, block });
}
/** Consecutive opcodes sharing one immediate shape; `-` in `names` marks a reserved code. */
function run(prefix, first, immediates, names) {
    let code = first;
    for (const name of names.trim().split(/\s+/)) {
        if (name !== '-')
            op(prefix, code, name, immediates);
        code++;
    }
}
// ---- Single-byte opcodes -------------------------------------------------------------------
op(0, 0x00, 'unreachable');
op(0, 0x01, 'nop');
op(0, 0x02, 'block', ['blocktype'], 'open');
op(0, 0x03, 'loop', ['blocktype'], 'open');
op(0, 0x04, 'if', ['blocktype'], 'open');
op(0, 0x05, 'else');
op(0, 0x06, 'try', ['blocktype'], 'open'); // legacy exceptions
op(0, 0x07, 'catch', ['tagidx']); // legacy exceptions
op(0, 0x08, 'throw', ['tagidx']);
op(0, 0x09, 'rethrow', ['labelidx']); // legacy exceptions
op(0, 0x0a, 'throw_ref');
op(0, 0x0b, 'end', [], 'close');
op(0, 0x0c, 'br', ['labelidx']);
op(0, 0x0d, 'br_if', ['labelidx']);
op(0, 0x0e, 'br_table', ['br_table']);
op(0, 0x0f, 'return');
op(0, 0x10, 'call', ['funcidx']);
op(0, 0x11, 'call_indirect', ['typeidx', 'tableidx']);
op(0, 0x12, 'return_call', ['funcidx']);
op(0, 0x13, 'return_call_indirect', ['typeidx', 'tableidx']);
op(0, 0x14, 'call_ref', ['typeidx']);
op(0, 0x15, 'return_call_ref', ['typeidx']);
op(0, 0x18, 'delegate', ['labelidx'], 'close'); // legacy: ends its `try` without an `end`
op(0, 0x19, 'catch_all'); // legacy exceptions
op(0, 0x1a, 'drop');
op(0, 0x1b, 'select');
op(0, 0x1c, 'select', ['valtypes']);
op(0, 0x1f, 'try_table', ['blocktype', 'catches'], 'open');
run(0, 0x20, ['localidx'], 'local.get local.set local.tee');
run(0, 0x23, ['globalidx'], 'global.get global.set');
run(0, 0x25, ['tableidx'], 'table.get table.set');
run(0, 0x28, ['memarg'], `i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u
   i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u
   i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32`);
run(0, 0x3f, ['memidx'], 'memory.size memory.grow');
op(0, 0x41, 'i32.const', ['i32']);
op(0, 0x42, 'i64.const', ['i64']);
op(0, 0x43, 'f32.const', ['f32']);
op(0, 0x44, 'f64.const', ['f64']);
run(0, 0x45, [], `i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
   i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
   f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
   i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
   i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
   i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
   i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
   f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt
   f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign
   f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt
   f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign
   i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
   i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
   f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
   f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
   i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
   i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s`);
op(0, 0xd0, 'ref.null', ['heaptype']);
op(0, 0xd1, 'ref.is_null');
op(0, 0xd2, 'ref.func', ['funcidx']);
op(0, 0xd3, 'ref.eq');
op(0, 0xd4, 'ref.as_non_null');
op(0, 0xd5, 'br_on_null', ['labelidx']);
op(0, 0xd6, 'br_on_non_null', ['labelidx']);
// ---- 0xFB: GC ------------------------------------------------------------------------------
const GC = PREFIX_GC;
run(GC, 0x00, ['typeidx'], 'struct.new struct.new_default');
run(GC, 0x02, ['typeidx', 'fieldidx'], 'struct.get struct.get_s struct.get_u struct.set');
run(GC, 0x06, ['typeidx'], 'array.new array.new_default');
op(GC, 0x08, 'array.new_fixed', ['typeidx', 'u32']);
op(GC, 0x09, 'array.new_data', ['typeidx', 'dataidx']);
op(GC, 0x0a, 'array.new_elem', ['typeidx', 'elemidx']);
run(GC, 0x0b, ['typeidx'], 'array.get array.get_s array.get_u array.set');
op(GC, 0x0f, 'array.len');
op(GC, 0x10, 'array.fill', ['typeidx']);
op(GC, 0x11, 'array.copy', ['typeidx', 'typeidx']);
op(GC, 0x12, 'array.init_data', ['typeidx', 'dataidx']);
op(GC, 0x13, 'array.init_elem', ['typeidx', 'elemidx']);
// 0x14/0x16 take `(ref ht)`, 0x15/0x17 `(ref null ht)`: same mnemonic, nullability in the opcode.
run(GC, 0x14, ['heaptype'], 'ref.test ref.test ref.cast ref.cast');
run(GC, 0x18, ['castflags', 'labelidx', 'heaptype', 'heaptype'], 'br_on_cast br_on_cast_fail');
run(GC, 0x1a, [], 'any.convert_extern extern.convert_any ref.i31 i31.get_s i31.get_u');
// ---- 0xFC: saturating conversions, bulk memory, table operations ----------------------------
const MISC = PREFIX_MISC;
run(MISC, 0x00, [], `i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
   i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u`);
op(MISC, 0x08, 'memory.init', ['dataidx', 'memidx']);
op(MISC, 0x09, 'data.drop', ['dataidx']);
op(MISC, 0x0a, 'memory.copy', ['memidx', 'memidx']);
op(MISC, 0x0b, 'memory.fill', ['memidx']);
op(MISC, 0x0c, 'table.init', ['elemidx', 'tableidx']);
op(MISC, 0x0d, 'elem.drop', ['elemidx']);
op(MISC, 0x0e, 'table.copy', ['tableidx', 'tableidx']);
run(MISC, 0x0f, ['tableidx'], 'table.grow table.size table.fill');
// ---- 0xFD: SIMD and relaxed SIMD -----------------------------------------------------------
const SIMD = PREFIX_SIMD;
run(SIMD, 0x00, ['memarg'], `v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s
   v128.load32x2_u v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.store`);
op(SIMD, 0x0c, 'v128.const', ['v128']);
op(SIMD, 0x0d, 'i8x16.shuffle', ['shuffle']);
run(SIMD, 0x0e, [], 'i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat');
run(SIMD, 0x15, ['laneidx'], `i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane
   i16x8.extract_lane_s i16x8.extract_lane_u i16x8.replace_lane
   i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane i64x2.replace_lane
   f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane`);
const intCompares = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
const floatCompares = 'eq ne lt gt le ge';
const lanes = (shape, ops) => ops
    .trim()
    .split(/\s+/)
    .map((o) => (o === '-' ? o : `${shape}.${o}`))
    .join(' ');
run(SIMD, 0x23, [], [
    lanes('i8x16', intCompares),
    lanes('i16x8', intCompares),
    lanes('i32x4', intCompares),
    lanes('f32x4', floatCompares),
    lanes('f64x2', floatCompares),
    lanes('v128', 'not and andnot or xor bitselect any_true'),
].join(' '));
run(SIMD, 0x54, ['memarg', 'laneidx'], `v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane
   v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane`);
run(SIMD, 0x5c, ['memarg'], 'v128.load32_zero v128.load64_zero');
run(SIMD, 0x5e, [], [
    'f32x4.demote_f64x2_zero f64x2.promote_low_f32x4',
    lanes('i8x16', 'abs neg popcnt all_true bitmask narrow_i16x8_s narrow_i16x8_u'),
    lanes('f32x4', 'ceil floor trunc nearest'),
    lanes('i8x16', 'shl shr_s shr_u add add_sat_s add_sat_u sub sub_sat_s sub_sat_u'),
    'f64x2.ceil f64x2.floor',
    lanes('i8x16', 'min_s min_u max_s max_u'),
    'f64x2.trunc i8x16.avgr_u',
    'i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u',
    'i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u',
    lanes('i16x8', `abs neg q15mulr_sat_s all_true bitmask narrow_i32x4_s narrow_i32x4_u
       extend_low_i8x16_s extend_high_i8x16_s extend_low_i8x16_u extend_high_i8x16_u
       shl shr_s shr_u add add_sat_s add_sat_u sub sub_sat_s sub_sat_u`),
    'f64x2.nearest',
    lanes('i16x8', `mul min_s min_u max_s max_u - avgr_u
       extmul_low_i8x16_s extmul_high_i8x16_s extmul_low_i8x16_u extmul_high_i8x16_u`),
    lanes('i32x4', `abs neg - all_true bitmask - - extend_low_i16x8_s extend_high_i16x8_s extend_low_i16x8_u
       extend_high_i16x8_u shl shr_s shr_u add - - sub - - - mul min_s min_u max_s max_u
       dot_i16x8_s - extmul_low_i16x8_s extmul_high_i16x8_s extmul_low_i16x8_u extmul_high_i16x8_u`),
    lanes('i64x2', `abs neg - all_true bitmask - - extend_low_i32x4_s extend_high_i32x4_s extend_low_i32x4_u
       extend_high_i32x4_u shl shr_s shr_u add - - sub - - - mul eq ne lt_s gt_s le_s ge_s
       extmul_low_i32x4_s extmul_high_i32x4_s extmul_low_i32x4_u extmul_high_i32x4_u`),
    lanes('f32x4', 'abs neg - sqrt add sub mul div min max pmin pmax'),
    lanes('f64x2', 'abs neg - sqrt add sub mul div min max pmin pmax'),
    'i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u',
    'i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero',
    'f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u',
].join(' '));
run(SIMD, 0x100, [], `i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u
   i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero
   f32x4.relaxed_madd f32x4.relaxed_nmadd f64x2.relaxed_madd f64x2.relaxed_nmadd
   i8x16.relaxed_laneselect i16x8.relaxed_laneselect i32x4.relaxed_laneselect i64x2.relaxed_laneselect
   f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min f64x2.relaxed_max
   i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s`);
// ---- 0xFE: threads -------------------------------------------------------------------------
const ATOMIC = PREFIX_ATOMIC;
run(ATOMIC, 0x00, ['memarg'], 'memory.atomic.notify memory.atomic.wait32 memory.atomic.wait64');
op(ATOMIC, 0x03, 'atomic.fence', ['zero']);
run(ATOMIC, 0x10, ['memarg'], `i32.atomic.load i64.atomic.load i32.atomic.load8_u i32.atomic.load16_u
   i64.atomic.load8_u i64.atomic.load16_u i64.atomic.load32_u
   i32.atomic.store i64.atomic.store i32.atomic.store8 i32.atomic.store16
   i64.atomic.store8 i64.atomic.store16 i64.atomic.store32`);
// Read-modify-write: 7 operations x 7 widths, starting at 0x1e.
run(ATOMIC, 0x1e, ['memarg'], ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg']
    .map((o) => `i32.atomic.rmw.${o} i64.atomic.rmw.${o} i32.atomic.rmw8.${o}_u i32.atomic.rmw16.${o}_u ` +
    `i64.atomic.rmw8.${o}_u i64.atomic.rmw16.${o}_u i64.atomic.rmw32.${o}_u`)
    .join(' '));
/** The whole opcode table, in no particular order. */
const OPCODES = table;
/** By mnemonic; where two forms share one (`select`, `ref.test`, `ref.cast`), the first listed. */
const byName = new Map();
for (const info of table)
    if (!byName.has(info.name))
        byName.set(info.name, info);
/** The instruction with mnemonic `name` (the first listed, as `OPCODES.find` would give). */
function opcodeNamed(name) {
    return byName.get(name);
}


/***/ }),

/***/ 801:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JD: () => (/* binding */ concatChunks),
/* harmony export */   _s: () => (/* binding */ ByteSink),
/* harmony export */   bV: () => (/* binding */ sectionHeader),
/* harmony export */   "do": () => (/* binding */ totalLength),
/* harmony export */   eI: () => (/* binding */ u32Size)
/* harmony export */ });
/**
 * Encoding side of the binary format: a growable byte sink with canonical (minimal) LEB128
 * writers, and section framing. Verbatim sections never pass through here; they are copied as
 * views of the input.
 */
const textEncoder = new TextEncoder();
class ByteSink {
    buf;
    length = 0;
    constructor(capacity = 64) {
        this.buf = new Uint8Array(capacity);
    }
    reserve(n) {
        if (this.length + n <= this.buf.length)
            return;
        let cap = this.buf.length * 2;
        while (cap < this.length + n)
            cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(0, this.length));
        this.buf = next;
    }
    byte(b) {
        this.reserve(1);
        this.buf[this.length++] = b;
        return this;
    }
    bytes(data) {
        this.reserve(data.length);
        this.buf.set(data, this.length);
        this.length += data.length;
        return this;
    }
    u32(value) {
        let v = value >>> 0;
        do {
            let b = v & 0x7f;
            v >>>= 7;
            if (v !== 0)
                b |= 0x80;
            this.byte(b);
        } while (v !== 0);
        return this;
    }
    s32(value) {
        let v = value | 0;
        for (;;) {
            const b = v & 0x7f;
            v >>= 7;
            if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
                this.byte(b);
                return this;
            }
            this.byte(b | 0x80);
        }
    }
    s64(value) {
        let v = BigInt.asIntN(64, value);
        for (;;) {
            const b = Number(v & 0x7fn);
            v >>= 7n;
            if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
                this.byte(b);
                return this;
            }
            this.byte(b | 0x80);
        }
    }
    u64(value) {
        let v = BigInt.asUintN(64, value);
        do {
            let b = Number(v & 0x7fn);
            v >>= 7n;
            if (v !== 0n)
                b |= 0x80;
            this.byte(b);
        } while (v !== 0n);
        return this;
    }
    name(text) {
        const encoded = textEncoder.encode(text);
        this.u32(encoded.length);
        return this.bytes(encoded);
    }
    /** A view of what was written so far (valid until the next write). */
    view() {
        return this.buf.subarray(0, this.length);
    }
}
/** Size in bytes of the canonical unsigned LEB128 encoding of `value`. */
function u32Size(value) {
    let v = value >>> 0;
    let n = 1;
    while (v >= 0x80) {
        v >>>= 7;
        n++;
    }
    return n;
}
/** Frames a section body: id byte, then the body length, then the body. */
function sectionHeader(id, bodyLength) {
    return new ByteSink(6).byte(id).u32(bodyLength).view().slice();
}
/** The byte length of chunks laid end to end. */
function totalLength(chunks) {
    let total = 0;
    for (const c of chunks)
        total += c.length;
    return total;
}
/** Concatenates chunks into one buffer with a single allocation. */
function concatChunks(chunks) {
    const out = new Uint8Array(totalLength(chunks));
    let at = 0;
    for (const c of chunks) {
        out.set(c, at);
        at += c.length;
    }
    return out;
}


/***/ }),

/***/ 142:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a9: () => (/* binding */ wizen),
  Gu: () => (/* binding */ wizenParts)
});

// UNUSED EXPORTS: DEFAULT_FEATURES, DEFAULT_INIT_FUNC, DEFAULT_OPTIONS, phaseClock, resolveOptions

// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __nccwpck_require__(442);
;// CONCATENATED MODULE: ./src/wasm/constants.ts
/** Binary-format constants from the WebAssembly core specification (and its proposals). */
const WASM_MAGIC = 0x6d736100; // "\0asm" little-endian
const CORE_VERSION = 1;
/** Component-model binaries share the magic but carry version 0x0d and layer 1. */
const COMPONENT_VERSION = 0x0d;
const SectionId = {
    Custom: 0,
    Type: 1,
    Import: 2,
    Function: 3,
    Table: 4,
    Memory: 5,
    Global: 6,
    Export: 7,
    Start: 8,
    Element: 9,
    Code: 10,
    Data: 11,
    DataCount: 12,
    Tag: 13,
};
/**
 * Position of each known section id in the order the core binary format requires (ids are not
 * in that order: tags come after memories, the data count before code), for inserting a section.
 */
const SECTION_RANK = {
    [SectionId.Type]: 1,
    [SectionId.Import]: 2,
    [SectionId.Function]: 3,
    [SectionId.Table]: 4,
    [SectionId.Memory]: 5,
    [SectionId.Tag]: 6,
    [SectionId.Global]: 7,
    [SectionId.Export]: 8,
    [SectionId.Start]: 9,
    [SectionId.Element]: 10,
    [SectionId.DataCount]: 11,
    [SectionId.Code]: 12,
    [SectionId.Data]: 13,
};
const ExternalKind = {
    Func: 0,
    Table: 1,
    Memory: 2,
    Global: 3,
    Tag: 4,
};
const ValTypeCode = {
    I32: 0x7f,
    I64: 0x7e,
    F32: 0x7d,
    F64: 0x7c,
    V128: 0x7b,
};
/** Opcodes used when writing constant expressions. */
const Op = {
    End: 0x0b,
    GlobalGet: 0x23,
    I32Const: 0x41,
    I64Const: 0x42,
    F32Const: 0x43,
    F64Const: 0x44,
    I32ReinterpretF32: 0xbc,
    I64ReinterpretF64: 0xbd,
    SimdPrefix: 0xfd,
    V128Const: 0x0c,
    I64x2ExtractLane: 0x1d,
};
const SECTION_NAMES = {
    0: 'custom',
    1: 'type',
    2: 'import',
    3: 'function',
    4: 'table',
    5: 'memory',
    6: 'global',
    7: 'export',
    8: 'start',
    9: 'element',
    10: 'code',
    11: 'data',
    12: 'data count',
    13: 'tag',
};

;// CONCATENATED MODULE: ./src/wasm/reader.ts
/**
 * A cursor over a byte view of a Wasm binary. Offsets are absolute in the original input, so every
 * decode error points into the file the user gave. Never copies: sub-ranges are `subarray` views.
 */

const textDecoder = new TextDecoder('utf-8', { fatal: true });
class BinaryReader {
    bytes;
    end;
    /** Absolute position of the next byte. */
    pos;
    constructor(bytes, start = 0, 
    /** Absolute end (exclusive) of the readable range. */
    end = bytes.length) {
        this.bytes = bytes;
        this.end = end;
        this.pos = start;
    }
    get eof() {
        return this.pos >= this.end;
    }
    error(message, offset = this.pos) {
        return new errors/* WasmDecodeError */.r_(message, offset);
    }
    need(n) {
        if (this.pos + n > this.end)
            throw this.error('unexpected end-of-file');
    }
    u8() {
        if (this.pos >= this.end)
            throw this.error('unexpected end-of-file');
        return this.bytes[this.pos++];
    }
    peek() {
        if (this.pos >= this.end)
            throw this.error('unexpected end-of-file');
        return this.bytes[this.pos];
    }
    /** Unsigned LEB128 of at most 32 bits. */
    u32() {
        const bytes = this.bytes;
        let result = 0;
        let shift = 0;
        const start = this.pos;
        for (;;) {
            if (this.pos >= this.end)
                throw this.error('unexpected end-of-file');
            const byte = bytes[this.pos++];
            if (shift === 28 && (byte & 0x70) !== 0) {
                throw this.error('invalid var_u32: integer too large', start);
            }
            result |= (byte & 0x7f) << shift;
            if ((byte & 0x80) === 0)
                return result >>> 0;
            shift += 7;
            if (shift > 28)
                throw this.error('invalid var_u32: integer representation too long', start);
        }
    }
    /** Signed LEB128 of at most 32 bits. */
    s32() {
        const bytes = this.bytes;
        let result = 0;
        let shift = 0;
        const start = this.pos;
        let byte;
        do {
            if (this.pos >= this.end)
                throw this.error('unexpected end-of-file');
            byte = bytes[this.pos++];
            if (shift === 28) {
                // The last byte carries 4 value bits; the rest must be a sign extension of bit 3.
                const rest = byte & 0x70;
                const sign = byte & 0x08;
                if ((byte & 0x80) !== 0 || (sign === 0 ? rest !== 0 : rest !== 0x70)) {
                    throw this.error('invalid var_i32: integer too large', start);
                }
            }
            result |= (byte & 0x7f) << shift;
            shift += 7;
        } while ((byte & 0x80) !== 0);
        if (shift < 32 && (byte & 0x40) !== 0)
            result |= -1 << shift;
        return result | 0;
    }
    /** Signed LEB128 of at most 33 bits (block types); returned as a JS number. */
    s33() {
        const start = this.pos;
        let result = 0;
        let mul = 1;
        let byte;
        let count = 0;
        do {
            if (this.pos >= this.end)
                throw this.error('unexpected end-of-file');
            byte = this.bytes[this.pos++];
            if (++count > 5)
                throw this.error('invalid var_s33: integer representation too long', start);
            result += (byte & 0x7f) * mul;
            mul *= 128;
        } while ((byte & 0x80) !== 0);
        if ((byte & 0x40) !== 0)
            result -= mul;
        return result;
    }
    /** Signed LEB128 of at most 64 bits. */
    s64() {
        const start = this.pos;
        let result = 0n;
        let shift = 0n;
        let byte;
        let count = 0;
        do {
            if (this.pos >= this.end)
                throw this.error('unexpected end-of-file');
            byte = this.bytes[this.pos++];
            if (++count > 10)
                throw this.error('invalid var_i64: integer representation too long', start);
            result |= BigInt(byte & 0x7f) << shift;
            shift += 7n;
        } while ((byte & 0x80) !== 0);
        if (shift < 64n && (byte & 0x40) !== 0)
            result |= -1n << shift;
        return BigInt.asIntN(64, result);
    }
    /** Unsigned LEB128 of at most 64 bits. */
    u64() {
        const start = this.pos;
        let result = 0n;
        let shift = 0n;
        let byte;
        let count = 0;
        do {
            if (this.pos >= this.end)
                throw this.error('unexpected end-of-file');
            byte = this.bytes[this.pos++];
            if (++count > 10)
                throw this.error('invalid var_u64: integer representation too long', start);
            result |= BigInt(byte & 0x7f) << shift;
            shift += 7n;
        } while ((byte & 0x80) !== 0);
        return BigInt.asUintN(64, result);
    }
    /** Skips a LEB128 of any width without decoding it. */
    skipLeb() {
        const bytes = this.bytes;
        let count = 0;
        while (this.pos < this.end) {
            count++;
            if ((bytes[this.pos++] & 0x80) === 0)
                return;
            if (count >= 10)
                throw this.error('invalid LEB128: representation too long');
        }
        throw this.error('unexpected end-of-file');
    }
    /** A view of the next `n` bytes. */
    take(n) {
        this.need(n);
        const view = this.bytes.subarray(this.pos, this.pos + n);
        this.pos += n;
        return view;
    }
    skip(n) {
        this.need(n);
        this.pos += n;
    }
    /** A length-prefixed UTF-8 name. */
    name() {
        const len = this.u32();
        const start = this.pos;
        const view = this.take(len);
        try {
            return textDecoder.decode(view);
        }
        catch {
            throw this.error('malformed UTF-8 encoding', start);
        }
    }
    /** A reader over the next `n` bytes; this reader moves past them. */
    sub(n) {
        this.need(n);
        const r = new BinaryReader(this.bytes, this.pos, this.pos + n);
        this.pos += n;
        return r;
    }
}

;// CONCATENATED MODULE: ./src/wasm/module.ts
/**
 * Module-level reading: the header, the section list (kept as byte ranges of the input, never
 * copied), and readers for the small typed structures shared by several sections.
 */


/** Reads the 8-byte preamble and says whether this is a core module or a component. */
function readPreamble(bytes) {
    const r = new BinaryReader(bytes);
    if (bytes.length < 4)
        throw r.error('unexpected end-of-file', 0);
    const magic = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    if (magic !== 0x6d736100) {
        // Rust's pretty hex debug form of the two arrays, as wasmparser formats them.
        const list = (values) => `[\n${Array.from(values, (b) => `    0x${b.toString(16)},\n`).join('')}]`;
        throw r.error(`magic header not detected: bad magic number - expected=${list([0, 0x61, 0x73, 0x6d])} actual=${list(bytes.subarray(0, 4))}`, 0);
    }
    if (bytes.length < 8)
        throw r.error('unexpected end-of-file', 4);
    const version = bytes[4] | (bytes[5] << 8);
    const layer = bytes[6] | (bytes[7] << 8);
    if (version === CORE_VERSION && layer === 0)
        return 'module';
    if (version === COMPONENT_VERSION && layer === 1)
        return 'component';
    throw r.error(`unknown binary version: ${`0x${version.toString(16)}`.padStart(10)}`, 4);
}
/** What a binary's preamble says it is, or undefined when it is neither (never throws). */
function binaryKind(bytes) {
    try {
        return readPreamble(bytes);
    }
    catch {
        return undefined;
    }
}
/** Splits a core module into its sections without decoding their payloads. */
function readSections(bytes) {
    const r = new BinaryReader(bytes, 8);
    const sections = [];
    while (!r.eof) {
        const start = r.pos;
        const id = r.u8();
        const size = r.u32();
        const payloadStart = r.pos;
        if (payloadStart + size > bytes.length)
            throw r.error('unexpected end-of-file', payloadStart);
        const section = { id, start, payloadStart, end: payloadStart + size };
        if (id === SectionId.Custom) {
            const sr = new BinaryReader(bytes, payloadStart, payloadStart + size);
            section.customName = sr.name();
        }
        else if (id > SectionId.Tag) {
            throw r.error(`malformed section id: ${id}`, start);
        }
        sections.push(section);
        r.pos = section.end;
    }
    return sections;
}
/** Abbreviated reference types (single byte) of reference types, GC and exceptions. */
const SHORTHAND_REF_TYPES = new Set([
    0x70, 0x6f, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69, 0x71, 0x72, 0x73, 0x74,
]);
function isRefType(code) {
    return code === 0x63 || code === 0x64 || SHORTHAND_REF_TYPES.has(code);
}
function readValType(r) {
    const start = r.pos;
    const code = r.u8();
    if (code >= 0x7b && code <= 0x7f)
        return { code, bytes: r.bytes.subarray(start, r.pos) };
    if (SHORTHAND_REF_TYPES.has(code))
        return { code, bytes: r.bytes.subarray(start, r.pos) };
    if (code === 0x63 || code === 0x64) {
        r.s33();
        return { code, bytes: r.bytes.subarray(start, r.pos) };
    }
    throw r.error(`invalid value type 0x${code.toString(16)}`, start);
}
/** Limits of a memory or table type (memory64/table64 read 64-bit bounds). */
function readLimits(r) {
    const flagsAt = r.pos;
    const flags = r.u8();
    if (flags > 0x0f)
        throw r.error(`invalid limits flags 0x${flags.toString(16)}`, flagsAt);
    const is64 = (flags & 0x04) !== 0;
    const min = is64 ? r.u64() : BigInt(r.u32());
    const max = (flags & 0x01) !== 0 ? (is64 ? r.u64() : BigInt(r.u32())) : undefined;
    const pageSizeLog2 = (flags & 0x08) !== 0 ? r.u32() : undefined;
    return { flags, min, max, pageSizeLog2 };
}

// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
// EXTERNAL MODULE: ./src/optimize/args.ts + 1 modules
var optimize_args = __nccwpck_require__(807);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/optimize/binaryen.ts
/**
 * Loading binaryen.js (npm `binaryen`, Binaryen compiled to Wasm, 15 MB): only when an
 * optimization is asked for (it costs about half a second and 100 MB), once per process. From
 * `binaryen/` beside the bundle (scripts/build.mjs copies it), else the installed package.
 */





/** Directory beside the bundle that scripts/build.mjs fills with binaryen.js. */
const BUNDLED_BINARYEN_DIR = 'binaryen';
const ENTRY = 'index.js';
let loading;
function loadBinaryen() {
    loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
    });
    return loading;
}
async function load() {
    const module = (await import(
    /* webpackIgnore: true */
    (0,external_node_url_namespaceObject.pathToFileURL)(binaryenEntry()).href));
    return module.default;
}
function binaryenEntry() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    const bundled = (0,external_node_path_.join)(here, BUNDLED_BINARYEN_DIR, ENTRY);
    if ((0,external_node_fs_.existsSync)(bundled))
        return bundled;
    // A name in an array keeps bundlers from trying to inline the package.
    for (const name of ['binaryen']) {
        try {
            return (0,external_node_module_namespaceObject.createRequire)(import.meta.url).resolve(name);
        }
        catch {
            // not installed: reported below
        }
    }
    throw new errors/* WizerError */.Mx('optimizing needs binaryen.js, which is neither beside this bundle ' +
        `(\`${BUNDLED_BINARYEN_DIR}/\`) nor installed (npm \`binaryen\`)`);
}

;// CONCATENATED MODULE: ./src/optimize/index.ts
/**
 * Post-initialization optimization with binaryen (`--optimize`, beyond upstream), in the same step
 * as the wizening: after init, the init function and everything only it reached are dead, so
 * binaryen's `remove-unused-module-elements` (part of every default pipeline) drops them.
 *
 * What comes out, besides binaryen's code:
 * - features: the module's own `target_features` when it has one, else everything binaryen knows
 *   except "compact imports" (binaryen would write a section V8 rejects); the result must
 *   validate in V8, or it is an error (never an invalid module);
 * - custom sections: binaryen's are dropped and the input's put back byte for byte (`producers`,
 *   `component-type`, ...; those before the first known section first, the rest at the end),
 *   except `name`, kept only with `-g` (binaryen's, with only the kinds of names the input had:
 *   binaryen names the locals it adds too), and DWARF (`.debug_*`) and `sourceMappingURL`, which
 *   would describe code that is no longer there;
 * - binaryen's global settings (levels, debug info, Stack IR) are set for the run and restored.
 */








/** Optimizes one core module as `args` (a `--optimize` string) asks. */
async function optimizeModule(wasm, args) {
    const parsed = (0,optimize_args/* parseOptimizeArgs */.s)(args);
    const started = performance.now();
    const binaryen = await loadBinaryen();
    const sections = readSections(wasm);
    const optimized = runBinaryen(binaryen, wasm, parsed, features(binaryen, wasm, sections));
    const output = withInputCustomSections(optimized, wasm, sections, parsed.debugInfo);
    if (!WebAssembly.validate(output)) {
        throw new errors/* WizerError */.Mx('binaryen produced a module V8 does not accept', {
            cause: 'try fewer passes or a lower level; nothing was written',
        });
    }
    return {
        wasm: output,
        report: {
            ms: performance.now() - started,
            bytesBefore: wasm.length,
            bytesAfter: output.length,
        },
    };
}
function runBinaryen(binaryen, wasm, args, featureSet) {
    const saved = {
        optimize: binaryen.getOptimizeLevel(),
        shrink: binaryen.getShrinkLevel(),
        debugInfo: binaryen.getDebugInfo(),
        generateStackIR: binaryen.getGenerateStackIR(),
        optimizeStackIR: binaryen.getOptimizeStackIR(),
    };
    let module;
    try {
        module = binaryen.readBinary(wasm, featureSet);
        // As wasm-opt does by default: binaryen's passes assume a module valid with its features.
        if (module.validate() === 0) {
            throw new Error('binaryen finds the module invalid with the features it declares (target_features) or, ' +
                'without that section, with every feature it knows');
        }
        binaryen.setDebugInfo(args.debugInfo);
        binaryen.setOptimizeLevel(args.optimizeLevel);
        binaryen.setShrinkLevel(args.shrinkLevel);
        for (const step of args.steps) {
            if (step.kind === 'pass') {
                module.runPasses([step.name]);
            }
            else {
                binaryen.setOptimizeLevel(step.optimize);
                binaryen.setShrinkLevel(step.shrink);
                if (step.optimize > 0 || step.shrink > 0)
                    module.optimize();
                binaryen.setOptimizeLevel(args.optimizeLevel);
                binaryen.setShrinkLevel(args.shrinkLevel);
            }
        }
        // wasm-opt writes through optimized "Stack IR" from -O2/-Os up (binaryen.js does not by
        // default): up to 27 KB smaller code on StarlingMonkey, the same bytes as wasm-opt.
        const stackIR = args.optimizeLevel >= 2 || args.shrinkLevel >= 1;
        binaryen.setGenerateStackIR(stackIR);
        binaryen.setOptimizeStackIR(stackIR);
        return module.emitBinary();
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('binaryen failed to optimize the module', { cause: binaryenCause(error) });
    }
    finally {
        module?.dispose();
        binaryen.setOptimizeLevel(saved.optimize);
        binaryen.setShrinkLevel(saved.shrink);
        binaryen.setDebugInfo(saved.debugInfo);
        binaryen.setGenerateStackIR(saved.generateStackIR);
        binaryen.setOptimizeStackIR(saved.optimizeStackIR);
    }
}
/** Binaryen aborts as an Emscripten program does; out of memory is the common case. */
function binaryenCause(error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/memory|Aborted\(OOM\)|Cannot enlarge/i.test(text)) {
        return `binaryen ran out of memory (its heap is capped at 4 GiB): ${text}`;
    }
    return text;
}
/** LLVM's `target_features` names and binaryen's flags for them. */
const FEATURE_NAMES = {
    atomics: 'Atomics',
    'bulk-memory': 'BulkMemory',
    'bulk-memory-opt': 'BulkMemoryOpt',
    'call-indirect-overlong': 'CallIndirectOverlong',
    'exception-handling': 'ExceptionHandling',
    'extended-const': 'ExtendedConst',
    fp16: 'FP16',
    gc: 'GC',
    memory64: 'Memory64',
    multimemory: 'MultiMemory',
    multivalue: 'Multivalue',
    'mutable-globals': 'MutableGlobals',
    'nontrapping-fptoint': 'NontrappingFPToInt',
    'reference-types': 'ReferenceTypes',
    'relaxed-simd': 'RelaxedSIMD',
    'sign-ext': 'SignExt',
    simd128: 'SIMD128',
    'tail-call': 'TailCall',
    'wide-arithmetic': 'WideArithmetic',
    'custom-page-sizes': 'CustomPageSizes',
};
function features(binaryen, wasm, sections) {
    const flag = (name) => binaryen.Features[name] ?? 0;
    const section = sections.find((s) => s.customName === 'target_features');
    if (section === undefined)
        return flag('All') & ~flag('CompactImports');
    let set = flag('MutableGlobals');
    const r = new BinaryReader(wasm, section.payloadStart, section.end);
    r.name();
    for (let n = r.u32(); n > 0; n--) {
        const prefix = r.u8();
        const name = FEATURE_NAMES[r.name()];
        if (name === undefined)
            continue;
        // '+' used, '=' required; '-' disallowed.
        if (prefix === 0x2b || prefix === 0x3d)
            set |= flag(name);
    }
    return set;
}
/** Custom sections that describe code and would be wrong after optimization. */
function staleAfterOptimizing(name) {
    return (name.startsWith('.debug_') || name === 'sourceMappingURL' || name === 'external_debug_info');
}
function withInputCustomSections(optimized, input, inputSections, keepNames) {
    const firstKnown = inputSections.findIndex((s) => s.id !== SectionId.Custom);
    const carried = (from, to) => inputSections
        .slice(from, to)
        .filter((s) => s.id === SectionId.Custom &&
        s.customName !== 'name' &&
        !staleAfterOptimizing(s.customName ?? ''))
        .map((s) => input.subarray(s.start, s.end));
    const leading = firstKnown < 0 ? [] : carried(0, firstKnown);
    const trailing = carried(firstKnown < 0 ? 0 : firstKnown, inputSections.length);
    const out = readSections(optimized);
    const known = out.filter((s) => s.id !== SectionId.Custom);
    const slice = (s) => optimized.subarray(s.start, s.end);
    const inputNames = inputSections.find((s) => s.customName === 'name');
    const outputNames = out.find((s) => s.customName === 'name');
    const names = keepNames && inputNames !== undefined && outputNames !== undefined
        ? nameSectionLike(optimized, outputNames, nameSubsections(input, inputNames))
        : [];
    return (0,writer/* concatChunks */.JD)([
        optimized.subarray(0, 8),
        ...leading,
        ...known.map(slice),
        ...names,
        ...trailing,
    ]);
}
/** The ids of a name section's subsections (1 functions, 2 locals, 7 globals, ...). */
function nameSubsections(bytes, section) {
    const ids = new Set();
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    r.name();
    while (!r.eof) {
        ids.add(r.u8());
        const size = r.u32();
        r.pos += size;
    }
    return ids;
}
/**
 * Binaryen's name section (`-g`) with only the kinds of names the input had: binaryen also names
 * the scratch locals it adds (about 80 KB on StarlingMonkey), which an input without local names
 * should not gain.
 */
function nameSectionLike(bytes, section, kinds) {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    r.name();
    const header = bytes.subarray(section.payloadStart, r.pos); // the name "name"
    const kept = [];
    while (!r.eof) {
        const start = r.pos;
        const id = r.u8();
        const size = r.u32();
        r.pos += size;
        if (kinds.has(id))
            kept.push(bytes.subarray(start, r.pos));
    }
    if (kept.length === 0)
        return [];
    const payload = (0,writer/* concatChunks */.JD)([header, ...kept]);
    return [(0,writer/* sectionHeader */.bV)(SectionId.Custom, payload.length), payload];
}
/** `--optimize`: binaryen on the output, with a debug line saying what it did. */
async function optimizeOutput(wasm, options, logger) {
    if (options.optimize === undefined)
        return undefined;
    logger.debug(`Optimizing with binaryen (${options.optimize})`, 'optimize');
    const result = await optimizeModule(wasm, options.optimize);
    const { ms, bytesBefore, bytesAfter } = result.report;
    logger.debug(`Optimized in ${ms.toFixed(0)} ms: ${bytesBefore} -> ${bytesAfter} bytes ` +
        `(${(((bytesAfter - bytesBefore) / bytesBefore) * 100).toFixed(1)}%)`, 'optimize');
    return result;
}
/** Two reports as one (a component's modules, a job's totals); either may be missing. */
function addOptimizeReports(sum, one) {
    if (one === undefined)
        return sum;
    if (sum === undefined)
        return one;
    return {
        ms: sum.ms + one.ms,
        bytesBefore: sum.bytesBefore + one.bytesBefore,
        bytesAfter: sum.bytesAfter + one.bytesAfter,
    };
}

;// CONCATENATED MODULE: ./src/wasi/environment.ts
/**
 * The host's variables only when inherited (`--inherit-env`), then the given ones, which replace
 * inherited ones of the same name instead of repeating them.
 */
function guestEnvironment(options) {
    const env = new Map();
    if (options.inheritEnv) {
        for (const [key, value] of Object.entries(process.env))
            if (value !== undefined)
                env.set(key, value);
    }
    for (const [key, value] of options.env)
        env.set(key, value);
    return [...env];
}

;// CONCATENATED MODULE: ./src/wasi/constants.ts
/**
 * WASI preview1 numbers (errno, file types, rights, flags) and the rights sets upstream Wizer's WASI
 * (Wasmtime 42) reports, as observed through `fd_fdstat_get`.
 */
/** WASI preview1 errno values used by this layer. */
const Errno = {
    success: 0,
    acces: 2,
    again: 6,
    badf: 8,
    busy: 10,
    dquot: 19,
    exist: 20,
    fbig: 22,
    ilseq: 25,
    intr: 27,
    inval: 28,
    io: 29,
    isdir: 31,
    loop: 32,
    mfile: 33,
    mlink: 34,
    nametoolong: 37,
    nfile: 41,
    nodev: 43,
    noent: 44,
    nomem: 48,
    nospc: 51,
    nosys: 52,
    notdir: 54,
    notempty: 55,
    notsock: 57,
    notsup: 58,
    notty: 59,
    nxio: 60,
    overflow: 61,
    perm: 63,
    pipe: 64,
    rofs: 69,
    spipe: 70,
    txtbsy: 74,
    xdev: 75,
};
/** Node's `error.code` strings mapped to WASI errno values. */
const errnoByCode = {
    EPERM: Errno.perm,
    ENOENT: Errno.noent,
    EIO: Errno.io,
    EBADF: Errno.badf,
    EAGAIN: Errno.again,
    ENOMEM: Errno.nomem,
    EACCES: Errno.acces,
    EBUSY: Errno.busy,
    EEXIST: Errno.exist,
    EXDEV: Errno.xdev,
    ENODEV: Errno.nodev,
    ENOTDIR: Errno.notdir,
    EISDIR: Errno.isdir,
    EINVAL: Errno.inval,
    ENFILE: Errno.nfile,
    EMFILE: Errno.mfile,
    ENOTTY: Errno.notty,
    ETXTBSY: Errno.txtbsy,
    EFBIG: Errno.fbig,
    ENOSPC: Errno.nospc,
    ESPIPE: Errno.spipe,
    EROFS: Errno.rofs,
    EMLINK: Errno.mlink,
    EPIPE: Errno.pipe,
    ENAMETOOLONG: Errno.nametoolong,
    ENOTEMPTY: Errno.notempty,
    ELOOP: Errno.loop,
    ENOSYS: Errno.nosys,
    ENOTSUP: Errno.notsup,
    EOPNOTSUPP: Errno.notsup,
    EOVERFLOW: Errno.overflow,
    EDQUOT: Errno.dquot,
    EILSEQ: Errno.ilseq,
    EINTR: Errno.intr,
    ENXIO: Errno.nxio,
};
const Filetype = {
    unknown: 0,
    blockDevice: 1,
    characterDevice: 2,
    directory: 3,
    regularFile: 4,
    socketStream: 6,
    symbolicLink: 7,
};
const Rights = {
    fdRead: 1n << 1n,
    fdWrite: 1n << 6n,
    fdReaddir: 1n << 14n,
    /** Every rights bit preview1 defines (bits 0 to 29). */
    all: (1n << 30n) - 1n,
};
/** Rights reported for stdin and for stdout/stderr (base and inheriting alike). */
const STDIN_RIGHTS = Rights.fdRead;
const STDOUT_RIGHTS = Rights.fdWrite;
/** Rights upstream reports for a preopened directory. */
const PREOPEN_RIGHTS_BASE = 0x7b7fe00n;
const PREOPEN_RIGHTS_INHERITING = 0xff7ffffn;
/** Rights upstream reports for a directory opened by the guest: all but seek, write and set-size. */
const DIRECTORY_RIGHTS = 0x3fb7ffbbn;
const Oflags = { creat: 1, directory: 2, excl: 4, trunc: 8, all: 15 };
const Fdflags = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16, all: 31 };
const LOOKUP_SYMLINK_FOLLOW = 1;
const Fstflags = { atim: 1, atimNow: 2, mtim: 4, mtimNow: 8, all: 15 };
const Whence = { set: 0, cur: 1, end: 2 };
const Clockid = { realtime: 0, monotonic: 1, processCputime: 2, threadCputime: 3 };
const Eventtype = { clock: 0, fdRead: 1, fdWrite: 2 };
const SUBCLOCK_ABSTIME = 1;
/** How many symbolic links one path lookup may expand (cap-std's and Linux's limit). */
const MAX_SYMLINK_EXPANSIONS = 40;

;// CONCATENATED MODULE: ./src/wasi/errno.ts
/** A WASI call's failure as an errno, and the translation of host errors to errno values. */


/** Thrown inside the layer to return an errno to the guest; never escapes an import function. */
class WasiErrno extends Error {
    errno;
    name = 'WasiErrno';
    constructor(errno) {
        super(`WASI errno ${errno}`);
        this.errno = errno;
    }
}
/** The errno an import returns for `error`; traps (and bugs without an errno) are rethrown. */
function errnoOf(error) {
    if (error instanceof WasiErrno)
        return error.errno;
    if (error instanceof errors/* GuestTrap */.U1)
        throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
        return errnoByCode[error.code] ?? Errno.io;
    }
    throw error;
}

;// CONCATENATED MODULE: ./src/wasi/command-escape.ts
/**
 * Escaping of guest output that a CI runner could read as workflow commands. GitHub's runner
 * treats stdout/stderr lines starting with `::` (or the legacy `##[`) as commands: a module run
 * with inherited stdio could add masks or annotations. `::stop-commands::` does not help, because
 * the runner reads the two streams on separate threads, so a resume token on one stream can
 * overtake guest text on the other. Instead every guest line that could parse as a command gets a
 * zero-width space in front, which the runner does not trim and a reader does not see.
 */
const ZERO_WIDTH_SPACE = '\u200b';
/** A line whose first non-blank character is `:` or `#` might become a command. */
const COMMAND_START = /(^|\n)([ \t]*)([:#])/g;
/**
 * Escapes lines of `text` that could be commands. `lineBlank` says whether the text continues a
 * line that so far holds only blanks (true at the start of a line), so that a command split
 * across writes is caught too. Escaping every line that starts with `:` or `#` over-approximates
 * `::` and `##[` on purpose: the first character alone may arrive in one write.
 */
function neutraliseCommands(text, lineBlank) {
    return text.replace(COMMAND_START, (whole, newline, indent, marker, offset) => offset === 0 && newline === '' && !lineBlank
        ? whole
        : `${newline}${indent}${ZERO_WIDTH_SPACE}${marker}`);
}
/** Whether the line in progress after `text` holds only blanks. */
function endsWithBlankLine(text, lineBlank) {
    const lastNewline = text.lastIndexOf('\n');
    const tail = text.slice(lastNewline + 1);
    return /^[ \t]*$/.test(tail) && (lastNewline >= 0 || lineBlank);
}
/** Escapes one stream's text, remembering where its current line stands across writes. */
class CommandEscaper {
    lineBlank = true;
    escape(bytes) {
        const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        const escaped = neutraliseCommands(text, this.lineBlank);
        this.lineBlank = endsWithBlankLine(text, this.lineBlank);
        return escaped === text ? bytes : Buffer.from(escaped, 'utf8');
    }
}

// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var src_sources = __nccwpck_require__(935);
;// CONCATENATED MODULE: ./src/wasi/io.ts
/**
 * Reading, writing and seeking. Like upstream's preview1, each call transfers only the first
 * non-empty buffer of its iovec list; callers pass that one buffer here.
 */





function isAgain(error) {
    return error instanceof Error && 'code' in error && error.code === 'EAGAIN';
}
/** The guest's standard streams: the host's (0, 1, 2 unless a test passes others) or null sinks. */
class Stdio {
    inherit;
    hostFds;
    /** Whether each host stream is a terminal, asked on first use (loading `node:tty` costs). */
    tty = [];
    /** Per host stream, when guest lines that look like CI workflow commands are escaped. */
    escapers;
    constructor(inherit, hostFds, escapeWorkflowCommands = false) {
        this.inherit = inherit;
        this.hostFds = hostFds;
        this.escapers = escapeWorkflowCommands
            ? { 1: new CommandEscaper(), 2: new CommandEscaper() }
            : {};
    }
    isTty(stream) {
        if (!this.inherit)
            return false;
        return (this.tty[stream] ??= process.getBuiltinModule('node:tty').isatty(this.hostFds[stream]));
    }
    read(target, offset, length) {
        if (!this.inherit || length === 0)
            return 0;
        for (;;) {
            try {
                return (0,external_node_fs_.readSync)(this.hostFds[0], target, offset, length, null);
            }
            catch (error) {
                if (error instanceof Error && 'code' in error && error.code === 'EOF')
                    return 0;
                if (!isAgain(error))
                    throw error;
                (0,src_sources/* sleepSync */.PW)(1);
            }
        }
    }
    /** Writes everything (upstream blocks until flushed) and reports the guest's full length. */
    write(hostStream, source, offset, length) {
        if (!this.inherit)
            return length;
        const fd = this.hostFds[hostStream];
        const escaper = this.escapers[hostStream];
        const bytes = escaper
            ? escaper.escape(source.subarray(offset, offset + length))
            : source.subarray(offset, offset + length);
        let done = 0;
        while (done < bytes.length) {
            try {
                done += (0,external_node_fs_.writeSync)(fd, bytes, done, bytes.length - done);
            }
            catch (error) {
                if (!isAgain(error))
                    throw error;
                (0,src_sources/* sleepSync */.PW)(1);
            }
        }
        return length;
    }
}
class FileIo {
    table;
    stdio;
    stdoutToStderr;
    constructor(table, stdio, stdoutToStderr) {
        this.table = table;
        this.stdio = stdio;
        this.stdoutToStderr = stdoutToStderr;
    }
    readableFile(fd) {
        const file = this.table.file(fd);
        if (!file.readable)
            throw new WasiErrno(Errno.badf);
        return file;
    }
    writableFile(fd) {
        const file = this.table.file(fd);
        if (!file.writable)
            throw new WasiErrno(Errno.badf);
        return file;
    }
    read(fd, target, offset, length) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            if (entry.stream !== 0)
                throw new WasiErrno(Errno.badf);
            return this.stdio.read(target, offset, length);
        }
        const file = this.readableFile(fd);
        const n = (0,external_node_fs_.readSync)(file.hostFd, target, offset, length, file.position);
        file.position += n;
        return n;
    }
    pread(fd, target, offset, length, at) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio')
            throw new WasiErrno(entry.stream === 0 ? Errno.spipe : Errno.badf);
        const file = this.readableFile(fd);
        return (0,external_node_fs_.readSync)(file.hostFd, target, offset, length, at);
    }
    write(fd, source, offset, length) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            if (entry.stream === 0)
                throw new WasiErrno(Errno.badf);
            const hostStream = entry.stream === 1 && this.stdoutToStderr ? 2 : entry.stream;
            return this.stdio.write(hostStream, source, offset, length);
        }
        const file = this.writableFile(fd);
        const at = file.append ? this.size(file) : file.position;
        const n = (0,external_node_fs_.writeSync)(file.hostFd, source, offset, length, at);
        file.position = at + n;
        return n;
    }
    pwrite(fd, source, offset, length, at) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio')
            throw new WasiErrno(entry.stream === 0 ? Errno.badf : Errno.spipe);
        const file = this.writableFile(fd);
        // Upstream's host descriptor has O_APPEND, where Linux ignores the offset of pwrite.
        return (0,external_node_fs_.writeSync)(file.hostFd, source, offset, length, file.append ? this.size(file) : Number(at));
    }
    seek(fd, delta, whence) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio')
            throw new WasiErrno(Errno.spipe);
        const file = this.table.file(fd);
        const from = whence === Whence.set ? 0 : whence === Whence.cur ? file.position : this.size(file);
        const target = from + Number(delta);
        if (target < 0 || !Number.isSafeInteger(target))
            throw new WasiErrno(Errno.inval);
        file.position = target;
        return target;
    }
    /** `fd_sync` / `fd_datasync`: regular files only (directories and stdio: EBADF, as upstream). */
    sync(fd, dataOnly) {
        const file = this.table.file(fd);
        if (dataOnly)
            (0,external_node_fs_.fdatasyncSync)(file.hostFd);
        else
            (0,external_node_fs_.fsyncSync)(file.hostFd);
    }
    size(file) {
        return (0,external_node_fs_.fstatSync)(file.hostFd).size;
    }
}

;// CONCATENATED MODULE: ./src/wasi/locations.ts
/**
 * Where each open directory is, for hosts that know open directories only by path (no
 * `/proc/self/fd`: macOS, Windows). Linux follows a renamed directory through its descriptor, as
 * upstream's `openat` does; elsewhere the guest's own renames are replayed onto the paths of the
 * directories it holds open, so that a directory it moved stays reachable where it went. A move
 * made by another process is not seen: that directory then fails to verify (ENOENT).
 */
/** The directory moves one WASI host's guest made, in order; shared by its open directories. */
class MoveLog {
    moves = [];
    record(from, to) {
        const source = from.current();
        const target = to.current();
        this.moves.push({
            fromRoot: source.root,
            from: source.components,
            toRoot: target.root,
            to: target.components,
        });
    }
}
function startsWith(components, prefix) {
    return prefix.length <= components.length && prefix.every((name, i) => components[i] === name);
}
/** A directory as a preopen's host path and the real directories below it. */
class DirectoryLocation {
    log;
    root;
    components;
    seen;
    constructor(log, root, components) {
        this.log = log;
        this.root = root;
        this.components = components;
        this.seen = log.moves.length;
    }
    static preopen(log, root) {
        return new DirectoryLocation(log, root, []);
    }
    /** The directory's place now, with every move the guest made since it was last asked. */
    current() {
        for (; this.seen < this.log.moves.length; this.seen++) {
            const move = this.log.moves[this.seen];
            if (move.fromRoot === this.root && startsWith(this.components, move.from)) {
                this.root = move.toRoot;
                this.components = [...move.to, ...this.components.slice(move.from.length)];
            }
        }
        return { root: this.root, components: this.components };
    }
    /** The place of an entry `names` below this directory (each a real directory but the last). */
    below(names) {
        const { root, components } = this.current();
        return new DirectoryLocation(this.log, root, [...components, ...names]);
    }
}

;// CONCATENATED MODULE: ./src/wasi/platform.ts
/**
 * Everything the confined file system layer does differently per host OS, in one place:
 *
 * - how an open directory is named (Linux: `/proc/self/fd/N`, which follows the directory through
 *   renames like `openat`; elsewhere by its path, re-verified by device and inode on every use);
 * - guest path syntax (on Windows `\` separates too, `C:`, `\\server` and `\` start absolute paths,
 *   and names Windows would reinterpret, such as `NUL`, `a:b` or `.. ` (a trailing space), are
 *   refused);
 * - whether `link()` follows a final symbolic link (macOS and Windows do, so a link to a link is
 *   made as a copy of the link instead of a hard link to whatever it points at);
 * - whether `O_NOFOLLOW` and `O_DIRECTORY` exist (not on Windows: opens are checked after the
 *   fact against the entry the lookup saw);
 * - the `node:fs` calls made with host paths.
 *
 * The other OSes' rules are pure data plus those few calls, so tests run them on Linux too
 * (`simulatedPlatform`), with a host that behaves as the other OS would where it matters for
 * confinement: `\` as a separator, trailing slashes dropped, `link()` following links.
 */



const nodeFs = {
    lstat: (path) => (0,external_node_fs_.lstatSync)(path, { throwIfNoEntry: false }),
    lstatBig: (path) => (0,external_node_fs_.lstatSync)(path, { bigint: true, throwIfNoEntry: false }),
    statBig: (path) => (0,external_node_fs_.statSync)(path, { bigint: true }),
    readlink: (path) => (0,external_node_fs_.readlinkSync)(path, 'utf8'),
    readlinkBytes: (path) => (0,external_node_fs_.readlinkSync)(path, { encoding: 'buffer' }),
    open: (path, flags, mode) => (0,external_node_fs_.openSync)(path, flags, mode),
    // `buffer` keeps names that are not UTF-8 intact (the typings only list string encodings).
    opendir: (path) => (0,external_node_fs_.opendirSync)(path, { encoding: 'buffer' }),
    mkdir: (path) => (0,external_node_fs_.mkdirSync)(path),
    rmdir: (path) => (0,external_node_fs_.rmdirSync)(path),
    unlink: (path) => (0,external_node_fs_.unlinkSync)(path),
    rename: (from, to) => (0,external_node_fs_.renameSync)(from, to),
    // An explicit type: without one, Node on Windows stats the target to choose, which for a UNC
    // target would make the host contact that server.
    symlink: (target, path, type) => (0,external_node_fs_.symlinkSync)(target, path, type),
    link: (existing, path) => (0,external_node_fs_.linkSync)(existing, path),
    utimes: (path, atime, mtime) => (0,external_node_fs_.utimesSync)(path, atime, mtime),
    lutimes: (path, atime, mtime) => (0,external_node_fs_.lutimesSync)(path, atime, mtime),
};
/** The rules of the OS this process runs on. */
function detectPlatform() {
    const os = process.platform;
    return {
        fdDirectory: os === 'linux' && (0,external_node_fs_.existsSync)('/proc/self/fd') ? '/proc/self/fd' : undefined,
        windowsPaths: os === 'win32',
        // Linux's link() never follows; macOS's and the BSDs' follow (POSIX leaves it open), and
        // Windows is not relied on either way.
        linkFollowsSymlinks: os !== 'linux',
        noFollowFlag: external_node_fs_.constants.O_NOFOLLOW ?? 0,
        directoryFlag: external_node_fs_.constants.O_DIRECTORY ?? 0,
        fs: nodeFs,
    };
}
const hostPlatform = detectPlatform();
let current = hostPlatform;
function platform() {
    return current;
}
/** Runs the layer under another OS's rules (`simulatedPlatform`); undefined restores the host's. */
function setPlatformForTesting(replacement) {
    current = replacement ?? hostPlatform;
}
/**
 * Another OS's rules on this (Linux) host, with a host file system that behaves as that OS's
 * would where confinement or results depend on it: on Windows `\` separates, a trailing slash is
 * dropped and rmdir removes a link to a directory; on both `link()` follows a final link and
 * unlink of a directory is EPERM. So a test that passes here would catch the escapes and
 * differences those open if the layer did not guard against them.
 */
function simulatedPlatform(os) {
    const windows = os === 'win32';
    const host = (path) => windows ? path.replaceAll('\\', '/').replace(/(?<=.)\/+$/, '') : path;
    const hostAny = (path) => (typeof path === 'string' ? host(path) : path);
    const fs = {
        lstat: (path) => nodeFs.lstat(hostAny(path)),
        lstatBig: (path) => nodeFs.lstatBig(hostAny(path)),
        statBig: (path) => nodeFs.statBig(host(path)),
        readlink: (path) => nodeFs.readlink(host(path)),
        readlinkBytes: (path) => nodeFs.readlinkBytes(host(path)),
        open: (path, flags, mode) => nodeFs.open(host(path), flags, mode),
        opendir: (path) => nodeFs.opendir(host(path)),
        mkdir: (path) => nodeFs.mkdir(host(path)),
        // Windows removes a link to a directory with rmdir; both refuse unlink of one with EPERM.
        rmdir: (path) => windows && nodeFs.lstat(host(path))?.isSymbolicLink()
            ? nodeFs.unlink(host(path))
            : nodeFs.rmdir(host(path)),
        unlink: (path) => {
            if (nodeFs.lstat(host(path))?.isDirectory())
                throw hostError('EPERM', 'unlink', path);
            nodeFs.unlink(host(path));
        },
        rename: (from, to) => nodeFs.rename(host(from), host(to)),
        symlink: (target, path, type) => nodeFs.symlink(target, host(path), type),
        link: (existing, path) => linkSync(realpathSync(host(existing)), host(path)),
        utimes: (path, atime, mtime) => nodeFs.utimes(host(path), atime, mtime),
        lutimes: (path, atime, mtime) => nodeFs.lutimes(host(path), atime, mtime),
    };
    return {
        fdDirectory: undefined,
        windowsPaths: windows,
        linkFollowsSymlinks: true,
        noFollowFlag: windows ? 0 : (constants.O_NOFOLLOW ?? 0),
        directoryFlag: windows ? 0 : (constants.O_DIRECTORY ?? 0),
        fs,
    };
}
/** Splits a guest path (or link target) into components; Windows also separates at `\`. */
function splitPath(path) {
    return current.windowsPaths ? path.split(/[\\/]/) : path.split('/');
}
/** Index of the last separator in `path`, or -1. */
function lastSeparator(path) {
    return current.windowsPaths
        ? Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
        : path.lastIndexOf('/');
}
/** Whether a character code separates components (`/`; on Windows also `\`). */
function isSeparator(code) {
    return code === 0x2f || (current.windowsPaths && code === 0x5c);
}
/**
 * Whether a guest path or link target is absolute: it starts with `/`; on Windows also with `\`
 * (a UNC or `\\?\` name, or the current drive's root) or a drive (`C:`, `C:\`).
 */
function isAbsolute(path) {
    const first = path[0];
    const code = typeof first === 'string' ? first.charCodeAt(0) : first;
    if (code === 0x2f)
        return true;
    if (!current.windowsPaths)
        return false;
    if (code === 0x5c)
        return true;
    const second = path[1];
    const colon = typeof second === 'string' ? second === ':' : second === 0x3a;
    const letter = code !== undefined && (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
    return colon && letter;
}
/** Device names Windows resolves in every directory, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;
/** Characters no Windows name may hold (`:` would name an alternate data stream). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/** Whether `name` holds a control character, which Windows names may not. */
function hasControlCharacter(name) {
    for (let i = 0; i < name.length; i++)
        if (name.charCodeAt(i) < 0x20)
            return true;
    return false;
}
/**
 * Refuses (EINVAL) a name the host would not take as it is: on Windows a device name (it would
 * open the device), a name ending in a dot or a space (Windows strips them, so `.. ` would mean
 * `..`), and characters Windows forbids in names. Elsewhere every name but `.`/`..` is plain.
 */
function checkName(name) {
    if (!current.windowsPaths)
        return;
    if (WINDOWS_FORBIDDEN.test(name) ||
        hasControlCharacter(name) ||
        name.endsWith('.') ||
        name.endsWith(' ') ||
        WINDOWS_DEVICE.test(name.trimEnd())) {
        throw new WasiErrno(Errno.inval);
    }
}
/** A link target as the host stores it (Windows: `\` separators), ... */
function hostLinkTarget(target) {
    return current.windowsPaths ? target.replaceAll('/', '\\') : target;
}
/** ... and as the guest reads it back (Windows: `/` separators, as the guest wrote them). */
function guestLinkTarget(contents) {
    if (!current.windowsPaths)
        return contents;
    const copy = Buffer.from(contents);
    for (let i = 0; i < copy.length; i++)
        if (copy[i] === 0x5c)
            copy[i] = 0x2f;
    return copy;
}
/**
 * Opens a directory by host path (a preopen); where `O_DIRECTORY` is missing, anything else is
 * refused after opening, with the error the host would have given.
 */
function openDirectory(host) {
    const fd = current.fs.open(host, external_node_fs_.constants.O_RDONLY | current.directoryFlag);
    if (current.directoryFlag === 0 && !(0,external_node_fs_.fstatSync)(fd).isDirectory()) {
        closeQuietly(fd);
        throw hostError('ENOTDIR', 'open', host);
    }
    return fd;
}
/** An error shaped as `node:fs` throws them. */
function hostError(code, syscall, path) {
    const errno = code === 'ENOTDIR' ? -20 : -1;
    const message = code === 'ENOTDIR' ? 'not a directory' : 'operation not permitted';
    return Object.assign(new Error(`${code}: ${message}, ${syscall} '${path}'`), {
        code,
        errno,
        syscall,
        path,
    });
}
function closeQuietly(fd) {
    try {
        (0,external_node_fs_.closeSync)(fd);
    }
    catch {
        // Nothing left to release.
    }
}

;// CONCATENATED MODULE: ./src/wasi2/errors.ts
/**
 * How the WASI 0.2 host reports failures to jco's glue. A function whose WIT result is
 * `result<_, E>` fails by throwing an object with an own `payload` (jco's `ComponentError`
 * convention): the glue lowers `payload` as the `err` case. Anything else thrown, including
 * `GuestTrap`s such as `exit`'s `ProcExit`, is rethrown by the glue and becomes a trap.
 */



/** The `err` case of a WIT result, thrown (jco: `ComponentError`). */
class ResultError extends Error {
    payload;
    name = 'ResultError';
    constructor(payload) {
        super(typeof payload === 'string' ? payload : 'WASI error');
        this.payload = payload;
    }
}
/** Throws `code` as the `err` case of a filesystem result. */
function fail(code) {
    throw new ResultError(code);
}
/**
 * The host errors upstream recognises (Wasmtime's `from_raw_os_error`, Unix), by Node's code.
 * Any other OS error is `io`, as upstream falls back to the error kind and every errno not listed
 * here has a kind upstream maps to `io`.
 */
const CODE_BY_HOST_ERROR = {
    EPIPE: 'pipe',
    EPERM: 'not-permitted',
    ENOENT: 'no-entry',
    ENOMEM: 'insufficient-memory',
    EIO: 'io',
    EBADF: 'bad-descriptor',
    EBUSY: 'busy',
    EACCES: 'access',
    ENOTDIR: 'not-directory',
    EISDIR: 'is-directory',
    EINVAL: 'invalid',
    EEXIST: 'exist',
    EFBIG: 'file-too-large',
    ENOSPC: 'insufficient-space',
    ESPIPE: 'invalid-seek',
    EMLINK: 'too-many-links',
    ENAMETOOLONG: 'name-too-long',
    ENOTEMPTY: 'not-empty',
    ELOOP: 'loop',
    EOVERFLOW: 'overflow',
    EILSEQ: 'illegal-byte-sequence',
    ENOTSUP: 'unsupported',
    EOPNOTSUPP: 'unsupported',
    EALREADY: 'already',
    EINPROGRESS: 'in-progress',
    EINTR: 'interrupted',
};
/** The codes of the checks the shared path layer makes itself (it throws preview1 errnos). */
const CODE_BY_ERRNO = new Map([
    [Errno.perm, 'not-permitted'],
    [Errno.noent, 'no-entry'],
    [Errno.loop, 'loop'],
    [Errno.notdir, 'not-directory'],
    [Errno.isdir, 'is-directory'],
    [Errno.exist, 'exist'],
    [Errno.inval, 'invalid'],
    [Errno.badf, 'bad-descriptor'],
    [Errno.notsup, 'unsupported'],
    [Errno.nametoolong, 'name-too-long'],
    [Errno.fbig, 'file-too-large'],
    [Errno.ilseq, 'illegal-byte-sequence'],
]);
/** The error code for a failure of a host call or a sandbox check; anything else is rethrown. */
function errorCodeOf(error) {
    if (error instanceof ResultError)
        return error.payload;
    if (error instanceof WasiErrno)
        return CODE_BY_ERRNO.get(error.errno) ?? 'io';
    if (error instanceof errors/* GuestTrap */.U1)
        throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
        return CODE_BY_HOST_ERROR[error.code] ?? 'io';
    }
    throw error;
}
/** Runs `body`, turning its failures into the `err` case of a filesystem result. */
function fsCall(body) {
    try {
        return body();
    }
    catch (error) {
        throw new ResultError(errorCodeOf(error));
    }
}
/**
 * The `wasi:io/error.error` resource: what made a stream fail. Streams over files carry the
 * filesystem error code, which `filesystem-error-code` returns.
 */
class IoError {
    code;
    message;
    constructor(
    /** The filesystem error code, when the failure was a file or stdio operation. */
    code, message) {
        this.code = code;
        this.message = message;
    }
    toDebugString() {
        return this.message;
    }
}
/**
 * The stream error for a failed host operation (the stream is closed afterwards). Its debug
 * string names the error, never a host path: the guest may keep it in its memory.
 */
function streamFailure(error) {
    const code = errorCodeOf(error);
    const host = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    const message = host === undefined ? code : `${code} (${host})`;
    return new ResultError({
        tag: 'last-operation-failed',
        val: new IoError(code, message),
    });
}
/** The `closed` stream error. */
function streamClosed() {
    return new ResultError({ tag: 'closed' });
}
/** A trap raised by the host (a guest misuse upstream also traps on). */
function hostTrap(message) {
    return new errors/* GuestTrap */.U1(message);
}

;// CONCATENATED MODULE: ./src/wasi2/io.ts

/** Bytes a stream reads or writes per call at most (upstream's write budget for files and stdio). */
const STREAM_CAPACITY = 1024 * 1024;
/** The `blocking-write-and-flush` limit the WIT sets (upstream traps above it). */
const BLOCKING_WRITE_LIMIT = 4096;
/** `wasi:io/poll.pollable`: ready now, or when a clock reaches a deadline. */
class Pollable {
    deadline;
    constructor(
    /** When it becomes ready; undefined: always ready. */
    deadline) {
        this.deadline = deadline;
    }
    ready() {
        return this.remaining() === 0n;
    }
    block() {
        if (this.deadline !== undefined)
            this.deadline.clock.sleepUntil(this.deadline.at);
    }
    /** Nanoseconds until ready (0 when ready). */
    remaining() {
        if (this.deadline === undefined)
            return 0n;
        const left = this.deadline.at - this.deadline.clock.peekMonotonic();
        return left > 0n ? left : 0n;
    }
}
/**
 * `wasi:io/poll.poll`: the indices of the ready pollables, waiting for the first one if none is.
 * An empty list traps, as upstream's does.
 */
function poll(pollables) {
    if (pollables.length === 0)
        throw hostTrap('empty poll list');
    const readyOnes = () => pollables.flatMap((p, i) => (p.ready() ? [i] : []));
    let ready = readyOnes();
    if (ready.length === 0) {
        const first = pollables.reduce((min, p) => (p.remaining() < min.remaining() ? p : min));
        first.block();
        ready = readyOnes();
    }
    return Uint32Array.from(ready);
}
function clampLength(len) {
    return len > BigInt(STREAM_CAPACITY) ? STREAM_CAPACITY : Number(len);
}
/** `wasi:io/streams.input-stream`. After end of stream or a failure every read is `closed`. */
class InputStream {
    source;
    onDispose;
    closed;
    constructor(source, onDispose) {
        this.source = source;
        this.onDispose = onDispose;
        this.closed = source === undefined;
    }
    read(len) {
        if (this.closed || this.source === undefined)
            throw streamClosed();
        const max = clampLength(len);
        if (max === 0)
            return new Uint8Array(0);
        let bytes;
        try {
            bytes = this.source.read(max);
        }
        catch (error) {
            this.closed = true;
            throw streamFailure(error);
        }
        if (bytes === undefined) {
            this.closed = true;
            throw streamClosed();
        }
        return bytes;
    }
    blockingRead(len) {
        return this.read(len);
    }
    skip(len) {
        return BigInt(this.read(len).length);
    }
    blockingSkip(len) {
        return this.skip(len);
    }
    subscribe() {
        return new Pollable(undefined);
    }
    [Symbol.dispose]() {
        this.closed = true;
        this.onDispose?.();
    }
}
/** `wasi:io/streams.output-stream`. After a failure every call is `closed`. */
class OutputStream {
    sink;
    onDispose;
    closed = false;
    constructor(sink, onDispose) {
        this.sink = sink;
        this.onDispose = onDispose;
    }
    checkWrite() {
        if (this.closed)
            throw streamClosed();
        return BigInt(STREAM_CAPACITY);
    }
    write(contents) {
        if (this.closed)
            throw streamClosed();
        if (contents.length === 0)
            return;
        try {
            this.sink.write(contents);
        }
        catch (error) {
            this.closed = true;
            throw streamFailure(error);
        }
    }
    blockingWriteAndFlush(contents) {
        if (contents.length > BLOCKING_WRITE_LIMIT) {
            throw hostTrap('Buffer too large for blocking-write-and-flush (expected at most 4096)');
        }
        this.write(contents);
    }
    flush() {
        if (this.closed)
            throw streamClosed();
    }
    blockingFlush() {
        this.flush();
    }
    writeZeroes(len) {
        if (len > this.checkWrite()) {
            throw hostTrap('cannot write more zeroes than `check_write` allows');
        }
        this.write(new Uint8Array(Number(len)));
    }
    blockingWriteZeroesAndFlush(len) {
        if (len > BigInt(BLOCKING_WRITE_LIMIT)) {
            throw hostTrap('Buffer too large for blocking-write-zeroes-and-flush (expected at most 4096)');
        }
        this.write(new Uint8Array(Number(len)));
    }
    /** Moves up to `len` bytes from `src`; its end of stream or failure is this call's error. */
    splice(src, len) {
        const permit = this.checkWrite();
        const n = len < permit ? len : permit;
        if (n === 0n)
            return 0n;
        const bytes = src.read(n);
        if (bytes.length === 0)
            return 0n;
        this.write(bytes);
        return BigInt(bytes.length);
    }
    blockingSplice(src, len) {
        return this.splice(src, len);
    }
    subscribe() {
        return new Pollable(undefined);
    }
    [Symbol.dispose]() {
        this.closed = true;
        this.onDispose?.();
    }
}

;// CONCATENATED MODULE: ./src/wasi2/cli.ts
/**
 * `wasi:cli` (environment, exit, stdin, stdout, stderr, terminal-*). The guest sees only the
 * environment and arguments it was given, no initial directory and no terminals; `exit` ends the
 * initialization with an error, as `proc_exit` does for modules; stdio is the host's or null.
 */


/** `wasi:cli/terminal-input.terminal-input` (never handed out). */
class TerminalInput {
}
/** `wasi:cli/terminal-output.terminal-output` (never handed out). */
class TerminalOutput {
}
function createCli(config) {
    const { stdio } = config;
    const output = (hostStream) => new OutputStream({ write: (bytes) => void stdio.write(hostStream, bytes, 0, bytes.length) });
    return {
        environment: {
            getEnvironment: () => config.env.map(([k, v]) => [k, v]),
            getArguments: () => [...config.args],
            initialCwd: () => undefined,
        },
        exit: {
            exit(status) {
                throw new errors/* ProcExit */.z$(status.tag === 'ok' ? 0 : 1);
            },
            exitWithCode(code) {
                throw new errors/* ProcExit */.z$(code);
            },
        },
        stdin: {
            InputStream: InputStream,
            getStdin: () => new InputStream(config.inheritStdin
                ? {
                    read(max) {
                        const buffer = new Uint8Array(max);
                        const n = stdio.read(buffer, 0, max);
                        return n === 0 ? undefined : buffer.subarray(0, n);
                    },
                }
                : undefined),
        },
        stdout: { OutputStream: OutputStream, getStdout: () => output(config.stdoutToStderr ? 2 : 1) },
        stderr: { OutputStream: OutputStream, getStderr: () => output(2) },
        terminalInput: { TerminalInput },
        terminalOutput: { TerminalOutput },
        terminalStdin: { TerminalInput, getTerminalStdin: () => undefined },
        terminalStdout: {
            TerminalOutput,
            getTerminalStdout: () => undefined,
        },
        terminalStderr: {
            TerminalOutput,
            getTerminalStderr: () => undefined,
        },
    };
}

;// CONCATENATED MODULE: ./src/wasi2/clocks.ts

function createClocks(clock) {
    const start = clock.peekMonotonic();
    const now = () => clock.readMonotonic() - start;
    const deadlineIn = (duration) => new Pollable({ clock, at: clock.peekMonotonic() + (duration > 0n ? duration : 0n) });
    return {
        wallClock: {
            now() {
                const ns = clock.readRealtime();
                return { seconds: ns / 1000000000n, nanoseconds: Number(ns % 1000000000n) };
            },
            resolution() {
                return { seconds: 0n, nanoseconds: 1 };
            },
        },
        monotonicClock: {
            now,
            resolution() {
                return 1n;
            },
            subscribeInstant(when) {
                return deadlineIn(when - (clock.peekMonotonic() - start));
            },
            subscribeDuration(duration) {
                return deadlineIn(duration);
            },
        },
    };
}

;// CONCATENATED MODULE: ./src/wasi/paths.ts
/**
 * Path lookup confined to a directory, with the results of cap-std (which upstream's WASI uses):
 * components are resolved one at a time with `lstat`; symbolic links are expanded here, never by
 * the host; `..` above the starting directory, absolute paths and absolute link targets fail with
 * EPERM. Every host path handed to `node:fs` afterwards has only real directories before its last
 * component, so the host cannot follow anything out of the sandbox.
 *
 * Host paths are built by string concatenation: `node:path` would normalise `a/..` lexically.
 * What differs per host OS (path syntax, how directories are named) comes from platform.ts.
 */




function hostPathOf(lookup) {
    return lookup.name === undefined ? lookup.parent : `${lookup.parent}/${lookup.name}`;
}
/** Rejects paths no lookup may start with: empty (ENOENT), absolute (EPERM), NUL (EINVAL). */
function checkPath(path) {
    if (path.length === 0)
        throw new WasiErrno(Errno.noent);
    if (isAbsolute(path))
        throw new WasiErrno(Errno.perm);
    if (path.includes('\0'))
        throw new WasiErrno(Errno.inval);
}
/** Whether `pending` (a reversed component list) still holds a component that moves the walk. */
function hasStep(pending) {
    for (let i = pending.length - 1; i >= 0; i--) {
        const c = pending[i];
        if (c !== '' && c !== '.')
            return true;
    }
    return false;
}
function join(base, stack) {
    return stack.length === 0 ? base : `${base}/${stack.join('/')}`;
}
/**
 * Walks `path` from the directory `base`. Intermediate symlinks are always followed; the final one
 * only when `follow` is set or the path ends with a slash.
 */
function lookup(base, path, follow) {
    checkPath(path);
    const fs = platform().fs;
    const pending = splitPath(path).reverse();
    const stack = [];
    let expansions = 0;
    while (pending.length > 0) {
        const name = pending.pop();
        if (name === '' || name === '.')
            continue;
        if (name === '..') {
            if (stack.length === 0)
                throw new WasiErrno(Errno.perm);
            stack.pop();
            continue;
        }
        checkName(name);
        const more = hasStep(pending);
        const trailingSlash = !more && pending.length > 0;
        const parent = join(base, stack);
        const stat = fs.lstat(`${parent}/${name}`);
        if (stat === undefined) {
            if (more)
                throw new WasiErrno(Errno.noent);
            return { parent, components: stack, name, stat, trailingSlash };
        }
        if (stat.isSymbolicLink() && (more || follow || trailingSlash)) {
            if (++expansions > MAX_SYMLINK_EXPANSIONS)
                throw new WasiErrno(Errno.loop);
            const target = fs.readlink(`${parent}/${name}`);
            if (isAbsolute(target))
                throw new WasiErrno(Errno.perm);
            // A link to "" names nothing (Linux: ENOENT).
            if (target.length === 0)
                throw new WasiErrno(Errno.noent);
            const parts = splitPath(target);
            for (let i = parts.length - 1; i >= 0; i--)
                pending.push(parts[i]);
            continue;
        }
        if (more) {
            if (!stat.isDirectory())
                throw new WasiErrno(Errno.notdir);
            stack.push(name);
            continue;
        }
        return { parent, components: stack, name, stat, trailingSlash };
    }
    return {
        parent: join(base, stack),
        components: stack,
        name: undefined,
        stat: undefined,
        trailingSlash: false,
    };
}
/**
 * Resolves a path that must name an existing directory; returns its host path and the real
 * directories from `base` to it.
 */
function lookupDirectory(base, path) {
    if (path.length === 0)
        return { host: base, components: [] };
    const found = lookup(base, path, true);
    if (found.name === undefined)
        return { host: found.parent, components: found.components };
    if (found.stat === undefined)
        throw new WasiErrno(Errno.noent);
    if (!found.stat.isDirectory())
        throw new WasiErrno(Errno.notdir);
    return { host: `${found.parent}/${found.name}`, components: [...found.components, found.name] };
}
/**
 * Re-checks that `components` below `root` are still real directories and lead to the directory
 * open as `hostFd`, for hosts without `/proc/self/fd`, where a directory descriptor is known by
 * path and could have been renamed away and replaced by a link or another directory (ENOENT).
 * Returns the host path.
 */
function verifiedDirectory(root, components, hostFd) {
    const fs = platform().fs;
    let host = root;
    for (const name of components) {
        host = `${host}/${name}`;
        const stat = fs.lstat(host);
        if (stat === undefined || !stat.isDirectory())
            throw new WasiErrno(Errno.noent);
    }
    // The preopen itself was opened following links, as the user named it.
    const found = components.length === 0 ? fs.statBig(host) : fs.lstatBig(host);
    const open = (0,external_node_fs_.fstatSync)(hostFd, { bigint: true });
    if (found === undefined || found.ino !== open.ino || found.dev !== open.dev) {
        throw new WasiErrno(Errno.noent);
    }
    return host;
}
/**
 * Splits `path` into its directory (resolved, following links) and last component, as cap-std's
 * "open parent" does: a path ending with `/` or `/.` names `.` inside itself. `..` as the last
 * component of the starting directory would leave it: EPERM.
 */
function lookupParent(base, path) {
    checkPath(path);
    let dirPath;
    let name;
    const slash = lastSeparator(path);
    if (slash >= 0 && (slash === path.length - 1 || path.slice(slash + 1) === '.')) {
        dirPath = path;
        name = '.';
    }
    else {
        dirPath = slash < 0 ? '' : path.slice(0, slash);
        name = path.slice(slash + 1);
    }
    const dir = lookupDirectory(base, dirPath);
    if (name === '..' && dir.components.length === 0)
        throw new WasiErrno(Errno.perm);
    if (name !== '.' && name !== '..')
        checkName(name);
    return { dir: dir.host, components: dir.components, name, host: `${dir.host}/${name}` };
}
/** `path` without trailing slashes (a lone `/` is kept, so it still fails as absolute). */
function stripTrailingSlashes(path) {
    let end = path.length;
    while (end > 1 && isSeparator(path.charCodeAt(end - 1)))
        end--;
    return path.slice(0, end);
}
/** The last component of `path` (after its last separator). */
function lastComponent(path) {
    return path.slice(lastSeparator(path) + 1);
}

;// CONCATENATED MODULE: ./src/wasi/descriptors.ts
/**
 * The guest's file descriptor table. Numbers are handed out lowest-free-first (0, 1, 2 are stdio,
 * preopens follow from 3), which is what upstream does, including after a guest closes stdio.
 */





/**
 * The host path through which lookups relative to `dir` start: on Linux `/proc/self/fd/N`, which
 * tracks the directory through renames (like openat); elsewhere its path, verified.
 */
function directoryBase(dir) {
    const fdDirectory = platform().fdDirectory;
    if (fdDirectory !== undefined)
        return `${fdDirectory}/${dir.hostFd}`;
    const { root, components } = dir.location.current();
    return verifiedDirectory(root, components, dir.hostFd);
}
class DescriptorTable {
    entries = new Map();
    /** Numbers closed or renumbered away and not yet reused. */
    free = new Set();
    get(fd) {
        const entry = this.entries.get(fd);
        if (entry === undefined)
            throw new WasiErrno(Errno.badf);
        return entry;
    }
    has(fd) {
        return this.entries.has(fd);
    }
    /** The descriptor at `fd` if it is a regular file (anything else: EBADF). */
    file(fd) {
        const entry = this.get(fd);
        if (entry.kind !== 'file')
            throw new WasiErrno(Errno.badf);
        return entry;
    }
    /**
     * The directory a path call starts from. Upstream refuses any other descriptor with EBADF,
     * except that `path_open` from a file reports what the host's `openat` does (ENOTDIR).
     */
    directory(fd, fromFile = Errno.badf) {
        const entry = this.get(fd);
        if (entry.kind === 'dir')
            return entry;
        throw new WasiErrno(entry.kind === 'file' ? fromFile : Errno.badf);
    }
    /**
     * Numbers a new descriptor as upstream does: the highest freed number first, else one past the
     * highest in use.
     */
    add(entry) {
        let fd;
        if (this.free.size > 0) {
            fd = Math.max(...this.free);
            this.free.delete(fd);
        }
        else {
            fd = this.entries.size === 0 ? 0 : Math.max(...this.entries.keys()) + 1;
        }
        this.entries.set(fd, entry);
        return fd;
    }
    /** Removes `fd` (its number becomes free) and closes its host descriptor. */
    close(fd) {
        const entry = this.get(fd);
        this.entries.delete(fd);
        this.free.add(fd);
        if (entry.kind !== 'stdio')
            (0,external_node_fs_.closeSync)(entry.hostFd);
    }
    /** Moves `from` onto `to` (both must exist), closing what `to` held; `from` becomes free. */
    renumber(from, to) {
        const moving = this.get(from);
        const replaced = this.get(to);
        if (from === to)
            return;
        if (replaced.kind !== 'stdio')
            (0,external_node_fs_.closeSync)(replaced.hostFd);
        this.entries.set(to, moving);
        this.entries.delete(from);
        this.free.add(from);
    }
    closeAll() {
        for (const fd of [...this.entries.keys()]) {
            try {
                this.close(fd);
            }
            catch {
                // Already closed on the host: nothing left to release.
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/wasi/path-ops.ts
/**
 * Path operations relative to an open directory, confined to the preopen it was reached from: the
 * one implementation behind preview1's `path_*` calls (filesystem.ts) and WASI 0.2's
 * `descriptor.*-at` methods (src/wasi2). Every path goes through paths.ts, so no `..`, absolute
 * path or link (made before or during the run) can lead outside. Failures throw `WasiErrno` (the
 * checks made here) or Node's errno errors (the host's answer); each layer turns them into its
 * own codes. Upstream's preview1 is built on its WASI 0.2 host, so the results are one set.
 */






/**
 * The entry an open reaches, with the checks in Linux's order (upstream opens through openat2):
 * the directories on the way first; then, when creating, a final `.` or `..` (EEXIST if
 * exclusive, else EISDIR), a trailing slash (EISDIR) and, with O_EXCL, any existing entry, links
 * included (EEXIST); finally a last link that is not to be followed (ELOOP).
 */
function openTarget(base, path, follow, create, exclusive) {
    if (!create) {
        const found = lookup(base, path, follow);
        if (found.stat?.isSymbolicLink() && !found.trailingSlash)
            throw new WasiErrno(Errno.loop);
        return found;
    }
    const name = stripTrailingSlashes(path);
    const last = lastComponent(name);
    const found = lookup(base, name, false);
    if (last === '.' || last === '..' || found.name === undefined) {
        throw new WasiErrno(exclusive ? Errno.exist : Errno.isdir);
    }
    if (name.length < path.length)
        throw new WasiErrno(Errno.isdir);
    if (found.stat !== undefined && exclusive)
        throw new WasiErrno(Errno.exist);
    if (!found.stat?.isSymbolicLink())
        return found;
    if (!follow)
        throw new WasiErrno(Errno.loop);
    return lookup(base, name, true);
}
/**
 * Opens `path` below `dir`. Creating or truncating opens for writing too; without `write` the
 * host descriptor is opened for reading, as upstream does (the OS must be given one of the two).
 * Flag combinations each layer refuses (directory with create, sync flags) are checked before.
 */
function openAt(dir, path, request) {
    const base = directoryBase(dir);
    const found = openTarget(base, path, request.follow, request.create, request.exclusive);
    const host = platform();
    const read = request.read || !request.write;
    const hostWrite = request.write || request.create || request.truncate;
    let flags = read && hostWrite ? external_node_fs_.constants.O_RDWR : hostWrite ? external_node_fs_.constants.O_WRONLY : external_node_fs_.constants.O_RDONLY;
    if (request.create)
        flags |= external_node_fs_.constants.O_CREAT;
    if (request.exclusive)
        flags |= external_node_fs_.constants.O_EXCL;
    // Without O_NOFOLLOW the entry is verified before anything is changed: truncation waits.
    const truncateAfterCheck = request.truncate && host.noFollowFlag === 0;
    if (request.truncate && !truncateAfterCheck)
        flags |= external_node_fs_.constants.O_TRUNC;
    if (request.directory)
        flags |= host.directoryFlag;
    // The path is link-free up to its last component; a final link left unfollowed must stay so.
    // (`/proc/self/fd/N` itself is a link that must be followed.)
    if (found.name !== undefined)
        flags |= host.noFollowFlag;
    const hostFd = host.fs.open(hostPathOf(found) + (found.trailingSlash ? '/' : ''), flags, 0o666);
    const stat = (0,external_node_fs_.fstatSync)(hostFd);
    if (host.noFollowFlag === 0 || host.directoryFlag === 0) {
        checkOpened(hostFd, stat, found, request.directory);
    }
    if (truncateAfterCheck)
        (0,external_node_fs_.ftruncateSync)(hostFd, 0);
    if (!stat.isDirectory())
        return { kind: 'file', hostFd };
    const names = found.name === undefined ? found.components : [...found.components, found.name];
    return { kind: 'dir', hostFd, location: dir.location.below(names) };
}
/**
 * What O_NOFOLLOW and O_DIRECTORY (and a trailing slash, which such hosts drop) would have
 * refused, checked after opening: the entry opened must be the one the lookup saw (else it was
 * replaced, perhaps by a link, meanwhile) and a directory where one was asked for.
 */
function checkOpened(hostFd, opened, found, directory) {
    let errno;
    const seen = found.name === undefined ? undefined : found.stat;
    if (seen !== undefined && (seen.ino !== opened.ino || seen.dev !== opened.dev)) {
        errno = Errno.loop;
    }
    else if ((directory || found.trailingSlash) && !opened.isDirectory()) {
        errno = Errno.notdir;
    }
    if (errno === undefined)
        return;
    closeQuietly(hostFd);
    throw new WasiErrno(errno);
}
/** The status of `path` below `dir` (of the link itself unless `follow`). */
function statAt(dir, path, follow) {
    const base = directoryBase(dir);
    // Without following, a trailing slash is ignored: `file/` and `link/` stat the entry itself.
    const found = lookup(base, follow ? path : stripTrailingSlashes(path), follow);
    const fs = platform().fs;
    if (found.name === undefined)
        return fs.statBig(found.parent);
    if (found.stat === undefined)
        throw new WasiErrno(Errno.noent);
    if (found.trailingSlash && !found.stat.isDirectory())
        throw new WasiErrno(Errno.notdir);
    const stat = fs.lstatBig(hostPathOf(found));
    if (stat === undefined)
        throw new WasiErrno(Errno.noent);
    return stat;
}
function seconds(ns) {
    return Number(ns / 1000000000n) + Number(ns % 1000000000n) / 1e9;
}
/** New [atime, mtime] in seconds for `utimes`; times kept are read from `current`. */
function newTimes(current, atime, mtime) {
    const now = Date.now() / 1000;
    const before = atime === 'keep' || mtime === 'keep' ? current() : undefined;
    const pick = (change, kept) => change === 'now' ? now : change === 'keep' ? seconds(kept()) : seconds(change);
    return [
        pick(atime, () => before.atimeNs),
        pick(mtime, () => before.mtimeNs),
    ];
}
/** Sets the times of an open descriptor; keeping both changes nothing. */
function setTimesOfFd(hostFd, atime, mtime) {
    if (atime === 'keep' && mtime === 'keep')
        return;
    const [a, m] = newTimes(() => (0,external_node_fs_.fstatSync)(hostFd, { bigint: true }), atime, mtime);
    (0,external_node_fs_.futimesSync)(hostFd, a, m);
}
/**
 * Sets the times of `path` below `dir`. A trailing slash is honoured (a link before it is
 * followed, a file is ENOTDIR); without following, keeping both times on a missing name
 * succeeds, as Linux's `utimensat` returns before its lookup.
 */
function setTimesAt(dir, path, follow, atime, mtime) {
    const base = directoryBase(dir);
    const found = lookup(base, path, follow);
    const setsNothing = atime === 'keep' && mtime === 'keep';
    if (found.name !== undefined && found.stat === undefined) {
        if (setsNothing && !follow && !found.trailingSlash)
            return;
        throw new WasiErrno(Errno.noent);
    }
    if (found.trailingSlash && found.stat !== undefined && !found.stat.isDirectory()) {
        throw new WasiErrno(Errno.notdir);
    }
    if (setsNothing)
        return;
    const fs = platform().fs;
    const host = hostPathOf(found);
    const self = found.name === undefined;
    const stat = () => {
        const current = self ? fs.statBig(host) : fs.lstatBig(host);
        if (current === undefined)
            throw new WasiErrno(Errno.noent);
        return current;
    };
    const [a, m] = newTimes(stat, atime, mtime);
    if (self)
        fs.utimes(host, a, m);
    else
        fs.lutimes(host, a, m);
}
/** Every entry of `dir` except `.` and `..`, in the host's order, each with its `lstat`. */
function listDirectory(dir) {
    const base = directoryBase(dir);
    const fs = platform().fs;
    const entries = [];
    const handle = fs.opendir(base);
    try {
        const prefix = Buffer.from(`${base}/`);
        for (let dirent = handle.readSync(); dirent !== null; dirent = handle.readSync()) {
            const name = dirent.name;
            const stat = fs.lstatBig(Buffer.concat([prefix, name]));
            if (stat === undefined)
                continue; // removed while listing
            entries.push({ name, stat });
        }
    }
    finally {
        handle.closeSync();
    }
    return entries;
}
function createDirectoryAt(dir, path) {
    platform().fs.mkdir(lookupParent(directoryBase(dir), stripTrailingSlashes(path)).host);
}
/** Removes an empty directory; a link to one is ENOTDIR (Windows would remove the link). */
function removeDirectoryAt(dir, path) {
    const fs = platform().fs;
    const target = lookupParent(directoryBase(dir), path);
    if (target.name === '.' || target.name === '..')
        throw new WasiErrno(Errno.inval);
    if (fs.lstat(target.host)?.isSymbolicLink())
        throw new WasiErrno(Errno.notdir);
    fs.rmdir(target.host);
}
/** Removes a non-directory; a directory is EISDIR everywhere (macOS and Windows say EPERM). */
function unlinkFileAt(dir, path) {
    const fs = platform().fs;
    const target = lookupParent(directoryBase(dir), path).host;
    try {
        fs.unlink(target);
    }
    catch (error) {
        const code = error.code;
        if ((code === 'EPERM' || code === 'EACCES') && fs.lstat(target)?.isDirectory()) {
            throw new WasiErrno(Errno.isdir);
        }
        throw error;
    }
}
function renameAt(oldDir, oldPath, newDir, newPath) {
    const host = platform();
    const oldBase = directoryBase(oldDir);
    const newBase = directoryBase(newDir);
    // Trailing slashes are dropped for the lookup; on the source one is kept so that the host
    // still insists on a directory (hosts that drop it are checked here instead).
    const oldStripped = stripTrailingSlashes(oldPath);
    const source = lookupParent(oldBase, oldStripped);
    const target = lookupParent(newBase, stripTrailingSlashes(newPath));
    const slashed = oldStripped.length < oldPath.length;
    if (slashed && host.windowsPaths) {
        const stat = host.fs.lstat(source.host);
        if (stat !== undefined && !stat.isDirectory())
            throw new WasiErrno(Errno.notdir);
    }
    host.fs.rename(source.host + (slashed ? '/' : ''), target.host);
    if (host.fdDirectory === undefined && host.fs.lstat(target.host)?.isDirectory()) {
        oldDir.location.log.record(oldDir.location.below([...source.components, source.name]), newDir.location.below([...target.components, target.name]));
    }
}
/**
 * The kind of link Windows must be told to make for a link that resolves as `path` below `base`:
 * `dir` if that is a directory inside the sandbox now, else `file`. (Other hosts ignore it.)
 */
function linkKind(base, path) {
    if (!platform().windowsPaths)
        return 'file';
    try {
        const found = lookup(base, path, true);
        return found.name === undefined || found.stat?.isDirectory() ? 'dir' : 'file';
    }
    catch {
        return 'file';
    }
}
/** Creates a link at `path` to `target`, which may not be absolute (a later lookup checks the rest). */
function symlinkAt(target, dir, path) {
    const base = directoryBase(dir);
    if (isAbsolute(target))
        throw new WasiErrno(Errno.perm);
    if (target.includes('\0'))
        throw new WasiErrno(Errno.inval);
    const at = lookupParent(base, path).host;
    const slash = lastSeparator(path);
    const resolvesAs = slash < 0 ? target : `${path.slice(0, slash)}/${target}`;
    platform().fs.symlink(hostLinkTarget(target), at, linkKind(base, resolvesAs));
}
/** A link's contents; an absolute target is not shown (EPERM). */
function readlinkAt(dir, path) {
    const contents = platform().fs.readlinkBytes(lookupParent(directoryBase(dir), path).host);
    if (isAbsolute(contents))
        throw new WasiErrno(Errno.perm);
    return guestLinkTarget(contents);
}
/**
 * A hard link to an entry (never through a last link: following is EINVAL). Where the host's
 * `link()` would follow a last link (to wherever it points, maybe outside), a link to a link is
 * made as a new link with the same target instead.
 */
function linkAt(oldDir, follow, oldPath, newDir, newPath) {
    const host = platform();
    const oldBase = directoryBase(oldDir);
    const newBase = directoryBase(newDir);
    if (follow)
        throw new WasiErrno(Errno.inval);
    const source = lookupParent(oldBase, oldPath).host;
    const target = lookupParent(newBase, newPath).host;
    if (host.linkFollowsSymlinks && host.fs.lstat(source)?.isSymbolicLink()) {
        host.fs.symlink(host.fs.readlink(source), target, linkKind(oldBase, oldPath));
        return;
    }
    host.fs.link(source, target);
}

;// CONCATENATED MODULE: ./src/wasi2/filesystem-types.ts

const U64 = (1n << 64n) - 1n;
/** Upstream derives `upper` from `lower` with this constant (the bits of the double nearest pi). */
const HASH_UPPER_MASK = 4614256656552045848n;
/** The descriptor type of a host stat. */
function typeOf(stat) {
    if (stat.isFile())
        return 'regular-file';
    if (stat.isDirectory())
        return 'directory';
    if (stat.isSymbolicLink())
        return 'symbolic-link';
    if (stat.isCharacterDevice())
        return 'character-device';
    if (stat.isBlockDevice())
        return 'block-device';
    if (stat.isFIFO())
        return 'fifo';
    if (stat.isSocket())
        return 'socket';
    return 'unknown';
}
/** A file offset for `writeSync`; past 2^53 bytes no host file can reach. */
function position(offset) {
    if (offset > BigInt(Number.MAX_SAFE_INTEGER))
        fail('file-too-large');
    return Number(offset);
}
/** Nanoseconds since the epoch as a `wall-clock.datetime`. */
function datetime(ns) {
    return { seconds: ns / 1000000000n, nanoseconds: Number(ns % 1000000000n) };
}
/**
 * Upstream's stat: the status-change time is the creation (birth) time, absent where the host
 * does not record one. Seen through `files` (as it is, or deterministic: then every time is the
 * epoch).
 */
function statOf(stat, files) {
    const type = typeOf(stat);
    const { size, nlink } = type === 'directory' ? files.directory(stat) : { size: stat.size, nlink: stat.nlink };
    const birth = files.optionalTimestamp(stat.birthtimeNs);
    return {
        type,
        linkCount: nlink,
        size,
        dataAccessTimestamp: datetime(files.timestamp(stat.atimeNs)),
        dataModificationTimestamp: datetime(files.timestamp(stat.mtimeNs)),
        statusChangeTimestamp: birth === undefined ? undefined : datetime(birth),
    };
}
/** A 128-bit value identifying a file (device and inode), the same for every name of it. */
function hashOf(stat, files) {
    const { dev, ino } = files.identity(stat);
    const lower = (ino * 0x9e3779b97f4a7c15n + dev) & U64;
    return { lower, upper: lower ^ HASH_UPPER_MASK };
}
/** A `new-timestamp` as the shared path layer's time change. */
function timeChange(timestamp) {
    switch (timestamp.tag) {
        case 'no-change':
            return 'keep';
        case 'now':
            return 'now';
        case 'timestamp':
            return timestamp.val.seconds * 1000000000n + BigInt(timestamp.val.nanoseconds);
    }
}

;// CONCATENATED MODULE: ./src/wasi2/filesystem.ts






/** Bytes `descriptor.read` returns at most per call (upstream's `MAX_READ_SIZE_ALLOC`). */
const MAX_READ = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Reads a file from a position, advancing it. */
class FileSource {
    handle;
    position;
    constructor(handle, position) {
        this.handle = handle;
        this.position = position;
    }
    read(max) {
        const buffer = Buffer.alloc(max);
        const n = (0,external_node_fs_.readSync)(this.handle.fd, buffer, 0, max, this.position);
        if (n === 0)
            return undefined;
        this.position += BigInt(n);
        return buffer.subarray(0, n);
    }
}
/** Writes a file at a position (advancing it) or at its end. */
class FileSink {
    handle;
    position;
    constructor(handle, position) {
        this.handle = handle;
        this.position = position;
    }
    write(bytes) {
        const fd = this.handle.fd;
        let at = this.position === 'append' ? (0,external_node_fs_.fstatSync)(fd, { bigint: true }).size : this.position;
        for (let done = 0; done < bytes.length;) {
            const n = (0,external_node_fs_.writeSync)(fd, bytes, done, bytes.length - done, position(at));
            done += n;
            at += BigInt(n);
        }
        if (this.position !== 'append')
            this.position = at;
    }
}
/** `wasi:filesystem/types.descriptor`. */
class Descriptor {
    node;
    host;
    disposed = false;
    constructor(node, host) {
        this.node = node;
        this.host = host;
    }
    /** A descriptor for a preopen; the handle is shared (and retained here). */
    static preopen(handle, root, host) {
        const node = {
            kind: 'dir',
            handle: handle.retain(),
            location: DirectoryLocation.preopen(host.moves, root),
            mutate: true,
        };
        return new Descriptor(node, host);
    }
    /** The live host state (a dropped descriptor is `bad-descriptor`). */
    get live() {
        if (this.disposed)
            fail('bad-descriptor');
        return this.node;
    }
    /** File-only operations: `bad-descriptor` on a directory, as upstream. */
    file() {
        const node = this.live;
        if (node.kind !== 'file')
            fail('bad-descriptor');
        return node;
    }
    /** Directory-only operations: `not-directory` on a file, as upstream. */
    dirNode() {
        const node = this.live;
        if (node.kind !== 'dir')
            fail('not-directory');
        return node;
    }
    /** The directory as the shared path layer sees it. */
    dir() {
        const node = this.dirNode();
        return {
            kind: 'dir',
            hostFd: node.handle.fd,
            location: node.location,
            preopenName: undefined,
        };
    }
    fstat() {
        return (0,external_node_fs_.fstatSync)(this.live.handle.fd, { bigint: true });
    }
    readViaStream(offset) {
        return fsCall(() => {
            const node = this.live;
            if (node.kind !== 'file')
                fail('is-directory');
            const handle = node.handle.retain();
            return new InputStream(new FileSource(handle, offset), () => handle.release());
        });
    }
    writeViaStream(offset) {
        return fsCall(() => {
            const handle = this.file().handle.retain();
            return new OutputStream(new FileSink(handle, offset), () => handle.release());
        });
    }
    appendViaStream() {
        return fsCall(() => {
            const handle = this.file().handle.retain();
            return new OutputStream(new FileSink(handle, 'append'), () => handle.release());
        });
    }
    /** Advice changes nothing observable; it is checked and accepted. */
    advise(_offset, _length, _advice) {
        fsCall(() => this.file());
    }
    syncData() {
        fsCall(() => (0,external_node_fs_.fdatasyncSync)(this.live.handle.fd));
    }
    sync() {
        fsCall(() => (0,external_node_fs_.fsyncSync)(this.live.handle.fd));
    }
    getFlags() {
        return fsCall(() => {
            const node = this.live;
            return node.kind === 'dir'
                ? { read: true, mutateDirectory: node.mutate }
                : { read: node.read, write: node.write };
        });
    }
    getType() {
        return fsCall(() => (this.live.kind === 'dir' ? 'directory' : typeOf(this.fstat())));
    }
    setSize(size) {
        fsCall(() => {
            const fd = this.file().handle.fd;
            if (size > BigInt(Number.MAX_SAFE_INTEGER))
                fail('file-too-large');
            (0,external_node_fs_.ftruncateSync)(fd, Number(size));
        });
    }
    setTimes(dataAccessTimestamp, dataModificationTimestamp) {
        fsCall(() => setTimesOfFd(this.live.handle.fd, timeChange(dataAccessTimestamp), timeChange(dataModificationTimestamp)));
    }
    read(length, offset) {
        return fsCall(() => {
            const fd = this.file().handle.fd;
            const max = length > BigInt(MAX_READ) ? MAX_READ : Number(length);
            const buffer = Buffer.alloc(max);
            const n = max === 0 ? 0 : (0,external_node_fs_.readSync)(fd, buffer, 0, max, offset);
            return [new Uint8Array(buffer.subarray(0, n)), n === 0];
        });
    }
    write(buffer, offset) {
        return fsCall(() => BigInt((0,external_node_fs_.writeSync)(this.file().handle.fd, buffer, 0, buffer.length, position(offset))));
    }
    readDirectory() {
        return fsCall(() => new DirectoryEntryStream(this.host.files.order(listDirectory(this.dir()))));
    }
    createDirectoryAt(path) {
        fsCall(() => createDirectoryAt(this.dir(), path));
    }
    stat() {
        return fsCall(() => statOf(this.fstat(), this.host.files));
    }
    statAt(pathFlags, path) {
        return fsCall(() => statOf(statAt(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files));
    }
    setTimesAt(pathFlags, path, dataAccessTimestamp, dataModificationTimestamp) {
        fsCall(() => setTimesAt(this.dir(), path, pathFlags.symlinkFollow === true, timeChange(dataAccessTimestamp), timeChange(dataModificationTimestamp)));
    }
    linkAt(oldPathFlags, oldPath, newDescriptor, newPath) {
        fsCall(() => linkAt(this.dir(), oldPathFlags.symlinkFollow === true, oldPath, newDescriptor.dir(), newPath));
    }
    /**
     * Upstream's order of checks: the sync flags (unsupported), then `directory` with `create`,
     * `exclusive` or `truncate` (invalid), then the lookup and the host's own answer.
     */
    openAt(pathFlags, path, openFlags, flags) {
        return fsCall(() => {
            const dir = this.dir();
            if (flags.fileIntegritySync || flags.dataIntegritySync || flags.requestedWriteSync) {
                fail('unsupported');
            }
            const create = openFlags.create === true;
            const exclusive = openFlags.exclusive === true;
            const truncate = openFlags.truncate === true;
            const directory = openFlags.directory === true;
            if (directory && (create || exclusive || truncate))
                fail('invalid');
            const read = flags.read === true;
            const write = flags.write === true;
            const opened = openAt(dir, path, {
                follow: pathFlags.symlinkFollow === true,
                create,
                exclusive,
                truncate,
                directory,
                read,
                write,
            });
            const handle = this.host.handles.adopt(opened.hostFd);
            const node = opened.kind === 'dir'
                ? {
                    kind: 'dir',
                    handle,
                    location: opened.location,
                    mutate: false,
                }
                : { kind: 'file', handle, read: read || !write, write: write || create || truncate };
            return new Descriptor(node, this.host);
        });
    }
    readlinkAt(path) {
        return fsCall(() => {
            const contents = readlinkAt(this.dir(), path);
            try {
                return utf8.decode(contents);
            }
            catch {
                return fail('illegal-byte-sequence');
            }
        });
    }
    removeDirectoryAt(path) {
        fsCall(() => removeDirectoryAt(this.dir(), path));
    }
    renameAt(oldPath, newDescriptor, newPath) {
        fsCall(() => renameAt(this.dir(), oldPath, newDescriptor.dir(), newPath));
    }
    symlinkAt(oldPath, newPath) {
        fsCall(() => symlinkAt(oldPath, this.dir(), newPath));
    }
    unlinkFileAt(path) {
        fsCall(() => unlinkFileAt(this.dir(), path));
    }
    isSameObject(other) {
        const a = this.fstat();
        const b = other.fstat();
        return a.dev === b.dev && a.ino === b.ino;
    }
    metadataHash() {
        return fsCall(() => hashOf(this.fstat(), this.host.files));
    }
    metadataHashAt(pathFlags, path) {
        return fsCall(() => hashOf(statAt(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files));
    }
    [Symbol.dispose]() {
        if (this.disposed)
            return;
        this.disposed = true;
        this.node.handle.release();
    }
}
/**
 * `wasi:filesystem/types.directory-entry-stream`: the entries at the time of `read-directory`
 * (upstream lists eagerly too), without `.` and `..`; a name that is not UTF-8 is
 * `illegal-byte-sequence` when its turn comes.
 */
class DirectoryEntryStream {
    entries;
    next = 0;
    constructor(entries) {
        this.entries = entries;
    }
    readDirectoryEntry() {
        const entry = this.entries[this.next];
        if (entry === undefined)
            return undefined;
        this.next++;
        let name;
        try {
            name = utf8.decode(entry.name);
        }
        catch {
            throw new ResultError('illegal-byte-sequence');
        }
        return { type: typeOf(entry.stat), name };
    }
    [Symbol.dispose]() {
        this.next = this.entries.length;
    }
}
/** `filesystem-error-code`: the code behind a stream's error, if it came from the filesystem. */
function filesystemErrorCode(error) {
    return error.code;
}

;// CONCATENATED MODULE: ./src/wasi2/handles.ts
/**
 * Host descriptors shared by several resources. A file's descriptor is used by the `descriptor`
 * resource and by every stream made from it; a preopen's by every `descriptor` that
 * `get-directories` hands out. The descriptor stays open while any of them is alive and is never
 * used after it is closed: a closed number can be reused by the host for an unrelated file, and a
 * directory is reached through `/proc/self/fd/N`, so a stale number could lead out of the sandbox.
 */


/** Every host descriptor a WASI 0.2 host opened, so that closing the host closes them all. */
class HandleRegistry {
    open = new Set();
    /** Registers a descriptor just opened; the caller holds the first reference. */
    adopt(fd) {
        const handle = new HostHandle(fd, this.open);
        this.open.add(handle);
        return handle;
    }
    /** Closes every descriptor still open, whatever its references. */
    closeAll() {
        for (const handle of [...this.open])
            handle.forceClose();
    }
}
/** One host descriptor with a reference count. */
class HostHandle {
    number;
    registry;
    refs = 1;
    closed = false;
    constructor(number, registry) {
        this.number = number;
        this.registry = registry;
    }
    /** The host descriptor; a closed one is `bad-descriptor`, never a stale number. */
    get fd() {
        if (this.closed)
            fail('bad-descriptor');
        return this.number;
    }
    retain() {
        if (this.closed)
            fail('bad-descriptor');
        this.refs++;
        return this;
    }
    release() {
        if (this.closed)
            return;
        if (--this.refs === 0)
            this.forceClose();
    }
    forceClose() {
        if (this.closed)
            return;
        this.closed = true;
        this.registry.delete(this);
        try {
            (0,external_node_fs_.closeSync)(this.number);
        }
        catch {
            // Already closed on the host: nothing left to release.
        }
    }
}

;// CONCATENATED MODULE: ./src/wasi2/random.ts

/** Upstream's cap on one request (`DEFAULT_MAX_SIZE`): larger ones trap. */
const MAX_REQUEST = 64n << 20n;
function createRandom(source) {
    const bytes = (len) => {
        if (len > MAX_REQUEST)
            throw hostTrap(`requested len ${len} exceeds limit ${MAX_REQUEST}`);
        const out = new Uint8Array(Number(len));
        source.fill(out, 0, out.length);
        return out;
    };
    const u64 = () => new DataView(bytes(8n).buffer).getBigUint64(0, true);
    const seed = new DataView(source.insecureSeed.buffer, source.insecureSeed.byteOffset, 16);
    return {
        random: { getRandomBytes: bytes, getRandomU64: u64 },
        insecure: { getInsecureRandomBytes: bytes, getInsecureRandomU64: u64 },
        insecureSeed: {
            insecureSeed: () => [
                seed.getBigUint64(0, true),
                seed.getBigUint64(8, true),
            ],
        },
    };
}

;// CONCATENATED MODULE: ./src/wasi2/sockets.ts
/**
 * `wasi:sockets`, present so that components importing it link, and refusing: no socket can be
 * created and no name resolved (`access-denied`, the code upstream gives when its context denies
 * a use of the network). The resource classes exist for the glue but are never instantiated.
 */

class Network {
}
class TcpSocket {
}
class UdpSocket {
}
class IncomingDatagramStream {
}
class OutgoingDatagramStream {
}
class ResolveAddressStream {
}
function refuse() {
    throw new ResultError('access-denied');
}
function createSockets() {
    return {
        network: { Network, networkErrorCode: () => undefined },
        instanceNetwork: { instanceNetwork: () => new Network() },
        tcp: { TcpSocket },
        tcpCreateSocket: { createTcpSocket: refuse },
        udp: { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream },
        udpCreateSocket: { createUdpSocket: refuse },
        ipNameLookup: { ResolveAddressStream, resolveAddresses: refuse },
    };
}

;// CONCATENATED MODULE: ./src/wasi2/index.ts
/**
 * A WASI 0.2 host for initializing components, in the shape jco's transpiled glue expects for its
 * imports (one object per interface, resources as classes, `result` errors thrown with a
 * `payload`, 64-bit values as bigints), and confined like the preview1 layer in src/wasi: the same
 * path lookup guards the preopens, the environment holds only what is inherited or given, `exit`
 * fails the initialization, stdio is the host's or null, and sockets refuse.
 *
 * ```ts
 * const host = createWasi2Host({ ...options, args: ['app.wasm'] });
 * try {
 *   const component = await instantiate(getCoreModule, host.imports, instantiateCore);
 *   component.wizerInitialize();
 * } finally {
 *   host.close();
 * }
 * ```
 *
 * The glue of jco-transpile 0.15 looks interfaces up by unversioned specifier
 * (`imports['wasi:cli/environment']`); the versioned keys serve glue that keeps versions.
 *
 * A limit comes from jco's glue, not from this host: the strings the guest passes are decoded
 * with replacement characters, so a path that is not UTF-8 names U+FFFD where upstream's
 * canonical ABI traps. (Its other one, empty strings lowered without the guest's `realloc`, is
 * patched out of the glue: see src/component/glue.ts.)
 */


















/** Patch releases of WASI 0.2 whose versioned specifiers are also provided. */
const WASI_0_2_LATEST_PATCH = 12;
/** Opens the preopens now; a missing host directory fails like the preview1 layer's. */
function openPreopens(options, handles) {
    const opened = [];
    for (const { guest, host } of options.preopens) {
        const root = (0,external_node_path_.resolve)(host);
        try {
            const fd = openDirectory(root);
            opened.push({ guest, root, handle: handles.adopt(fd) });
        }
        catch (error) {
            handles.closeAll();
            throw new errors/* WizerError */.Mx((0,errors/* osError */.hf)(error), {
                cause: `while opening \`${host}\`, preopened as \`${guest}\``,
            });
        }
    }
    return opened;
}
/** Creates a host; its preopens are opened now and stay open until `close()`. */
function createWasi2Host(options) {
    const handles = new HandleRegistry();
    const preopens = openPreopens(options, handles);
    const sources = (0,src_sources/* guestSources */.Dy)(options);
    const fsHost = { handles, files: sources.files, moves: new MoveLog() };
    const stdio = new Stdio(options.inheritStdio, options.hostStdio ?? [0, 1, 2], options.escapeWorkflowCommands);
    const cli = createCli({
        env: guestEnvironment(options),
        args: options.args ?? [],
        stdio,
        stdoutToStderr: options.guestStdoutToStderr,
        inheritStdin: options.inheritStdio,
    });
    const clocks = createClocks(sources.clock);
    const random = createRandom(sources.random);
    const sockets = createSockets();
    const interfaces = {
        'wasi:cli/environment': cli.environment,
        'wasi:cli/exit': cli.exit,
        'wasi:cli/stdin': cli.stdin,
        'wasi:cli/stdout': cli.stdout,
        'wasi:cli/stderr': cli.stderr,
        'wasi:cli/terminal-input': cli.terminalInput,
        'wasi:cli/terminal-output': cli.terminalOutput,
        'wasi:cli/terminal-stdin': cli.terminalStdin,
        'wasi:cli/terminal-stdout': cli.terminalStdout,
        'wasi:cli/terminal-stderr': cli.terminalStderr,
        'wasi:clocks/monotonic-clock': clocks.monotonicClock,
        'wasi:clocks/wall-clock': clocks.wallClock,
        'wasi:filesystem/types': { Descriptor: Descriptor, DirectoryEntryStream: DirectoryEntryStream, filesystemErrorCode: filesystemErrorCode },
        'wasi:filesystem/preopens': {
            // Fresh resources per call (as upstream pushes new ones), sharing the preopen's descriptor.
            getDirectories: () => preopens.map(({ guest, root, handle }) => [
                Descriptor.preopen(handle, root, fsHost),
                guest,
            ]),
        },
        'wasi:io/error': { Error: IoError },
        'wasi:io/poll': { Pollable: Pollable, poll: poll },
        'wasi:io/streams': { InputStream: InputStream, OutputStream: OutputStream },
        'wasi:random/random': random.random,
        'wasi:random/insecure': random.insecure,
        'wasi:random/insecure-seed': random.insecureSeed,
        'wasi:sockets/network': sockets.network,
        'wasi:sockets/instance-network': sockets.instanceNetwork,
        'wasi:sockets/tcp': sockets.tcp,
        'wasi:sockets/tcp-create-socket': sockets.tcpCreateSocket,
        'wasi:sockets/udp': sockets.udp,
        'wasi:sockets/udp-create-socket': sockets.udpCreateSocket,
        'wasi:sockets/ip-name-lookup': sockets.ipNameLookup,
    };
    const imports = {};
    for (const [specifier, implementation] of Object.entries(interfaces)) {
        imports[specifier] = implementation;
        for (let patch = 0; patch <= WASI_0_2_LATEST_PATCH; patch++) {
            imports[`${specifier}@0.2.${patch}`] = implementation;
        }
    }
    return {
        imports,
        close: () => handles.closeAll(),
    };
}

;// CONCATENATED MODULE: ./src/wizer/code-edits.ts
/**
 * Replacing single instructions inside function bodies of the instrumented copy (relaxed SIMD and
 * float min/max lowering), where a replacement may be longer or shorter than the original, and
 * inserting code (edits of length 0: NaN canonicalisation). The bodies that change get new size
 * prefixes; `CodeMoves` maps offsets in the copy back to the original, for trap backtraces.
 */


/**
 * Where the bodies of the copy moved relative to the original: from `at[i]` (an offset in the
 * copy's bodies) on, the original offset is the copy's minus `shift[i]`. Both ascend with `at`.
 */
class CodeMoves {
    at;
    shift;
    constructor(at = [], shift = []) {
        this.at = at;
        this.shift = shift;
    }
    /** The original offset, relative to the first body, of `offset` relative to the copy's. */
    original(offset) {
        let lo = 0;
        let hi = this.at.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.at[mid] <= offset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo === 0 ? offset : offset - this.shift[lo - 1];
    }
}
/**
 * The function bodies (the code section's entries; `bodiesStart` is the input offset of
 * `bodies[0]`) with `edits` applied, in ascending order of `at`, and how offsets moved.
 */
function applyCodeEdits(bodies, bodiesStart, edits) {
    const growth = edits.reduce((sum, e) => sum + Math.max(0, e.bytes.length - e.length + 4), 0);
    const out = new writer/* ByteSink */._s(bodies.length + growth + 16);
    const at = [];
    const shift = [];
    const r = new BinaryReader(bodies, 0, bodies.length);
    let next = 0; // index into edits
    while (r.pos < bodies.length) {
        const sizeAt = r.pos;
        const size = r.u32();
        const start = r.pos;
        const end = start + size;
        r.pos = end;
        if (next >= edits.length || edits[next].at - bodiesStart >= end) {
            out.bytes(bodies.subarray(sizeAt, end)); // untouched, size prefix as given
            continue;
        }
        const body = new writer/* ByteSink */._s(size + 16);
        let from = start;
        const applied = [];
        for (; next < edits.length && edits[next].at - bodiesStart < end; next++) {
            const edit = edits[next];
            const site = edit.at - bodiesStart;
            body.bytes(bodies.subarray(from, site));
            applied.push([body.length, edit]);
            body.bytes(edit.bytes);
            from = site + edit.length;
        }
        body.bytes(bodies.subarray(from, end));
        out.u32(body.length);
        // Everything from the body on moved by the size prefix's change, then by each edit's.
        let by = out.length - start;
        if (by !== (shift.at(-1) ?? 0)) {
            at.push(out.length);
            shift.push(by);
        }
        const bodyAt = out.length;
        for (const [offset, edit] of applied) {
            if (edit.bytes.length === edit.length)
                continue;
            by += edit.bytes.length - edit.length;
            at.push(bodyAt + offset + edit.bytes.length);
            shift.push(by);
        }
        out.bytes(body.view());
    }
    return { bodies: out.view(), moves: new CodeMoves(at, shift) };
}

;// CONCATENATED MODULE: ./src/wizer/float-min-max.ts
/**
 * Upstream's NaN results for scalar `f32.min`, `f32.max`, `f64.min` and `f64.max`, applied to the
 * instrumented copy only. The spec lets a NaN result be any arithmetic NaN; V8 returns the
 * canonical one, while upstream's Cranelift (x86-64, `XmmMinMaxSeq`) adds the operands when the
 * comparison is unordered, so x86's NaN propagation decides the bits:
 *
 *   b is NaN            -> b with its quiet bit set
 *   else a is NaN       -> a with its quiet bit set
 *   else                -> the spec's min/max (V8 computes it: -0 < +0)
 *
 * where b is the second operand (top of the stack). Measured on upstream 11.0.3 for every order,
 * sign, payload and quiet/signalling combination (__tests__/differential/float-min-max.test.ts).
 * On aarch64 upstream would use the native `fmin`, which prefers a signalling NaN, then a; we
 * keep the x86-64 rule on every host so the output never depends on the machine.
 *
 *   f64.min      becomes   call $f64_min        (a helper appended to the module)
 *
 * The call is longer than the 1-byte opcode, so the bodies that hold one grow (code-edits.ts).
 */


const CALL = 0x10;
/** Each lowered opcode and its operand type. */
const OPERAND_TYPE = new Map([
    [0x96, ValTypeCode.F32], // f32.min
    [0x97, ValTypeCode.F32], // f32.max
    [0xa4, ValTypeCode.F64], // f64.min
    [0xa5, ValTypeCode.F64], // f64.max
]);
/**
 * The helper for one opcode: `(a, b) -> result` as above. Fast path: V8's min/max is right unless
 * its result is NaN; only then are the operands inspected.
 */
function helperBody(opcode, float) {
    const f32 = float === ValTypeCode.F32;
    // i32.const 0x400000 or i64.const 0x8000000000000: the quiet bit
    const quietBit = f32
        ? new writer/* ByteSink */._s(8).byte(0x41).s32(0x0040_0000)
        : new writer/* ByteSink */._s(12).byte(0x42).s64(0x0008000000000000n);
    const [ne, eq] = f32 ? [0x5c, 0x5b] : [0x62, 0x61];
    const [toInt, or, toFloat] = f32 ? [0xbc, 0x72, 0xbe] : [0xbd, 0x84, 0xbf];
    return [
        ...[0x01, 0x01, float], // one local: the result
        ...[0x20, 0, 0x20, 1, opcode, 0x22, 2], // local.get a, local.get b, min/max, local.tee r
        ...[0x20, 2, 0x20, 2, eq, 0x0d, 0], // r == r: br_if 0 returns r
        0x1a, // drop
        ...[0x20, 1, 0x20, 0, 0x20, 1, 0x20, 1, ne, 0x1b], // b is NaN ? b : a
        ...[toInt, ...quietBit.view(), or, toFloat],
        0x0b,
    ];
}
/** Edits replacing the min/max at each of `sites` (input offsets) by a call to its helper. */
function floatMinMaxEdits(bytes, sites, added) {
    const helpers = new Map();
    const callTo = (opcode) => {
        let call = helpers.get(opcode);
        if (call === undefined) {
            const float = OPERAND_TYPE.get(opcode);
            if (float === undefined)
                throw new Error(`unreachable: opcode ${opcode} is no min/max`);
            const index = added.add([float, float], [float], helperBody(opcode, float));
            call = [CALL, ...new writer/* ByteSink */._s(6).u32(index).view()];
            helpers.set(opcode, call);
        }
        return call;
    };
    return sites.map((at) => ({ at, length: 1, bytes: callTo(bytes[at]) }));
}

// EXTERNAL MODULE: ./src/wasm/opcodes.ts
var opcodes = __nccwpck_require__(427);
;// CONCATENATED MODULE: ./src/wizer/nan-canonical.ts
/**
 * NaN canonicalisation for deterministic mode, applied to the instrumented copy only. The spec
 * lets a float operation's NaN result have either sign and, when an operand is a NaN with another
 * payload than the canonical one, any payload with the quiet bit set; CPUs differ (x86's `0/0` is
 * `0xffc00000`, arm64's `0x7fc00000`). Like Cranelift's `enable_nan_canonicalization`
 * (`cranelift/codegen/src/nan_canonicalization.rs`), every instruction that can produce a fresh NaN
 * is followed by a select of the canonical NaN (f32 `0x7fc00000`, f64 `0x7ff8000000000000`,
 * lane-wise for f32x4 and f64x2) when its result is NaN, through a scratch local appended to the
 * function's locals (`x == x` fails exactly for NaN):
 *
 *   f32.div   becomes   f32.div  local.tee $t  f32.const nan  local.get $t  local.get $t  f32.eq
 *                       select                    (f32x4/f64x2: v128.const, *.eq, v128.bitselect)
 *
 * Inline, because the CLI runs init on Liftoff, where a call spills every cached value: a loop of
 * nothing but float arithmetic ran about 5x slower with a helper call after each instruction,
 * under 2x with this (`--liftoff-only`; after tier-up both cost little). A body whose locals are
 * at V8's limit (50000) calls a helper function doing the same instead.
 *
 * The instructions are the ones whose Cranelift opcodes that pass rewrites: add, sub, mul, div,
 * sqrt, min, max, ceil, floor, trunc, nearest, demote and promote, scalar and SIMD, and the
 * relaxed fused multiply-adds, min and max (fma, fmin and fmax there). Sign-bit operations (neg,
 * abs, copysign), `pmin`/`pmax` (a compare and bitselect there), loads, constants and
 * reinterpretations move bits they were given and stay as they are. The pass also canonicalises
 * float results of calls, for libcalls; a Wasm function's float result is either computed by
 * the instructions above (so already canonical) or moved bits, which are the same on every host.
 *
 * Each sequence is inserted after its instruction (an edit of length 0), so it composes with the
 * relaxed-SIMD and min/max lowerings, which replace the instruction itself.
 */





/** The result shape of a canonicalised instruction, which picks its sequence and scratch local. */
var Shape;
(function (Shape) {
    Shape[Shape["F32"] = 0] = "F32";
    Shape[Shape["F64"] = 1] = "F64";
    Shape[Shape["F32x4"] = 2] = "F32x4";
    Shape[Shape["F64x2"] = 3] = "F64x2";
})(Shape || (Shape = {}));
const names = (text) => text.trim().split(/\s+/);
const arithmetic = 'add sub mul div sqrt min max ceil floor trunc nearest';
/** Instructions whose results are canonicalised, by mnemonic, with their result shapes. */
const CANONICALISED = [
    [[...names(arithmetic).map((o) => `f32.${o}`), 'f32.demote_f64'], Shape.F32],
    [[...names(arithmetic).map((o) => `f64.${o}`), 'f64.promote_f32'], Shape.F64],
    [
        [
            ...names(arithmetic).map((o) => `f32x4.${o}`),
            ...names('demote_f64x2_zero relaxed_madd relaxed_nmadd relaxed_min relaxed_max').map((o) => `f32x4.${o}`),
        ],
        Shape.F32x4,
    ],
    [
        [
            ...names(arithmetic).map((o) => `f64x2.${o}`),
            ...names('promote_low_f32x4 relaxed_madd relaxed_nmadd relaxed_min relaxed_max').map((o) => `f64x2.${o}`),
        ],
        Shape.F64x2,
    ],
];
/** Result shape + 1 per single-byte opcode (0: not canonicalised). */
const NAN_SCALAR_OPCODES = new Uint8Array(256);
/** Result shape + 1 per SIMD sub-opcode (0: not canonicalised). */
const NAN_SIMD_OPCODES = new Uint8Array(0x114);
for (const [list, shape] of CANONICALISED) {
    for (const name of list) {
        const info = (0,opcodes/* opcodeNamed */.If)(name);
        if (info === undefined || info.immediates.length > 0) {
            throw new Error(`unreachable: ${name} is no instruction without immediates`);
        }
        if (info.prefix === 0)
            NAN_SCALAR_OPCODES[info.code] = shape + 1;
        else if (info.prefix === opcodes/* PREFIX_SIMD */.nK)
            NAN_SIMD_OPCODES[info.code] = shape + 1;
        else
            throw new Error(`unreachable: ${name} has prefix ${info.prefix}`);
    }
}
/** V8's limit on a function's locals, parameters included (`kV8MaxWasmFunctionLocals`). */
const MAX_LOCALS = 50_000;
const nan_canonical_CALL = 0x10;
const SELECT = 0x1b;
const LOCAL_GET = 0x20;
const LOCAL_TEE = 0x22;
const leb = (value) => Array.from(new writer/* ByteSink */._s(6).u32(value).view());
/** The encoding of a SIMD instruction without immediates. */
function simd(name) {
    const info = (0,opcodes/* opcodeNamed */.If)(name);
    if (info?.prefix !== opcodes/* PREFIX_SIMD */.nK)
        throw new Error(`unreachable: no SIMD opcode named ${name}`);
    return [opcodes/* PREFIX_SIMD */.nK, ...leb(info.code)];
}
/** Little-endian bytes of the canonical NaN of a lane: f32 `0x7fc00000`, f64 `0x7ff8...0`. */
const F32_NAN = [0x00, 0x00, 0xc0, 0x7f];
const F64_NAN = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f];
/** Per shape: the scratch local's type, the canonical NaN constant, the comparison, the select. */
const SEQUENCE = [
    { type: ValTypeCode.F32, nan: [0x43, ...F32_NAN], eq: [0x5b], select: [SELECT] },
    { type: ValTypeCode.F64, nan: [0x44, ...F64_NAN], eq: [0x61], select: [SELECT] },
    {
        type: ValTypeCode.V128,
        nan: [...simd('v128.const'), ...F32_NAN, ...F32_NAN, ...F32_NAN, ...F32_NAN],
        eq: simd('f32x4.eq'),
        select: simd('v128.bitselect'),
    },
    {
        type: ValTypeCode.V128,
        nan: [...simd('v128.const'), ...F64_NAN, ...F64_NAN],
        eq: simd('f64x2.eq'),
        select: simd('v128.bitselect'),
    },
];
/**
 * With `x` on the stack and `t` a local of its type: `x == x ? x : canonical` (lane-wise for
 * vectors). `select` and `v128.bitselect` move bits, so every other value (-0, infinities,
 * subnormals) stays as it is.
 */
function canonicalise(shape, t) {
    const { nan, eq, select } = SEQUENCE[shape];
    return [LOCAL_TEE, ...t, ...nan, LOCAL_GET, ...t, LOCAL_GET, ...t, ...eq, ...select];
}
/** Where the instruction at `at` ends, and its result shape. */
function siteShape(bytes, at) {
    if (bytes[at] !== opcodes/* PREFIX_SIMD */.nK) {
        const shape = NAN_SCALAR_OPCODES[bytes[at]] - 1;
        if (shape < 0)
            throw new Error(`unreachable: opcode ${bytes[at]} is not canonicalised`);
        return { end: at + 1, shape };
    }
    const r = new BinaryReader(bytes, at + 1);
    const shape = (NAN_SIMD_OPCODES[r.u32()] ?? 0) - 1;
    if (shape < 0)
        throw new Error(`unreachable: SIMD opcode at ${at} is not canonicalised`);
    return { end: r.pos, shape };
}
/**
 * Edits inserting, after the instruction at each of `sites` (ascending input offsets of its
 * opcode or SIMD prefix, from the validation scan), the canonicalisation of its result; and, in
 * each function holding sites, the scratch locals (one per value type used) after its own.
 */
function nanCanonicalEdits(cx, sites, added) {
    const code = cx.sections.find((s) => s.id === SectionId.Code);
    if (sites.length === 0 || code === undefined)
        return [];
    const bytes = cx.bytes;
    const edits = [];
    const helpers = [];
    const r = new BinaryReader(bytes, code.payloadStart, code.end);
    let next = 0; // index into sites
    for (let count = r.u32(), body = 0; body < count && next < sites.length; body++) {
        const size = r.u32();
        const start = r.pos;
        const end = start + size;
        r.pos = end;
        if (sites[next] >= end)
            continue;
        const mine = [];
        for (; next < sites.length && sites[next] < end; next++)
            mine.push(siteShape(bytes, sites[next]));
        // The body's locals: their count, and where the declarations end.
        const locals = new BinaryReader(bytes, start, end);
        const groups = locals.u32();
        const groupsEnd = locals.pos;
        let declared = 0;
        for (let g = 0; g < groups; g++) {
            declared += locals.u32();
            readValType(locals);
        }
        const type = cx.types[cx.funcTypeIndices[cx.importedFuncCount + body]];
        const params = type?.params.length ?? 0;
        // One scratch local per value type: vector shapes share theirs.
        const types = [...new Set(mine.map((m) => SEQUENCE[m.shape].type))];
        if (params + declared + types.length > MAX_LOCALS) {
            for (const m of mine)
                edits.push({ at: m.end, length: 0, bytes: helperCall(m.shape, added, helpers) });
            continue;
        }
        const scratch = new Map(types.map((t, i) => [t, leb(params + declared + i)]));
        edits.push({ at: start, length: groupsEnd - start, bytes: leb(groups + types.length) });
        edits.push({ at: locals.pos, length: 0, bytes: types.flatMap((t) => [1, t]) });
        for (const m of mine) {
            const t = scratch.get(SEQUENCE[m.shape].type);
            edits.push({ at: m.end, length: 0, bytes: canonicalise(m.shape, t) });
        }
    }
    return edits;
}
/**
 * A call to the helper `(x) -> canonical-if-NaN(x)` of `shape`, added on first use: the same
 * sequence on the helper's parameter.
 */
function helperCall(shape, added, helpers) {
    let call = helpers[shape];
    if (call === undefined) {
        const { type } = SEQUENCE[shape];
        const body = [0x00, LOCAL_GET, 0, ...canonicalise(shape, [0]).slice(2), 0x0b];
        call = [nan_canonical_CALL, ...leb(added.add([type], [type], body))];
        helpers[shape] = call;
    }
    return call;
}

;// CONCATENATED MODULE: ./src/wizer/relaxed-simd.ts
/**
 * Deterministic relaxed SIMD (upstream's default `--relaxed-simd-deterministic`), applied to the
 * instrumented copy only. V8 runs relaxed instructions with whatever the CPU does; the
 * deterministic profile fixes one result, which standard instructions compute:
 *
 *   i8x16.relaxed_swizzle          -> i8x16.swizzle
 *   i32x4.relaxed_dot_i8x16_i7x16_add_s -> call $dot_add        (a helper appended to the module)
 *
 * as edits of the function bodies (code-edits.ts). The fused multiply-adds need no change: V8
 * fuses them on FMA hardware, as the profile requires.
 */



/** Relaxed sub-opcode -> the standard instruction with the deterministic profile's result. */
const SWAPS = new Map([
    [0x100, 'i8x16.swizzle'], // i8x16.relaxed_swizzle
    [0x101, 'i32x4.trunc_sat_f32x4_s'], // i32x4.relaxed_trunc_f32x4_s
    [0x102, 'i32x4.trunc_sat_f32x4_u'], // i32x4.relaxed_trunc_f32x4_u
    [0x103, 'i32x4.trunc_sat_f64x2_s_zero'], // i32x4.relaxed_trunc_f64x2_s_zero
    [0x104, 'i32x4.trunc_sat_f64x2_u_zero'], // i32x4.relaxed_trunc_f64x2_u_zero
    [0x109, 'v128.bitselect'], // i8x16.relaxed_laneselect
    [0x10a, 'v128.bitselect'], // i16x8.relaxed_laneselect
    [0x10b, 'v128.bitselect'], // i32x4.relaxed_laneselect
    [0x10c, 'v128.bitselect'], // i64x2.relaxed_laneselect
    [0x10d, 'f32x4.min'], // f32x4.relaxed_min
    [0x10e, 'f32x4.max'], // f32x4.relaxed_max
    [0x10f, 'f64x2.min'], // f64x2.relaxed_min
    [0x110, 'f64x2.max'], // f64x2.relaxed_max
    [0x111, 'i16x8.q15mulr_sat_s'], // i16x8.relaxed_q15mulr_s
]);
const DOT_I16 = 0x112; // i16x8.relaxed_dot_i8x16_i7x16_s
const DOT_I32_ADD = 0x113; // i32x4.relaxed_dot_i8x16_i7x16_add_s
const relaxed_simd_CALL = 0x10;
const V128 = 0x7b;
/** The sub-opcode of a SIMD instruction, from the opcode table. */
function simdCode(name) {
    const info = (0,opcodes/* opcodeNamed */.If)(name);
    if (info?.prefix !== opcodes/* PREFIX_SIMD */.nK)
        throw new Error(`unreachable: no SIMD opcode named ${name}`);
    return info.code;
}
/** The encoding of a SIMD instruction without immediates: prefix, then the sub-opcode LEB. */
function relaxed_simd_simd(name) {
    const bytes = [opcodes/* PREFIX_SIMD */.nK];
    let v = simdCode(name);
    do {
        bytes.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        v >>= 7;
    } while (v > 0);
    return bytes;
}
const call = (index) => [relaxed_simd_CALL, ...new writer/* ByteSink */._s(6).u32(index).view()];
/**
 * The deterministic dot products: signed 8-bit lanes of both operands multiplied into 16 bits,
 * adjacent products added with wrap-around; the i32 variant then adds pairs and the accumulator.
 */
function addDotHelpers(added) {
    const get = (i) => [0x20, i];
    const set = (i) => [0x21, i];
    const shuffle = (lanes) => [...relaxed_simd_simd('i8x16.shuffle'), ...lanes];
    const evens = [0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29];
    const odds = evens.map((b) => b + 2);
    const dot = added.add([V128, V128], [V128], [
        ...[0x01, 0x02, V128], // two v128 locals: low and high products
        ...get(0),
        ...get(1),
        ...relaxed_simd_simd('i16x8.extmul_low_i8x16_s'),
        ...set(2),
        ...get(0),
        ...get(1),
        ...relaxed_simd_simd('i16x8.extmul_high_i8x16_s'),
        ...set(3),
        ...get(2),
        ...get(3),
        ...shuffle(evens),
        ...get(2),
        ...get(3),
        ...shuffle(odds),
        ...relaxed_simd_simd('i16x8.add'),
        0x0b,
    ]);
    const dotAdd = added.add([V128, V128, V128], [V128], [
        0x00,
        ...get(0),
        ...get(1),
        ...call(dot),
        ...relaxed_simd_simd('i32x4.extadd_pairwise_i16x8_s'),
        ...get(2),
        ...relaxed_simd_simd('i32x4.add'),
        0x0b,
    ]);
    return { dot, dotAdd };
}
/** Edits replacing the relaxed-SIMD instruction at each of `sites` (input offsets of its prefix). */
function relaxedSimdEdits(bytes, sites, added) {
    let helpers;
    const edits = [];
    for (const at of sites) {
        const r = new BinaryReader(bytes, at + 1);
        const sub = r.u32();
        const length = r.pos - at;
        const swap = SWAPS.get(sub);
        if (swap !== undefined) {
            edits.push({ at, length, bytes: relaxed_simd_simd(swap) });
        }
        else if (sub === DOT_I16 || sub === DOT_I32_ADD) {
            helpers ??= addDotHelpers(added);
            edits.push({ at, length, bytes: call(sub === DOT_I16 ? helpers.dot : helpers.dotAdd) });
        }
    }
    return edits;
}

;// CONCATENATED MODULE: ./src/wizer/instrument.ts
/**
 * Phase 3: instrument. Makes a copy of the input that lets the host read all state the snapshot
 * needs, bit for bit:
 *
 *   (global $g (mut f32) ...)   gains   (func (export "__wizer_global_0") (result i32)
 *                                          global.get $g  i32.reinterpret_f32)
 *   (memory $m 1)               gains   (export "__wizer_memory_0" (memory $m))
 *
 * Getter functions are needed because the JS API canonicalizes NaN payloads of f32/f64 globals
 * and cannot read v128 values at all; reinterpreting to integers (and splitting v128 into two i64
 * lanes) keeps every bit. The instrumented module is only ever run, never written out: the output
 * is rebuilt from the original bytes.
 *
 * The start section is turned into an export so the host can bind the instance's memory to WASI
 * before the start function runs (V8 would run it inside the Instance constructor).
 */








/** Export name under which the run phase finds (and itself calls) a start function. */
const START_EXPORT = '__wizer_start';
/** Functions appended to the instrumented module, with their (deduplicated) new types. */
class AddedFunctions {
    funcBase;
    typeBase;
    typeKeys = [];
    types = new writer/* ByteSink */._s();
    funcs = new writer/* ByteSink */._s();
    code = new writer/* ByteSink */._s();
    count = 0;
    constructor(funcBase, typeBase) {
        this.funcBase = funcBase;
        this.typeBase = typeBase;
    }
    get typeCount() {
        return this.typeKeys.length;
    }
    /** Appends a function; `body` holds its locals and instructions including the final `end`. */
    add(params, results, body) {
        const signature = [0x60, params.length, ...params, results.length, ...results];
        const key = signature.join(',');
        let type = this.typeKeys.indexOf(key);
        if (type < 0) {
            type = this.typeKeys.push(key) - 1;
            this.types.bytes(signature);
        }
        this.funcs.u32(this.typeBase + type);
        this.code.u32(body.length).bytes(body);
        return this.funcBase + this.count++;
    }
}
/**
 * The sites of the validation scan the copy rewrites, as `instrument` takes them: relaxed SIMD
 * when deterministic by flag or by mode; in deterministic mode every NaN canonical (which makes
 * upstream's min/max NaN rule moot), otherwise upstream's min/max.
 */
function sitesToEdit(features, options) {
    const { deterministic } = options;
    return [
        options.relaxedSimdDeterministic || deterministic ? features.relaxedSimdSites : [],
        deterministic ? [] : features.floatMinMaxSites,
        deterministic ? features.nanCanonicalSites : [],
    ];
}
/**
 * Instruments `cx`. The sites (input offsets, from the validation scan) are instructions whose
 * results the copy computes as upstream does (relaxed SIMD and scalar float min/max) or, in
 * deterministic mode, with canonical NaNs (nan-canonical.ts).
 */
function instrument(cx, relaxedSimdSites = [], floatMinMaxSites = [], nanCanonicalSites = []) {
    const probes = [];
    const added = new AddedFunctions(cx.funcTypeIndices.length, cx.types.length);
    const exports = new writer/* ByteSink */._s(256);
    let exportCount = 0;
    const addGetter = (name, result, body) => {
        const index = added.add([], [result], [0x00, ...body, Op.End]);
        exports.name(name).byte(ExternalKind.Func).u32(index);
        exportCount++;
    };
    // Defined items follow imported ones in each index space. Core modules given to wizen() import
    // no globals or memories (validation refuses them); core modules inside a component may.
    const importedGlobals = cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
    const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
    cx.globals.forEach((g, i) => {
        if (!g.mutable)
            return;
        const get = [Op.GlobalGet, ...instrument_leb(importedGlobals + i)];
        const base = `__wizer_global_${i}`;
        switch (g.type.code) {
            case ValTypeCode.I32:
            case ValTypeCode.I64:
                addGetter(base, g.type.code, get);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case ValTypeCode.F32:
                addGetter(base, ValTypeCode.I32, [...get, Op.I32ReinterpretF32]);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case ValTypeCode.F64:
                addGetter(base, ValTypeCode.I64, [...get, Op.I64ReinterpretF64]);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case ValTypeCode.V128: {
                const lane = (k) => [...get, Op.SimdPrefix, Op.I64x2ExtractLane, k];
                addGetter(`${base}_lo`, ValTypeCode.I64, lane(0));
                addGetter(`${base}_hi`, ValTypeCode.I64, lane(1));
                probes.push({ globalIndex: i, type: g.type.code, exports: [`${base}_lo`, `${base}_hi`] });
                break;
            }
            default:
                break; // reference-typed mutable globals were refused by validation
        }
    });
    const memories = cx.memories.map((_, k) => {
        const name = `__wizer_memory_${k}`;
        exports
            .name(name)
            .byte(ExternalKind.Memory)
            .u32(importedMemories + k);
        exportCount++;
        return name;
    });
    const start = startFunction(cx.bytes, cx.sections);
    if (start !== undefined) {
        exports.name(START_EXPORT).byte(ExternalKind.Func).u32(start);
        exportCount++;
    }
    const inputBodiesStart = bodiesStart(cx.bytes, cx.sections);
    // A NaN canonicalisation is inserted (length 0) where its instruction ends, which may be where
    // the next instruction's replacement starts: the insertion goes first.
    const edits = [
        ...relaxedSimdEdits(cx.bytes, relaxedSimdSites, added),
        ...floatMinMaxEdits(cx.bytes, floatMinMaxSites, added),
        ...nanCanonicalEdits(cx, nanCanonicalSites, added),
    ].sort((a, b) => a.at - b.at || a.length - b.length);
    let bodies;
    let moves = new CodeMoves();
    if (edits.length > 0) {
        const input = cx.bytes.subarray(inputBodiesStart, codeEnd(cx.sections));
        ({ bodies, moves } = applyCodeEdits(input, inputBodiesStart, edits));
    }
    const replacements = new Map();
    const extend = (id, extraCount, extra, entries) => {
        if (extraCount === 0 && !entries)
            return;
        const section = cx.sections.find((s) => s.id === id);
        replacements.set(id, extendVector(cx.bytes, section, extraCount, extra, entries));
    };
    // New types and functions go after the existing ones, so no existing index moves.
    extend(SectionId.Type, added.typeCount, added.types.view());
    extend(SectionId.Function, added.count, added.funcs.view());
    extend(SectionId.Code, added.count, added.code.view(), bodies);
    extend(SectionId.Export, exportCount, exports.view());
    const wasm = assemble(cx.bytes, cx.sections, replacements);
    const copyBodiesStart = bodiesStart(wasm, readSections(wasm));
    return {
        wasm,
        globals: probes,
        memories,
        start: start === undefined ? undefined : START_EXPORT,
        originalOffset: (offset) => inputBodiesStart + moves.original(offset - copyBodiesStart),
    };
}
/**
 * A copy of a preloaded module whose start function is exported (as `START_EXPORT`) instead of
 * run by V8 inside the Instance constructor, so that its WASI calls find its memory, as upstream's.
 * Returns the input itself when there is no start function. `codeShift` says how far the
 * function bodies moved (for trap offsets).
 */
function deferStartFunction(bytes) {
    const sections = readSections(bytes);
    const start = startFunction(bytes, sections);
    if (start === undefined)
        return { wasm: bytes, codeShift: 0 };
    const entry = new writer/* ByteSink */._s(24).name(START_EXPORT).byte(ExternalKind.Func).u32(start).view();
    const exportSection = sections.find((s) => s.id === SectionId.Export);
    const replacements = new Map([[SectionId.Export, extendVector(bytes, exportSection, 1, entry)]]);
    const wasm = assemble(bytes, sections, replacements);
    return { wasm, codeShift: bodiesStart(wasm, readSections(wasm)) - bodiesStart(bytes, sections) };
}
function codeEnd(sections) {
    return sections.find((s) => s.id === SectionId.Code)?.end ?? 0;
}
/** Offset of the first function body (past the code section's count), or 0 without one. */
function bodiesStart(bytes, sections) {
    const code = sections.find((s) => s.id === SectionId.Code);
    if (code === undefined)
        return 0;
    const r = new BinaryReader(bytes, code.payloadStart, code.end);
    r.u32();
    return r.pos;
}
function startFunction(bytes, sections) {
    const section = sections.find((s) => s.id === SectionId.Start);
    return section && new BinaryReader(bytes, section.payloadStart, section.end).u32();
}
/**
 * The payload of a vector section (types, functions, code, exports) with `extra` appended: its
 * existing entries, or `entries` in their place (the function bodies after lowering). As chunks,
 * so the existing entries (megabytes of code) are copied once, into the assembled module.
 */
function extendVector(bytes, section, extraCount, extra, entries) {
    let count = extraCount;
    let rest = new Uint8Array(0);
    if (section) {
        const r = new BinaryReader(bytes, section.payloadStart, section.end);
        count += r.u32();
        rest = entries ?? bytes.subarray(r.pos, section.end);
    }
    return [new writer/* ByteSink */._s(5).u32(count).view(), rest, extra];
}
/** Copies the input's sections, swapping in replacements and inserting new sections in order. */
function assemble(bytes, sections, replacements) {
    const chunks = [bytes.subarray(0, 8)];
    const pending = new Map(replacements);
    const pushSection = (id, body) => {
        chunks.push((0,writer/* sectionHeader */.bV)(id, (0,writer/* totalLength */["do"])(body)), ...body);
        pending.delete(id);
    };
    const flushBefore = (rank) => {
        for (const [id, body] of [...pending].sort((a, b) => SECTION_RANK[a[0]] - SECTION_RANK[b[0]])) {
            if (SECTION_RANK[id] < rank)
                pushSection(id, body);
        }
    };
    for (const s of sections) {
        if (s.id === SectionId.Start)
            continue; // exported instead, see above
        if (s.id !== SectionId.Custom)
            flushBefore(SECTION_RANK[s.id]);
        const body = pending.get(s.id);
        if (body && s.id !== SectionId.Custom)
            pushSection(s.id, body);
        else
            chunks.push(bytes.subarray(s.start, s.end));
    }
    flushBefore(Infinity);
    return (0,writer/* concatChunks */.JD)(chunks);
}
function instrument_leb(value) {
    return Array.from(new writer/* ByteSink */._s(5).u32(value).view());
}

// EXTERNAL MODULE: ./src/wizer/options.ts
var wizer_options = __nccwpck_require__(471);
// EXTERNAL MODULE: ./src/wizer/lazy-validation.ts
var lazy_validation = __nccwpck_require__(627);
;// CONCATENATED MODULE: ./src/wizer/rewrite.ts
/**
 * Phase 6: rewrite. Builds the output from the ORIGINAL sections in file order: memory minimums
 * become the snapshot sizes, mutable globals become constants, exports are filtered and renamed,
 * the start section is dropped, and the data section is rebuilt (old active segments become empty
 * passive ones so segment indices stay stable, passive ones are kept, then one active segment per
 * snapshot run). Every other section is copied byte for byte.
 *
 *   (memory 1) (global (mut i32) (i32.const 0)) (data (i32.const 16) "hi") (start $s)
 *   => (memory 2) (global (mut i32) (i32.const 42)) (data "") (data (i32.const 16) "hi!")
 */



/** Checks the renames as upstream does (at snapshot time, after init ran). */
function checkRenames(renames) {
    const dsts = new Set();
    const srcs = new Set();
    for (const [dst, src] of renames) {
        if (dsts.has(dst))
            throw new errors/* WizerError */.Mx(`Duplicated function rename dst ${dst}`);
        if (srcs.has(src))
            throw new errors/* WizerError */.Mx(`Duplicated function rename src ${src}`);
        dsts.add(dst);
        srcs.add(src);
    }
}
function rewrite(cx, snap, options) {
    return (0,writer/* concatChunks */.JD)(rewriteParts(cx, snap, options));
}
/**
 * The output as the chunks it is made of, in order: views of the input's sections, new sections,
 * and the data segments (headers, with short runs copied in, and views of the memory bytes).
 * Written to a file as they are, the output is never assembled.
 */
function rewriteParts(cx, snap, options) {
    checkRenames(options.renames);
    const chunks = [cx.bytes.subarray(0, 8)];
    let dataWritten = false;
    const emit = (id, body) => chunks.push((0,writer/* sectionHeader */.bV)(id, body.length), body);
    const emitData = () => {
        for (const chunk of encodeData(cx, snap))
            chunks.push(chunk);
        dataWritten = true;
    };
    for (const s of cx.sections) {
        switch (s.id) {
            case SectionId.Memory:
                emit(s.id, encodeMemories(cx, snap));
                break;
            case SectionId.Global:
                emit(s.id, encodeGlobals(cx, snap));
                break;
            case SectionId.Export:
                emit(s.id, encodeExports(cx, options));
                break;
            case SectionId.Start:
                break; // the start function already ran; its effects are in the snapshot
            case SectionId.DataCount:
                emit(s.id, new writer/* ByteSink */._s(5)
                    .u32((cx.dataCount ?? 0) + snap.segments.length)
                    .view()
                    .slice());
                break;
            case SectionId.Data:
                emitData();
                break;
            case SectionId.Custom:
                if (s.customName === 'name' && !dataWritten)
                    emitData();
                chunks.push(cx.bytes.subarray(s.start, s.end));
                break;
            default:
                chunks.push(cx.bytes.subarray(s.start, s.end));
        }
    }
    if (!dataWritten)
        emitData();
    return chunks;
}
function encodeMemories(cx, snap) {
    const sink = new writer/* ByteSink */._s(16 * cx.memories.length + 4).u32(cx.memories.length);
    cx.memories.forEach((m, k) => {
        const { flags, max, pageSizeLog2 } = m.limits;
        const min = snap.memoryPages[k];
        sink.byte(flags);
        if (m.memory64)
            sink.u64(min);
        else
            sink.u32(Number(min));
        if (max !== undefined) {
            if (m.memory64)
                sink.u64(max);
            else
                sink.u32(Number(max));
        }
        if (pageSizeLog2 !== undefined)
            sink.u32(pageSizeLog2);
    });
    return sink.view();
}
function encodeGlobals(cx, snap) {
    const sink = new writer/* ByteSink */._s(32 * cx.globals.length + 4).u32(cx.globals.length);
    cx.globals.forEach((g, i) => {
        sink.bytes(g.type.bytes).byte(g.mutable ? 1 : 0);
        sink.bytes(snap.globals.get(i) ?? cx.bytes.subarray(g.initStart, g.initEnd));
    });
    return sink.view();
}
/** Export filtering and renaming, in the original export order (spec section 3.6.4). */
function encodeExports(cx, options) {
    const srcToDst = new Map(options.renames.map(([dst, src]) => [src, dst]));
    const dsts = new Set(options.renames.map(([dst]) => dst));
    const hasReactorInit = !options.keepReactorInit && cx.exports.some((e) => e.name === '_initialize');
    const sink = new writer/* ByteSink */._s(64);
    let count = 0;
    for (const e of cx.exports) {
        if (e.name === options.initFunc && !options.keepInitFunc)
            continue;
        if (hasReactorInit && e.name === '_initialize')
            continue;
        if (!srcToDst.has(e.name) && dsts.has(e.name))
            continue; // replaced by a rename
        sink
            .name(srcToDst.get(e.name) ?? e.name)
            .byte(e.kind)
            .u32(e.index);
        count++;
    }
    const body = sink.view();
    return new writer/* ByteSink */._s(body.length + 5).u32(count).bytes(body).view();
}
/**
 * The data section as chunks: section header, count, kept/emptied original segments, then one
 * segment per snapshot run.
 */
function encodeData(cx, snap) {
    const body = [];
    const count = cx.dataSegments.length + snap.segments.length;
    body.push(new writer/* ByteSink */._s(5).u32(count).view().slice());
    const emptyPassive = Uint8Array.of(0x01, 0x00);
    for (const seg of cx.dataSegments) {
        body.push(seg.active ? emptyPassive : cx.bytes.subarray(seg.start, seg.end));
    }
    // Snapshot runs name defined memories; imported ones come first in the index space (none in a
    // module given to wizen(), maybe some in a core module inside a component).
    const importedMemories = cx.imports.filter((i) => i.kind === ExternalKind.Memory).length;
    const runs = snap.segments;
    for (let from = 0; from < runs.length;) {
        const memory = runs.memory[from];
        let to = from + 1;
        while (to < runs.length && runs.memory[to] === memory)
            to++;
        const { bytes, kernel } = snap.images[memory];
        const index = importedMemories + memory;
        const segments = kernel
            ? kernel.segments(runs.pairs(from, to), index, bytes)
            : encodeSegments(runs, from, to, bytes, index, cx.memories[memory].memory64);
        for (const chunk of segments)
            body.push(chunk);
        from = to;
    }
    body.unshift((0,writer/* sectionHeader */.bV)(SectionId.Data, (0,writer/* totalLength */["do"])(body)));
    return body;
}
/**
 * Runs `from` to `to` (of one memory) as active data segments, header and bytes chunks, where
 * the kernel does not apply. All headers go into one buffer (sized so it never reallocates) and
 * are referenced as views, so 10,000 segments allocate a handful of objects, not tens of
 * thousands.
 */
function encodeSegments(runs, from, to, bytes, memoryIndex, memory64) {
    const headers = new writer/* ByteSink */._s(24 * (to - from) + 1);
    const headerEnds = [];
    for (let k = from; k < to; k++) {
        if (memoryIndex === 0)
            headers.byte(0x00);
        else
            headers.byte(0x02).u32(memoryIndex);
        const offset = runs.start(k);
        if (memory64)
            headers.byte(0x42).s64(BigInt(offset));
        else
            headers.byte(0x41).s32(offset | 0);
        headers.byte(0x0b).u32(runs.end(k) - offset);
        headerEnds.push(headers.length);
    }
    const headerBytes = headers.view();
    const chunks = [];
    for (let k = from; k < to; k++) {
        const i = k - from;
        chunks.push(headerBytes.subarray(i === 0 ? 0 : headerEnds[i - 1], headerEnds[i]), bytes.subarray(runs.start(k), runs.end(k)));
    }
    return chunks;
}

;// CONCATENATED MODULE: ./src/wizer/data-kernel-wasm.ts
// Generated by `npm run kernels` from data-kernel.wat: do not edit.
const DATA_KERNEL_WASM_BASE64 = 'AGFzbQEAAAABIQVgAX8Bf2ADf39/AX9gBn9/f39/fwF/YAF/AGACf38BfwIRAQVndWVzdAZtZW1vcnkCAAADDAsAAQAAAAAAAgMEBAUDAQAABgYBfwFBAAsHLAUDb3V0AgEKdmlld19jb3VudAMABHNjYW4AAANjYXAAAQhzZWdtZW50cwAHCtsLC48CAgZ/AX4CQANAAkADQCABQQhqIABNBEAgASkDAFAEQCABQQhqIQEMAgsLIAEgAE8NAyABLQAADQEgAUEBaiEBDAALCyABIQIDQAJAA0AgAUEIaiAATQRAIAEpAwAhByAHQoGChIiQoMCAAX0gB0J/hYNCgIGChIiQoMCAf4NQBEAgAUEIaiEBDAILCyABIABPDQEgAS0AAEUNASABQQFqIQEMAAsLIAEhAyADQQVqIQQgBCAASwRAIAAhBAsCQANAIAEgBE8NASABLQAADQEgAUEBaiEBDAALCyABIARJDQALIAVBBHQhBiAGQRBqEAggBiACuDlDAQAgBiADuDlDAQggBUEBaiEFDAALCyAFC74FARV/IAAgAU0EQCAADwsgACABayEDIABBBHQhBCAEQYCAEGohBSAFIABqQQNqQXxxIQYgBiAAQQJ0aiEHIAcgAEECdGoQCCAEQQAgBiAEa/wLAUEAIQgDQCAIEAQhCiAKQYCABEkEQCAEIApBAnRqIRUgFSAVKEIBAEEBajZCAQALIAhBAWohCCAIIABBAWtJDQALQQAhDAJAA0AgCyAEIAxBAnRqKEIBAGohCyALIANPDQEgDEEBaiEMIAxBgIAESQ0AQX8PCwtBACEIA0AgCBAEIAxJBEAgBSAIakEBOkABACANQQFqIQ0LIAhBAWohCCAIIABBAWtJDQALQf////8HIQ9BgICAgHghEEEAEAIhEUEAIQgDQCAFIAhqLUABAEUEQCAIEAQgDEYEQCAIQQFqIQkDQCAFIAlqLUABAARAIAlBAWohCQwBCwsgCEEBahACIRJBAyASEAZqQQAgAhAFIAJFG2ogCBADIBFrEAUgCRADIBJrEAVqaiAJEAMgEWsQBWshEyAGIA5BAnRqIAg2QgEAIAcgDkECdGogEzZCAQAgDkEBaiEOIBMgD0gEQCATIQ8LIBMgEEoEQCATIRALCyAIQQFqEAIhEQsgCEEBaiEIIAggAEEBa0kNAAsgAyANayEUIBAhEwJAA0AgFEEATCATIA9Icg0BQQAhFQJAA0AgFEEATCAVIA5Pcg0BIAcgFUECdGooQgEAIBNGBEAgBSAGIBVBAnRqKEIBAGpBATpAAQAgFEEBayEUCyAVQQFqIRUMAAsLIBNBAWshEwwACwtBABACIRdBASEIA0AgCCAARiAFIAhBAWtqLUABAEVyBEAgCEEBaxADIRUgFkEEdCAXuDlDAQAgFkEEdCAVuDlDAQggFkEBaiEWIAggAEkEQCAIEAIhFwsLIAhBAWohCCAIIABNDQALIBYLDAAgAEEEdCtDAQCrCwwAIABBBHQrQwEIqwsOACAAQQFqEAIgABADawsmAQF/QQEhAQNAIABBgAFPBEAgAEEHdiEAIAFBAWohAQwBCwsgAQsmAQF/QQEhAQNAIABBwABPBEAgAEEHdiEAIAFBAWohAQwBCwsgAQvPAQEDf0EAJAACQANAIAYgAU8NASAAK0MBAKshByAAK0MBCKsgB2shCCACRQRAIAVBADpAAQAgBUEBaiEFBSAFQQI6QAEAIAVBAWogAhAJIQULIAVBwQA6QAEAIAVBAWogBxAKIQUgBUELOkABACAFQQFqIAgQCSEFIAggBEkEQCAFIAcgCPwKAQAgBSAIaiEFBSADIAU2QgEAIAMgBzZCAQQgAyAHIAhqNkIBCCADQQxqIQMjAEEBaiQACyAAQRBqIQAgBkEBaiEGDAALCyAFCy8BAX8DQCAArT8BrUIQhlYEQD8BIQEgAUUEQEEQIQELIAFAAUF/RgRAAAsMAQsLCzcAA0AgAUGAAU8EQCAAIAFBgAFyOkABACABQQd2IQEgAEEBaiEADAELCyAAIAE6QAEAIABBAWoLWAEBfwNAIAFB/wBxIQIgAUEHdSEBIAFFIAJBwABxRXEgAUF/RiACQcAAcUEAR3FyBEAgACACOkABACAAQQFqDwsgACACQYABcjpAAQAgAEEBaiEADAALAAs=';

;// CONCATENATED MODULE: ./src/wizer/data-kernel.ts

/**
 * The kernel addresses the guest with i32 positions and keeps its run list (16 bytes per run, at
 * most one run per 6 bytes scanned) in its own 32-bit memory: 1 GiB keeps both in range.
 */
const MAX_SCANNED_BYTES = 2 ** 30;
/** Flags, memory index, `i32.const`, offset, `end`, length: the most a segment header takes. */
const MAX_HEADER_BYTES = 1 + 5 + 1 + 5 + 1 + 5;
const PAGE_BYTES = 65536;
/**
 * Runs at least this long are written from the guest's memory rather than copied: a fresh page
 * costs about 2.7 ns per byte to fault in here, a chunk about a microsecond.
 */
const VIEW_BYTES = 1024;
let compiled;
class DataKernel {
    exports;
    constructor(exports) {
        this.exports = exports;
    }
    /**
     * The kernel for a defined memory, or undefined where the JavaScript path applies: shared,
     * 64-bit or custom-page-size memories, 1 GiB and more, or an engine that cannot link it.
     */
    static bind(memory, def) {
        if (def.shared || def.memory64 || def.limits.pageSizeLog2 !== undefined)
            return undefined;
        if (memory.buffer.byteLength >= MAX_SCANNED_BYTES)
            return undefined;
        try {
            compiled ??= new WebAssembly.Module(Buffer.from(DATA_KERNEL_WASM_BASE64, 'base64'));
            const instance = new WebAssembly.Instance(compiled, { guest: { memory } });
            return new DataKernel(instance.exports);
        }
        catch {
            return undefined;
        }
    }
    /**
     * The runs of non-zero bytes in the first `length` bytes, merged across gaps of at most
     * `MIN_ACTIVE_SEGMENT_OVERHEAD` zeros, as [start, end) pairs (see `findRuns`). With `cap`, they
     * are capped as `capSegmentCount` caps them where it can (the runs of the memory numbered
     * `cap.memory` being all there are); otherwise they are left to that.
     */
    scan(length, cap) {
        let count = this.exports.scan(length);
        if (cap && count > cap.max) {
            const capped = this.exports.cap(count, cap.max, cap.memory);
            if (capped >= 0)
                count = capped;
        }
        return new Float64Array(this.exports.out.buffer, 0, 2 * count).slice();
    }
    /**
     * The active data segments for `pairs` (runs of this memory, [start, end) pairs) in memory
     * `memoryIndex`, as chunks: encoded back to back with the bytes of short runs, and the bytes of
     * long runs as views of `bytes` (the guest's memory) in between. Valid until the next call.
     * One copy of short runs costs less than a chunk each; a long run costs more to copy (fresh
     * pages) than to write from where it is.
     */
    segments(pairs, memoryIndex, bytes) {
        const { out } = this.exports;
        const count = pairs.length / 2;
        let copied = 0;
        for (let k = 0; k < pairs.length; k += 2) {
            const length = pairs[k + 1] - pairs[k];
            if (length < VIEW_BYTES)
                copied += length;
        }
        const viewsAt = pairs.byteLength;
        const segmentsAt = viewsAt + 12 * count;
        const needed = segmentsAt + count * MAX_HEADER_BYTES + copied;
        const pages = Math.ceil(needed / PAGE_BYTES) - out.buffer.byteLength / PAGE_BYTES;
        if (pages > 0)
            out.grow(pages);
        new Float64Array(out.buffer, 0, pairs.length).set(pairs);
        const end = this.exports.segments(0, count, memoryIndex, viewsAt, VIEW_BYTES, segmentsAt);
        const views = new Uint32Array(out.buffer, viewsAt, 3 * this.exports.view_count.value);
        const encoded = new Uint8Array(out.buffer);
        const chunks = [];
        let from = segmentsAt;
        for (let v = 0; v < views.length; v += 3) {
            chunks.push(encoded.subarray(from, views[v]), bytes.subarray(views[v + 1], views[v + 2]));
            from = views[v];
        }
        chunks.push(encoded.subarray(from, end));
        return chunks;
    }
}

;// CONCATENATED MODULE: ./src/wizer/snapshot.ts
/**
 * Phase 5: snapshot. Reads the initialized state through an `InstanceState` (the running instance,
 * or a fake in tests): every mutable global's bits, and each memory's size and non-zero byte runs.
 *
 * Data segments: runs of non-zero bytes separated by at most `MIN_ACTIVE_SEGMENT_OVERHEAD` zero
 * bytes are merged, because a new segment costs at least that much encoding overhead (flags,
 * offset expression, length); the count is then capped at `MAX_DATA_SEGMENTS` by merging across
 * the smallest gaps. Upstream scans page by page and re-joins runs split at page boundaries
 * (gap 0), which is the same as one linear scan with merging. Where it can, the scan (and for a
 * single memory the cap) runs in a compiled kernel (data-kernel.ts) that gives the same runs as
 * `findRuns` and `capSegmentCount`.
 */



/** Zero bytes between two runs that are still cheaper to store than a new segment's overhead. */
const MIN_ACTIVE_SEGMENT_OVERHEAD = 4;
/** Engines struggle with very many segments (wizer issue #70); upstream caps the total. */
const MAX_DATA_SEGMENTS = 10_000;
function snapshot(probes, memoryExports, memoryDefs, state) {
    const globals = new Map();
    for (const probe of probes)
        globals.set(probe.globalIndex, encodeGlobal(probe, state));
    const memoryPages = [];
    const memoryBytes = [];
    const runs = new RunList();
    const images = [];
    memoryExports.forEach((name, memory) => {
        const bytes = state.memoryContents(name);
        const def = memoryDefs[memory];
        const wasmMemory = state.memory?.(name);
        const kernel = wasmMemory && def ? DataKernel.bind(wasmMemory, def) : undefined;
        images.push({ bytes, kernel });
        memoryPages.push(BigInt(bytes.length) >> BigInt(def?.limits.pageSizeLog2 ?? 16));
        memoryBytes.push(bytes.length);
        // With one memory, the kernel caps its runs too (capSegmentCount then has nothing to do).
        const cap = memoryExports.length === 1 ? { max: MAX_DATA_SEGMENTS, memory } : undefined;
        if (kernel)
            runs.pushPairs(memory, kernel.scan(bytes.length, cap));
        else
            findRuns(bytes, (start, end) => runs.push(memory, start, end));
    });
    return { globals, memoryPages, memoryBytes, images, segments: capSegmentCount(runs) };
}
function encodeGlobal(probe, state) {
    const sink = new writer/* ByteSink */._s(20);
    const [first, second] = probe.exports.map((e) => state.globalGet(e));
    switch (probe.type) {
        case ValTypeCode.I32:
            sink.byte(Op.I32Const).s32(Number(first));
            break;
        case ValTypeCode.I64:
            sink.byte(Op.I64Const).s64(BigInt(first));
            break;
        case ValTypeCode.F32: {
            const bits = new Uint8Array(4);
            new DataView(bits.buffer).setInt32(0, Number(first), true);
            sink.byte(Op.F32Const).bytes(bits);
            break;
        }
        case ValTypeCode.F64: {
            const bits = new Uint8Array(8);
            new DataView(bits.buffer).setBigInt64(0, BigInt(first), true);
            sink.byte(Op.F64Const).bytes(bits);
            break;
        }
        case ValTypeCode.V128: {
            const bits = new Uint8Array(16);
            const view = new DataView(bits.buffer);
            view.setBigInt64(0, BigInt(first), true);
            view.setBigInt64(8, BigInt(second), true);
            sink.byte(Op.SimdPrefix).u32(Op.V128Const).bytes(bits);
            break;
        }
        default:
            throw new Error(`unreachable: global type 0x${probe.type.toString(16)} was not instrumented`);
    }
    return sink.byte(Op.End).view().slice();
}
/**
 * Calls `emit(start, end)` for each run of non-zero bytes, merging runs separated by at most
 * `MIN_ACTIVE_SEGMENT_OVERHEAD` zeros. Zero stretches are skipped a 32-bit word at a time.
 */
function findRuns(bytes, emit) {
    const length = bytes.length;
    const words = bytes.byteOffset % 4 === 0
        ? new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(length / 4))
        : undefined;
    let pos = 0;
    for (;;) {
        // Skip zeros: byte-wise to alignment, then word-wise, then byte-wise.
        while (pos < length && (pos & 3) !== 0 && bytes[pos] === 0)
            pos++;
        if (words && (pos & 3) === 0) {
            let w = pos / 4;
            const wordEnd = words.length;
            while (w < wordEnd && words[w] === 0)
                w++;
            pos = w * 4; // not `<< 2`: word indices reach 2^29 in memories over 2 GiB
        }
        while (pos < length && bytes[pos] === 0)
            pos++;
        if (pos >= length)
            return;
        const start = pos;
        let end;
        for (;;) {
            while (pos < length && bytes[pos] !== 0)
                pos++;
            end = pos;
            let probe = pos;
            const limit = Math.min(length, end + MIN_ACTIVE_SEGMENT_OVERHEAD + 1);
            while (probe < limit && bytes[probe] === 0)
                probe++;
            if (probe < limit) {
                pos = probe; // next run starts within the gap limit: merge
                continue;
            }
            pos = probe;
            break;
        }
        emit(start, end);
    }
}
/**
 * Runs stored column-wise: a snapshot of a large, fragmented memory has hundreds of thousands of
 * runs before the cap, and one object per run would dominate peak memory. Run `i` is
 * `[bounds[2i], bounds[2i + 1])` of memory `memory[i]`, the layout the kernel reads and writes.
 */
class RunList {
    memory;
    bounds;
    length = 0;
    constructor(capacity = 1024) {
        this.memory = new Uint32Array(capacity);
        this.bounds = new Float64Array(2 * capacity);
    }
    start(i) {
        return this.bounds[2 * i];
    }
    end(i) {
        return this.bounds[2 * i + 1];
    }
    push(memory, start, end) {
        this.reserve(this.length + 1);
        this.memory[this.length] = memory;
        this.bounds[2 * this.length] = start;
        this.bounds[2 * this.length + 1] = end;
        this.length++;
    }
    /**
     * Appends the runs of one memory given as [start, end) pairs. Into an empty list they are taken
     * as they are (the list owns them then), not copied: they can be megabytes.
     */
    pushPairs(memory, pairs) {
        const count = pairs.length / 2;
        if (this.length === 0) {
            this.bounds = pairs;
            this.memory = new Uint32Array(count).fill(memory);
            this.length = count;
            return;
        }
        this.reserve(this.length + count);
        this.memory.fill(memory, this.length, this.length + count);
        this.bounds.set(pairs, 2 * this.length);
        this.length += count;
    }
    /** The bounds of runs `from` to `to` (exclusive), as a view. */
    pairs(from, to) {
        return this.bounds.subarray(2 * from, 2 * to);
    }
    reserve(capacity) {
        if (capacity <= this.memory.length)
            return;
        const size = Math.max(capacity, 2 * this.memory.length);
        const memory = new Uint32Array(size);
        memory.set(this.memory.subarray(0, this.length));
        const bounds = new Float64Array(2 * size);
        bounds.set(this.bounds.subarray(0, 2 * this.length));
        this.memory = memory;
        this.bounds = bounds;
    }
}
/**
 * Merges runs across the smallest gaps until at most `MAX_DATA_SEGMENTS` remain, as upstream does:
 * every gap below the threshold size is merged, and as many gaps of exactly the threshold size as
 * are still needed. Upstream picks among those equal gaps by an unstable sort; we pick the ones
 * whose merge saves the most encoded bytes (the second segment's header and length go, the merged
 * length comes), measured on the segments left after the smaller gaps were merged, then the
 * earliest. Deterministic, and smaller than upstream's pick on the modules we measured.
 */
function capSegmentCount(runs, max = MAX_DATA_SEGMENTS) {
    const n = runs.length;
    if (n <= max)
        return runs;
    const { memory, bounds } = runs;
    const excess = n - max;
    // The gap after each run that can merge with the next (same memory), sorted to find the
    // threshold: the size of the `excess`-th smallest.
    const gaps = new Float64Array(n);
    let gapCount = 0;
    for (let i = 0; i + 1 < n; i++) {
        if (memory[i] === memory[i + 1])
            gaps[gapCount++] = bounds[2 * (i + 1)] - bounds[2 * i + 1];
    }
    const threshold = kthSmallest(gaps.subarray(0, gapCount), Math.min(excess, gapCount));
    const mergeWithNext = new Uint8Array(n);
    let merged = 0;
    for (let i = 0; i + 1 < n; i++) {
        if (memory[i] === memory[i + 1] && bounds[2 * (i + 1)] - bounds[2 * i + 1] < threshold) {
            mergeWithNext[i] = 1;
            merged++;
        }
    }
    // Gaps of exactly the threshold size, each with the bytes its merge would save given the
    // segments the smaller merges produced. Savings are small integers, so the ties are ordered
    // (most saved first, then earliest) by counting, not by a comparison sort.
    const tieGap = new Int32Array(n);
    const tieSaving = new Int32Array(n);
    let ties = 0;
    let minSaving = Infinity;
    let maxSaving = -Infinity;
    let segmentStart = bounds[0];
    for (let i = 0; i + 1 < n; i++) {
        if (mergeWithNext[i])
            continue;
        if (memory[i] === memory[i + 1] && bounds[2 * (i + 1)] - bounds[2 * i + 1] === threshold) {
            let j = i + 1;
            while (mergeWithNext[j])
                j++;
            const next = bounds[2 * (i + 1)];
            const header = 3 + signedLebSize(next) + (memory[i] === 0 ? 0 : unsignedLebSize(memory[i]));
            const saving = header +
                unsignedLebSize(bounds[2 * i + 1] - segmentStart) +
                unsignedLebSize(bounds[2 * j + 1] - next) -
                unsignedLebSize(bounds[2 * j + 1] - segmentStart);
            tieGap[ties] = i;
            tieSaving[ties] = saving;
            ties++;
            if (saving < minSaving)
                minSaving = saving;
            if (saving > maxSaving)
                maxSaving = saving;
        }
        segmentStart = bounds[2 * (i + 1)];
    }
    let needed = excess - merged;
    for (let saving = maxSaving; saving >= minSaving && needed > 0; saving--) {
        for (let t = 0; t < ties && needed > 0; t++) {
            if (tieSaving[t] === saving) {
                mergeWithNext[tieGap[t]] = 1;
                needed--;
            }
        }
    }
    const out = new RunList(max);
    let currentStart = bounds[0];
    for (let i = 1; i <= n; i++) {
        if (i < n && mergeWithNext[i - 1])
            continue;
        out.push(memory[i - 1], currentStart, bounds[2 * i - 1]);
        if (i < n)
            currentStart = bounds[2 * i];
    }
    return out;
}
/** Gap sizes below this are counted, not sorted, when looking for the threshold. */
const COUNTED_GAPS = 1 << 16;
/**
 * The `rank`-th smallest (from 1) of `values`, which are non-negative integers (gap sizes): a
 * count of each small value, and a sort of only the large ones when the answer is among them.
 * Linear where a sort of every gap took most of the cap's time (hundreds of thousands of runs).
 */
function kthSmallest(values, rank) {
    const counts = new Uint32Array(COUNTED_GAPS);
    let large = 0;
    for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value < COUNTED_GAPS)
            counts[value]++;
        else
            large++;
    }
    let seen = 0;
    for (let value = 0; value < COUNTED_GAPS; value++) {
        seen += counts[value];
        if (seen >= rank)
            return value;
    }
    const rest = new Float64Array(large);
    let at = 0;
    for (let i = 0; i < values.length; i++)
        if (values[i] >= COUNTED_GAPS)
            rest[at++] = values[i];
    return rest.sort()[rank - seen - 1];
}
/** Bytes of the LEB128 encoding of a segment length. */
function unsignedLebSize(value) {
    let n = 1;
    for (let v = value; v >= 0x80; v = Math.floor(v / 128))
        n++;
    return n;
}
/** Bytes of the signed LEB128 encoding of a non-negative offset (`i32.const` / `i64.const`). */
function signedLebSize(value) {
    let n = 1;
    for (let v = value; v >= 0x40; v = Math.floor(v / 128))
        n++;
    return n;
}

// EXTERNAL MODULE: ./src/wasm/code.ts
var code = __nccwpck_require__(188);
// EXTERNAL MODULE: ./src/wasm/code-kernel.ts + 1 modules
var code_kernel = __nccwpck_require__(840);
;// CONCATENATED MODULE: ./src/wizer/context.ts
/** Prefix reserved for the names instrumentation adds. */
const RESERVED_PREFIX = '__wizer_';

;// CONCATENATED MODULE: ./src/wizer/ref-types.ts
/**
 * Reference types that upstream's engine refuses when it compiles: its configuration has the GC,
 * function-references and exceptions proposals off, so only `funcref` and `externref` (and their
 * `(ref null func|extern)` spellings) pass. The messages are wasmparser's; where a type sits
 * decides the wording of a concrete type index (module level or inside a function).
 */

const GC_HEAP_TYPES = new Set([0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x71, 0x72, 0x73]);
const EXCEPTION_HEAP_TYPES = new Set([0x69, 0x74]);
const FUNC = 0x70;
const EXTERN = 0x6f;
const REF_NULL = 0x63;
const REF = 0x64;
/** Why upstream refuses the heap type starting at `at`, or undefined if it accepts it. */
function heapTypeRefusal(bytes, at, site) {
    const first = bytes[at];
    if (first === FUNC || first === EXTERN)
        return undefined;
    if (GC_HEAP_TYPES.has(first))
        return 'heap types not supported without the gc feature';
    if (EXCEPTION_HEAP_TYPES.has(first)) {
        return 'exception refs not supported without the exception handling feature';
    }
    if (site === 'code')
        return 'function references required for index reference types';
    const index = new BinaryReader(bytes, at).s33();
    return `unknown type ${index}: type index out of bounds because the GC proposal is disabled`;
}
/** Why upstream refuses the value type starting at `at`, or undefined if it accepts it. */
function valTypeRefusal(bytes, at, site) {
    const first = bytes[at];
    if (first === REF)
        return 'function references required for non-nullable types';
    if (first === REF_NULL)
        return heapTypeRefusal(bytes, at + 1, site);
    if (GC_HEAP_TYPES.has(first) || EXCEPTION_HEAP_TYPES.has(first)) {
        return heapTypeRefusal(bytes, at, site);
    }
    return undefined;
}
/** Whether a block type's first byte is a reference value type (not empty, numeric or an index). */
function isRefTypeByte(byte) {
    return byte >= REF_NULL && byte <= 0x74;
}

;// CONCATENATED MODULE: ./src/wizer/parse.ts
/**
 * Phase 1: parse. Splits the input into sections and decodes the structures later phases need
 * (types, imports, functions, memories, globals, exports, data segments). Sections are kept as
 * ranges of the input so the rewrite can copy them byte for byte.
 *
 * Decode errors surface as `WasmDecodeError` with absolute offsets; the pipeline wraps them in
 * "wasm validation failed" as upstream does.
 */





function parseModule(bytes) {
    const cx = {
        bytes,
        sections: readSections(bytes),
        types: [],
        imports: [],
        funcTypeIndices: [],
        importedFuncCount: 0,
        tableCount: 0,
        memories: [],
        globals: [],
        exports: [],
        dataSegments: [],
        dataCount: undefined,
        tagCount: 0,
        features: {},
    };
    for (const section of cx.sections) {
        const r = new BinaryReader(bytes, section.payloadStart, section.end);
        switch (section.id) {
            case SectionId.Type:
                readTypes(r, cx);
                break;
            case SectionId.Import:
                readImports(r, cx);
                break;
            case SectionId.Function:
                for (let n = r.u32(); n > 0; n--)
                    cx.funcTypeIndices.push(r.u32());
                break;
            case SectionId.Table: {
                const count = r.u32();
                cx.tableCount += count;
                for (let n = count; n > 0; n--)
                    readTable(r, cx.features);
                break;
            }
            case SectionId.Memory:
                for (let n = r.u32(); n > 0; n--) {
                    const at = r.pos;
                    const limits = readLimits(r);
                    if (limits.pageSizeLog2 !== undefined)
                        cx.features.customPageSizeAt ??= at;
                    cx.memories.push({
                        limits,
                        shared: (limits.flags & 0x02) !== 0,
                        memory64: (limits.flags & 0x04) !== 0,
                    });
                }
                break;
            case SectionId.Global:
                readGlobals(r, cx);
                break;
            case SectionId.Export:
                for (let n = r.u32(); n > 0; n--) {
                    const name = r.name();
                    const kind = readExternalKind(r);
                    cx.exports.push({ name, kind, index: r.u32() });
                }
                break;
            case SectionId.Element:
                readElements(r, cx.features, importedGlobals(cx));
                break;
            case SectionId.Data:
                readData(r, cx.dataSegments, cx.features, importedGlobals(cx));
                break;
            case SectionId.DataCount:
                cx.dataCount = r.u32();
                break;
            case SectionId.Tag:
                cx.features.exceptionsAt ??= section.payloadStart;
                cx.tagCount = r.u32();
                break;
            case SectionId.Start:
                r.u32(); // decoded here so a malformed index is a validation failure; instrument reads it
                break;
            default:
                continue; // custom and code sections need no decoding here
        }
    }
    return cx;
}
function importedGlobals(cx) {
    return cx.imports.filter((i) => i.kind === ExternalKind.Global).length;
}
function readTypes(r, cx) {
    for (let n = r.u32(); n > 0; n--) {
        const at = r.pos;
        const form = r.peek();
        if (form === 0x4e) {
            // An explicit recursion group: GC proposal.
            cx.features.gc ??= {
                offset: at,
                reason: 'rec group usage requires `gc` proposal to be enabled',
            };
            r.u8();
            for (let k = r.u32(); k > 0; k--)
                cx.types.push(readSubType(r, cx.features));
        }
        else {
            cx.types.push(readSubType(r, cx.features));
        }
    }
}
function readSubType(r, features) {
    const at = r.pos;
    let form = r.u8();
    if (form === 0x50 || form === 0x4f) {
        // Without GC only a final type without supertypes passes (as a plain definition).
        const supertypes = r.u32();
        if (form === 0x50 || supertypes > 0) {
            features.gc ??= { offset: at, reason: 'gc proposal must be enabled to use subtypes' };
        }
        for (let k = supertypes; k > 0; k--)
            r.u32();
        form = r.u8();
    }
    switch (form) {
        case 0x60: {
            // wasmparser reports a refused parameter or result type at the function type.
            const params = [];
            for (let k = r.u32(); k > 0; k--)
                params.push(readModuleValType(r, features, at));
            const results = [];
            for (let k = r.u32(); k > 0; k--)
                results.push(readModuleValType(r, features, at));
            return { params, results, offset: at };
        }
        case 0x5f:
            features.gc ??= {
                offset: at,
                reason: 'struct indexed types not supported without the gc feature',
            };
            for (let k = r.u32(); k > 0; k--)
                readFieldType(r);
            return undefined;
        case 0x5e:
            features.gc ??= {
                offset: at,
                reason: 'array indexed types not supported without the gc feature',
            };
            readFieldType(r);
            return undefined;
        default:
            throw r.error(`invalid leading byte (0x${form.toString(16)}) for type definition`, at);
    }
}
/** A value type outside function bodies; notes the first one upstream's engine refuses. */
function readModuleValType(r, features, reportAt) {
    const at = r.pos;
    const type = readValType(r);
    if (features.refTypeRefusal === undefined) {
        const reason = valTypeRefusal(r.bytes, at, 'module');
        if (reason !== undefined)
            features.refTypeRefusal = { offset: reportAt ?? at, reason };
    }
    return type;
}
function readFieldType(r) {
    const code = r.peek();
    if (code === 0x78 || code === 0x77)
        r.u8(); // packed i8 / i16
    else
        readValType(r);
    r.u8(); // mutability
}
function readImports(r, cx) {
    for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kindAt = r.pos;
        const kind = readExternalKind(r);
        let typeIndex = -1;
        switch (kind) {
            case ExternalKind.Func:
                typeIndex = r.u32();
                cx.funcTypeIndices.push(typeIndex);
                cx.importedFuncCount++;
                break;
            case ExternalKind.Table:
                readValType(r);
                readLimits(r);
                break;
            case ExternalKind.Memory:
                readLimits(r);
                break;
            case ExternalKind.Global:
                readValType(r);
                r.u8();
                break;
            case ExternalKind.Tag:
                r.u8();
                typeIndex = r.u32();
                cx.features.exceptionsAt ??= kindAt;
                break;
        }
        cx.imports.push({ module, name, kind, typeIndex });
    }
}
function readExternalKind(r) {
    const at = r.pos;
    const kind = r.u8();
    if (kind > ExternalKind.Tag) {
        throw r.error(`invalid leading byte (0x${kind.toString(16)}) for external kind`, at);
    }
    return kind;
}
function readTable(r, features) {
    if (r.peek() === 0x40) {
        // Table with an explicit initializer (function-references proposal, which the engine lacks).
        features.tableInitAt ??= r.pos;
        r.u8();
        r.u8();
        readModuleValType(r, features);
        readLimits(r);
        scanConstExpr(r, features);
        return;
    }
    readModuleValType(r, features);
    readLimits(r);
}
function readGlobals(r, cx) {
    const imported = importedGlobals(cx);
    for (let n = r.u32(); n > 0; n--) {
        const at = r.pos;
        const type = readModuleValType(r, cx.features);
        const flagsAt = r.pos;
        const flags = r.u8();
        if (flags > 0x03)
            throw r.error('malformed global flags', flagsAt);
        if ((flags & 0x02) !== 0) {
            cx.features.sharedGlobalAt ??= at;
            (cx.features.sharedGlobalFlags ??= []).push(flagsAt);
        }
        const mutable = (flags & 0x01) !== 0;
        const initStart = r.pos;
        scanConstExpr(r, cx.features, imported);
        const global = { type, mutable, initStart, initEnd: r.pos };
        cx.globals.push(global);
    }
}
function readElements(r, features, importedGlobals) {
    for (let n = r.u32(); n > 0; n--) {
        const start = r.pos;
        const flags = r.u32();
        const passiveOrDeclared = (flags & 0x01) !== 0;
        const explicitTable = (flags & 0x02) !== 0;
        const usesExprs = (flags & 0x04) !== 0;
        if (!passiveOrDeclared) {
            if (explicitTable)
                r.u32();
            scanConstExpr(r, features, importedGlobals);
        }
        if (passiveOrDeclared || explicitTable) {
            // wasmparser reports a refused element type at the segment.
            if (usesExprs)
                readModuleValType(r, features, start);
            else
                r.u8(); // elemkind
        }
        for (let k = r.u32(); k > 0; k--) {
            if (usesExprs)
                scanConstExpr(r, features, importedGlobals);
            else
                r.u32();
        }
    }
}
function readData(r, out, features, importedGlobals) {
    for (let n = r.u32(); n > 0; n--) {
        const start = r.pos;
        const flags = r.u32();
        if (flags === 1) {
            r.skip(r.u32());
            out.push({ active: false, start, end: r.pos });
            continue;
        }
        if (flags === 2)
            r.u32();
        else if (flags !== 0)
            throw r.error(`invalid data segment flags ${flags}`, start);
        scanConstExpr(r, features, importedGlobals);
        r.skip(r.u32());
        out.push({ active: true, start, end: r.pos });
    }
}
/**
 * Skips a constant expression up to and including its `end`, noting constructs the engine
 * configuration refuses. Only the instructions allowed in constant expressions are decoded.
 */
function scanConstExpr(r, features, importedGlobals = 0) {
    for (;;) {
        const at = r.pos;
        const op = r.u8();
        switch (op) {
            case 0x0b:
                return;
            case 0x41:
                r.s32();
                break;
            case 0x42:
                r.s64();
                break;
            case 0x43:
                r.skip(4);
                break;
            case 0x44:
                r.skip(8);
                break;
            case 0x23:
                // Only imported globals may be read (a wizened module has none; a preload may).
                if (r.u32() >= importedGlobals)
                    features.constGlobalGetAt ??= at;
                break;
            case 0xd0: // ref.null heaptype
                r.s33();
                break;
            case 0xd2: // ref.func
                r.u32();
                break;
            case 0x6a:
            case 0x6b:
            case 0x6c:
            case 0x7c:
            case 0x7d:
            case 0x7e: // extended-const arithmetic
                break;
            case 0xfd: {
                const sub = r.u32();
                if (sub !== 0x0c)
                    throw r.error('constant expression required: non-constant operator', at);
                r.skip(16);
                break;
            }
            case 0xfb: {
                // GC constant instructions (struct.new, array.new_fixed, ref.i31, ...): GC is refused
                // later; skip their immediates generously enough to stay in sync for common forms.
                const sub = r.u32();
                const reason = `constant expression required: non-constant operator: ${(0,code/* opcodeName */.G6)(op, sub)}`;
                features.gc ??= { offset: at, reason };
                if (sub === 0x08) {
                    r.u32();
                    r.u32();
                } // array.new_fixed type n
                else if (sub <= 0x07)
                    r.u32(); // struct.new/_default, array.new/_default (type)
                break;
            }
            default:
                throw r.error('constant expression required: non-constant operator', at);
        }
    }
}

;// CONCATENATED MODULE: ./src/wizer/proposals.ts
/**
 * Upstream's `--wasm-*=false` switches (multi-memory, multi-value, bulk memory, SIMD, relaxed SIMD,
 * reference types). Upstream's engine then parses with those proposals off and refuses every
 * encoding they introduced: at module level ("failed to parse WebAssembly module", offsets in its
 * instrumented module) or inside a function body (a translation error). This file finds the first
 * such refusal in each of the two places, in the order upstream's parser meets them.
 *
 * Within one item the order is the parser's: a malformed immediate (a memarg with a memory index,
 * a non-zero `memory.size` or `call_indirect` byte) is a decode error, so it beats the proposal
 * check of its own instruction; the proposal check of an instruction beats its type checks; and
 * "reference types support is not enabled" comes before the GC and function-references refusals
 * that ref-types.ts words. Those are folded in here too, so a tie at one offset has one answer.
 *
 * Only called when a switch is off, so the default run pays nothing.
 *
 *   (module (global funcref (ref.func 0)) ...)   --wasm-reference-types=false
 *   -> reference types support is not enabled (at offset <the global>)
 */






const REFERENCE_TYPES = 'reference types support is not enabled';
const SIMD = 'SIMD support is not enabled';
const RELAXED_SIMD = 'relaxed SIMD support is not enabled';
const BULK_MEMORY = 'bulk memory support is not enabled';
const ZERO_BYTE = 'zero byte expected';
const MEMARG = 'malformed memop alignment: alignment too large';
const BLOCK_TYPE_INDEX = 'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled';
const proposals_V128 = 0x7b;
const FUNCREF = 0x70;
const proposals_REF_NULL = 0x63;
/** Whether any of the six switches is off. */
function anyProposalOff(enabled) {
    return Object.values(enabled).some((on) => !on);
}
/**
 * Why upstream refuses the value type at `at` with these switches: wasmparser checks the
 * proposal of a reference type before its heap type, so ref-types.ts only speaks when reference
 * types are on.
 */
function switchedValTypeRefusal(bytes, at, site, enabled) {
    const code = bytes[at];
    if (code === proposals_V128)
        return enabled.simd ? undefined : SIMD;
    if (isRefTypeByte(code) && !enabled.referenceTypes)
        return REFERENCE_TYPES;
    return valTypeRefusal(bytes, at, site);
}
/** The first module-level refusal, in section order (all sections precede the code checks). */
function moduleProposalRefusal(cx, enabled) {
    for (const section of cx.sections) {
        const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
        let found;
        switch (section.id) {
            case SectionId.Type:
                found = typeRefusal(r, enabled);
                break;
            case SectionId.Table:
                // The count is checked before any table is read.
                if (!enabled.referenceTypes && cx.tableCount > 1) {
                    found = { offset: section.payloadStart, reason: 'multiple tables' };
                }
                else {
                    found = tableRefusal(r, enabled);
                }
                break;
            case SectionId.Memory:
                if (!enabled.multiMemory && cx.memories.length > 1) {
                    found = { offset: section.payloadStart, reason: 'multiple memories' };
                }
                break;
            case SectionId.Global:
                found = cx.globals
                    .map((g) => {
                    // A global's type starts its entry: init expr, after one flags byte and the type.
                    const at = g.initStart - 1 - g.type.bytes.length;
                    const reason = switchedValTypeRefusal(cx.bytes, at, 'module', enabled);
                    return reason === undefined ? undefined : { offset: at, reason };
                })
                    .find((x) => x !== undefined);
                break;
            case SectionId.Element:
                found = elementRefusal(r, enabled);
                break;
            case SectionId.Data:
                if (!enabled.bulkMemory) {
                    const passive = cx.dataSegments.find((d) => !d.active);
                    if (passive) {
                        const reason = 'passive data segments require the bulk-memory proposal';
                        found = { offset: passive.start, reason };
                    }
                }
                break;
        }
        if (found)
            return found;
    }
    return undefined;
}
/**
 * Function types: each parameter and result type, then the result count. A GC type definition is
 * refused at its own offset (parse.ts) before anything after it, so the scan stops there.
 */
function typeRefusal(r, enabled) {
    for (let n = r.u32(); n > 0; n--) {
        const offset = r.pos;
        let form = r.u8();
        // A final type without supertypes is a plain definition; other GC forms are refused first.
        if (form === 0x4f && r.peek() === 0) {
            r.u8();
            form = r.u8();
        }
        if (form !== 0x60)
            return undefined;
        let resultCount = 0;
        for (let list = 0; list < 2; list++) {
            const count = r.u32();
            if (list === 1)
                resultCount = count;
            for (let k = count; k > 0; k--) {
                const at = r.pos;
                readValType(r);
                const reason = switchedValTypeRefusal(r.bytes, at, 'module', enabled);
                if (reason !== undefined)
                    return { offset, reason };
            }
        }
        if (resultCount > 1 && !enabled.multiValue) {
            const reason = 'func type returns multiple values but the multi-value feature is not enabled';
            return { offset, reason };
        }
    }
    return undefined;
}
/** Tables: `funcref` is MVP; any other element type is checked (before an initializer). */
function tableRefusal(r, enabled) {
    for (let n = r.u32(); n > 0; n--) {
        const offset = r.pos;
        const withInit = r.peek() === 0x40;
        if (withInit)
            r.skip(2);
        const at = r.pos;
        const type = readValType(r);
        const isFuncref = type.code === FUNCREF || (type.code === proposals_REF_NULL && type.bytes[1] === FUNCREF);
        const reason = isFuncref ? undefined : switchedValTypeRefusal(r.bytes, at, 'module', enabled);
        if (reason !== undefined)
            return { offset, reason };
        if (withInit)
            return undefined; // refused by the engine regardless (parse.ts: tableInitAt)
        skipLimits(r);
    }
    return undefined;
}
function skipLimits(r) {
    const flags = r.u8();
    const wide = (flags & 0x04) !== 0;
    const bound = () => (wide ? r.u64() : r.u32());
    bound();
    if ((flags & 0x01) !== 0)
        bound();
    if ((flags & 0x08) !== 0)
        r.u32();
}
/**
 * Element segments: a segment of expressions has its element type checked (even the implicit
 * `funcref` of flags 4), then a passive or declared segment needs bulk memory. Offsets are the
 * segment's start.
 */
function elementRefusal(r, enabled) {
    for (let n = r.u32(); n > 0; n--) {
        const offset = r.pos;
        const flags = r.u32();
        const passiveOrDeclared = (flags & 0x01) !== 0;
        const explicitType = (flags & 0x03) !== 0;
        const usesExprs = (flags & 0x04) !== 0;
        if (!passiveOrDeclared) {
            if ((flags & 0x02) !== 0)
                r.u32();
            scanConstExpr(r, {});
        }
        let reason;
        if (usesExprs) {
            if (!enabled.referenceTypes)
                reason = REFERENCE_TYPES;
            else if (explicitType)
                reason = valTypeRefusal(r.bytes, r.pos, 'module');
            if (explicitType)
                readValType(r);
        }
        else if (explicitType) {
            r.u8(); // elemkind
        }
        if (reason === undefined && passiveOrDeclared && !enabled.bulkMemory) {
            reason = 'bulk memory must be enabled';
        }
        if (reason !== undefined)
            return { offset, reason };
        for (let k = r.u32(); k > 0; k--) {
            if (usesExprs)
                scanConstExpr(r, {});
            else
                r.u32();
        }
    }
    return undefined;
}
/**
 * The first refusal inside function bodies: bodies are checked in order and each stops at its
 * first error, so this is the first error of the first function that has one.
 */
function codeProposalRefusal(cx, enabled) {
    const section = cx.sections.find((s) => s.id === SectionId.Code);
    if (!section)
        return undefined;
    const bytes = cx.bytes;
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    for (let count = r.u32(), body = 0; body < count; body++) {
        const reader = r.sub(r.u32());
        const funcIndex = cx.importedFuncCount + body;
        const local = localRefusal(new BinaryReader(bytes, reader.pos, reader.end), enabled);
        if (local)
            return { ...local, reportAt: local.offset, funcIndex };
        let found;
        const visit = (opcode, sub, offset) => {
            if (found)
                return;
            const refusal = instructionRefusal(bytes, opcode, sub, offset, enabled);
            if (refusal)
                found = { offset, funcIndex, ...refusal };
        };
        (0,code/* walkFunctionBody */.kB)(reader, visit);
        if (found)
            return found;
    }
    return undefined;
}
/** The first local declaration whose type is refused (reported at the declaration). */
function localRefusal(r, enabled) {
    for (let groups = r.u32(); groups > 0; groups--) {
        const offset = r.pos;
        r.u32();
        const at = r.pos;
        readValType(r);
        const reason = switchedValTypeRefusal(r.bytes, at, 'code', enabled);
        if (reason !== undefined)
            return { offset, reason };
    }
    return undefined;
}
/** Reference-types instructions among the single-byte opcodes: table.get/set, ref.*. */
const REFERENCE_TYPES_OPS = new Set([0x25, 0x26, 0xd1, 0xd2]);
const BLOCKS = new Set([0x02, 0x03, 0x04]); // block, loop, if (try and try_table: exceptions)
/** Single-byte opcodes `instructionRefusal` looks at beyond memargs; the rest skip it at once. */
const CHECKED_SINGLE = new Uint8Array(256);
for (const op of [...REFERENCE_TYPES_OPS, ...BLOCKS, 0x11, 0x1c, 0x3f, 0x40, 0xd0]) {
    CHECKED_SINGLE[op] = 1;
}
/** Loads and stores: 0x28 (i32.load) to 0x3e (i64.store32). */
const isMemargOp = (op) => op >= 0x28 && op <= 0x3e;
/** Why upstream refuses one instruction, in its order: decode, then proposal, then types. */
function instructionRefusal(bytes, opcode, sub, offset, enabled) {
    if (sub < 0 && CHECKED_SINGLE[opcode] === 0 && (enabled.multiMemory || !isMemargOp(opcode))) {
        return undefined; // the common case, without allocating
    }
    if (opcode === 0xfb || (opcode === 0xfe && enabled.multiMemory))
        return undefined;
    const at = (reason, reportAt = offset) => reason === undefined ? undefined : { reportAt, reason };
    const immediates = new BinaryReader(bytes, offset + 1);
    if (sub >= 0)
        immediates.u32();
    // Without multi-memory the memarg's flags may not announce a memory index (bit 6).
    if (!enabled.multiMemory && (0,code/* opcodeInfo */.Lg)(opcode, sub)?.immediates[0] === 'memarg') {
        const flagsAt = immediates.pos;
        if (immediates.u32() >= 0x20)
            return at(MEMARG, flagsAt);
    }
    if (sub < 0) {
        if (BLOCKS.has(opcode))
            return at(blockTypeRefusal(bytes, offset + 1, enabled));
        if (opcode === 0x3f || opcode === 0x40) {
            // memory.size, memory.grow: a single zero byte unless multi-memory is on.
            return at(!enabled.multiMemory && bytes[offset + 1] !== 0 ? ZERO_BYTE : undefined, offset + 1);
        }
        if (opcode === 0x11 && !enabled.referenceTypes) {
            // call_indirect: the table is a single zero byte before reference types.
            immediates.u32();
            const tableAt = immediates.pos;
            return at(bytes[tableAt] !== 0 ? ZERO_BYTE : undefined, tableAt);
        }
        if (REFERENCE_TYPES_OPS.has(opcode))
            return at(enabled.referenceTypes ? undefined : REFERENCE_TYPES);
        if (opcode === 0x1c) {
            if (!enabled.referenceTypes)
                return at(REFERENCE_TYPES);
            for (let n = immediates.u32(); n > 0; n--) {
                const typeAt = immediates.pos;
                readValType(immediates);
                const reason = switchedValTypeRefusal(bytes, typeAt, 'code', enabled);
                if (reason !== undefined)
                    return at(reason);
            }
            return undefined;
        }
        if (opcode === 0xd0) {
            return at(enabled.referenceTypes ? heapTypeRefusal(bytes, offset + 1, 'code') : REFERENCE_TYPES);
        }
        return undefined;
    }
    if (opcode === 0xfc) {
        // memory.init, data.drop, memory.copy, memory.fill, table.init, elem.drop, table.copy; then
        // table.grow, table.size, table.fill.
        if (sub >= 8 && sub <= 14)
            return at(enabled.bulkMemory ? undefined : BULK_MEMORY);
        if (sub >= 15 && sub <= 17)
            return at(enabled.referenceTypes ? undefined : REFERENCE_TYPES);
        return undefined;
    }
    if (opcode === 0xfd) {
        const relaxed = sub >= 0x100 && sub <= 0x113;
        if (relaxed)
            return at(enabled.relaxedSimd ? undefined : RELAXED_SIMD);
        return at(enabled.simd ? undefined : SIMD);
    }
    return undefined;
}
/** A block type: a value type is checked as one; a type index needs multi-value. */
function blockTypeRefusal(bytes, at, enabled) {
    const b = bytes[at];
    if (b === 0x40)
        return undefined;
    // wasmparser reads a value type when the first byte is a one-byte negative s33.
    if ((b & 0x80) === 0 && (b & 0x40) !== 0)
        return switchedValTypeRefusal(bytes, at, 'code', enabled);
    return enabled.multiValue ? undefined : BLOCK_TYPE_INDEX;
}

;// CONCATENATED MODULE: ./src/wizer/validate.ts
/**
 * Phase 2: validate. Refuses, with upstream's messages and in upstream's order, every module whose
 * initialized state Wizer cannot capture faithfully:
 *
 * 1. instructions with effects a snapshot cannot see (table mutation, segment drops, GC writes),
 *    found by a static scan of every function body whether or not it runs during init;
 * 2. mutable globals of reference type;
 * 3. reserved `__wizer_` names; imported globals, tables and memories.
 *
 * Feature refusals that upstream's engine makes at compile time (exceptions, GC, function
 * references and the reference types they bring, custom page sizes, shared globals, `global.get`
 * in constant expressions) are decided by `checkEngineFeatures`.
 */













/**
 * Instructions whose effects escape the snapshot (table mutation, segment drops, GC writes), as
 * prefix byte -> sub-opcodes. Names come from the opcode table.
 */
const UNSUPPORTED_PREFIXED = new Map([
    [0xfc, new Set([9, 12, 13, 14, 15, 17])], // data.drop table.init elem.drop table.copy table.grow table.fill
    [0xfb, new Set([0x05, 0x0e, 0x10, 0x11, 0x12, 0x13])], // struct.set array.set/fill/copy/init_data/init_elem
]);
/** What the scan looks for in single-byte opcodes, as bit flags in a table (most have none). */
const Role = {
    tableSet: 1,
    /** The exceptions proposal, legacy and current. */
    exception: 2,
    /** block, loop, if, try, try_table: a block type follows. */
    blockType: 4,
    typedSelect: 8,
    refNull: 16,
    /** call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null. */
    functionReference: 32,
    /** f32.min, f32.max, f64.min, f64.max. */
    floatMinMax: 64,
    /** Float arithmetic whose NaN results deterministic mode canonicalises (nan-canonical.ts). */
    nanCanonical: 128,
};
const SINGLE_BYTE_ROLES = new Uint8Array(256);
const assignRole = (role, opcodes) => opcodes.forEach((op) => (SINGLE_BYTE_ROLES[op] |= role));
assignRole(Role.tableSet, [0x26]);
assignRole(Role.exception, [0x06, 0x07, 0x08, 0x09, 0x0a, 0x18, 0x19, 0x1f]);
assignRole(Role.blockType, [0x02, 0x03, 0x04, 0x06, 0x1f]);
assignRole(Role.typedSelect, [0x1c]);
assignRole(Role.refNull, [0xd0]);
assignRole(Role.functionReference, [0x14, 0x15, 0xd4, 0xd5, 0xd6]);
assignRole(Role.floatMinMax, [0x96, 0x97, 0xa4, 0xa5]);
NAN_SCALAR_OPCODES.forEach((shape, op) => shape && assignRole(Role.nanCanonical, [op]));
/** Relaxed-SIMD sub-opcodes of the 0xFD prefix. */
const isRelaxedSimdOp = (sub) => sub >= 0x100 && sub <= 0x113;
/** The instructions the scan's visitor acts on; the compiled walk reports only these. */
const SCAN_FILTER = {
    single(opcode) {
        const role = SINGLE_BYTE_ROLES[opcode];
        if (role === 0)
            return code_kernel/* ReportWhen */.hD.never;
        return role === Role.blockType ? code_kernel/* ReportWhen */.hD.refBlockType : code_kernel/* ReportWhen */.hD.always;
    },
    prefixed: (opcode, sub) => UNSUPPORTED_PREFIXED.get(opcode)?.has(sub) === true ||
        opcode === 0xfb ||
        (opcode === 0xfd && (Boolean(NAN_SIMD_OPCODES[sub]) || isRelaxedSimdOp(sub))),
};
let scanWalker;
/**
 * Runs the static scans (steps 2 and 3 of upstream's validation, in section order) and returns
 * the first uses of proposals for the later engine-feature checks. A preload is only compiled by
 * upstream, not wizened: `wizerChecks` false collects the uses without refusing anything.
 */
function checkSupportedInstructions(cx, wizerChecks = true) {
    const uses = { relaxedSimdSites: [], floatMinMaxSites: [], nanCanonicalSites: [] };
    for (const section of cx.sections) {
        if (section.id === SectionId.Global && wizerChecks) {
            if (cx.globals.some((g) => g.mutable && isRefType(g.type.code))) {
                throw new errors/* WizerError */.Mx('unsupported mutable global containing a reference type');
            }
        }
        else if (section.id === SectionId.Code) {
            const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
            let unsupported;
            const refuse = (opcode, sub) => {
                if (wizerChecks)
                    unsupported = (0,code/* opcodeName */.G6)(opcode, sub);
            };
            let bodyIndex = 0;
            const here = (offset) => ({ offset, funcIndex: cx.importedFuncCount + bodyIndex });
            const bytes = cx.bytes;
            const refType = (offset, reason) => {
                if (reason !== undefined)
                    uses.refType ??= { ...here(offset), reason };
            };
            const visit = (opcode, sub, offset) => {
                if (unsupported !== undefined)
                    return;
                if (sub < 0) {
                    const role = SINGLE_BYTE_ROLES[opcode];
                    if (role === 0)
                        return;
                    if (role & Role.tableSet)
                        refuse(opcode, sub);
                    if (role & Role.exception)
                        uses.exceptions ??= here(offset);
                    if (role & Role.functionReference)
                        uses.functionReferences ??= here(offset);
                    if (role & Role.floatMinMax)
                        uses.floatMinMaxSites.push(offset);
                    if (role & Role.nanCanonical)
                        uses.nanCanonicalSites.push(offset);
                    if (uses.refType !== undefined)
                        return;
                    if (role & Role.blockType && isRefTypeByte(bytes[offset + 1])) {
                        refType(offset, valTypeRefusal(bytes, offset + 1, 'code'));
                    }
                    else if (role & Role.typedSelect) {
                        refType(offset, selectTypeRefusal(bytes, offset + 1));
                    }
                    else if (role & Role.refNull) {
                        refType(offset, heapTypeRefusal(bytes, offset + 1, 'code'));
                    }
                    return;
                }
                if (UNSUPPORTED_PREFIXED.get(opcode)?.has(sub))
                    refuse(opcode, sub);
                else if (opcode === 0xfb)
                    uses.gc ??= here(offset);
                else if (opcode === 0xfd) {
                    if (NAN_SIMD_OPCODES[sub])
                        uses.nanCanonicalSites.push(offset);
                    if (isRelaxedSimdOp(sub))
                        uses.relaxedSimdSites.push(offset);
                }
            };
            const checkLocals = (start, end) => {
                if (uses.refType !== undefined)
                    return;
                const local = localTypeRefusal(new BinaryReader(bytes, start, end));
                if (local)
                    uses.refType = { ...here(local.offset), reason: local.reason };
            };
            scanWalker ??= code_kernel/* CodeWalker */.km.create(SCAN_FILTER);
            const reports = scanWalker.walk(bytes, section.payloadStart, section.end);
            if (reports) {
                // Well-formed code, walked in compiled code: only what the visitor looks at is reported.
                for (let at = 0; at < reports.length && unsupported === undefined; at += code_kernel/* REPORT_FIELDS */.r$) {
                    const opcode = reports[at];
                    const offset = reports[at + 2];
                    bodyIndex = reports[at + 3];
                    if (opcode === code_kernel/* LOCALS_REPORT */.uk)
                        checkLocals(offset, section.end);
                    else
                        visit(opcode, reports[at + 1], offset);
                }
            }
            else {
                for (let count = r.u32(); bodyIndex < count && unsupported === undefined; bodyIndex++) {
                    const body = r.sub(r.u32());
                    checkLocals(body.pos, body.end);
                    (0,code/* walkFunctionBody */.kB)(body, visit);
                }
            }
            if (unsupported !== undefined)
                throw new errors/* WizerError */.Mx(`unsupported \`${unsupported}\` instruction`);
        }
    }
    return uses;
}
/** The first local declaration whose type upstream's engine refuses (offset of the entry). */
function localTypeRefusal(r) {
    for (let groups = r.u32(); groups > 0; groups--) {
        const offset = r.pos;
        r.u32();
        const typeAt = r.pos;
        readValType(r);
        const reason = valTypeRefusal(r.bytes, typeAt, 'code');
        if (reason !== undefined)
            return { offset, reason };
    }
    return undefined;
}
/** The first refused type of a typed `select` (a vector of value types at `at`). */
function selectTypeRefusal(bytes, at) {
    const r = new BinaryReader(bytes, at);
    for (let n = r.u32(); n > 0; n--) {
        const typeAt = r.pos;
        readValType(r);
        const reason = valTypeRefusal(bytes, typeAt, 'code');
        if (reason !== undefined)
            return reason;
    }
    return undefined;
}
/**
 * Step 4 and 5: reserved names and import kinds. Inside a component a core module may import
 * globals, memories and tables (another module defines them and its snapshot holds their state;
 * wit-component's fixup module fills the shim's imported table).
 */
function checkImportsAndExports(cx, inComponent = false) {
    for (const imp of cx.imports) {
        if (imp.module.startsWith(RESERVED_PREFIX) || imp.name.startsWith(RESERVED_PREFIX)) {
            throw new errors/* WizerError */.Mx('input Wasm module already imports entities named with the `__wizer_*` prefix');
        }
    }
    for (const exp of cx.exports) {
        if (exp.name.startsWith(RESERVED_PREFIX)) {
            throw new errors/* WizerError */.Mx('input Wasm module already exports entities named with the `__wizer_*` prefix');
        }
    }
    for (const imp of cx.imports) {
        if (imp.kind === ExternalKind.Tag) {
            // Upstream panics here ("exceptions are unsupported"); we refuse like any other input.
            throw new errors/* WizerError */.Mx('imported tags are not supported (exceptions proposal not enabled)');
        }
        if (imp.kind === ExternalKind.Global && !inComponent)
            throw new errors/* WizerError */.Mx('imported globals are not supported');
        if (imp.kind === ExternalKind.Table && !inComponent)
            throw new errors/* WizerError */.Mx('imported tables are not supported');
        if (imp.kind === ExternalKind.Memory && !inComponent)
            throw new errors/* WizerError */.Mx('imported memories are not supported');
    }
}
const hex = (n) => `0x${n.toString(16)}`;
/**
 * Refusals upstream's engine configuration makes when compiling (Wasmtime 42 defaults): the
 * exceptions, GC, function-references, custom-page-sizes and shared-everything-threads proposals
 * are off, and constant expressions may only read
 * imported globals (of which a wizened module has none).
 */
function checkEngineFeatures(cx, uses, enabled) {
    // Upstream compiles its instrumented module, whose export section grew before the code.
    const refusal = engineRefusal(cx, uses, enabled, upstreamExportGrowth(cx));
    if (refusal)
        throw new errors/* WizerError */.Mx('failed to compile the Wasm module', { cause: refusal });
}
/**
 * The same refusals for a preload, which upstream compiles as given with the same engine
 * configuration (its callers say "failed to parse preload module").
 */
function checkPreloadFeatures(cx, enabled) {
    const refusal = engineRefusal(cx, checkSupportedInstructions(cx, false), enabled, 0);
    if (refusal)
        throw refusal;
}
/**
 * The first engine refusal as upstream's error chain below its head, or undefined. Offsets past
 * the export section are moved by `codeShift`, the growth of upstream's export section.
 */
function engineRefusal(cx, uses, enabled, codeShift) {
    const parseFailure = (reason) => new errors/* WizerError */.Mx('failed to parse WebAssembly module', { cause: reason });
    // Sections after the export section (elements, data) moved by as much.
    const exportEnd = cx.sections.find((s) => s.id === SectionId.Export)?.end ?? Infinity;
    const upstreamOffset = (offset) => (offset >= exportEnd ? offset + codeShift : offset);
    const translationFailure = (use, reason) => new errors/* WizerError */.Mx(`failed to compile: wasm[0]::function[${use.funcIndex}]`, {
        cause: new errors/* WizerError */.Mx('WebAssembly translation error', {
            cause: `Invalid input WebAssembly code at offset ${(use.reportAt ?? use.offset) + codeShift}: ${reason}`,
        }),
    });
    const { features } = cx;
    // Proposals switched off with `--wasm-*=false` come first: at one offset they are met first.
    const switchedOff = anyProposalOff(enabled);
    const moduleRefusal = switchedOff ? moduleProposalRefusal(cx, enabled) : undefined;
    const parseErrors = [
        [moduleRefusal?.offset, moduleRefusal?.reason ?? ''],
        [features.gc?.offset, features.gc?.reason ?? ''],
        [features.exceptionsAt, 'exceptions proposal not enabled'],
        [
            features.customPageSizeAt,
            "the custom page sizes proposal must be enabled to customize a memory's page size",
        ],
        [features.sharedGlobalAt, 'shared globals require the shared-everything-threads proposal'],
        [features.refTypeRefusal?.offset, features.refTypeRefusal?.reason ?? ''],
        [
            features.tableInitAt,
            'tables with expression initializers require the function-references proposal',
        ],
        [
            features.constGlobalGetAt,
            'constant expression required: global.get of locally defined global',
        ],
    ];
    const first = parseErrors
        .filter((e) => e[0] !== undefined)
        .sort((a, b) => a[0] - b[0])[0];
    if (first)
        return parseFailure(`${first[1]} (at offset ${hex(upstreamOffset(first[0]))})`);
    const codeRefusal = switchedOff ? codeProposalRefusal(cx, enabled) : undefined;
    const codeErrors = [
        [codeRefusal, codeRefusal?.reason ?? ''],
        [uses.exceptions, 'exceptions support is not enabled'],
        [uses.gc, 'gc support is not enabled'],
        [uses.functionReferences, 'function references support is not enabled'],
        [uses.refType, uses.refType?.reason ?? ''],
    ];
    const firstCode = codeErrors
        .filter((e) => e[0] !== undefined)
        .sort((a, b) => a[0].offset - b[0].offset)[0];
    return firstCode && translationFailure(firstCode[0], firstCode[1]);
}
/** Upstream refuses this combination when it builds its engine configuration. */
function checkFeatureFlags(enabled) {
    if (!enabled.simd && enabled.relaxedSimd) {
        throw new errors/* WizerError */.Mx('cannot disable the simd proposal but enable the relaxed simd proposal');
    }
}
/**
 * How many bytes upstream's instrumentation adds before the code section: one export per mutable
 * global (`__wizer_global_<i>`) and per memory (`__wizer_memory_<k>`), plus any growth of the
 * export section's count and size prefixes. Offsets in its compile errors include this shift.
 */
function upstreamExportGrowth(cx) {
    const added = new writer/* ByteSink */._s(64);
    let count = 0;
    cx.globals.forEach((g, i) => {
        if (!g.mutable)
            return;
        added.name(`__wizer_global_${i}`).byte(ExternalKind.Global).u32(i);
        count++;
    });
    cx.memories.forEach((_, k) => {
        added.name(`__wizer_memory_${k}`).byte(ExternalKind.Memory).u32(k);
        count++;
    });
    const exportSection = cx.sections.find((s) => s.id === SectionId.Export);
    if (!exportSection || count === 0)
        return 0;
    const oldSize = exportSection.end - exportSection.payloadStart;
    const oldCount = cx.exports.length;
    const newSize = oldSize + added.length + (0,writer/* u32Size */.eI)(oldCount + count) - (0,writer/* u32Size */.eI)(oldCount);
    return newSize - oldSize + (0,writer/* u32Size */.eI)(newSize) - (0,writer/* u32Size */.eI)(oldSize);
}
/**
 * The whole validation phase, in upstream's order: full validation first, then the static checks
 * and the engine's refusals. Full validation is V8's, of the input itself: the instrumented copy
 * that V8 compiles later has extra functions and types, so an input that refers to a function or
 * type past its own would pass there. V8 validates on its background threads while we parse
 * (unless the process compiles with lazy validation, see lazy-validation.ts).
 */
async function validateModule(input, features, { inComponent = false } = {}) {
    const v8Verdict = (0,lazy_validation/* fullValidation */.zU)(input);
    let cx;
    try {
        if (readPreamble(input) === 'component') {
            throw new errors/* WizerError */.Mx('expected a core module, found a component');
        }
        cx = parseModule(input);
    }
    catch (error) {
        if (error instanceof errors/* WasmDecodeError */.r_)
            throw validationFailure(error);
        throw error;
    }
    // V8 lacks custom page sizes and shared globals, which upstream's validator accepts and its
    // engine then refuses (below). Shared globals are validated as unshared ones instead (the
    // flag is one bit, so offsets stay put); custom page sizes are left to that refusal.
    const { customPageSizeAt, sharedGlobalFlags } = cx.features;
    if (customPageSizeAt === undefined) {
        const invalid = sharedGlobalFlags
            ? await (0,lazy_validation/* fullValidation */.zU)(unshared(input, sharedGlobalFlags))
            : await v8Verdict;
        if (invalid !== undefined)
            throw validationFailure(invalid);
    }
    let codeFeatures;
    try {
        codeFeatures = checkSupportedInstructions(cx);
        checkImportsAndExports(cx, inComponent);
    }
    catch (error) {
        if (error instanceof errors/* WasmDecodeError */.r_)
            throw validationFailure(error);
        throw error;
    }
    checkEngineFeatures(cx, codeFeatures, features);
    return { cx, codeFeatures };
}
/** A copy with the shared bit of the given global flag bytes cleared. */
function unshared(input, flagOffsets) {
    const copy = input.slice();
    for (const at of flagOffsets)
        copy[at] &= ~0x02;
    return copy;
}
function validationFailure(error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = message.replace(/^WebAssembly\.\w+\(\): /, '');
    return new errors/* WizerError */.Mx('wasm validation failed', { cause });
}

;// CONCATENATED MODULE: ./src/component/adapter.ts
/**
 * WASI after init for components made with the WASI preview1 adapter (issue 10, "WASI keeps
 * working after init").
 *
 * A C (or Rust, Python, JS) program built for wasm32-wasip1 becomes a component with the
 * `wasi_snapshot_preview1` reactor adapter of Wasmtime (crates/wasi-preview1-component-adapter):
 * one more core module, which implements preview1 on WASI 0.2 imports and keeps its state in a
 * 64 KiB `State` struct in the main module's memory (on a page it grows that memory by, in the
 * adapter jco ships; the pointer is its global `internal_state_ptr`). In that state it caches WASI
 * 0.2 handles: the stdio streams and the preopens' descriptors from `get-directories` (taken on
 * the first preview1 call that needs the descriptor table), and every file the guest opened. A
 * handle is an index into a table of the component instance (jco's glue: a table per resource
 * type), not part of any core memory, so a snapshot cannot carry it: in the wizened component the
 * cached numbers would point at nothing, or at another resource. Upstream `wasmtime wizer`
 * snapshots them anyway (the output then fails on its first WASI call, or worse); we used to
 * refuse.
 *
 * What the adapter offers: the export `reset_adapter_state`, which rewrites the `State` struct as
 * new (`State::init`: the descriptor table back to "not yet created", the import allocator and
 * the arena emptied). It does not drop the handles: it forgets them, and the next preview1 call
 * takes stdio and the preopens again (`get-stdout`, `get-directories`, ...), numbering the
 * preopens 3, 4, ... in the same order, so the preopen table that wasi-libc caches stays right
 * when the output runs with the same preopens. componentize-py, ComponentizeJS and similar
 * tools import it from `wasi_snapshot_preview1` and call it at the end of their init (together
 * with wasi-libc's `__wasilibc_reset_preopens`) for this very reason.
 *
 * But wit-component trims the adapter to the functions the main module imports: in a component
 * whose program does not import `reset_adapter_state` (a plain C reactor), the adapter has no
 * such export and no code for it (checked on the adapter jco ships,
 * `preview1AdapterReactorPath()`: the file exports it; the adapter inside a built component
 * exports only what the program uses).
 *
 * So after the init function returns, if handles are live, {@link releaseAdapterHandles}:
 * 1. resets the adapter: where a core instance exports `reset_adapter_state`, calls it (whether
 *    or not the guest already did); otherwise, for an adapter trimmed of it (found by its
 *    globals' names, which wit-component keeps), makes the snapshot take its state pointer as
 *    null and its allocation state as "stack allocated" ({@link trimmedAdapterReset}): the output
 *    then creates a new `State` on its first preview1 call, exactly as a fresh adapter does after
 *    its stack is allocated (on a page it grows the memory by; the old state's page stays);
 * 2. if no core module but the adapter could hold a handle, every handle left in the glue's
 *    tables is one the adapter forgot: the tables are emptied (as a fresh instance has them; the
 *    host objects are closed by the host's `close()`);
 * 3. refuses if handles are still live, saying how many and which modules may hold them.
 *
 * Which modules could hold a handle: a handle reaches a core module only as the result of a
 * function the glue provides (a lowered import or a canonical built-in such as `resource.new`),
 * and it survives a call only in a memory or a global. So a module that imports only functions
 * exported by other core instances (the main module, whose preview1 imports go to the adapter
 * through wit-component's shim), or that has neither memory nor mutable global (the shim and
 * the fixup module) holds none. Modules jco synthesizes (fused adapters between instances) keep
 * no state. Of the others, only a module whose imports made one of the live handles can hold it:
 * the glue records which imported function was running when each handle was made (see
 * glue.ts). So a ComponentizeJS engine, which imports WASI 0.2 functions itself besides its
 * adapter, is not suspected of the stdio and preopen handles its adapter took.
 *
 * wasi-libc's own preopen table (paths to preview1 descriptors) is not reset (componentize-py
 * calls `__wasilibc_reset_preopens`, which a C program does not export): it stays right when the
 * output runs with the same preopens in the same order, which the adapter numbers alike.
 *
 * Left as they are: data the guest's libc still buffers at the end of init (printf without a
 * flush to a non-terminal) is in the snapshot and is written by the output later, as with
 * upstream; a file init left open is forgotten (its preview1 descriptor is bad afterwards).
 */




/** The adapter's export that rewrites its state as new. */
const RESET_ADAPTER_STATE = 'reset_adapter_state';
/** The adapter's state pointer and its allocation state, by their names in its name section. */
const STATE_PTR = 'internal_state_ptr';
const ALLOCATION_STATE = 'allocation_state';
/** The adapter's `AllocationState` values (`#[repr(i32)]`, in declaration order). */
const STACK_ALLOCATED = 2;
const STATE_ALLOCATED = 4;
/** The `name` section's subsection of global names. */
const GLOBAL_NAMES = 7;
/**
 * The reset of an adapter that wit-component trimmed (no `reset_adapter_state`): its state
 * pointer back to null and its allocation state back to "stack allocated", which is where the
 * adapter stands before its first preview1 call that needs the state. Its next such call then
 * creates a new `State` (on a page it grows the memory by) as `reset_adapter_state` would have
 * rewritten the old one; the old page stays, unused. Values for the snapshot only: the instance
 * keeps running with its state. Undefined if `core` is not such an adapter (it must import WASI
 * and name both globals); an empty map if its state was never created.
 */
function trimmedAdapterReset(core) {
    const cx = core.cx;
    if (cx === undefined || core.moduleIndex === undefined)
        return undefined;
    if (!cx.imports.some((imp) => imp.module.startsWith('wasi:')))
        return undefined;
    const names = globalNames(cx);
    const importedGlobals = cx.imports.filter((imp) => imp.kind === ExternalKind.Global).length;
    const defined = (name) => {
        for (const [index, global] of names) {
            const k = index - importedGlobals;
            const def = cx.globals[k];
            if (global === name && def?.mutable === true && def.type.code === ValTypeCode.I32)
                return k;
        }
        return undefined;
    };
    const statePtr = defined(STATE_PTR);
    const allocation = defined(ALLOCATION_STATE);
    if (statePtr === undefined || allocation === undefined)
        return undefined;
    // The pipeline's instrumentation exports a getter for each mutable global.
    const value = (k) => {
        const getter = core.instance.exports[`${RESERVED_PREFIX}global_${k}`];
        return typeof getter === 'function' ? Number(getter()) : undefined;
    };
    if (value(statePtr) === 0)
        return new Map();
    if (value(allocation) !== STATE_ALLOCATED)
        return undefined; // not a state we know
    return new Map([
        [statePtr, 0],
        [allocation, STACK_ALLOCATED],
    ]);
}
/** Global names from the `name` section; none if it is missing or damaged. */
function globalNames(cx) {
    const names = new Map();
    const section = cx.sections.find((s) => s.customName === 'name');
    if (section === undefined)
        return names;
    try {
        const r = new BinaryReader(cx.bytes, section.payloadStart, section.end);
        r.name(); // "name"
        while (!r.eof) {
            const id = r.u8();
            const sub = r.sub(r.u32());
            if (id !== GLOBAL_NAMES)
                continue;
            for (let n = sub.u32(); n > 0; n--)
                names.set(sub.u32(), sub.name());
        }
    }
    catch {
        // A damaged name section only costs the names.
    }
    return names;
}
/**
 * Resets the preview1 adapter's state and forgets the handles it held, after init; throws a
 * {@link WizerError} if live handles remain that a snapshot could not keep.
 */
function releaseAdapterHandles(component, cores) {
    const globals = new Map();
    // Nothing to forget: the state stays as init left it (the output is then exactly the
    // initialized instance, and the adapter's state may well be in use: the environment it read).
    if (component.liveHandles() === 0)
        return { adapter: undefined, forgotten: 0, globals };
    let adapter = cores.find((core) => typeof core.instance.exports[RESET_ADAPTER_STATE] === 'function');
    if (adapter !== undefined) {
        try {
            adapter.instance.exports[RESET_ADAPTER_STATE]();
        }
        catch (error) {
            throw new errors/* WizerError */.Mx(`the preview1 adapter's \`${RESET_ADAPTER_STATE}\` trapped`, {
                cause: error,
            });
        }
    }
    else {
        for (const core of cores) {
            const reset = trimmedAdapterReset(core);
            if (reset === undefined || core.moduleIndex === undefined)
                continue;
            adapter = core;
            if (reset.size > 0)
                globals.set(core.moduleIndex, reset);
            break;
        }
    }
    const live = component.liveHandles(); // the reset forgets handles, it does not drop them
    const holders = possibleHolders(cores, component.liveHandleOrigins()).filter((core) => core !== adapter);
    if (adapter !== undefined && holders.length === 0) {
        return { adapter: adapter.moduleIndex, forgotten: component.forgetHandles(), globals };
    }
    throw new errors/* WizerError */.Mx(`the initialization function left ${live} resource handle${live === 1 ? '' : 's'} open, ` +
        'which a snapshot cannot keep', { cause: refusalReason(adapter, holders, cores) });
}
function refusalReason(adapter, holders, cores) {
    const names = holders.map((core) => moduleName(core, cores)).join(', ');
    if (adapter === undefined) {
        const held = holders.length > 0 ? `; ${names} may hold them` : '';
        return ('no WASI preview1 adapter to reset (no core module exports ' +
            `\`${RESET_ADAPTER_STATE}\` or has the adapter's state globals)${held}: ` +
            "handles of WASI 0.2 or of the component's own resources must be dropped before init returns");
    }
    return (`after the preview1 adapter's reset, ${names} may still hold them (${holders.length === 1 ? 'it imports' : 'they import'} ` +
        'functions of the host or canonical built-ins and keep state): drop every resource before ' +
        'init returns');
}
function moduleName(core, cores) {
    return core.moduleIndex === undefined
        ? `core instance ${cores.indexOf(core)}`
        : `core module ${core.moduleIndex}`;
}
/**
 * The component's own core modules that could keep one of the live handles: they import (directly
 * or through a slot of wit-component's shim that the fixup module fills, see {@link throughShim})
 * a function of the glue that made one of them (`origins`, see
 * {@link ComponentInstance.liveHandleOrigins}; any function of the glue for a handle of unknown
 * origin), and have a memory (defined or imported) or a mutable global to keep it in. A handle is
 * taken to stay with the core instance whose import made it: wit-component's adapter hands its
 * handles to no one (the main module sees preview1 descriptors).
 */
function possibleHolders(cores, origins) {
    const coreFunctions = new Set();
    for (const core of cores) {
        for (const value of Object.values(core.instance.exports)) {
            if (typeof value === 'function')
                coreFunctions.add(value);
        }
    }
    const shimSlots = throughShim(cores);
    const madeBy = new Set(origins);
    const anyGlue = madeBy.has(undefined);
    const madeHandles = (value) => {
        const target = shimSlots.has(value) ? shimSlots.get(value) : value;
        if (target === GLUE)
            return madeBy.size > 0;
        if (coreFunctions.has(target))
            return false;
        return anyGlue || madeBy.has(target);
    };
    return cores.filter((core) => {
        if (core.moduleIndex === undefined || core.cx === undefined)
            return false;
        const imported = WebAssembly.Module.imports(core.module);
        const reachesGlue = imported.some((imp) => imp.kind === 'function' && madeHandles(importValue(core, imp.module, imp.name)));
        const hasState = imported.some((imp) => imp.kind === 'memory') ||
            core.cx.memories.length > 0 ||
            core.cx.globals.some((global) => global.mutable);
        return reachesGlue && hasState;
    });
}
/** A shim slot whose content could not be found: counted as the glue's. */
const GLUE = Symbol('glue');
/**
 * What wit-component's shim exports lead to. The shim is a module that exports a table
 * (`$imports`) and one function per slot, named by the slot's number, which calls through that
 * slot; the fixup module imports the table and fills slot `k` with its function import named
 * `k` (the adapter's exports for the main module, lowered imports for the adapter and for the
 * main module's imports that need its memory). Returns, for each shim export, the function in
 * its slot, or {@link GLUE} if no fixup module fills it.
 */
function throughShim(cores) {
    const slots = new Map();
    for (const shim of cores) {
        const table = shim.instance.exports['$imports'];
        if (!(table instanceof WebAssembly.Table))
            continue;
        const fixup = cores.find((core) => WebAssembly.Module.imports(core.module).some((imp) => imp.kind === 'table' && importValue(core, imp.module, imp.name) === table));
        const fills = new Map();
        if (fixup !== undefined) {
            for (const imp of WebAssembly.Module.imports(fixup.module)) {
                if (imp.kind === 'function' && /^\d+$/.test(imp.name)) {
                    fills.set(imp.name, importValue(fixup, imp.module, imp.name));
                }
            }
        }
        for (const [name, value] of Object.entries(shim.instance.exports)) {
            if (typeof value === 'function')
                slots.set(value, fills.get(name) ?? GLUE);
        }
    }
    return slots;
}
function importValue(core, module, name) {
    return core.imports?.[module]?.[name];
}

;// CONCATENATED MODULE: ./src/component/transpiler.ts
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





/** The transpiler's file, as published in the package's `vendor/` directory. */
const TRANSPILER_FILE = 'js-component-bindgen-component.js';
/** Directory beside the bundle that scripts/build.mjs fills with the transpiler's files. */
const BUNDLED_TRANSPILER_DIR = 'jco-transpile';
const HOST_KEY = 'wizer-action.jco-transpiler-host';
let transpiler_loading;
/** Loads the transpiler once per process (its first load compiles about 3.5 MB of Wasm). */
function loadTranspiler() {
    transpiler_loading ??= transpiler_load().catch((error) => {
        transpiler_loading = undefined;
        throw error;
    });
    return transpiler_loading;
}
async function transpiler_load() {
    const dir = transpilerDir();
    const source = transpiler_rewrite((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, TRANSPILER_FILE), 'utf8'), dir);
    const output = [];
    const scope = globalThis;
    const key = Symbol.for(HOST_KEY);
    scope[key] = transpilerHost(output);
    let module;
    try {
        // The rewritten imports read the host while the module body runs; it is not needed after.
        module = (await import(
        /* webpackIgnore: true */
        `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`));
        await module.$init;
    }
    finally {
        delete scope[key];
    }
    return {
        generate(component, options) {
            output.length = 0;
            try {
                return module.generate(component, options);
            }
            catch (error) {
                const printed = output.join('').trim();
                throw new errors/* WizerError */.Mx('failed to translate the component for V8 (jco)', {
                    cause: printed === '' ? error : new Error(`${messageOf(error)}\n${printed}`),
                });
            }
        },
    };
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** `jco-transpile/` beside the bundle, else the installed package's `vendor/`. */
function transpilerDir() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    const bundled = (0,external_node_path_.join)(here, BUNDLED_TRANSPILER_DIR);
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(bundled, TRANSPILER_FILE)))
        return bundled;
    // A name in an array keeps bundlers from trying to inline the package.
    for (const name of ['@bytecodealliance/jco-transpile/component']) {
        try {
            return (0,external_node_path_.dirname)((0,external_node_module_namespaceObject.createRequire)(import.meta.url).resolve(name));
        }
        catch {
            // not installed: reported below
        }
    }
    throw new errors/* WizerError */.Mx('pre-initializing a component needs the jco transpiler, which is neither beside this bundle ' +
        `(\`${BUNDLED_TRANSPILER_DIR}/\`) nor installed (npm \`@bytecodealliance/jco-transpile\`)`);
}
const SHIM_IMPORT = /^import \{([^}]*)\} from '@bytecodealliance\/preview2-shim\/(\w+)';$/gm;
const CORE_URL = /new URL\('\.\/([\w.-]+\.wasm)', import\.meta\.url\)/g;
/** Points the transpiler's WASI imports at our host and its core modules at `dir`. */
function transpiler_rewrite(source, dir) {
    const key = JSON.stringify(HOST_KEY);
    let text = source.replace(SHIM_IMPORT, (_, names, group) => {
        return `const {${names.replace(/ as /g, ': ')}} = globalThis[Symbol.for(${key})].${group};`;
    });
    text = text.replace(CORE_URL, (_, file) => {
        return `new URL(${JSON.stringify((0,external_node_url_namespaceObject.pathToFileURL)((0,external_node_path_.join)(dir, file)).href)})`;
    });
    if (/^\s*(import|export)\s.*\sfrom\s/m.test(text) || text.includes('import.meta')) {
        throw new errors/* WizerError */.Mx(`unsupported layout of \`${TRANSPILER_FILE}\` in npm \`@bytecodealliance/jco-transpile\`: ` +
            'it imports modules other than the WASI shims, or finds files other than its core modules');
    }
    return `${text}\n//# sourceURL=wizer-action:${TRANSPILER_FILE}\n`;
}
/** Output stream of the transpiler's host: everything written goes to `sink`. */
class transpiler_OutputStream {
    sink;
    constructor(sink) {
        this.sink = sink;
    }
    checkWrite() {
        return 1n << 20n;
    }
    write(bytes) {
        this.sink(bytes);
    }
    blockingWriteAndFlush(bytes) {
        this.sink(bytes);
    }
    flush() { }
    blockingFlush() { }
}
/** The transpiler's stdin: the preview1 adapter inside it opens it with stdout and stderr. */
class transpiler_InputStream {
    read() {
        throw new Error('the jco transpiler has no stdin');
    }
    blockingRead() {
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
function transpilerHost(output) {
    const decoder = new TextDecoder();
    const capture = new transpiler_OutputStream((bytes) => output.push(decoder.decode(bytes)));
    const none = () => undefined;
    return {
        cli: {
            environment: { getEnvironment: () => [] },
            exit: {
                exit: (status) => {
                    throw new Error(`the jco transpiler exited (${status.tag})`);
                },
            },
            stderr: { getStderr: () => capture },
            stdout: { getStdout: () => capture },
            stdin: { getStdin: () => new transpiler_InputStream() },
            terminalInput: { TerminalInput: Unavailable },
            terminalOutput: { TerminalOutput: Unavailable },
            terminalStderr: { getTerminalStderr: none },
            terminalStdin: { getTerminalStdin: none },
            terminalStdout: { getTerminalStdout: none },
        },
        filesystem: {
            preopens: { getDirectories: () => [] },
            types: {
                Descriptor: Unavailable,
                DirectoryEntryStream: Unavailable,
                filesystemErrorCode: none,
            },
        },
        io: { error: { Error: Unavailable }, streams: { InputStream: transpiler_InputStream, OutputStream: transpiler_OutputStream } },
        random: { random: { getRandomBytes: (length) => new Uint8Array(Number(length)) } },
    };
}

;// CONCATENATED MODULE: ./src/component/glue.ts
/**
 * Runs a component on V8 through jco's instantiation-mode glue: jco's transpiler turns the
 * ORIGINAL component into JS that does the canonical ABI (lifting, lowering, strings,
 * resources, post-return) and instantiates the core modules in the component's order, taking
 * every core module from us and every core instantiation through our hook. So the pipeline hands
 * over instrumented modules, keeps each core instance as it is created, calls the init export and
 * reads globals and memories through the core instrumentation's `__wizer_*` exports: no accessor
 * module (upstream's `wasmtime:wizer/access`) is needed.
 *
 * What the glue looks like (jco-transpile 0.15, `instantiation: 'async'`, found by experiment):
 *
 * - Core modules: `component.core.wasm`, `component.core2.wasm`, `component.core3.wasm`, ... are
 *   Wasmtime's static modules in order: the component's module sections as they appear (a module
 *   that is never instantiated is there too), then any adapter module Wasmtime synthesizes
 *   (`moduleIndex` undefined here) for a lifted function that is lowered again: between nested
 *   component instances (upstream refuses nested components that contain modules) or within one
 *   component (calling it traps: no re-entrance). An adapter defines no memory or global, so it
 *   is passed through as it is. The glue asks for every file up front, through
 *   `getCoreModule(file)`. Their bytes are the module sections' bytes unchanged because we pass
 *   `multiMemory: true`: with it off, jco rewrites any module that needs multi-memory (adapters,
 *   but also a module of the component with two memories) into a single-memory copy that calls JS
 *   for loads and stores. V8 in Node 24 has multi-memory.
 * - Core instantiation: `instantiateCore(module, importObject)` once per core instance in the
 *   component's order, `importObject` undefined for a module without imports; its import objects
 *   are keyed by the module's own import names (`{ a: { memory }, host: { log } }`); the glue
 *   reads `.exports` of what the hook returns, so extra exports do no harm. It may return the
 *   instance or a promise of it. A core module's start function runs inside V8's instantiation,
 *   so an instrumented module whose start was turned into an export must have it called right
 *   there, inside the hook, before the glue continues.
 * - Host imports: `imports['ns:pkg/iface']` (the version is dropped: `test:host/log@0.1.0` is
 *   read as `test:host/log`; `imports` of {@link ComponentGlue} lists these keys), functions under
 *   camel-cased names (`get-num` -> `getNum`), resource types as classes (`output-stream` ->
 *   `OutputStream`, methods camel-cased). A missing interface fails instantiation.
 * - Exports: root functions camel-cased (`wizer-initialize` -> `wizerInitialize`, see
 *   {@link jsName}); an exported instance is an object of camel-cased functions under both its
 *   full name with version (`test:pkg/api@1.2.3`) and its short camel-cased name (`api`).
 * - Values: s64/u64 are BigInt, other integers numbers, f32/f64 numbers (NaN payloads are not
 *   kept across the boundary), strings JS strings (copied in through the guest's `realloc`),
 *   `list<u8>` a Uint8Array. A trap is a `WebAssembly.RuntimeError` whose message jco rewrites to
 *   Wasmtime's wording (`wasm trap: wasm \`unreachable\` instruction executed`); after a trap the
 *   component refuses further calls.
 * - Async: a function lifted with the component-model `async` option (WASI 0.3 style) is an
 *   `async function` in the glue, and running it needs JSPI, which Node 24 has only behind a
 *   flag: {@link isAsyncLifted} tells, so the pipeline can refuse it. Sync-lifted functions are
 *   plain functions returning their result.
 * - Resources: handles live in per-resource-type tables inside the glue's closure (host
 *   resources: the host's objects; the component's own: their `rep`), not in any core memory, so
 *   a snapshot cannot carry them: a handle kept by the guest after init would point at nothing
 *   (or at a different resource) in the wizened component. We patch the lines of the glue that
 *   create the tables so they can be counted ({@link ComponentInstance.liveHandles}); the
 *   pipeline refuses init that leaves any (or first lets the preview1 adapter drop its cached
 *   stdio handles). Host resources are also dropped through `[Symbol.dispose]` of their objects.
 * - Limits of jco 0.15 seen so far: a WIT name with an upper-case word (`get-HTTP-body`) makes
 *   its transpiler panic ("failed to find component export"); the panic text is the error's cause.
 *   Transpiling validates the whole component again: about 0.5 s for a 12 MB ComponentizeJS
 *   component once the transpiler is warm (1-3 s for the first one in a process).
 *
 * The glue is imported as a `data:` module (no temporary files, nothing to clean up, the same on
 * every OS). Node keeps each imported module for the life of the process: one glue (100 KB and
 * up) per distinct component wizened in a process.
 */




/** Name jco gives the component: files are `component.core.wasm`, ..., `component.js`. */
const NAME = 'component';
/** Options for the transpiler, as `transpileBytes()` maps `{ instantiation: 'async' }` plus ours. */
const GENERATE_OPTIONS = {
    name: NAME,
    instantiation: { tag: 'async' },
    noTypescript: true,
    tracing: false,
    // Result errors of exported functions are thrown as their payload, not wrapped.
    noComponentErrorWrapping: true,
    noNodejsCompat: false,
    tlaCompat: false,
    // Core modules come from getCoreModule, never inlined as base64.
    base64Cutoff: 1 << 30,
    validLiftingOptimization: false,
    // Keep every module's bytes as in the component (see above).
    multiMemory: true,
    // Validate with exceptions enabled (Node 24's V8 has exnref) so exception-using modules pass.
    bindgenEnableWasmExnref: true,
    map: [],
};
const HANDLES_KEY = 'wizer-action.handle-tables';
/** Property of a handle table: called with each owned handle the glue creates in it. */
const CREATED_KEY = 'wizer-action.handle-created';
/** The glue's intrinsic that creates every owned handle (host objects, `resource.new`, results). */
const CREATE_OWN_LINE = /^(\s*)function rscTableCreateOwn\(table, rep\) \{$/gm;
/**
 * The glue's shortcut for an empty string going into the guest: pointer 1, and no call of the
 * guest's `realloc`. The canonical ABI calls `realloc` for every string, empty ones too, and the
 * preview1 adapter depends on it: it terminates each string in place at `pointer + length`, so
 * with the shortcut it writes its NUL at address 1 and an empty environment value runs into the
 * next variable (ComponentizeJS's `EXPORT1_ARGS=` of a function without arguments then read as
 * `EXPORT1_ARGS=EXPORT1_RET=i32`, which broke every such export). Removed from the glue.
 */
const EMPTY_STRING_SHORTCUT = /^\s*if \(s\.length === 0\) \{ return \{ ptr: 1, len: 0 \}; \}\n/m;
/** A line of the glue that creates a handle table (inside `instantiate`, one per resource type). */
const HANDLE_TABLE_LINE = /^(\s*)const (handleTable\d+) = \[T_FLAG, 0\];$/gm;
/** jco's flag bit in handle tables (`T_FLAG`): set on a free slot's first cell. */
const T_FLAG = 1 << 30;
/**
 * Transpiles `component` with jco and loads its glue. The transpiler itself is loaded on the first
 * call (about half a second); each call after that costs the transpilation of this component.
 */
async function loadComponentGlue(component) {
    const sections = moduleSections(component);
    const transpiler = await loadTranspiler();
    const transpiled = transpiler.generate(component, GENERATE_OPTIONS);
    const files = new Map(transpiled.files);
    const glueSource = files.get(`${NAME}.js`);
    if (glueSource === undefined)
        throw new errors/* WizerError */.Mx('jco produced no JS glue for the component');
    const taken = new Set();
    const coreModules = [];
    for (const [file, bytes] of transpiled.files) {
        if (!file.endsWith('.wasm'))
            continue;
        const moduleIndex = sections.findIndex((s, i) => !taken.has(i) && sameBytes(s, bytes));
        if (moduleIndex >= 0)
            taken.add(moduleIndex);
        coreModules.push({ file, moduleIndex: moduleIndex >= 0 ? moduleIndex : undefined, bytes });
    }
    if (taken.size !== sections.length) {
        throw new errors/* WizerError */.Mx(`jco changed ${sections.length - taken.size} of the component's core modules ` +
            '(expected each module section unchanged)');
    }
    const raw = await importGlue(new TextDecoder().decode(glueSource));
    return {
        coreModules,
        imports: transpiled.imports,
        exports: transpiled.exports.map(([name, kind]) => ({ name, kind })),
        async instantiate(getCoreModule, imports, instantiateCore = defaultInstantiateCore) {
            const provenance = new HandleProvenance();
            const withHook = {
                ...imports,
                [Symbol.for(HANDLES_KEY)]: (table) => provenance.track(table),
            };
            const exports = await raw(getCoreModule, withHook, (module, importObject) => provenance.instantiate(module, importObject, instantiateCore));
            return {
                exports,
                liveHandles: () => countLiveHandles(provenance.tables),
                forgetHandles: () => forgetHandles(provenance.tables),
                liveHandleOrigins: () => provenance.liveOrigins(),
            };
        },
    };
}
/**
 * Where each handle went. Every function a core instance imports from the glue (a lowered host
 * function or a canonical built-in such as `resource.new`, as opposed to another core instance's
 * export) is wrapped so the glue knows which one is running; the glue's `rscTableCreateOwn`,
 * patched, reports each handle it makes, which is recorded with the running function. Calls are
 * synchronous, so a stack of running functions is exact (the glue may call back into a core
 * instance, e.g. `cabi_realloc`, which may call the glue again).
 */
class HandleProvenance {
    tables = [];
    running = [];
    origins = new Map();
    coreExports = new Set();
    track(table) {
        if (!Array.isArray(table))
            return;
        this.tables.push(table);
        const origins = new Map();
        this.origins.set(table, origins);
        Object.defineProperty(table, Symbol.for(CREATED_KEY), {
            value: (handle) => origins.set(handle, this.running.at(-1)),
        });
    }
    instantiate(module, importObject, instantiateCore) {
        const wrapped = importObject === undefined ? undefined : this.wrapGlueFunctions(importObject);
        const remember = (instance) => {
            for (const value of Object.values(instance.exports)) {
                if (typeof value === 'function')
                    this.coreExports.add(value);
            }
            return instance;
        };
        const instance = instantiateCore(module, wrapped);
        return instance instanceof Promise ? instance.then(remember) : remember(instance);
    }
    liveOrigins() {
        const found = [];
        for (const table of this.tables) {
            const origins = this.origins.get(table);
            forEachLiveHandle(table, (handle) => found.push(origins?.get(handle)));
        }
        return found;
    }
    wrapGlueFunctions(importObject) {
        const running = this.running;
        const result = {};
        for (const [module, members] of Object.entries(importObject)) {
            const copy = {};
            for (const [name, value] of Object.entries(members)) {
                if (typeof value !== 'function' || this.coreExports.has(value)) {
                    copy[name] = value;
                    continue;
                }
                const glueFunction = value;
                const wrapper = function (...args) {
                    running.push(wrapper);
                    try {
                        return glueFunction.apply(this, args);
                    }
                    finally {
                        running.pop();
                    }
                };
                copy[name] = wrapper;
            }
            result[module] = copy;
        }
        return result;
    }
}
function defaultInstantiateCore(module, imports) {
    return new WebAssembly.Instance(module, imports);
}
/** Loads the glue's `instantiate`, patched (see {@link patchGlueSource}). */
async function importGlue(source) {
    const text = `${patchGlueSource(source)}\n//# sourceURL=wizer-action:component-glue.js\n`;
    const module = (await import(
    /* webpackIgnore: true */
    `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`));
    if (typeof module.instantiate !== 'function') {
        throw new errors/* WizerError */.Mx('unsupported jco glue: it exports no `instantiate` function');
    }
    return module.instantiate;
}
/**
 * The glue as the pipeline runs it: each handle table handed to a hook in the imports, each owned
 * handle reported to its table's hook ({@link HandleProvenance}), and empty strings lowered
 * through the guest's `realloc` ({@link EMPTY_STRING_SHORTCUT}). The hooks are optional: the
 * patched glue runs as the original does with plain imports.
 */
function patchGlueSource(source) {
    const hook = `imports?.[Symbol.for(${JSON.stringify(HANDLES_KEY)})]?.`;
    let patchedTables = 0;
    const withTables = source.replace(HANDLE_TABLE_LINE, (line, indent, table) => {
        patchedTables++;
        return `${line}\n${indent}${hook}(${table});`;
    });
    const tables = new Set(source.match(/\bhandleTable\d+\b/g) ?? []);
    if (tables.size !== patchedTables) {
        throw new errors/* WizerError */.Mx('unsupported jco glue: cannot find where it creates its handle tables');
    }
    let patchedCreate = 0;
    const withCreation = withTables.replace(CREATE_OWN_LINE, (_line, indent) => {
        patchedCreate++;
        const untracked = 'rscTableCreateOwn$untracked';
        return (`${indent}function rscTableCreateOwn(table, rep) {\n` +
            `${indent}  const handle = ${untracked}(table, rep);\n` +
            `${indent}  table[Symbol.for(${JSON.stringify(CREATED_KEY)})]?.(handle);\n` +
            `${indent}  return handle;\n` +
            `${indent}}\n` +
            `${indent}function ${untracked}(table, rep) {`);
    });
    if (tables.size > 0 && patchedCreate !== 1) {
        throw new errors/* WizerError */.Mx('unsupported jco glue: cannot find where it creates owned handles');
    }
    const patched = withCreation.replace(EMPTY_STRING_SHORTCUT, '');
    if (patched.includes('{ ptr: 1, len: 0 }')) {
        throw new errors/* WizerError */.Mx('unsupported jco glue: cannot remove its empty-string shortcut');
    }
    return patched;
}
/**
 * Counts live handles. A table is jco's flat array of (scope, value) pairs after a header pair;
 * a free slot has `T_FLAG` in its scope cell, a live one a non-zero value (the rep, plus
 * `T_FLAG` for an owned handle).
 */
function countLiveHandles(tables) {
    let live = 0;
    for (const table of tables)
        forEachLiveHandle(table, () => live++);
    return live;
}
function forEachLiveHandle(table, visit) {
    for (let i = 2; i + 1 < table.length; i += 2) {
        const scope = table[i];
        const value = table[i + 1];
        if ((scope & T_FLAG) === 0 && value !== 0)
            visit(i >> 1);
    }
}
/** Empties each table to jco's initial `[T_FLAG, 0]`; returns the live handles it held. */
function forgetHandles(tables) {
    const live = countLiveHandles(tables);
    for (const table of tables) {
        table.length = 2;
        table[0] = T_FLAG;
        table[1] = 0;
        const created = table._createdReps;
        if (created instanceof Set)
            created.clear();
    }
    return live;
}
/** The byte views of the component's top-level module sections, in order. */
function moduleSections(component) {
    if (readPreamble(component) !== 'component') {
        throw new errors/* WizerError */.Mx('expected a component, found a core module');
    }
    const r = new BinaryReader(component, 8);
    const modules = [];
    while (!r.eof) {
        const id = r.u8();
        const size = r.u32();
        const payload = r.take(size);
        if (id === 1)
            modules.push(payload);
    }
    return modules;
}
function sameBytes(a, b) {
    return a.length === b.length && Buffer.compare(a, b) === 0;
}
/**
 * The JS name jco gives a WIT name: lower camel case of its kebab-case words, each word's
 * letters lower-cased after the first (`get-HTTP-body` -> `getHttpBody`).
 */
function jsName(witName) {
    return witName
        .split('-')
        .map((word, i) => {
        const lower = word.toLowerCase();
        return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
        .join('');
}
/** Whether an exported function was lifted `async` (an `async function` in jco's glue). */
function isAsyncLifted(fn) {
    return (typeof fn === 'function' && Object.prototype.toString.call(fn) === '[object AsyncFunction]');
}

;// CONCATENATED MODULE: ./src/component/resolve.ts
/** Resolves a type index to its definition when the binary says enough. */
function resolveType(parsed, index, depth = 0) {
    const def = parsed.types[index];
    if (def === undefined || depth > 100)
        return undefined;
    switch (def.kind) {
        case 'defined':
            return def.summary;
        case 'import':
            return def.typeIndex === undefined
                ? undefined
                : resolveType(parsed, def.typeIndex, depth + 1);
        case 'outer':
            return def.count === 0 ? resolveType(parsed, def.index, depth + 1) : undefined;
        case 'export':
            if (def.ascription?.sort === 'type' && def.ascription.bound === 'eq') {
                return resolveType(parsed, def.ascription.typeIndex, depth + 1);
            }
            return resolveType(parsed, def.target, depth + 1);
        case 'alias': {
            // A type exported by an imported instance: its instance type may declare what it is.
            const instance = parsed.instances[def.instance];
            if (instance?.kind !== 'import')
                return undefined;
            const type = resolveType(parsed, instance.typeIndex, depth + 1);
            if (type?.kind !== 'instance')
                return undefined;
            return type.exports.find((e) => e.name === def.name)?.typeSummary;
        }
    }
}
/** The shape of a component function of `parsed` (by index), if its type is known. */
function funcShape(parsed, index, depth = 0) {
    if (depth > 100)
        return undefined;
    const def = parsed.funcs[index];
    let summary;
    if (def?.kind === 'lift' || def?.kind === 'import')
        summary = resolveType(parsed, def.typeIndex);
    else if (def?.kind === 'alias') {
        const items = instanceItems(parsed, def.instance, depth + 1);
        return items?.find((i) => i.sort === 'func' && i.name === def.name)?.funcType;
    }
    else if (def?.kind === 'export') {
        const ascription = parsed.exports.find((e) => e.sort === 'func' && e.index === index)?.ascription;
        if (ascription?.sort === 'func')
            summary = resolveType(parsed, ascription.typeIndex);
        else
            return funcShape(parsed, def.target, depth + 1);
    }
    if (summary?.kind !== 'func')
        return undefined;
    return {
        params: summary.params,
        results: summary.results,
        async: summary.async,
        signature: summary.signature,
    };
}
function typeItems(parsed, type) {
    if (type?.sort !== 'instance')
        return undefined;
    const summary = resolveType(parsed, type.typeIndex);
    if (summary?.kind !== 'instance')
        return undefined;
    return summary.exports.map((e) => ({ name: e.name, sort: e.type.sort, funcType: e.funcType }));
}
/** The exports of a component instance, when the binary says what they are. */
function instanceItems(parsed, index, depth = 0) {
    const def = parsed.instances[index];
    if (def === undefined || depth > 100)
        return undefined;
    switch (def.kind) {
        case 'import':
            return typeItems(parsed, { sort: 'instance', typeIndex: def.typeIndex });
        case 'instantiate': {
            const component = parsed.components[def.component];
            return component?.exports.map((e) => ({ name: e.name, sort: e.sort, funcType: e.funcType }));
        }
        case 'exports':
            return def.exports.map((e) => ({
                name: e.name,
                sort: e.sort,
                funcType: e.sort === 'func' ? funcShape(parsed, e.index, depth + 1) : undefined,
            }));
        case 'export':
            return typeItems(parsed, def.ascription) ?? instanceItems(parsed, def.target, depth + 1);
        case 'alias': {
            // An instance exported by another instance: only its declared type can say what is in it.
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/component/init-func.ts
/**
 * Finding the init function of a component as `wasmtime wizer` does: it runs the init function
 * the way `wasmtime run --invoke` finds a function (src/commands/run.rs `search_component_funcs`).
 *
 * The name is a WIT item name: `func`, `iface.func` or `ns:pkg/iface.func@1.2.3`.
 * 1. The item name is looked up directly: a root export, or a function inside the root instance
 *    export named by its instance part (`ns:pkg/iface@1.2.3`, semver-compatible versions match).
 *    As in Wasmtime, an instance part that names no export falls back to the root.
 * 2. If that is not a function and the name has an instance part: "No exported func named ...".
 * 3. Otherwise every root instance export is searched for a function with that bare name; exactly
 *    one must match.
 *
 * Function names inside an exported instance come from the binary alone: an inline instance's
 * exports, the exports of the nested component it instantiates, or the export declarations of an
 * instance type (of an import or a type ascription). An exported instance reached only through an
 * alias of another instance's export is not searched (no type machinery for that here).
 */


const ID = '%?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*';
const VERSION = String.raw `\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const ITEM_NAME = new RegExp(`^(?:(${ID}):(${ID})/)?(${ID})(?:\\.(${ID}))?(?:@(${VERSION}))?$`);
/** Parses a WIT item name (wit-parser `ItemName`): `name`, `iface.name`, `ns:pkg/iface.name@v`. */
function parseItemName(text) {
    const m = ITEM_NAME.exec(text);
    const [, ns, pkg, first, second, version] = m ?? [];
    if (m === null || first === undefined || (version !== undefined && ns === undefined)) {
        throw new errors/* WizerError */.Mx(`parsing \`${text}\` as a wit item name`, {
            cause: new Error(`\`${text}\` is not a valid WIT item name`),
        });
    }
    const interfaceName = second === undefined ? undefined : first;
    const name = second ?? first;
    if (ns === undefined && interfaceName === undefined)
        return { instance: undefined, name };
    const prefix = ns === undefined ? '' : `${ns}:${pkg}/`;
    const suffix = version === undefined ? '' : `@${version}`;
    return { instance: `${prefix}${interfaceName ?? ''}${suffix}`, name };
}
/** Wasmtime's semver-compatible lookup key: `@1.2.3` -> `@1`, `@0.2.3` -> `@0.2`. */
function compatKey(name) {
    const at = name.lastIndexOf('@');
    if (at < 0)
        return undefined;
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(name.slice(at + 1));
    if (m === null)
        return undefined;
    const [, major, minor] = m;
    if (major !== '0')
        return `${name.slice(0, at)}@${major}`;
    if (minor !== '0')
        return `${name.slice(0, at)}@0.${minor}`;
    return undefined;
}
function init_func_lookup(items, name) {
    const exact = items.find((i) => i.name === name);
    if (exact !== undefined)
        return exact;
    const key = compatKey(name);
    return key === undefined ? undefined : items.find((i) => compatKey(i.name) === key);
}
/** Formats an instance export name and a function name as an item name (`ns:pkg/iface.f@v`). */
function qualified(instance, name) {
    const at = instance.lastIndexOf('@');
    return at < 0 ? `${instance}.${name}` : `${instance.slice(0, at)}.${name}${instance.slice(at)}`;
}
/**
 * The init function `name` of a parsed component (see the file header), or a `WizerError` with
 * upstream's message.
 */
function findInitExport(parsed, name) {
    const item = parseItemName(name);
    const root = parsed.exports;
    // 1. Direct lookup; an instance part that names no export at all falls back to the root.
    const instance = item.instance === undefined ? undefined : init_func_lookup(root, item.instance);
    if (instance === undefined) {
        const found = init_func_lookup(root, item.name);
        if (found?.sort === 'func') {
            const type = funcShape(parsed, found.index);
            return { kind: 'root', export: found, path: [found.name], funcType: type };
        }
    }
    else if (instance.sort === 'instance') {
        const inner = instanceItems(parsed, instance.index);
        const found = inner === undefined ? undefined : init_func_lookup(inner, item.name);
        if (found?.sort === 'func') {
            const path = [instance.name, found.name];
            const type = found.funcType;
            return { kind: 'instance', instance, name: found.name, path, funcType: type };
        }
    }
    // 2. A qualified name is not searched for.
    if (item.instance !== undefined) {
        throw new errors/* WizerError */.Mx(`No exported func named \`${name}\` in component.`);
    }
    // 3. Every root instance export, searched for a function of that bare name.
    const matches = [];
    for (const exported of root) {
        if (exported.sort !== 'instance')
            continue;
        const func = instanceItems(parsed, exported.index)?.find((i) => i.sort === 'func' && i.name === item.name);
        if (func !== undefined)
            matches.push({ instance: exported, func });
    }
    const [only, ...rest] = matches;
    if (only === undefined)
        throw new errors/* WizerError */.Mx(`No exported func named \`${name}\` in component.`);
    if (rest.length > 0) {
        const candidates = matches.map((m) => `\`${qualified(m.instance.name, item.name)}\``);
        throw new errors/* WizerError */.Mx(`Multiple instances contained funcs named \`${name}\`, retry with a more specific name: ${candidates.join(', ')}`);
    }
    return {
        kind: 'instance',
        instance: only.instance,
        name: only.func.name,
        path: [only.instance.name, only.func.name],
        funcType: only.func.funcType,
    };
}

;// CONCATENATED MODULE: ./src/component/binary.ts
/** Section ids of the component layer (Binary.md "Component Definitions"). */
const ComponentSectionId = {
    Custom: 0,
    CoreModule: 1,
    CoreInstance: 2,
    CoreType: 3,
    Component: 4,
    Instance: 5,
    Alias: 6,
    Type: 7,
    Canon: 8,
    Start: 9,
    Import: 10,
    Export: 11,
    Value: 12,
};
/** The 8-byte preamble of a component: magic, version 0x0d, layer 1. */
const COMPONENT_PREAMBLE = (/* unused pure expression or super */ null && ([
    0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
]));

;// CONCATENATED MODULE: ./src/component/entries.ts

const CORE_SORTS = {
    0x00: 'func',
    0x01: 'table',
    0x02: 'memory',
    0x03: 'global',
    0x04: 'tag',
    0x10: 'type',
    0x11: 'module',
    0x12: 'instance',
};
const SORTS = {
    0x01: 'func',
    0x02: 'value',
    0x03: 'type',
    0x04: 'component',
    0x05: 'instance',
};
function invalid(r, byte, what, at) {
    return r.error(`invalid leading byte (0x${byte.toString(16)}) for ${what}`, at);
}
/** A `core:sort` byte. */
function readCoreSort(r) {
    const at = r.pos;
    const byte = r.u8();
    const sort = CORE_SORTS[byte];
    if (sort === undefined)
        throw invalid(r, byte, 'core sort', at);
    return sort;
}
/** A `sort`: one byte, or `0x00` and a core sort. */
function readSort(r) {
    const at = r.pos;
    const byte = r.u8();
    if (byte === 0x00)
        return `core ${readCoreSort(r)}`;
    const sort = SORTS[byte];
    if (sort === undefined)
        throw invalid(r, byte, 'sort', at);
    return sort;
}
/** A `nameattributes`: the extern name; attributes (implements, version suffix, id) are skipped. */
function readExternName(r) {
    const at = r.pos;
    const tag = r.u8();
    if (tag === 0x00 || tag === 0x01)
        return r.name();
    if (tag !== 0x02)
        throw invalid(r, tag, 'component name', at);
    const name = r.name();
    for (let n = r.u32(); n > 0; n--) {
        const attrAt = r.pos;
        const attr = r.u8();
        if (attr > 0x02)
            throw invalid(r, attr, 'name attribute', attrAt);
        r.name();
    }
    return name;
}
/** A component `valtype`: a primitive type code or a type index (an s33). */
function skipComponentValType(r) {
    const byte = r.peek();
    if ((byte >= 0x73 && byte <= 0x7f) || byte === 0x64) {
        r.u8();
        return;
    }
    const at = r.pos;
    if (r.s33() < 0)
        throw invalid(r, byte, 'component value type', at);
}
/** An `externtype`. */
function readExternType(r) {
    const at = r.pos;
    const byte = r.u8();
    switch (byte) {
        case 0x00: {
            const sortAt = r.pos;
            const core = r.u8();
            if (core !== 0x11)
                throw invalid(r, core, 'component external kind', sortAt);
            return { sort: 'core module', typeIndex: r.u32() };
        }
        case 0x01:
            return { sort: 'func', typeIndex: r.u32() };
        case 0x02:
            // wasmparser reads a value type here (Binary.md's `valuebound` is not what binaries carry).
            skipComponentValType(r);
            return { sort: 'value' };
        case 0x03: {
            const boundAt = r.pos;
            const bound = r.u8();
            if (bound === 0x00)
                return { sort: 'type', bound: 'eq', typeIndex: r.u32() };
            if (bound === 0x01)
                return { sort: 'type', bound: 'sub resource' };
            throw invalid(r, bound, 'type bound', boundAt);
        }
        case 0x04:
            return { sort: 'component', typeIndex: r.u32() };
        case 0x05:
            return { sort: 'instance', typeIndex: r.u32() };
        default:
            throw invalid(r, byte, 'component external kind', at);
    }
}
function indexAt(r) {
    const start = r.pos;
    const index = r.u32();
    return { index, start, end: r.pos };
}
/** A `sortidx` naming a component-level item: a core sort other than `module` is malformed. */
function readSortIdx(r) {
    const at = r.pos;
    const sort = readSort(r);
    if (sort.startsWith('core ') && sort !== 'core module') {
        throw invalid(r, r.bytes[at + 1], 'component external kind', at + 1);
    }
    return { sort, at: indexAt(r) };
}
function readCoreInstance(r) {
    const at = r.pos;
    const tag = r.u8();
    if (tag === 0x00) {
        const module = r.u32();
        const args = [];
        for (let n = r.u32(); n > 0; n--) {
            const name = r.name();
            const kindAt = r.pos;
            const kind = r.u8();
            if (kind !== 0x12)
                throw invalid(r, kind, 'instantiation arg kind', kindAt);
            args.push({ name, instance: r.u32() });
        }
        return { kind: 'instantiate', module, args };
    }
    if (tag === 0x01) {
        const exports = [];
        for (let n = r.u32(); n > 0; n--) {
            const name = r.name();
            const sort = readCoreSort(r);
            exports.push({ name, sort, index: r.u32() });
        }
        return { kind: 'exports', exports };
    }
    throw invalid(r, tag, 'core instance', at);
}
function readInstance(r) {
    const at = r.pos;
    const tag = r.u8();
    if (tag === 0x00) {
        const component = r.u32();
        const args = [];
        for (let n = r.u32(); n > 0; n--)
            args.push({ name: r.name(), item: readSortIdx(r) });
        return { kind: 'instantiate', component, args };
    }
    if (tag === 0x01) {
        const exports = [];
        for (let n = r.u32(); n > 0; n--)
            exports.push({ name: readExternName(r), item: readSortIdx(r) });
        return { kind: 'exports', exports };
    }
    throw invalid(r, tag, 'instance', at);
}
function readAlias(r) {
    const sortAt = r.pos;
    const sort = readSort(r);
    const tagAt = r.pos;
    const tag = r.u8();
    switch (tag) {
        case 0x00:
            if (sort.startsWith('core ') && sort !== 'core module') {
                throw invalid(r, r.bytes[sortAt + 1], 'component external kind', sortAt + 1);
            }
            return { kind: 'export', sort, instance: r.u32(), name: r.name() };
        case 0x01:
            if (!['core func', 'core table', 'core memory', 'core global', 'core tag'].includes(sort)) {
                throw invalid(r, r.bytes[sortAt], 'core instance export kind', sortAt);
            }
            return { kind: 'core export', sort, instance: r.u32(), name: r.name() };
        case 0x02:
            if (!['core type', 'core module', 'type', 'component'].includes(sort)) {
                throw invalid(r, r.bytes[sortAt], 'component outer alias kind', sortAt);
            }
            return { kind: 'outer', sort, count: r.u32(), index: r.u32() };
        default:
            throw invalid(r, tag, 'alias', tagAt);
    }
}
function skipCanonOpts(r) {
    for (let n = r.u32(); n > 0; n--) {
        const at = r.pos;
        const opt = r.u8();
        if (opt === 0x03 || opt === 0x04 || opt === 0x05 || opt === 0x07 || opt === 0x08)
            r.u32();
        else if (opt > 0x09)
            throw invalid(r, opt, 'canonical option', at);
    }
}
function readBool(r) {
    const at = r.pos;
    const byte = r.u8();
    if (byte > 1)
        throw r.error(`invalid boolean value (0x${byte.toString(16)})`, at);
}
function skipResultList(r) {
    const at = r.pos;
    const tag = r.u8();
    if (tag === 0x00)
        skipComponentValType(r);
    else if (tag === 0x01) {
        const zeroAt = r.pos;
        const zero = r.u8();
        if (zero !== 0x00)
            throw invalid(r, zero, 'component function results', zeroAt);
    }
    else
        throw invalid(r, tag, 'component function results', at);
}
function readCanon(r) {
    const at = r.pos;
    const opcode = r.u8();
    switch (opcode) {
        case 0x00:
        case 0x01: {
            const sortAt = r.pos;
            const sort = r.u8();
            if (sort !== 0x00)
                throw invalid(r, sort, 'canonical function', sortAt);
            if (opcode === 0x00) {
                const coreFunc = r.u32();
                skipCanonOpts(r);
                return { kind: 'lift', coreFunc, typeIndex: r.u32() };
            }
            const func = indexAt(r);
            skipCanonOpts(r);
            return { kind: 'lower', func };
        }
        // resource.new/drop/rep, stream/future new and drops: one type index.
        case 0x02:
        case 0x03:
        case 0x04:
        case 0x0e:
        case 0x13:
        case 0x14:
        case 0x15:
        case 0x1a:
        case 0x1b:
        case 0x40: // thread.spawn-ref: a core type index
            r.u32();
            break;
        // No immediates.
        case 0x05:
        case 0x0d:
        case 0x1e:
        case 0x1f:
        case 0x22:
        case 0x23:
        case 0x24:
        case 0x25:
        case 0x26:
        case 0x28:
        case 0x42:
            break;
        case 0x09: // task.return
            skipResultList(r);
            skipCanonOpts(r);
            break;
        case 0x0a: // context.get / context.set: a core value type and a slot
        case 0x0b:
            readValType(r);
            r.u32();
            break;
        // A boolean (async? / cancel?).
        case 0x06:
        case 0x0c:
        case 0x29:
        case 0x2a:
        case 0x2b:
        case 0x2c:
        case 0x2d:
            readBool(r);
            break;
        // A type index and options.
        case 0x0f:
        case 0x10:
        case 0x16:
        case 0x17:
            r.u32();
            skipCanonOpts(r);
            break;
        // A type index and a boolean.
        case 0x11:
        case 0x12:
        case 0x18:
        case 0x19:
            r.u32();
            readBool(r);
            break;
        case 0x1c:
        case 0x1d:
            skipCanonOpts(r);
            break;
        case 0x20: // waitable-set.wait / poll: cancel? and a memory index
        case 0x21:
            readBool(r);
            r.u32();
            break;
        case 0x27: // thread.new-indirect: a core type and a table
        case 0x41:
            r.u32();
            r.u32();
            break;
        default:
            throw invalid(r, opcode, 'canonical function', at);
    }
    return { kind: 'core func', opcode };
}
/** An `import`. */
function readImport(r) {
    return { name: readExternName(r), type: readExternType(r) };
}
function readExport(r) {
    const name = readExternName(r);
    const item = readSortIdx(r);
    const at = r.pos;
    const flag = r.u8();
    if (flag > 0x01)
        throw invalid(r, flag, 'optional component export type', at);
    return { name, item, ascription: flag === 0x01 ? readExternType(r) : undefined };
}

;// CONCATENATED MODULE: ./src/component/type-section.ts
/**
 * Decoders for type definitions of the component layer (Binary.md "Type Definitions"). Entries of
 * a type section carry no size prefix, so finding the next one means walking the whole grammar;
 * only what `findInitExport` uses is kept: the export (and import) declarations of instance and
 * component types, the shape of function types, and the value types of function parameters and
 * results (for WAVE init calls, wave.ts). A value type refers to earlier types by index; those
 * are resolved while decoding, in the index space the type is decoded in (a type known only
 * through an alias of an instance export stays `unknown`).
 */


function type_section_invalid(r, byte, what, at) {
    return r.error(`invalid leading byte (0x${byte.toString(16)}) for ${what}`, at);
}
function skipOptional(r, what, item) {
    const at = r.pos;
    const flag = r.u8();
    if (flag === 0x01)
        item();
    else if (flag !== 0x00)
        throw type_section_invalid(r, flag, what, at);
}
/**
 * Types nest (instance types in component types in instance types...): a bound on the depth
 * keeps a hostile input from exhausting the stack. Real components nest a handful of levels.
 */
const MAX_NESTING = 100;
function checkDepth(r, depth) {
    if (depth > MAX_NESTING)
        throw r.error(`nesting too deep (more than ${MAX_NESTING} levels)`);
}
// --- core types -------------------------------------------------------------------------------
function skipStorageType(r) {
    const byte = r.peek();
    if (byte === 0x78 || byte === 0x77)
        r.u8();
    else
        readValType(r);
}
function skipFieldType(r) {
    skipStorageType(r);
    const at = r.pos;
    const mut = r.u8();
    if (mut > 0x01)
        throw r.error('malformed mutability', at);
}
/** A `comptype` (func, struct, array, cont), optionally `shared` or with descriptor clauses. */
function skipCompType(r) {
    let at = r.pos;
    let byte = r.u8();
    // Prefixes: shared (0x65), descriptor (0x4d idx), describes (0x4c idx).
    while (byte === 0x65 || byte === 0x4d || byte === 0x4c) {
        if (byte !== 0x65)
            r.u32();
        at = r.pos;
        byte = r.u8();
    }
    switch (byte) {
        case 0x60:
            for (let n = r.u32(); n > 0; n--)
                readValType(r);
            for (let n = r.u32(); n > 0; n--)
                readValType(r);
            return;
        case 0x5f:
            for (let n = r.u32(); n > 0; n--)
                skipFieldType(r);
            return;
        case 0x5e:
            skipFieldType(r);
            return;
        case 0x5d:
            r.s33();
            return;
        default:
            throw type_section_invalid(r, byte, 'composite type', at);
    }
}
function skipSubType(r) {
    const byte = r.peek();
    if (byte === 0x50 || byte === 0x4f) {
        r.u8();
        for (let n = r.u32(); n > 0; n--)
            r.u32();
    }
    skipCompType(r);
}
function skipCoreExternType(r) {
    const at = r.pos;
    const kind = r.u8();
    switch (kind) {
        case 0x00: // func
            r.u32();
            return;
        case 0x01: // table
            readValType(r);
            readLimits(r);
            return;
        case 0x02: // memory
            readLimits(r);
            return;
        case 0x03: {
            // global
            readValType(r);
            const mutAt = r.pos;
            if (r.u8() > 0x03)
                throw r.error('malformed mutability', mutAt);
            return;
        }
        case 0x04: {
            // tag
            const attrAt = r.pos;
            const attr = r.u8();
            if (attr !== 0x00)
                throw type_section_invalid(r, attr, 'tag attribute', attrAt);
            r.u32();
            return;
        }
        default:
            throw type_section_invalid(r, kind, 'external kind', at);
    }
}
/** A `core:type` of a component: a rec group, a `0x00`-prefixed non-final sub, or a module type. */
function skipCoreType(r, depth = 0) {
    checkDepth(r, depth);
    const byte = r.peek();
    if (byte === 0x00) {
        r.u8();
        const sub = r.peek();
        if (sub !== 0x50)
            throw type_section_invalid(r, sub, 'non-final sub type', r.pos);
        skipSubType(r);
        return;
    }
    if (byte === 0x50) {
        r.u8();
        for (let n = r.u32(); n > 0; n--) {
            const declAt = r.pos;
            const decl = r.u8();
            switch (decl) {
                case 0x00: // import
                    r.name();
                    r.name();
                    skipCoreExternType(r);
                    break;
                case 0x01: // type
                    skipCoreType(r, depth + 1);
                    break;
                case 0x02: {
                    // outer alias of a type
                    const sortAt = r.pos;
                    const sort = r.u8();
                    if (sort !== 0x10)
                        throw type_section_invalid(r, sort, 'outer alias kind', sortAt);
                    const tagAt = r.pos;
                    const tag = r.u8();
                    if (tag !== 0x01)
                        throw type_section_invalid(r, tag, 'outer alias', tagAt);
                    r.u32();
                    r.u32();
                    break;
                }
                case 0x03: // export
                    r.name();
                    skipCoreExternType(r);
                    break;
                default:
                    throw type_section_invalid(r, decl, 'module type declaration', declAt);
            }
        }
        return;
    }
    if (byte === 0x4e) {
        r.u8();
        for (let n = r.u32(); n > 0; n--)
            skipSubType(r);
        return;
    }
    skipSubType(r);
}
const PRIMITIVES = {
    0x7f: 'bool',
    0x7e: 's8',
    0x7d: 'u8',
    0x7c: 's16',
    0x7b: 'u16',
    0x7a: 's32',
    0x79: 'u32',
    0x78: 's64',
    0x77: 'u64',
    0x76: 'f32',
    0x75: 'f64',
    0x74: 'char',
    0x73: 'string',
};
const UNKNOWN = { kind: 'unknown' };
/** A `valtype`: a primitive, or a type index resolved through `lookup` when it can be. */
function readValueType(r, lookup) {
    const byte = r.peek();
    if ((byte >= 0x73 && byte <= 0x7f) || byte === 0x64) {
        r.u8();
        const kind = PRIMITIVES[byte];
        return kind === undefined ? { kind: 'unsupported', name: 'error-context' } : { kind };
    }
    const at = r.pos;
    skipComponentValType(r);
    r.pos = at;
    const index = r.s33();
    const summary = lookup?.(index);
    return summary?.kind === 'value' ? (summary.type ?? UNKNOWN) : UNKNOWN;
}
function readOptionalType(r, what, lookup) {
    let type;
    skipOptional(r, what, () => (type = readValueType(r, lookup)));
    return type;
}
/** A `defvaltype` other than a primitive, as far as WAVE values need it. */
function readDefinedValType(r, code, at, lookup) {
    switch (code) {
        case 0x72: {
            const fields = [];
            for (let n = r.u32(); n > 0; n--) {
                const name = r.name();
                fields.push({ name, type: readValueType(r, lookup) });
            }
            return { kind: 'record', fields };
        }
        case 0x71: {
            const cases = [];
            for (let n = r.u32(); n > 0; n--) {
                const name = r.name();
                cases.push({ name, type: readOptionalType(r, 'optional variant case type', lookup) });
                const zeroAt = r.pos;
                const zero = r.u8();
                if (zero !== 0x00)
                    throw type_section_invalid(r, zero, 'zero byte required', zeroAt);
            }
            return { kind: 'variant', cases };
        }
        case 0x70:
            return { kind: 'list', element: readValueType(r, lookup) };
        case 0x6b:
            return { kind: 'option', type: readValueType(r, lookup) };
        case 0x67: // fixed-length list
            skipComponentValType(r);
            r.u32();
            return UNKNOWN;
        case 0x63: // map
            skipComponentValType(r);
            skipComponentValType(r);
            return UNKNOWN;
        case 0x6f: {
            const types = [];
            for (let n = r.u32(); n > 0; n--)
                types.push(readValueType(r, lookup));
            return { kind: 'tuple', types };
        }
        case 0x6e:
        case 0x6d: {
            const names = [];
            for (let n = r.u32(); n > 0; n--)
                names.push(r.name());
            return { kind: code === 0x6e ? 'flags' : 'enum', names };
        }
        case 0x6a: {
            const ok = readOptionalType(r, 'optional result type', lookup);
            const err = readOptionalType(r, 'optional error type', lookup);
            return { kind: 'result', ok, err };
        }
        case 0x69:
        case 0x68:
            r.u32();
            return { kind: 'unsupported', name: code === 0x69 ? 'own' : 'borrow' };
        case 0x66:
        case 0x65:
            skipOptional(r, 'optional payload type', () => skipComponentValType(r));
            return { kind: 'unsupported', name: code === 0x66 ? 'stream' : 'future' };
        default:
            throw type_section_invalid(r, code, 'component defined type', at);
    }
}
/**
 * Declarations of an instance type (`0x42`) or component type (`0x41`). The type's own type
 * index space is followed (type declarations, type exports and imports, aliases) so a declared
 * function gets its shape when its type is declared inside; types from outside stay unknown.
 */
function readDecls(r, component, depth) {
    const imports = [];
    const exports = [];
    const types = [];
    const item = () => {
        const name = readExternName(r);
        const type = readExternType(r);
        if (type.sort === 'type') {
            const declared = type.bound === 'eq' ? types[type.typeIndex] : { kind: 'resource' };
            types.push(declared);
            if (declared?.kind === 'value')
                return { name, type, typeSummary: declared };
        }
        const summary = type.sort === 'func' ? types[type.typeIndex] : undefined;
        return summary?.kind === 'func'
            ? {
                name,
                type,
                funcType: {
                    params: summary.params,
                    results: summary.results,
                    async: summary.async,
                    signature: summary.signature,
                },
            }
            : { name, type };
    };
    for (let n = r.u32(); n > 0; n--) {
        const at = r.pos;
        const decl = r.u8();
        switch (decl) {
            case 0x00:
                skipCoreType(r, depth + 1);
                break;
            case 0x01:
                types.push(readComponentType(r, depth + 1, (i) => types[i]));
                break;
            case 0x02: {
                const alias = readAlias(r);
                if (alias.sort === 'type')
                    types.push(undefined);
                break;
            }
            case 0x03:
                if (!component)
                    throw type_section_invalid(r, decl, 'component or instance type declaration', at);
                imports.push(item());
                break;
            case 0x04:
                exports.push(item());
                break;
            default:
                throw type_section_invalid(r, decl, 'component or instance type declaration', at);
        }
    }
    return component ? { kind: 'component', imports, exports } : { kind: 'instance', exports };
}
function readParams(r, lookup) {
    const params = [];
    for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        params.push({ name, type: readValueType(r, lookup) });
    }
    return params;
}
/**
 * A component `type` (deftype). `lookup` resolves type indices of the index space it is decoded
 * in, so function signatures and value types get their parts where they are known.
 */
function readComponentType(r, depth = 0, lookup) {
    checkDepth(r, depth);
    const at = r.pos;
    const code = r.u8();
    switch (code) {
        case 0x3f: // resource
            readValType(r);
            skipOptional(r, 'resource destructor', () => r.u32());
            return { kind: 'resource' };
        case 0x40:
        case 0x43: {
            const params = readParams(r, lookup);
            const resultAt = r.pos;
            const tag = r.u8();
            let results;
            if (tag === 0x00)
                results = [{ name: '', type: readValueType(r, lookup) }];
            // `0x01 0x00` is "no result"; older binaries named their results here.
            else if (tag === 0x01)
                results = readParams(r, lookup);
            else
                throw type_section_invalid(r, tag, 'component function results', resultAt);
            const [only] = results;
            return {
                kind: 'func',
                async: code === 0x43,
                params: params.length,
                results: results.length,
                // Several (named) results: no single result type to describe.
                signature: results.length > 1 ? undefined : { params, result: only?.type },
            };
        }
        case 0x41:
            return readDecls(r, true, depth);
        case 0x42:
            return readDecls(r, false, depth);
        default: {
            const kind = PRIMITIVES[code];
            if (kind !== undefined)
                return { kind: 'value', type: { kind } };
            if (code === 0x64)
                return { kind: 'value', type: { kind: 'unsupported', name: 'error-context' } };
            return { kind: 'value', type: readDefinedValType(r, code, at, lookup) };
        }
    }
}

;// CONCATENATED MODULE: ./src/component/scope.ts
/**
 * The state of one component scope while `parseComponent` walks it (the top level or a nested
 * component): its index spaces so far, and the refusals and modules met, in byte order.
 */

/** Records refusals in byte order; only the first one (and the modules before it) matter. */
class Steps {
    list = [];
    /** Every module section's payload, nested ones included, in byte order. */
    allModules = [];
    refused = false;
    refuse(message) {
        if (this.refused)
            return;
        this.refused = true;
        this.list.push({ kind: 'refuse', message });
    }
    module(module) {
        if (!this.refused)
            this.list.push({ kind: 'module', module });
    }
}
/** An empty scope; `top` is the outermost component (the only one whose modules are kept). */
function newScope(bytes, top) {
    return {
        bytes,
        top,
        containsModules: false,
        sections: [],
        modules: [],
        coreInstances: [],
        imports: [],
        exports: [],
        components: [],
        funcs: [],
        instances: [],
        types: [],
        funcRefs: [],
        coreFuncs: [],
        coreTypeCount: 0,
        coreInstanceCount: 0,
        componentCount: 0,
        moduleCount: 0,
    };
}
/** Upstream's words for an item kind it does not handle in imports, exports or aliases. */
function unsupportedKind(sort, what) {
    const kind = sort === 'core module'
        ? 'module'
        : sort === 'component'
            ? 'component'
            : sort === 'value'
                ? 'value'
                : undefined;
    return kind === undefined ? undefined : `wizer does not currently support ${kind} ${what}`;
}
/** Counts an item of a refused sort in its index space, so later indices still check. */
function countRefused(scope, sort) {
    if (sort === 'core module')
        scope.moduleCount++;
    else if (sort === 'component')
        scope.componentCount++;
}
const INDEX_SPACES = {
    func: ['function', (s) => s.funcs.length],
    instance: ['instance', (s) => s.instances.length],
    type: ['type', (s) => s.types.length],
    component: ['component', (s) => s.componentCount],
    'core module': ['module', (s) => s.moduleCount],
    'core func': ['core function', (s) => s.coreFuncs.length],
    'core instance': ['core instance', (s) => s.coreInstanceCount],
};
/**
 * Checks that `index` exists in the `sort` space so far (the rewrite renumbers by these spaces,
 * so it relies on them). Other sorts are left to validation.
 */
function checkIndex(scope, sort, index, at) {
    const space = INDEX_SPACES[sort];
    if (space === undefined || index < space[1](scope))
        return;
    throw new errors/* WasmDecodeError */.r_(`unknown ${space[0]} ${index}: ${space[0]} index out of bounds`, at);
}
/** Reads a vector section's count and records where it sits. */
function count(section, r) {
    const start = r.pos;
    const n = r.u32();
    section.count = { start, end: r.pos };
    return n;
}
/** A use of a component function index, found in `section` at `at`. */
function funcRef(section, at, holder) {
    return { section: section.index, index: at.index, start: at.start, end: at.end, holder };
}

;// CONCATENATED MODULE: ./src/component/parse.ts
/**
 * Component phase 1: parse. Walks a component binary section by section and describes what the
 * rest of the component pipeline needs: where each core module sits and which core instance
 * instantiates it, the core instances in instantiation order, imports and exports, nested
 * components, and the component function index space (imports of funcs, aliases of instance
 * exports of sort func, `canon lift`, exports of funcs), with every use of a function index so
 * `rewriteComponent` can renumber them. Nothing is copied: all positions are ranges of the input.
 *
 * The refusals are upstream's (`wasmtime wizer`, crates/wizer/src/component/parse.rs), checked
 * in upstream's order. Upstream first validates the whole binary and scans every core module's
 * code for unsupported operators, then parses. So here the input is decoded completely first (a
 * malformed byte anywhere wins over any refusal), `beforeRefusals` gets every core module (nested
 * ones too) for validation and the operator scan, and then the walk is replayed in byte order:
 * the first refusal is thrown, and `onModule` sees each top-level core module at the point where
 * upstream runs its core parse on it (the `__wizer_` name checks).
 *
 *     (component
 *       (core module $m ...)                       ;; module 0, bytes [a, b)
 *       (core instance $i (instantiate $m))        ;; core instance 0 <- module 0
 *       (func $init (canon lift (core func $i "init")))   ;; func 0 (lift)
 *       (export "wizer-initialize" (func $init)))  ;; func 1 (export of func 0)
 */








/** A component feature that upstream's component wizening refuses, with upstream's message. */
class ComponentRefusal extends errors/* WizerError */.Mx {
    name = 'ComponentRefusal';
}
const parse_SECTION_NAMES = {
    0: 'custom',
    1: 'core module',
    2: 'core instance',
    3: 'core type',
    4: 'component',
    5: 'instance',
    6: 'alias',
    7: 'type',
    8: 'canonical function',
    9: 'component start',
    10: 'component import',
    11: 'component export',
};
/**
 * Parses a component binary (see the file header). Throws `WasmDecodeError` (with the offset) for
 * malformed input and `ComponentRefusal` for what upstream's component wizening refuses.
 */
function parseComponent(bytes, options = {}) {
    if (readPreamble(bytes) === 'module') {
        throw new errors/* WizerError */.Mx('expected a component, found a core module');
    }
    const steps = new Steps();
    const scope = walk(bytes, 0, bytes.length, 0, steps);
    options.beforeRefusals?.(steps.allModules.map((m) => bytes.subarray(m.start, m.end)));
    for (const step of steps.list) {
        if (step.kind === 'refuse')
            throw new ComponentRefusal(step.message);
        const { range } = step.module;
        options.onModule?.(step.module, bytes.subarray(range.start, range.end));
    }
    return {
        bytes,
        sections: scope.sections,
        modules: scope.modules,
        coreInstances: scope.coreInstances,
        imports: scope.imports,
        exports: scope.exports,
        components: scope.components,
        funcs: scope.funcs,
        instances: scope.instances,
        types: scope.types,
        funcRefs: scope.funcRefs,
        coreFuncs: scope.coreFuncs,
        coreTypeCount: scope.coreTypeCount,
    };
}
/** Walks the sections of the component whose preamble starts at `start`. */
function walk(bytes, start, end, depth, steps) {
    const scope = newScope(bytes, depth === 0);
    const r = new BinaryReader(bytes, start + 8, end);
    if (depth > 0)
        checkPreamble(bytes, start, end, 'component');
    checkDepth(r, depth);
    while (!r.eof) {
        const sectionStart = r.pos;
        const id = r.u8();
        const size = r.u32();
        const payloadStart = r.pos;
        if (payloadStart + size > end)
            throw r.error('unexpected end-of-file', payloadStart);
        if (id > ComponentSectionId.Export) {
            throw r.error(`malformed section id: ${id}`, sectionStart);
        }
        const section = {
            id,
            start: sectionStart,
            payloadStart,
            end: payloadStart + size,
            index: scope.sections.length,
        };
        scope.sections.push(section);
        const sr = new BinaryReader(bytes, payloadStart, section.end);
        readSection(scope, section, sr, depth, steps);
        if (!sr.eof) {
            throw sr.error(`unexpected data at the end of the ${parse_SECTION_NAMES[id] ?? ''} section`.replace('  ', ' '));
        }
        r.pos = section.end;
    }
    return scope;
}
function checkPreamble(bytes, start, end, kind) {
    const expected = kind === 'component'
        ? [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]
        : [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    if (end - start < 8)
        throw new errors/* WasmDecodeError */.r_('unexpected end-of-file', start);
    for (let i = 0; i < 8; i++) {
        if (bytes[start + i] !== expected[i]) {
            throw new errors/* WasmDecodeError */.r_(`expected a ${kind === 'component' ? 'component' : 'core module'} preamble`, start);
        }
    }
}
function readSection(scope, section, r, depth, steps) {
    switch (section.id) {
        case ComponentSectionId.Custom:
            section.customName = r.name();
            r.pos = r.end;
            return;
        case ComponentSectionId.CoreModule:
            r.pos = r.end;
            return moduleSection(scope, section, steps);
        case ComponentSectionId.CoreInstance:
            return coreInstanceSection(scope, section, r, steps);
        case ComponentSectionId.CoreType:
            for (let n = count(section, r); n > 0; n--) {
                skipCoreType(r);
                scope.coreTypeCount++;
            }
            return;
        case ComponentSectionId.Component:
            r.pos = r.end;
            return componentSection(scope, section, depth, steps);
        case ComponentSectionId.Instance:
            return instanceSection(scope, section, r);
        case ComponentSectionId.Alias:
            return aliasSection(scope, section, r, steps);
        case ComponentSectionId.Type:
            for (let n = count(section, r); n > 0; n--) {
                const lookup = (index) => resolveType(scope, index);
                scope.types.push({ kind: 'defined', summary: readComponentType(r, 0, lookup) });
            }
            return;
        case ComponentSectionId.Canon:
            return canonSection(scope, section, r);
        case ComponentSectionId.Start:
            // Decoded for its shape only: upstream refuses component start functions outright.
            r.u32();
            for (let n = r.u32(); n > 0; n--)
                r.u32();
            r.u32();
            steps.refuse('wizer does not currently support component start functions');
            return;
        case ComponentSectionId.Import:
            return importSection(scope, section, r, steps);
        case ComponentSectionId.Export:
            return exportSection(scope, section, r, steps);
    }
}
function moduleSection(scope, section, steps) {
    checkPreamble(scope.bytes, section.payloadStart, section.end, 'module');
    scope.containsModules = true;
    scope.moduleCount++;
    steps.allModules.push({ start: section.payloadStart, end: section.end });
    if (!scope.top) {
        steps.refuse('nested components with modules not currently supported');
        return;
    }
    const module = {
        index: scope.modules.length,
        section: section.index,
        range: { start: section.payloadStart, end: section.end },
        instance: undefined,
    };
    scope.modules.push(module);
    steps.module(module);
}
function coreInstanceSection(scope, section, r, steps) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const entry = readCoreInstance(r);
        if (entry.kind === 'instantiate') {
            for (const arg of entry.args)
                checkIndex(scope, 'core instance', arg.instance, start);
        }
        const index = scope.coreInstanceCount++;
        if (!scope.top)
            continue;
        const range = { start, end: r.pos };
        if (entry.kind === 'instantiate') {
            checkIndex(scope, 'core module', entry.module, start);
            // Undefined for an imported or aliased module, refused before this point.
            const module = scope.modules[entry.module];
            if (module === undefined) {
                // Nothing to record.
            }
            else if (module.instance !== undefined) {
                steps.refuse('modules may be instantiated at most once');
            }
            else {
                module.instance = index;
            }
        }
        scope.coreInstances.push({ index, section: section.index, range, ...entry });
    }
}
function componentSection(scope, section, depth, steps) {
    const inner = walk(scope.bytes, section.payloadStart, section.end, depth + 1, steps);
    const containsModules = inner.containsModules || inner.components.some((c) => c.containsModules);
    const nested = {
        index: scope.componentCount++,
        section: section.index,
        range: { start: section.payloadStart, end: section.end },
        containsModules,
        imports: inner.imports.map(({ name, type }) => ({ name, type })),
        exports: inner.exports.map(({ name, sort, ascription, index }) => ({
            name,
            sort,
            ascription,
            funcType: sort === 'func' ? funcShape(inner, index) : undefined,
        })),
    };
    scope.components.push(nested);
}
function instanceSection(scope, section, r) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const entry = readInstance(r);
        if (entry.kind === 'instantiate')
            checkIndex(scope, 'component', entry.component, start);
        const items = entry.kind === 'instantiate' ? entry.args : entry.exports;
        const holder = entry.kind === 'instantiate' ? 'instantiate argument' : 'inline export';
        for (const { item } of items) {
            checkIndex(scope, item.sort, item.at.index, item.at.start);
            if (item.sort === 'func')
                scope.funcRefs.push(funcRef(section, item.at, holder));
        }
        const list = items.map(({ name, item }) => ({ name, sort: item.sort, index: item.at.index }));
        scope.instances.push(entry.kind === 'instantiate'
            ? { kind: 'instantiate', component: entry.component, args: list }
            : { kind: 'exports', exports: list });
    }
}
function aliasSection(scope, section, r, steps) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const alias = readAlias(r);
        if (alias.kind === 'core export') {
            if (alias.sort === 'core func') {
                scope.coreFuncs.push({ kind: 'alias', instance: alias.instance, name: alias.name });
            }
            continue;
        }
        if (alias.kind === 'outer') {
            if (alias.sort === 'core type')
                scope.coreTypeCount++;
            else if (alias.sort === 'type') {
                scope.types.push({ kind: 'outer', count: alias.count, index: alias.index });
            }
            else {
                steps.refuse(unsupportedKind(alias.sort, 'aliases'));
                countRefused(scope, alias.sort);
            }
            continue;
        }
        const refusal = unsupportedKind(alias.sort, 'aliases');
        if (refusal !== undefined)
            steps.refuse(refusal);
        countRefused(scope, alias.sort);
        const { instance, name } = alias;
        checkIndex(scope, 'instance', instance, start);
        if (alias.sort === 'func')
            scope.funcs.push({ kind: 'alias', instance, name });
        else if (alias.sort === 'instance')
            scope.instances.push({ kind: 'alias', instance, name });
        else if (alias.sort === 'type')
            scope.types.push({ kind: 'alias', instance, name });
    }
}
function canonSection(scope, section, r) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const canon = readCanon(r);
        if (canon.kind === 'lift') {
            checkIndex(scope, 'core func', canon.coreFunc, start);
            checkIndex(scope, 'type', canon.typeIndex, start);
            scope.funcs.push({ kind: 'lift', coreFunc: canon.coreFunc, typeIndex: canon.typeIndex });
        }
        else {
            if (canon.kind === 'lower') {
                checkIndex(scope, 'func', canon.func.index, canon.func.start);
                scope.funcRefs.push(funcRef(section, canon.func, 'canon lower'));
                scope.coreFuncs.push({ kind: 'lower', func: canon.func.index });
            }
            else {
                scope.coreFuncs.push({ kind: 'builtin', opcode: canon.opcode });
            }
        }
    }
}
function importSection(scope, section, r, steps) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const { name, type } = readImport(r);
        const refusal = unsupportedKind(type.sort, 'imports');
        if (refusal !== undefined)
            steps.refuse(refusal);
        countRefused(scope, type.sort);
        let index = -1;
        if (type.sort === 'func') {
            index = scope.funcs.push({ kind: 'import', name, typeIndex: type.typeIndex }) - 1;
        }
        else if (type.sort === 'instance') {
            index = scope.instances.push({ kind: 'import', name, typeIndex: type.typeIndex }) - 1;
        }
        else if (type.sort === 'type') {
            const typeIndex = type.bound === 'eq' ? type.typeIndex : undefined;
            index = scope.types.push({ kind: 'import', name, bound: type.bound, typeIndex }) - 1;
        }
        scope.imports.push({ name, type, index, section: section.index, range: { start, end: r.pos } });
    }
}
function exportSection(scope, section, r, steps) {
    for (let n = count(section, r); n > 0; n--) {
        const start = r.pos;
        const { name, item, ascription } = readExport(r);
        const refusal = unsupportedKind(item.sort, 'exports');
        if (refusal !== undefined)
            steps.refuse(refusal);
        const target = item.at.index;
        checkIndex(scope, item.sort, target, item.at.start);
        countRefused(scope, item.sort);
        let index = -1;
        if (item.sort === 'func') {
            scope.funcRefs.push(funcRef(section, item.at, 'export'));
            index = scope.funcs.push({ kind: 'export', name, target }) - 1;
        }
        else if (item.sort === 'instance') {
            index = scope.instances.push({ kind: 'export', name, target, ascription }) - 1;
        }
        else if (item.sort === 'type') {
            index = scope.types.push({ kind: 'export', name, target, ascription }) - 1;
        }
        const range = { start, end: r.pos };
        scope.exports.push({
            name,
            sort: item.sort,
            target,
            ascription,
            index,
            section: section.index,
            range,
        });
    }
}

;// CONCATENATED MODULE: ./src/component/wave.ts
/**
 * The init function as a WAVE call expression (`wasmtime wizer` 47+): `-f` may name a function
 * with arguments, `my:pkg/iface.add-string("hello", 3)` or `init()`. This file parses such an
 * expression, checks and converts its arguments against the parameter types into the JS values
 * jco's glue takes, and formats the function's results back as WAVE text.
 *
 * WAVE (WebAssembly Value Encoding, bytecodealliance/wasm-tools `crates/wasm-wave`), as read here:
 *
 * - `true`, `false`; integers in decimal without leading zeros (`-12`); floats (`1.5`, `-2e-3`,
 *   `nan`, `inf`, `-inf`);
 * - chars `'x'` and strings `"x"` with the escapes `\\ \' \" \t \n \r \u{1F600}` (a line feed
 *   must be escaped); multiline strings between `"""` lines, dedented by the closing line's
 *   indent;
 * - lists `[a, b]`, tuples `(a, b)`, records `{name: a, other: b}` (fields of option type may be
 *   left out, none left is `{:}`), flags `{read, write}` (none set is `{}`);
 * - variant and enum cases, options and results by label: `case`, `case(payload)`, `some(x)`,
 *   `none`, `ok`, `ok(x)`, `err(x)`; `some(x)` and `ok(x)` may be written `x` when x is not
 *   itself an option or a result. A case that spells a keyword (`true`, `false`, `some`, `none`,
 *   `ok`, `err`, `inf`, `nan`) is written with a leading `%` (`%none`). Labels are kebab-case
 *   words, each all lower or all upper case;
 * - trailing commas are allowed; spaces, tabs, line breaks and `//` comments between tokens;
 * - in a call, trailing arguments of option type may be left out (`none`).
 *
 * Results are written as `wasmtime run --invoke` (which `wasmtime wizer` uses) prints them: the
 * single result's value, or `()`.
 *
 * Values are parsed without types first (positions kept), then checked against the parameter
 * types when the binary says them; without a type, integers become numbers (BigInt beyond the
 * safe range), floats numbers and labels strings, and jco's glue does the rest.
 *
 * jco's JS shapes (jco 0.15 glue): s64/u64 BigInt, other integers and floats numbers, char and
 * string strings, `list<u8>` a Uint8Array, other lists and tuples arrays, records objects keyed by
 * camel-cased field names, flags objects of booleans keyed likewise, variants `{ tag, val }` with
 * the case's WIT name, enums the case's WIT name, `option<T>` the value or `undefined` (an option
 * directly inside an option is `{ tag: 'some', val } | { tag: 'none' }`), results
 * `{ tag: 'ok' | 'err', val }`, except a function's own result: its ok payload is returned and
 * its err payload thrown (we ask for no error wrapping).
 */



const wave_UNKNOWN = { kind: 'unknown' };
const ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    t: '\t',
    n: '\n',
    r: '\r',
};
/** A label: kebab-case words, each all lower case or all upper case (WIT identifiers). */
const LABEL = /^(%?)((?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z0-9]+|[A-Z0-9]+))*)(?![A-Za-z0-9])/;
const KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);
/** Whether `-f`'s value is a call expression (has an argument list) rather than a bare name. */
function isCallExpression(text) {
    return text.includes('(');
}
/** An error in a call expression, naming the position (1-based column) and the expression. */
function syntaxError(text, at, message) {
    return new errors/* WizerError */.Mx(`invalid init function call \`${text}\`: ${message} ${wave_position(text, at)}`);
}
/** `at column 5`, or `at line 2, column 3` in a text of several lines (1-based). */
function wave_position(text, at) {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    return line === 1 ? `at column ${column}` : `at line ${line}, column ${column}`;
}
/** Values nest at most this deep (a bound on the parser's recursion). */
const MAX_DEPTH = 100;
class Parser {
    text;
    pos = 0;
    depth = 0;
    constructor(text) {
        this.text = text;
    }
    fail(message, at = this.pos) {
        return syntaxError(this.text, at, message);
    }
    /** Whitespace and `//` comments (to the end of the line). */
    skipSpace() {
        for (;;) {
            while (/^[ \t\n\r]$/.test(this.text.charAt(this.pos)))
                this.pos++;
            if (!this.text.startsWith('//', this.pos))
                return;
            const lf = this.text.indexOf('\n', this.pos);
            this.pos = lf < 0 ? this.text.length : lf + 1;
        }
    }
    peek() {
        this.skipSpace();
        return this.text.charAt(this.pos);
    }
    describe(at = this.pos) {
        const c = this.text.charAt(at);
        return c === '' ? 'end of input' : `\`${c}\``;
    }
    expect(c) {
        if (this.peek() !== c)
            throw this.fail(`expected \`${c}\`, found ${this.describe()}`);
        this.pos++;
    }
    /** A comma-separated sequence up to `close` (trailing comma allowed). */
    sequence(close, item) {
        const items = [];
        for (;;) {
            if (this.peek() === close)
                break;
            items.push(item());
            const next = this.peek();
            if (next === ',')
                this.pos++;
            else if (next !== close) {
                throw this.fail(`expected \`,\` or \`${close}\`, found ${this.describe()}`);
            }
        }
        this.pos++;
        return items;
    }
    label() {
        this.skipSpace();
        const at = this.pos;
        const m = LABEL.exec(this.text.slice(at));
        if (m === null) {
            const word = /^%?[A-Za-z0-9][A-Za-z0-9-]*/.exec(this.text.slice(at))?.[0];
            if (word === undefined)
                throw this.fail(`expected a label, found ${this.describe()}`);
            throw this.fail(`invalid label \`${word}\` (kebab-case words, each all lower or all upper case)`);
        }
        this.pos += m[0].length;
        return { name: m[2] ?? '', escaped: m[1] === '%', at };
    }
    value() {
        if (this.depth >= MAX_DEPTH)
            throw this.fail(`values nest more than ${MAX_DEPTH} deep`);
        this.depth++;
        try {
            return this.valueAt();
        }
        finally {
            this.depth--;
        }
    }
    valueAt() {
        const c = this.peek();
        const at = this.pos;
        if (c === '[') {
            this.pos++;
            return { kind: 'list', at, items: this.sequence(']', () => this.value()) };
        }
        if (c === '(') {
            this.pos++;
            const items = this.sequence(')', () => this.value());
            if (items.length === 0)
                throw this.fail('a tuple needs at least one value', at);
            return { kind: 'tuple', at, items };
        }
        if (c === '{')
            return this.braces();
        if (c === '"')
            return { kind: 'string', at, value: this.quoted('"') };
        if (c === "'") {
            const value = this.quoted("'");
            if ([...value].length !== 1)
                throw this.fail('a char literal holds exactly one character', at);
            return { kind: 'char', at, value };
        }
        if (c === '-' || /[0-9]/.test(c)) {
            const rest = this.text.slice(at);
            if (rest.startsWith('-inf') && !/[A-Za-z0-9-]/.test(rest.charAt(4))) {
                this.pos += 4;
                return { kind: 'number', at, text: '-inf' };
            }
            const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(rest);
            if (m === null || /[A-Za-z0-9_.]/.test(rest.charAt(m[0].length))) {
                throw this.fail('invalid number');
            }
            this.pos += m[0].length;
            return { kind: 'number', at, text: m[0] };
        }
        if (c === '%' || /[A-Za-z]/.test(c)) {
            const { name, escaped } = this.label();
            if (!escaped && (name === 'true' || name === 'false')) {
                return { kind: 'bool', at, value: name === 'true' };
            }
            let payload;
            if (this.peek() === '(') {
                this.pos++;
                payload = this.value();
                this.expect(')');
            }
            return { kind: 'label', at, name, escaped, payload };
        }
        throw this.fail(`expected a value, found ${this.describe()}`);
    }
    /** `{}` and `{a, b}` are flags, `{:}` and `{a: x}` records. */
    braces() {
        const at = this.pos;
        this.pos++;
        if (this.peek() === ':') {
            this.pos++;
            this.expect('}');
            return { kind: 'record', at, fields: [] };
        }
        if (this.peek() === '}') {
            this.pos++;
            return { kind: 'flags', at, names: [] };
        }
        const first = this.label();
        if (this.peek() === ':') {
            this.pos = first.at;
            const fields = this.sequence('}', () => {
                const field = this.label();
                this.expect(':');
                return { name: field.name, at: field.at, value: this.value() };
            });
            return { kind: 'record', at, fields };
        }
        this.pos = first.at;
        const names = this.sequence('}', () => {
            const flag = this.label();
            return { name: flag.name, at: flag.at };
        });
        return { kind: 'flags', at, names };
    }
    /** A char or string literal with WAVE escapes (a string may be multiline: `"""`). */
    quoted(quote) {
        if (quote === '"' && this.text.startsWith('"""', this.pos))
            return this.multiline();
        const at = this.pos;
        this.pos++;
        let out = '';
        for (;;) {
            const c = this.text.charAt(this.pos);
            if (c === '')
                throw this.fail('unterminated literal', at);
            if (c === quote) {
                this.pos++;
                return out;
            }
            if (c === '\n')
                throw this.fail('a line break must be escaped');
            out += c === '\\' ? this.escape() : this.codePoint();
        }
    }
    /** One character (a whole code point) of the text. */
    codePoint() {
        const cp = this.text.codePointAt(this.pos) ?? 0;
        this.pos += cp > 0xffff ? 2 : 1;
        return String.fromCodePoint(cp);
    }
    /** An escape sequence at `\`: `\\ \' \" \t \n \r \u{...}`. */
    escape() {
        const at = this.pos;
        const e = this.text.charAt(this.pos + 1);
        this.pos += 2;
        const simple = ESCAPES[e];
        if (simple !== undefined)
            return simple;
        const m = e === 'u' ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.text.slice(this.pos)) : null;
        if (m === null)
            throw this.fail('invalid escape', at);
        const cp = parseInt(m[1] ?? '', 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw this.fail('invalid Unicode scalar value in escape', at);
        }
        this.pos += m[0].length;
        return String.fromCodePoint(cp);
    }
    /**
     * A multiline string: `"""`, a line break, lines, a line break, spaces, `"""`. The spaces
     * before the closing `"""` are the indent every line starts with and loses; line breaks
     * between lines become `\n`.
     */
    multiline() {
        const at = this.pos;
        const open = /^"""\r?\n/.exec(this.text.slice(at));
        if (open === null)
            throw this.fail('a multiline string starts with `"""` and a line break', at);
        const start = at + open[0].length;
        // The closing line break may be the opening one (an empty string).
        const close = /\r?\n( *)"""/g;
        close.lastIndex = at + 3;
        const end = close.exec(this.text);
        if (end === null)
            throw this.fail('unterminated multiline string', at);
        this.pos = end.index + end[0].length;
        if (end.index < start)
            return '';
        const after = this.pos;
        const indent = ' '.repeat(end[1]?.length ?? 0);
        const lines = [];
        for (let lineStart = start;;) {
            const lf = this.text.indexOf('\n', lineStart);
            const last = lf < 0 || lf >= end.index;
            // A literal CR before a line break is part of the line break.
            let lineEnd = last ? end.index : lf;
            if (this.text.charAt(lineEnd - 1) === '\r' && lineEnd > lineStart)
                lineEnd--;
            if (!this.text.startsWith(indent, lineStart) && lineEnd > lineStart) {
                throw this.fail(`each line of a multiline string must start with its indent`, lineStart);
            }
            this.pos = Math.min(lineStart + indent.length, lineEnd);
            let out = '';
            while (this.pos < lineEnd) {
                if (this.text.startsWith('"""', this.pos)) {
                    throw this.fail('`"""` must be broken up by an escape in a multiline string');
                }
                out += this.text.charAt(this.pos) === '\\' ? this.escape() : this.codePoint();
            }
            lines.push(out);
            if (last)
                break;
            lineStart = lf + 1;
        }
        this.pos = after;
        return lines.join('\n');
    }
}
/** Parses one WAVE value (the whole text). */
function parseWaveValue(text) {
    const p = new Parser(text);
    const value = p.value();
    if (p.peek() !== '')
        throw p.fail(`unexpected ${p.describe()} after the value`);
    return value;
}
/** Parses a call expression: a WIT item name, then `(` arguments `)`. */
function parseCallExpression(text) {
    const p = new Parser(text);
    p.skipSpace();
    const nameAt = p.pos;
    const open = text.indexOf('(');
    const name = text.slice(p.pos, open < 0 ? text.length : open).trim();
    if (name === '')
        throw p.fail('expected a function name');
    if (open < 0)
        throw p.fail('expected `(`', text.length);
    p.pos = open + 1;
    const args = p.sequence(')', () => p.value());
    if (p.peek() !== '')
        throw p.fail(`unexpected ${p.describe()} after the call`);
    return { name, nameAt, args, text };
}
/**
 * The function a call expression names (see `findInitExport`), or its error with the position
 * of the name in the expression.
 */
function findCallExport(parsed, call) {
    try {
        return findInitExport(parsed, call.name);
    }
    catch (error) {
        if (!(error instanceof errors/* WizerError */.Mx))
            throw error;
        const message = error.message.replace(/\.$/, '');
        throw new errors/* WizerError */.Mx(`invalid init function call \`${call.text}\`: ${message} ${wave_position(call.text, call.nameAt)}`, { cause: error.cause });
    }
}
// --- WAVE -> JS ---------------------------------------------------------------------------------
const INT_RANGES = {
    s8: [-(1n << 7n), (1n << 7n) - 1n],
    u8: [0n, (1n << 8n) - 1n],
    s16: [-(1n << 15n), (1n << 15n) - 1n],
    u16: [0n, (1n << 16n) - 1n],
    s32: [-(1n << 31n), (1n << 31n) - 1n],
    u32: [0n, (1n << 32n) - 1n],
    s64: [-(1n << 63n), (1n << 63n) - 1n],
    u64: [0n, (1n << 64n) - 1n],
};
/** Describes a type in WIT syntax for messages. */
function typeName(type) {
    switch (type.kind) {
        case 'list':
            return `list<${typeName(type.element)}>`;
        case 'tuple':
            return `tuple<${type.types.map(typeName).join(', ')}>`;
        case 'option':
            return `option<${typeName(type.type)}>`;
        case 'result':
            if (type.ok === undefined && type.err === undefined)
                return 'result';
            return `result<${type.ok === undefined ? '_' : typeName(type.ok)}${type.err === undefined ? '' : `, ${typeName(type.err)}`}>`;
        case 'unsupported':
            return type.name;
        case 'record':
        case 'variant':
        case 'enum':
        case 'flags':
            return type.kind;
        default:
            return type.kind;
    }
}
function describeNode(node) {
    switch (node.kind) {
        case 'label':
            return `\`${node.escaped ? '%' : ''}${node.name}\``;
        case 'number':
            return `\`${node.text}\``;
        default:
            return `a ${node.kind}`;
    }
}
/** Whether `node` is written the way values of `type` are (not whether it fits the type). */
function fitsKind(node, type) {
    switch (type.kind) {
        case 'unknown':
            return true;
        case 'unsupported':
            return false;
        case 'f32':
        case 'f64':
            return node.kind === 'number' || isCase(node, 'nan', 'inf');
        case 'list':
        case 'tuple':
        case 'record':
        case 'flags':
        case 'bool':
        case 'char':
        case 'string':
            return node.kind === type.kind;
        case 'enum':
        case 'variant':
        case 'option':
        case 'result':
            return node.kind === 'label';
        default:
            return node.kind === 'number';
    }
}
/** Whether `node` is an unescaped case label named `a` or `b` (`some`/`none`, `ok`/`err`). */
function isCase(node, a, b) {
    return node.kind === 'label' && !node.escaped && (node.name === a || node.name === b);
}
class Converter {
    text;
    constructor(text) {
        this.text = text;
    }
    mismatch(node, type, why) {
        return syntaxError(this.text, node.at, why ?? `expected a value of type \`${typeName(type)}\`, found ${describeNode(node)}`);
    }
    /** A WIT-named item of `names`, or a mismatch. */
    caseOf(node, names, type) {
        if (!node.escaped && KEYWORDS.has(node.name))
            throw this.mismatch(node, type);
        if (!names.includes(node.name)) {
            throw this.mismatch(node, type, `\`${node.name}\` is not a case of \`${typeName(type)}\` (${names.map((n) => `\`${n}\``).join(', ')})`);
        }
        return node.name;
    }
    convert(node, type) {
        switch (type.kind) {
            case 'unknown':
                return this.untyped(node);
            case 'unsupported':
                throw this.mismatch(node, type, `values of type \`${type.name}\` have no WAVE form`);
            case 'bool':
                if (node.kind !== 'bool')
                    throw this.mismatch(node, type);
                return node.value;
            case 'f32':
            case 'f64':
                return this.float(node, type);
            case 'char':
                if (node.kind !== 'char')
                    throw this.mismatch(node, type);
                return node.value;
            case 'string':
                if (node.kind !== 'string')
                    throw this.mismatch(node, type);
                return node.value;
            case 'list': {
                if (node.kind !== 'list')
                    throw this.mismatch(node, type);
                const items = node.items.map((item) => this.convert(item, type.element));
                return type.element.kind === 'u8' ? Uint8Array.from(items) : items;
            }
            case 'tuple': {
                if (node.kind !== 'tuple')
                    throw this.mismatch(node, type);
                if (node.items.length !== type.types.length) {
                    throw this.mismatch(node, type, `expected a tuple of ${type.types.length} values, found ${node.items.length}`);
                }
                return node.items.map((item, i) => this.convert(item, type.types[i] ?? wave_UNKNOWN));
            }
            case 'record':
                return this.record(node, type);
            case 'flags': {
                if (node.kind !== 'flags')
                    throw this.mismatch(node, type);
                const out = {};
                for (const name of type.names)
                    out[jsName(name)] = false;
                for (const flag of node.names) {
                    if (!type.names.includes(flag.name)) {
                        throw syntaxError(this.text, flag.at, `\`${flag.name}\` is not a flag of the type (${type.names.join(', ')})`);
                    }
                    if (out[jsName(flag.name)] === true) {
                        throw syntaxError(this.text, flag.at, `flag \`${flag.name}\` given twice`);
                    }
                    out[jsName(flag.name)] = true;
                }
                return out;
            }
            case 'enum':
                if (node.kind !== 'label' || node.payload !== undefined)
                    throw this.mismatch(node, type);
                return this.caseOf(node, type.names, type);
            case 'variant': {
                if (node.kind !== 'label')
                    throw this.mismatch(node, type);
                const tag = this.caseOf(node, type.cases.map((c) => c.name), type);
                const payloadType = type.cases.find((c) => c.name === tag)?.type;
                return { tag, val: this.payload(node, payloadType, type) };
            }
            case 'option': {
                const flat = type.type.kind !== 'option' && type.type.kind !== 'result';
                if (!isCase(node, 'some', 'none')) {
                    // `some(x)` may be written `x` when x is not an option or a result.
                    if (!flat)
                        throw this.mismatch(node, type);
                    return this.convertFlat(node, type.type, type);
                }
                const some = node.name === 'some';
                const val = this.payload(node, some ? type.type : undefined, type);
                // jco tags an option only when its payload is an option itself.
                if (type.type.kind === 'option')
                    return some ? { tag: 'some', val } : { tag: 'none' };
                return some ? val : undefined;
            }
            case 'result': {
                if (!isCase(node, 'ok', 'err')) {
                    // `ok(x)` may be written `x` when x is not an option or a result.
                    const ok = type.ok;
                    if (ok === undefined || ok.kind === 'option' || ok.kind === 'result') {
                        throw this.mismatch(node, type);
                    }
                    return { tag: 'ok', val: this.convertFlat(node, ok, type) };
                }
                const tag = node.name;
                return { tag, val: this.payload(node, tag === 'ok' ? type.ok : type.err, type) };
            }
            default:
                return this.integer(node, type);
        }
    }
    /** A flat option or result payload; a value of another kind names the outer type. */
    convertFlat(node, type, outer) {
        if (!fitsKind(node, type))
            throw this.mismatch(node, outer);
        return this.convert(node, type);
    }
    payload(node, type, outer) {
        if (type === undefined) {
            if (node.payload !== undefined) {
                throw this.mismatch(node.payload, outer, `case \`${node.name}\` takes no payload`);
            }
            return undefined;
        }
        if (node.payload === undefined) {
            throw this.mismatch(node, outer, `case \`${node.name}\` needs a payload of type \`${typeName(type)}\``);
        }
        return this.convert(node.payload, type);
    }
    record(node, type) {
        // An empty record is `{:}`; `{}` is an empty flags value.
        const fields = node.kind === 'record' ? node.fields : undefined;
        if (fields === undefined)
            throw this.mismatch(node, type);
        const out = {};
        for (const field of fields) {
            const declared = type.fields.find((f) => f.name === field.name);
            if (declared === undefined) {
                throw syntaxError(this.text, field.at, `the record has no field \`${field.name}\` (fields: ${type.fields.map((f) => f.name).join(', ')})`);
            }
            if (jsName(field.name) in out) {
                throw syntaxError(this.text, field.at, `field \`${field.name}\` given twice`);
            }
            out[jsName(field.name)] = this.convert(field.value, declared.type);
        }
        for (const f of type.fields) {
            if (jsName(f.name) in out)
                continue;
            if (f.type.kind !== 'option') {
                throw syntaxError(this.text, node.at, `the record is missing field \`${f.name}\``);
            }
            out[jsName(f.name)] = undefined;
        }
        return out;
    }
    integer(node, type) {
        const range = INT_RANGES[type.kind];
        if (node.kind !== 'number' || range === undefined || !/^-?[0-9]+$/.test(node.text)) {
            throw this.mismatch(node, type);
        }
        const value = BigInt(node.text);
        if (value < range[0] || value > range[1]) {
            throw this.mismatch(node, type, `\`${node.text}\` is out of range for \`${type.kind}\` (${range[0]}..=${range[1]})`);
        }
        return type.kind === 's64' || type.kind === 'u64' ? value : Number(value);
    }
    float(node, type) {
        if (node.kind === 'label' && !node.escaped && node.payload === undefined) {
            if (node.name === 'nan')
                return NaN;
            if (node.name === 'inf')
                return Infinity;
        }
        if (node.kind !== 'number')
            throw this.mismatch(node, type);
        if (node.text === '-inf')
            return -Infinity;
        const value = type.kind === 'f32' ? Math.fround(Number(node.text)) : Number(node.text);
        if (!Number.isFinite(value)) {
            throw this.mismatch(node, type, `\`${node.text}\` is out of range for \`${type.kind}\``);
        }
        return value;
    }
    /** Without a type: the most likely JS shape. */
    untyped(node) {
        switch (node.kind) {
            case 'bool':
            case 'char':
            case 'string':
                return node.value;
            case 'number': {
                if (node.text === '-inf')
                    return -Infinity;
                if (!/^-?[0-9]+$/.test(node.text))
                    return Number(node.text);
                const value = BigInt(node.text);
                return Number.isSafeInteger(Number(value)) ? Number(value) : value;
            }
            case 'list':
            case 'tuple':
                return node.items.map((item) => this.untyped(item));
            case 'record':
                return Object.fromEntries(node.fields.map((f) => [jsName(f.name), this.untyped(f.value)]));
            case 'flags':
                return Object.fromEntries(node.names.map((f) => [jsName(f.name), true]));
            case 'label':
                if (!node.escaped && node.payload === undefined) {
                    if (node.name === 'nan')
                        return NaN;
                    if (node.name === 'inf')
                        return Infinity;
                    if (node.name === 'none')
                        return undefined;
                }
                if (node.payload === undefined)
                    return node.escaped ? node.name : { tag: node.name };
                return { tag: node.name, val: this.untyped(node.payload) };
        }
    }
}
/**
 * The JS arguments of `call` for a function of `paramCount` parameters whose signature may be
 * known; a `WizerError` naming the position of the first argument that does not fit.
 */
function callArguments(call, paramCount, signature) {
    const params = signature?.params;
    const count = params?.length ?? paramCount;
    // Trailing `option` arguments may be left out (they are `none`).
    let required = count;
    if (params !== undefined) {
        required = params.length;
        while (required > 0 && params[required - 1]?.type.kind === 'option')
            required--;
    }
    if (count !== undefined && (call.args.length > count || call.args.length < (required ?? count))) {
        const extra = call.args[count];
        throw syntaxError(call.text, extra?.at ?? call.text.lastIndexOf(')'), `\`${call.name}\` takes ${required !== undefined && required < count ? `${required} to ` : ''}${count} argument${count === 1 ? '' : 's'}, found ${call.args.length}`);
    }
    const converter = new Converter(call.text);
    const args = call.args.map((arg, i) => converter.convert(arg, params?.[i]?.type ?? wave_UNKNOWN));
    for (const param of params?.slice(args.length) ?? []) {
        args.push(param.type.kind === 'option' && param.type.type.kind === 'option'
            ? { tag: 'none' }
            : undefined);
    }
    return args;
}
/** Parses and converts one WAVE value of `type` (the whole text). */
function waveToJs(text, type) {
    return new Converter(text).convert(parseWaveValue(text), type);
}
// --- JS -> WAVE ---------------------------------------------------------------------------------
function escapeChar(c) {
    const simple = { '\\': '\\\\', '"': '\\"', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' }[c];
    if (simple !== undefined)
        return simple;
    const cp = c.codePointAt(0) ?? 0;
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? `\\u{${cp.toString(16)}}` : c;
}
function quote(text, q) {
    return `${q}${[...text].map(escapeChar).join('')}${q}`;
}
function label(name) {
    return KEYWORDS.has(name) ? `%${name}` : name;
}
/** Shortest decimal that reads back as the same f32 or f64, without an exponent. */
function formatFloat(value, f32) {
    if (Number.isNaN(value))
        return 'nan';
    if (value === Infinity)
        return 'inf';
    if (value === -Infinity)
        return '-inf';
    if (Object.is(value, -0))
        return '-0';
    let shortest = value;
    if (f32) {
        for (let p = 1; p <= 9; p++) {
            const candidate = Number(value.toPrecision(p));
            if (Math.fround(candidate) === value) {
                shortest = candidate;
                break;
            }
        }
    }
    return plainDecimal(String(shortest));
}
/** `1.5e+21` -> `1500000000000000000000`, `2.5e-7` -> `0.00000025`. */
function plainDecimal(text) {
    const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (m === null)
        return text;
    const [, sign = '', int = '', frac = '', exp = '0'] = m;
    const digits = int + frac;
    const point = int.length + Number(exp);
    if (point <= 0)
        return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
    if (point >= digits.length)
        return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
/** Whether a JS value of an option type is `none` (jco's shapes, see the file header). */
function isNone(value, type) {
    if (type.type.kind === 'option')
        return tagged(value)?.tag !== 'some';
    return value === undefined || value === null;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null;
}
function tagged(value) {
    return isRecord(value) && typeof value.tag === 'string'
        ? { tag: value.tag, val: value.val }
        : undefined;
}
/** Formats a JS value jco's glue returned as WAVE text of `type`. */
function formatWave(value, type = wave_UNKNOWN) {
    switch (type.kind) {
        case 'bool':
            return value === true ? 'true' : 'false';
        case 's8':
        case 'u8':
        case 's16':
        case 'u16':
        case 's32':
        case 'u32':
        case 's64':
        case 'u64':
            return String(value);
        case 'f32':
        case 'f64':
            return formatFloat(Number(value), type.kind === 'f32');
        case 'char':
            return quote(String(value), "'");
        case 'string':
            return quote(String(value), '"');
        case 'list':
            return `[${Array.from(value, (v) => formatWave(v, type.element)).join(', ')}]`;
        case 'tuple':
            return `(${type.types.map((t, i) => formatWave(value[i], t)).join(', ')})`;
        case 'record': {
            // Fields whose value is `none` are left out; with none left the record is `{:}`.
            const object = isRecord(value) ? value : {};
            const fields = type.fields
                .map((f) => ({ f, v: object[jsName(f.name)] }))
                .filter(({ f, v }) => !(f.type.kind === 'option' && isNone(v, f.type)))
                .map(({ f, v }) => `${f.name}: ${formatWave(v, f.type)}`);
            return fields.length === 0 ? '{:}' : `{${fields.join(', ')}}`;
        }
        case 'flags': {
            const object = isRecord(value) ? value : {};
            return `{${type.names
                .filter((n) => object[jsName(n)] === true)
                .join(', ')}}`;
        }
        case 'enum':
            return label(String(value));
        case 'variant': {
            const t = tagged(value);
            const payload = type.cases.find((c) => c.name === t?.tag)?.type;
            const name = label(t?.tag ?? '');
            return payload === undefined ? name : `${name}(${formatWave(t?.val, payload)})`;
        }
        case 'option': {
            if (type.type.kind === 'option') {
                const t = tagged(value);
                return t?.tag === 'some' ? `some(${formatWave(t.val, type.type)})` : 'none';
            }
            return value === undefined || value === null
                ? 'none'
                : `some(${formatWave(value, type.type)})`;
        }
        case 'result': {
            const t = tagged(value);
            const tag = t?.tag === 'err' ? 'err' : 'ok';
            const payload = tag === 'ok' ? type.ok : type.err;
            return payload === undefined ? tag : `${tag}(${formatWave(t?.val, payload)})`;
        }
        case 'unknown':
        case 'unsupported':
            return formatUntyped(value);
    }
}
/** Formats a JS value of unknown type by its shape. */
function formatUntyped(value) {
    if (typeof value === 'boolean')
        return String(value);
    if (typeof value === 'bigint')
        return String(value);
    if (typeof value === 'number') {
        return Number.isInteger(value) && !Object.is(value, -0)
            ? String(value)
            : formatFloat(value, false);
    }
    if (typeof value === 'string')
        return quote(value, '"');
    if (value === undefined || value === null)
        return 'none';
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        return `[${Array.from(value, formatUntyped).join(', ')}]`;
    }
    const t = tagged(value);
    if (t !== undefined) {
        // Without a type, `ok`/`err`/`some`/`none` are most likely a result's or an option's.
        const name = /^(ok|err|some|none)$/.test(t.tag) ? t.tag : label(t.tag);
        return t.val === undefined ? name : `${name}(${formatUntyped(t.val)})`;
    }
    if (isRecord(value)) {
        const entries = Object.entries(value);
        if (entries.length === 0)
            return '{:}';
        return `{${entries.map(([k, v]) => `${kebab(k)}: ${formatUntyped(v)}`).join(', ')}}`;
    }
    return quote(String(value), '"');
}
/** jco's camel-cased name back to kebab case (`addString` -> `add-string`). */
function kebab(name) {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
/**
 * The results of a call as `wasmtime wizer` (through `wasmtime run --invoke`) prints them: the
 * WAVE text of the single result, `()` for a function without one. `err` is the payload an init
 * whose result type is a `result` threw (jco's glue throws a function's err payload).
 */
function formatResults(signature, outcome) {
    const type = signature?.result;
    if ('err' in outcome) {
        const err = type?.kind === 'result' ? type.err : wave_UNKNOWN;
        return err === undefined ? 'err' : `err(${formatWave(outcome.err, err)})`;
    }
    if (type?.kind === 'result') {
        return type.ok === undefined ? 'ok' : `ok(${formatWave(outcome.value, type.ok)})`;
    }
    if (type === undefined && (signature !== undefined || outcome.value === undefined))
        return '()';
    return formatWave(outcome.value, type);
}

;// CONCATENATED MODULE: ./src/component/rewrite.ts
/**
 * Component phase 5: rewrite. Writes the component back with each replaced core module's bytes
 * substituted in place (its section size re-encoded) and, optionally, one component-level function
 * export removed; every other byte is copied from the input.
 *
 * Removing an export removes the function index it defined, so every later use of a component
 * function index above it moves down by one: instantiation arguments, inline instance exports,
 * `canon lower`, later exports (component start functions are refused by the parser; aliases only
 * define functions, naming instances rather than functions, so they stay as they are; nested
 * components have index spaces of their own and are copied as they are). A use of the
 * removed index itself (re-exporting the export) is pointed at the function the export named. The
 * function names of the `component-name` section are renumbered the same way. Only the
 * component-level export goes: core exports are never touched (upstream wasmtime#13168 also
 * removes a core export that a component alias still names, which breaks the component).
 *
 *     (func $init ...)                       ;; func 0          (func $init ...)
 *     (func $get ...)                        ;; func 1          (func $get ...)
 *     (export "wizer-initialize" (func 0))   ;; func 2    =>
 *     (export "get" (func 1))                ;; func 3          (export "get" (func 1))   ;; func 2
 *     (instance (export "g" (func 3)))                          (instance (export "g" (func 2)))
 */





function u32Bytes(value) {
    return new writer/* ByteSink */._s(5).u32(value).view().slice();
}
function renumber(index, removal) {
    if (index < removal.removed)
        return index;
    return index === removal.removed ? removal.redirect : index - 1;
}
/**
 * Rewrites `bytes` (parsed as `parsed` by `parseComponent`) as described in the file header.
 * With no replacements and no removal the output equals the input byte for byte.
 */
function rewriteComponent(bytes, parsed, options = {}) {
    if (bytes.length !== parsed.bytes.length) {
        throw new errors/* WizerError */.Mx('rewriteComponent: the bytes are not the ones that were parsed');
    }
    const replacements = new Map();
    for (const [index, module] of options.replacements ?? []) {
        const info = parsed.modules[index];
        if (info === undefined)
            throw new errors/* WizerError */.Mx(`the component has no core module ${index}`);
        replacements.set(info.section, module);
    }
    const removal = options.removeExport === undefined ? undefined : findRemoval(parsed, options.removeExport);
    const edits = removal === undefined ? new Map() : removalEdits(bytes, parsed, removal);
    const chunks = [bytes.subarray(0, 8)];
    for (const section of parsed.sections) {
        const replacement = replacements.get(section.index);
        const sectionEdits = edits.get(section.index);
        if (replacement !== undefined) {
            chunks.push((0,writer/* sectionHeader */.bV)(ComponentSectionId.CoreModule, replacement.length), replacement);
        }
        else if (sectionEdits !== undefined) {
            const payload = applyEdits(bytes, section, sectionEdits);
            chunks.push((0,writer/* sectionHeader */.bV)(section.id, payload.length), payload);
        }
        else if (removal !== undefined && section.customName === 'component-name') {
            const payload = renumberNames(bytes, section, removal);
            if (payload === undefined)
                chunks.push(bytes.subarray(section.start, section.end));
            else
                chunks.push((0,writer/* sectionHeader */.bV)(section.id, payload.length), payload);
        }
        else {
            chunks.push(bytes.subarray(section.start, section.end));
        }
    }
    return (0,writer/* concatChunks */.JD)(chunks);
}
function findRemoval(parsed, name) {
    const exported = parsed.exports.find((e) => e.name === name);
    if (exported === undefined) {
        throw new errors/* WizerError */.Mx(`the component does not have a \`${name}\` export to remove`);
    }
    if (exported.sort !== 'func') {
        throw new errors/* WizerError */.Mx(`the component's \`${name}\` export is not a function`);
    }
    return {
        removed: exported.index,
        redirect: exported.target,
        entry: { section: exported.section, ...exported.range },
    };
}
/** Edits, by section index, that remove the export entry and renumber every later use. */
function removalEdits(bytes, parsed, removal) {
    const edits = new Map();
    const add = (section, edit) => {
        const list = edits.get(section);
        if (list === undefined)
            edits.set(section, [edit]);
        else
            list.push(edit);
    };
    const { entry } = removal;
    for (const ref of parsed.funcRefs) {
        if (ref.section === entry.section && ref.start >= entry.start && ref.end <= entry.end)
            continue;
        const index = renumber(ref.index, removal);
        if (index !== ref.index)
            add(ref.section, { start: ref.start, end: ref.end, bytes: u32Bytes(index) });
    }
    const section = parsed.sections[entry.section];
    const count = section.count;
    const r = new BinaryReader(bytes, count.start, count.end);
    add(entry.section, { ...count, bytes: u32Bytes(r.u32() - 1) });
    add(entry.section, { start: entry.start, end: entry.end, bytes: new Uint8Array(0) });
    return edits;
}
/** The section payload with `edits` (non-overlapping) applied. */
function applyEdits(bytes, section, edits) {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const chunks = [];
    let at = section.payloadStart;
    for (const edit of sorted) {
        chunks.push(bytes.subarray(at, edit.start), edit.bytes);
        at = edit.end;
    }
    chunks.push(bytes.subarray(at, section.end));
    return (0,writer/* concatChunks */.JD)(chunks);
}
/**
 * The `component-name` section with the removed function's name dropped and later function
 * indices moved down; undefined to keep the section as is (no function names, or a name section
 * we cannot read: engines ignore malformed name sections, so we leave it alone).
 */
function renumberNames(bytes, section, removal) {
    try {
        const r = new BinaryReader(bytes, section.payloadStart, section.end);
        r.name();
        const chunks = [bytes.subarray(section.payloadStart, r.pos)];
        let changed = false;
        while (!r.eof) {
            const start = r.pos;
            const id = r.u8();
            const size = r.u32();
            const body = r.sub(size);
            if (id !== 1 || readSort(body) !== 'func') {
                chunks.push(bytes.subarray(start, body.end));
                continue;
            }
            const sink = new writer/* ByteSink */._s();
            sink.bytes(bytes.subarray(body.pos - 1, body.pos)); // the `func` sort byte
            const names = [];
            for (let n = body.u32(); n > 0; n--) {
                const index = body.u32();
                const nameStart = body.pos;
                body.name();
                if (index === removal.removed)
                    continue;
                const renumbered = index > removal.removed ? index - 1 : index;
                names.push([renumbered, bytes.subarray(nameStart, body.pos)]);
            }
            if (!body.eof)
                return undefined;
            sink.u32(names.length);
            for (const [index, name] of names)
                sink.u32(index).bytes(name);
            const subsection = sink.view();
            chunks.push(new writer/* ByteSink */._s(6).byte(id).u32(subsection.length).view().slice(), subsection.slice());
            changed = true;
        }
        return changed ? (0,writer/* concatChunks */.JD)(chunks) : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/component/index.ts
/**
 * Component wizening, as `wasmtime wizer` does it, on V8. The core phases do the work for every
 * core module the component instantiates; this file strings them together around the component:
 *
 *   parse component (refusals) -> validate + instrument each instantiated core module
 *   -> load jco's glue for the ORIGINAL component -> instantiate it with the instrumented modules
 *   (capturing each core instance) and, with --allow-wasi, our confined WASI 0.2 host
 *   -> call the init function -> reset the preview1 adapter's WASI state (adapter.ts)
 *   -> snapshot each core instance -> rewrite each module in place
 *   -> remove the init export from the component (unless --keep-init-func)
 *
 * Modules never instantiated and every other section are copied byte for byte.
 */
















async function wizenComponent(input, options, logger) {
    const { timings, lap, stop } = (0,wizer_options/* phaseClock */._5)();
    if (options.renames.length > 0) {
        throw new errors/* WizerError */.Mx('components do not support renaming functions');
    }
    if (options.preloads.length > 0) {
        throw new errors/* WizerError */.Mx('--preload cannot be used with components');
    }
    logger.debug('Parsing the input component', 'parse');
    const parsed = parseComponent(input);
    const runs = [];
    for (const module of parsed.modules) {
        if (module.instance === undefined)
            continue; // never instantiated: copied as it is
        const bytes = input.subarray(module.range.start, module.range.end);
        const { cx, codeFeatures } = await validateModule(bytes, options.features, {
            inComponent: true,
        });
        if (cx.globals.some((g) => g.mutable && g.type.code === ValTypeCode.V128)) {
            throw new errors/* WizerError */.Mx('component wizening does not support v128 globals');
        }
        lap('parse');
        const instrumented = instrument(cx, ...sitesToEdit(codeFeatures, options));
        lap('instrument');
        const compiled = await WebAssembly.compile(instrumented.wasm);
        runs.push({ moduleIndex: module.index, cx, instrumented, compiled });
        lap('compile');
    }
    // `-f` is a function name, or a WAVE call expression with arguments (`f("x", 3)`).
    const call = isCallExpression(options.initFunc)
        ? parseCallExpression(options.initFunc)
        : undefined;
    const init = call === undefined ? findInitExport(parsed, options.initFunc) : findCallExport(parsed, call);
    if (call === undefined &&
        init.funcType &&
        (init.funcType.params > 0 || init.funcType.results > 0)) {
        throw new errors/* WizerError */.Mx(`the component's \`${options.initFunc}\` function export does not have type \`[] -> []\``);
    }
    const signature = init.funcType?.signature;
    const args = call === undefined ? [] : callArguments(call, init.funcType?.params, signature);
    const glue = await loadComponentGlue(input);
    lap('compile');
    // No arguments: the library is given bytes, not a file (upstream passes the file's name).
    const host = options.allowWasi ? createWasi2Host(options) : undefined;
    try {
        logger.debug('Calling the initialization function', 'wasmtime');
        const byModule = new Map(runs.map((run) => [run.moduleIndex, run]));
        const byCompiled = new Map(runs.map((run) => [run.compiled, run]));
        const cores = [];
        const component = await glue.instantiate((file) => {
            const core = glue.coreModules.find((m) => m.file === file);
            if (core === undefined)
                throw new errors/* WizerError */.Mx(`jco asked for an unknown module ${file}`);
            const run = core.moduleIndex === undefined ? undefined : byModule.get(core.moduleIndex);
            return run?.compiled ?? (0,lazy_validation/* compileValidatedAsync */.Gy)(core.bytes);
        }, hostImports(glue.imports, host), (module, importObject) => {
            const instance = new WebAssembly.Instance(module, importObject);
            const run = byCompiled.get(module);
            cores.push({
                module,
                imports: importObject,
                instance,
                moduleIndex: run?.moduleIndex,
                cx: run?.cx,
            });
            if (run) {
                run.instance = instance;
                // The instrumented copy exports its start function instead of running it.
                const start = run.instrumented.start;
                if (start !== undefined)
                    instance.exports[start]();
            }
            return instance;
        });
        const outcome = callInit(component.exports, init, args, signature);
        const printed = call === undefined ? undefined : formatResults(signature, outcome);
        if (printed !== undefined)
            logger.initResult?.(printed);
        // The preview1 adapter's cached WASI handles cannot be snapshotted: see adapter.ts.
        const release = releaseAdapterHandles(component, cores);
        if (release.forgotten > 0) {
            logger.debug(`Reset the WASI preview1 adapter (core module ${release.adapter}): the output takes ` +
                `the ${release.forgotten} WASI handles it held during init anew`, 'wasmtime');
        }
        lap('initialize');
        logger.debug('Snapshotting the initialized state', 'snapshot');
        const replacements = new Map();
        const snaps = runs.map((run) => {
            if (run.instance === undefined) {
                throw new errors/* WizerError */.Mx(`core module ${run.moduleIndex} was never instantiated`);
            }
            const snap = snapshot(run.instrumented.globals, run.instrumented.memories, run.cx.memories, instanceState(run.instance, run.instrumented.globals, release.globals.get(run.moduleIndex)));
            return { run, snap };
        });
        lap('snapshot');
        logger.debug('Rewriting input component to pre-initialized state', 'rewrite');
        let optimized;
        for (const { run, snap } of snaps) {
            const rewritten = rewrite(run.cx, snap, {
                initFunc: '',
                keepInitFunc: true,
                keepReactorInit: true,
                renames: [],
            });
            // `--optimize`: each core module on its own (binaryen cannot read components).
            const result = await optimizeOutput(rewritten, options, logger);
            optimized = addOptimizeReports(optimized, result?.report);
            replacements.set(run.moduleIndex, result?.wasm ?? rewritten);
        }
        const removeExport = options.keepInitFunc || init.kind !== 'root' ? undefined : init.export.name;
        const wasm = rewriteComponent(input, parsed, { replacements, removeExport });
        lap('rewrite');
        stop();
        return {
            wasm,
            report: {
                inputBytes: input.length,
                outputBytes: wasm.length,
                timings,
                memories: [],
                globals: snaps.reduce((n, { snap }) => n + snap.globals.size, 0),
                segments: snaps.reduce((n, { snap }) => n + snap.segments.length, 0),
                ...(optimized ? { optimize: optimized } : {}),
            },
        };
    }
    finally {
        host?.close();
    }
}
/**
 * The glue's imports: our WASI 0.2 host where allowed, and for every other interface an object
 * whose members trap when used, as upstream's unknown imports do.
 */
function hostImports(keys, host) {
    const imports = {};
    for (const key of keys) {
        if (key.startsWith('wasi:') && host === undefined) {
            // As upstream: WASI is linked only when allowed, and a component needing it cannot start.
            throw new errors/* WizerError */.Mx('failed to instantiate the component', {
                cause: `component imports instance \`${key}\`, but a matching implementation was not found ` +
                    'in the linker (pass --allow-wasi)',
            });
        }
        imports[key] = host?.imports[key] ?? unknownInterface(key);
    }
    return imports;
}
function unknownInterface(key) {
    return new Proxy({}, {
        get: (_target, member) => {
            if (typeof member !== 'string')
                return undefined;
            const fail = () => {
                throw new errors/* WizerError */.Mx(`unknown import: \`${key}#${member}\` has not been defined`);
            };
            // Members may be functions or resource classes (constructed or called statically).
            return new Proxy(fail, { get: () => fail, construct: fail });
        },
    });
}
/**
 * Calls the init function with `args`; its return value, or the err payload thrown by one whose
 * result type is a `result` (jco's glue throws it).
 */
function callInit(exports, init, args, signature) {
    let target = exports;
    for (const name of init.path) {
        const holder = target;
        target = holder?.[name] ?? holder?.[jsName(name)];
    }
    if (typeof target !== 'function') {
        throw new errors/* WizerError */.Mx(`the component does export the function \`${init.path.join('.')}\``);
    }
    if (isAsyncLifted(target)) {
        throw new errors/* WizerError */.Mx('async-lifted initialization functions are not supported');
    }
    try {
        return { value: target(...args) };
    }
    catch (error) {
        if (signature?.result?.kind === 'result' && !(error instanceof Error))
            return { err: error };
        throw new errors/* WizerError */.Mx(`the \`${init.path.join('.')}\` function trapped`, { cause: error });
    }
}
/** Reads an instance's state; `overrides` replaces globals by defined index (adapter.ts). */
function instanceState(instance, probes, overrides) {
    const replaced = new Map();
    for (const probe of probes) {
        const value = overrides?.get(probe.globalIndex);
        if (value !== undefined && probe.exports.length === 1)
            replaced.set(probe.exports[0], value);
    }
    return {
        globalGet: (name) => replaced.get(name) ?? instance.exports[name](),
        memoryContents: (name) => new Uint8Array(instance.exports[name].buffer),
        memory: (name) => instance.exports[name],
    };
}

// EXTERNAL MODULE: ./src/sources/files.ts
var sources_files = __nccwpck_require__(109);
;// CONCATENATED MODULE: ./src/wasi/filesystem.ts
/**
 * The file and directory calls of WASI preview1 over `node:fs`, with upstream's results: errnos come
 * from the host where upstream's also do, and from the checks cap-std and Wasmtime make otherwise.
 */








function filetypeOf(stat) {
    if (stat.isFile())
        return Filetype.regularFile;
    if (stat.isDirectory())
        return Filetype.directory;
    if (stat.isSymbolicLink())
        return Filetype.symbolicLink;
    if (stat.isCharacterDevice())
        return Filetype.characterDevice;
    if (stat.isBlockDevice())
        return Filetype.blockDevice;
    if (stat.isSocket())
        return Filetype.socketStream;
    return Filetype.unknown;
}
/** A host stat as the guest sees it through `files` (as it is, or deterministic). */
function filestatOf(stat, files) {
    const filetype = filetypeOf(stat);
    const { size, nlink } = filetype === Filetype.directory
        ? files.directory(stat)
        : { size: stat.size, nlink: stat.nlink };
    return {
        ...files.identity(stat),
        filetype,
        nlink,
        size,
        atim: files.timestamp(stat.atimeNs),
        mtim: files.timestamp(stat.mtimeNs),
        ctim: files.timestamp(stat.ctimeNs),
    };
}
/** Setting a time both to a value and to "now" is EINVAL, checked before anything else. */
function checkFstflags(flags) {
    const both = (value, now) => (flags & value) !== 0 && (flags & now) !== 0;
    if (both(Fstflags.atim, Fstflags.atimNow) || both(Fstflags.mtim, Fstflags.mtimNow)) {
        throw new WasiErrno(Errno.inval);
    }
}
/** The [atime, mtime] changes preview1's fstflags ask for. */
function timeChanges(atim, mtim, flags) {
    const change = (value, set, now) => (flags & set) !== 0 ? value : (flags & now) !== 0 ? 'now' : 'keep';
    return [
        change(atim, Fstflags.atim, Fstflags.atimNow),
        change(mtim, Fstflags.mtim, Fstflags.mtimNow),
    ];
}
const SETS_A_TIME = Fstflags.atim | Fstflags.atimNow | Fstflags.mtim | Fstflags.mtimNow;
class Filesystem {
    table;
    files;
    /** The directories the guest moved, replayed where directories are known by path. */
    moves = new MoveLog();
    constructor(table, files = new sources_files/* HostFiles */.AK()) {
        this.table = table;
        this.files = files;
    }
    /** Opens a preopened directory; the caller reports failures. */
    preopen(guest, host) {
        const hostFd = openDirectory(host);
        const location = DirectoryLocation.preopen(this.moves, host);
        this.table.add({ kind: 'dir', hostFd, location, preopenName: guest });
    }
    pathOpen(dirfd, lookupFlags, path, oflags, rightsBase, fdflags) {
        const dir = this.table.directory(dirfd, Errno.notdir);
        // Resolved before the flag checks, as upstream opens the directory first (this only fails
        // where directories are known by path and this one has been moved away).
        directoryBase(dir);
        const create = (oflags & Oflags.creat) !== 0;
        const truncate = (oflags & Oflags.trunc) !== 0;
        const directory = (oflags & Oflags.directory) !== 0;
        if (directory && (oflags & (Oflags.creat | Oflags.excl | Oflags.trunc)) !== 0) {
            throw new WasiErrno(Errno.inval);
        }
        if ((fdflags & (Fdflags.dsync | Fdflags.rsync | Fdflags.sync)) !== 0) {
            throw new WasiErrno(Errno.notsup);
        }
        const write = (rightsBase & Rights.fdWrite) !== 0n;
        const read = (rightsBase & Rights.fdRead) !== 0n || !write;
        const opened = openAt(dir, path, {
            follow: (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0,
            create,
            exclusive: (oflags & Oflags.excl) !== 0,
            truncate,
            directory,
            read,
            write,
        });
        if (opened.kind === 'dir') {
            return this.table.add({
                kind: 'dir',
                hostFd: opened.hostFd,
                location: opened.location,
                preopenName: undefined,
            });
        }
        return this.table.add({
            kind: 'file',
            hostFd: opened.hostFd,
            readable: read,
            writable: write,
            append: (fdflags & Fdflags.append) !== 0,
            nonblock: (fdflags & Fdflags.nonblock) !== 0,
            position: 0,
        });
    }
    fdstat(fd, stdioIsTty) {
        const entry = this.table.get(fd);
        switch (entry.kind) {
            case 'stdio': {
                const rights = entry.stream === 0 ? Rights.fdRead : Rights.fdWrite;
                const filetype = stdioIsTty(entry.stream) ? Filetype.characterDevice : Filetype.unknown;
                return { filetype, flags: 0, rightsBase: rights, rightsInheriting: rights };
            }
            case 'dir':
                return entry.preopenName !== undefined
                    ? {
                        filetype: Filetype.directory,
                        flags: 0,
                        rightsBase: PREOPEN_RIGHTS_BASE,
                        rightsInheriting: PREOPEN_RIGHTS_INHERITING,
                    }
                    : {
                        filetype: Filetype.directory,
                        flags: 0,
                        rightsBase: DIRECTORY_RIGHTS,
                        rightsInheriting: DIRECTORY_RIGHTS,
                    };
            case 'file': {
                let rights = Rights.all;
                if (!entry.readable)
                    rights &= ~(Rights.fdRead | Rights.fdReaddir);
                if (!entry.writable)
                    rights &= ~Rights.fdWrite;
                const flags = (entry.append ? Fdflags.append : 0) | (entry.nonblock ? Fdflags.nonblock : 0);
                return {
                    filetype: Filetype.regularFile,
                    flags,
                    rightsBase: rights,
                    rightsInheriting: rights,
                };
            }
        }
    }
    setFdflags(fd, flags) {
        const file = this.table.file(fd);
        if ((flags & (Fdflags.dsync | Fdflags.rsync | Fdflags.sync)) !== 0)
            throw new WasiErrno(Errno.inval);
        file.append = (flags & Fdflags.append) !== 0;
        file.nonblock = (flags & Fdflags.nonblock) !== 0;
    }
    /** Rights are not enforced upstream and cannot be changed: ENOTSUP on files and directories. */
    setRights(fd) {
        if (this.table.get(fd).kind === 'stdio')
            throw new WasiErrno(Errno.badf);
        throw new WasiErrno(Errno.notsup);
    }
    /** `fd_filestat_get`; stdio reports zeros with its file type. */
    filestat(fd, stdioIsTty) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            const filetype = stdioIsTty(entry.stream) ? Filetype.characterDevice : Filetype.unknown;
            return { dev: 0n, ino: 0n, filetype, nlink: 0n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
        }
        return filestatOf((0,external_node_fs_.fstatSync)(entry.hostFd, { bigint: true }), this.files);
    }
    pathFilestat(dirfd, lookupFlags, path) {
        const dir = this.table.directory(dirfd);
        return filestatOf(statAt(dir, path, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0), this.files);
    }
    setSize(fd, size) {
        const file = this.table.file(fd);
        if (size > BigInt(Number.MAX_SAFE_INTEGER))
            throw new WasiErrno(Errno.fbig);
        // The host refuses descriptors not open for writing (EINVAL), as upstream reports.
        (0,external_node_fs_.ftruncateSync)(file.hostFd, Number(size));
    }
    /**
     * `fd_filestat_set_times`. As upstream: setting nothing succeeds on any file or directory, and
     * a preopened directory's own times cannot be set (EBADF; directories opened later can).
     */
    setTimes(fd, atim, mtim, flags) {
        checkFstflags(flags);
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio')
            throw new WasiErrno(Errno.badf);
        if ((flags & SETS_A_TIME) === 0)
            return;
        if (entry.kind === 'dir' && entry.preopenName !== undefined)
            throw new WasiErrno(Errno.badf);
        setTimesOfFd(entry.hostFd, ...timeChanges(atim, mtim, flags));
    }
    /**
     * `path_filestat_set_times`. A trailing slash is honoured (a link before it is followed, a file
     * is ENOTDIR); without following, setting nothing on a missing name succeeds, as Linux's
     * `utimensat` returns before its lookup.
     */
    pathSetTimes(dirfd, lookupFlags, path, atim, mtim, flags) {
        checkFstflags(flags);
        const dir = this.table.directory(dirfd);
        const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
        setTimesAt(dir, path, follow, ...timeChanges(atim, mtim, flags));
    }
    /**
     * Every entry of a directory, `.` and `..` first, then in the host's order (as upstream lists
     * them) or, in deterministic mode, by name.
     */
    readdir(fd) {
        const entry = this.table.get(fd);
        if (entry.kind !== 'dir')
            throw new WasiErrno(Errno.badf);
        const self = this.files.identity((0,external_node_fs_.fstatSync)(entry.hostFd, { bigint: true })).ino;
        return [
            { name: Buffer.from('.'), ino: self, filetype: Filetype.directory },
            { name: Buffer.from('..'), ino: self, filetype: Filetype.directory },
            ...this.files.order(listDirectory(entry)).map(({ name, stat }) => ({
                name,
                ino: this.files.identity(stat).ino,
                filetype: filetypeOf(stat),
            })),
        ];
    }
    createDirectory(dirfd, path) {
        createDirectoryAt(this.table.directory(dirfd), path);
    }
    removeDirectory(dirfd, path) {
        removeDirectoryAt(this.table.directory(dirfd), path);
    }
    unlinkFile(dirfd, path) {
        unlinkFileAt(this.table.directory(dirfd), path);
    }
    rename(oldDirfd, oldPath, newDirfd, newPath) {
        renameAt(this.table.directory(oldDirfd), oldPath, this.table.directory(newDirfd), newPath);
    }
    symlink(target, dirfd, path) {
        symlinkAt(target, this.table.directory(dirfd), path);
    }
    readlink(dirfd, path) {
        return readlinkAt(this.table.directory(dirfd), path);
    }
    link(oldDirfd, lookupFlags, oldPath, newDirfd, newPath) {
        const oldDir = this.table.directory(oldDirfd);
        const newDir = this.table.directory(newDirfd);
        const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
        linkAt(oldDir, follow, oldPath, newDir, newPath);
    }
    /** `fd_prestat_get` / `fd_prestat_dir_name`: the guest name of a preopen. */
    prestatName(fd, forDirName) {
        const entry = this.table.get(fd);
        if (entry.kind === 'dir' && entry.preopenName !== undefined)
            return entry.preopenName;
        throw new WasiErrno(forDirName ? Errno.notdir : Errno.badf);
    }
}

;// CONCATENATED MODULE: ./src/wasi/memory.ts
/**
 * Checked access to the guest's exported memory. Views are cached per `memory.buffer` (it changes
 * when the guest grows its memory), so each access costs one identity check. Bad pointers trap
 * with upstream's wording (wiggle's `GuestError` messages).
 */



const memory_utf8 = new TextDecoder('utf-8', { fatal: true });
const TWO_32 = 0x1_0000_0000;
/** "In func wasi_snapshot_preview1::NAME at write TYPE: REASON", caused by REASON. */
function contextTrap(func, what, reason) {
    return new errors/* GuestTrap */.U1(`In func wasi_snapshot_preview1::${func} at ${what}: ${reason}`, {
        cause: new errors/* GuestTrap */.U1(reason),
    });
}
function invalidEnum(func, type) {
    return contextTrap(func, `convert ${type}`, `Invalid enum value ${type}`);
}
function invalidFlags(func, type) {
    return contextTrap(func, `convert ${type}`, `Invalid flag value ${type}`);
}
function outOfBounds(ptr, len) {
    return `Pointer out of bounds: Region { start: ${ptr}, len: ${len} }`;
}
class GuestMemory {
    memory;
    buffer;
    u8view = new Uint8Array(0);
    dataView = new DataView(new ArrayBuffer(0));
    bind(memory) {
        this.memory = memory;
        this.buffer = undefined;
    }
    /** Every preview1 call needs the memory export, even those that never touch it (as upstream). */
    require() {
        if (this.memory === undefined)
            throw new errors/* GuestTrap */.U1('missing required memory export');
    }
    refresh() {
        const memory = this.memory;
        if (memory === undefined)
            throw new errors/* GuestTrap */.U1('missing required memory export');
        if (memory.buffer !== this.buffer) {
            this.buffer = memory.buffer;
            this.u8view = new Uint8Array(this.buffer);
            this.dataView = new DataView(this.buffer);
        }
    }
    /** Traps unless `[ptr, ptr + len)` lies inside memory; returns the current byte view. */
    check(ptr, len) {
        this.refresh();
        if (ptr + len > this.u8view.length)
            throw new errors/* GuestTrap */.U1(outOfBounds(ptr, len));
        return this.u8view;
    }
    /** Like `check` for a typed value written as a function result (alignment checked too). */
    checkResult(func, type, ptr, size) {
        this.refresh();
        if (ptr % size !== 0) {
            throw contextTrap(func, `write ${type}`, `Pointer not aligned to ${size}: Region { start: ${ptr}, len: ${size} }`);
        }
        if (ptr + size > this.u8view.length) {
            throw contextTrap(func, `write ${type}`, outOfBounds(ptr, size));
        }
        return this.dataView;
    }
    view() {
        this.refresh();
        return this.dataView;
    }
    bytes(ptr, len) {
        return this.check(ptr, len).subarray(ptr, ptr + len);
    }
    /** A guest string (ptr, len); invalid UTF-8 is EILSEQ as upstream. */
    string(ptr, len) {
        const bytes = this.bytes(ptr, len);
        try {
            return memory_utf8.decode(bytes);
        }
        catch {
            throw new WasiErrno(Errno.ilseq);
        }
    }
    u32(ptr) {
        this.check(ptr, 4);
        return this.dataView.getUint32(ptr, true);
    }
    writeU32(func, type, ptr, value) {
        this.checkResult(func, type, ptr, 4).setUint32(ptr, value, true);
    }
    /** Writes a u64 given as a non-negative double (exact below 2^53), without allocating a BigInt. */
    writeU64Number(func, type, ptr, value) {
        const view = this.checkResult(func, type, ptr, 8);
        const high = Math.floor(value / TWO_32);
        view.setUint32(ptr, value - high * TWO_32, true);
        view.setUint32(ptr + 4, high, true);
    }
    writeU64(func, type, ptr, value) {
        this.checkResult(func, type, ptr, 8).setBigUint64(ptr, value, true);
    }
    /** Checks a struct result of `size` bytes aligned to `align`; returns the view to fill it. */
    result(func, type, ptr, size, align) {
        this.refresh();
        if (ptr % align !== 0) {
            throw contextTrap(func, `write ${type}`, `Pointer not aligned to ${align}: Region { start: ${ptr}, len: ${size} }`);
        }
        if (ptr + size > this.u8view.length) {
            throw contextTrap(func, `write ${type}`, outOfBounds(ptr, size));
        }
        return this.dataView;
    }
}

;// CONCATENATED MODULE: ./src/wasi/layout.ts
function writeFilestat(memory, func, ptr, stat) {
    const view = memory.result(func, 'filestat', ptr, 64, 8);
    view.setBigUint64(ptr, stat.dev, true);
    view.setBigUint64(ptr + 8, stat.ino, true);
    view.setBigUint64(ptr + 16, 0n, true);
    view.setUint8(ptr + 16, stat.filetype);
    view.setBigUint64(ptr + 24, stat.nlink, true);
    view.setBigUint64(ptr + 32, stat.size, true);
    view.setBigUint64(ptr + 40, stat.atim, true);
    view.setBigUint64(ptr + 48, stat.mtim, true);
    view.setBigUint64(ptr + 56, stat.ctim, true);
}
/** Serialises entries from index `cookie` on; the last one may be cut off at the buffer's end. */
function writeDirEntries(memory, ptr, len, entries, cookie) {
    const bytes = memory.check(ptr, len);
    const header = new DataView(new ArrayBuffer(24));
    const headerBytes = new Uint8Array(header.buffer);
    let used = 0;
    for (let i = Number(cookie > BigInt(entries.length) ? entries.length : cookie); i < entries.length; i++) {
        const entry = entries[i];
        header.setBigUint64(0, BigInt(i + 1), true);
        header.setBigUint64(8, entry.ino, true);
        header.setUint32(16, entry.name.length, true);
        header.setUint32(20, entry.filetype, true);
        for (const part of [headerBytes, entry.name]) {
            const n = Math.min(part.length, len - used);
            bytes.set(part.subarray(0, n), ptr + used);
            used += n;
        }
        if (used === len)
            break;
    }
    return used;
}

;// CONCATENATED MODULE: ./src/wasi/preview1-paths.ts
/** The `path_*` import functions of `wasi_snapshot_preview1`. */




/** Wiggle converts i64 rights to u64 first (negative: an integer conversion error), then checks bits. */
function checkRights(value) {
    if (value < 0n) {
        const reason = 'Int conversion error: TryFromIntError(())';
        throw new errors/* GuestTrap */.U1(`In func wasi_snapshot_preview1::path_open at convert Rights: ${reason}`, {
            cause: new errors/* GuestTrap */.U1(reason, {
                cause: new errors/* GuestTrap */.U1('out of range integral type conversion attempted'),
            }),
        });
    }
    if ((value & ~Rights.all) !== 0n)
        throw invalidFlags('path_open', 'Rights');
}
function createPathImports(cx, simple) {
    const { memory, fs } = cx;
    const str = (ptr, len) => memory.string(ptr >>> 0, len >>> 0);
    const lookupFlags = (func, flags) => {
        if ((flags >>> 0) & ~1)
            throw invalidFlags(func, 'Lookupflags');
        return flags >>> 0;
    };
    return {
        path_open: (dirfd, dirflags, pathPtr, pathLen, oflags, rightsBase, rightsInheriting, fdflags, resultPtr) => simple(() => {
            const lookup = lookupFlags('path_open', dirflags);
            if ((oflags >>> 0) & ~Oflags.all)
                throw invalidFlags('path_open', 'Oflags');
            checkRights(rightsBase);
            checkRights(rightsInheriting);
            if ((fdflags >>> 0) & ~Fdflags.all)
                throw invalidFlags('path_open', 'Fdflags');
            const path = str(pathPtr, pathLen);
            const fd = fs.pathOpen(dirfd >>> 0, lookup, path, oflags >>> 0, rightsBase, fdflags >>> 0);
            memory.writeU32('path_open', 'fd', resultPtr >>> 0, fd);
        }),
        path_filestat_get: (dirfd, flags, pathPtr, pathLen, resultPtr) => simple(() => {
            const lookup = lookupFlags('path_filestat_get', flags);
            const stat = fs.pathFilestat(dirfd >>> 0, lookup, str(pathPtr, pathLen));
            writeFilestat(memory, 'path_filestat_get', resultPtr >>> 0, stat);
        }),
        path_filestat_set_times: (dirfd, flags, pathPtr, pathLen, atim, mtim, fstflags) => simple(() => {
            const lookup = lookupFlags('path_filestat_set_times', flags);
            if ((fstflags >>> 0) & ~Fstflags.all)
                throw invalidFlags('path_filestat_set_times', 'Fstflags');
            fs.pathSetTimes(dirfd >>> 0, lookup, str(pathPtr, pathLen), atim, mtim, fstflags >>> 0);
        }),
        path_create_directory: (dirfd, pathPtr, pathLen) => simple(() => fs.createDirectory(dirfd >>> 0, str(pathPtr, pathLen))),
        path_remove_directory: (dirfd, pathPtr, pathLen) => simple(() => fs.removeDirectory(dirfd >>> 0, str(pathPtr, pathLen))),
        path_unlink_file: (dirfd, pathPtr, pathLen) => simple(() => fs.unlinkFile(dirfd >>> 0, str(pathPtr, pathLen))),
        path_rename: (oldFd, oldPtr, oldLen, newFd, newPtr, newLen) => simple(() => fs.rename(oldFd >>> 0, str(oldPtr, oldLen), newFd >>> 0, str(newPtr, newLen))),
        path_symlink: (targetPtr, targetLen, dirfd, pathPtr, pathLen) => simple(() => fs.symlink(str(targetPtr, targetLen), dirfd >>> 0, str(pathPtr, pathLen))),
        path_link: (oldFd, flags, oldPtr, oldLen, newFd, newPtr, newLen) => simple(() => {
            const lookup = lookupFlags('path_link', flags);
            fs.link(oldFd >>> 0, lookup, str(oldPtr, oldLen), newFd >>> 0, str(newPtr, newLen));
        }),
        path_readlink: (dirfd, pathPtr, pathLen, bufPtr, bufLen, resultPtr) => simple(() => {
            const contents = fs.readlink(dirfd >>> 0, str(pathPtr, pathLen));
            const n = Math.min(contents.length, bufLen >>> 0);
            memory.check(bufPtr >>> 0, n).set(contents.subarray(0, n), bufPtr >>> 0);
            memory.writeU32('path_readlink', 'size', resultPtr >>> 0, n);
        }),
    };
}

;// CONCATENATED MODULE: ./src/wasi/preview1.ts
/**
 * The `wasi_snapshot_preview1` import functions: argument checks and memory layout around the
 * host-side calls. Each returns an errno; traps (bad pointers, bad enum or flag values, proc_exit)
 * are thrown as `GuestTrap`.
 */






const MAX_EXIT_STATUS = 126;
/** A reading of a clock, in nanoseconds. */
function readClock(clock, id) {
    return id === Clockid.realtime ? clock.readRealtime() : clock.readMonotonic();
}
function checkClock(func, id) {
    if (id === Clockid.realtime || id === Clockid.monotonic)
        return;
    if (id === Clockid.processCputime || id === Clockid.threadCputime)
        throw new WasiErrno(Errno.badf);
    throw invalidEnum(func, 'Clockid');
}
/** The first non-empty buffer of an iovec list: [pointer, length], or [0, 0] if all are empty. */
function firstBuffer(memory, iovs, count) {
    for (let i = 0; i < count; i++) {
        // Field by field, as upstream reads them (so a bad pointer is reported with len 4).
        const ptr = memory.u32(iovs + i * 8);
        const len = memory.u32(iovs + i * 8 + 4);
        if (len !== 0) {
            memory.check(ptr, len);
            return [ptr, len];
        }
    }
    return [0, 0];
}
function createImports(cx) {
    const { memory, table, fs, io } = cx;
    const environSize = cx.environ.reduce((sum, entry) => sum + entry.length, 0);
    const { clock, random } = cx.sources;
    const transfer = (func, kind) => (fd, iovs, count, resultPtr) => {
        try {
            memory.require();
            const [ptr, len] = firstBuffer(memory, iovs >>> 0, count >>> 0);
            const bytes = memory.check(ptr, len);
            const n = kind === 'read'
                ? io.read(fd >>> 0, bytes, ptr, len)
                : io.write(fd >>> 0, bytes, ptr, len);
            memory.writeU32(func, 'size', resultPtr >>> 0, n);
            return Errno.success;
        }
        catch (error) {
            return errnoOf(error);
        }
    };
    const positioned = (func, kind) => (fd, iovs, count, at, resultPtr) => {
        try {
            memory.require();
            const [ptr, len] = firstBuffer(memory, iovs >>> 0, count >>> 0);
            const bytes = memory.check(ptr, len);
            const n = kind === 'read'
                ? io.pread(fd >>> 0, bytes, ptr, len, at)
                : io.pwrite(fd >>> 0, bytes, ptr, len, at);
            memory.writeU32(func, 'size', resultPtr >>> 0, n);
            return Errno.success;
        }
        catch (error) {
            return errnoOf(error);
        }
    };
    /** For calls that only act on a descriptor: runs `body` and maps failures to an errno. */
    const simple = (body) => {
        try {
            memory.require();
            body();
            return Errno.success;
        }
        catch (error) {
            return errnoOf(error);
        }
    };
    const existsThenNotSocket = (fd) => simple(() => {
        table.get(fd >>> 0);
        throw new WasiErrno(Errno.notsock);
    });
    return {
        args_get: () => simple(() => undefined),
        args_sizes_get: (argcPtr, sizePtr) => simple(() => {
            memory.writeU32('args_sizes_get', 'size', argcPtr >>> 0, 0);
            memory.writeU32('args_sizes_get', 'size', sizePtr >>> 0, 0);
        }),
        environ_get: (environPtr, bufPtr) => simple(() => {
            let at = bufPtr >>> 0;
            const list = environPtr >>> 0;
            memory.check(list, cx.environ.length * 4);
            memory.check(at, environSize);
            cx.environ.forEach((entry, i) => {
                memory.writeU32('environ_get', 'pointer', list + i * 4, at);
                memory.check(at, entry.length).set(entry, at);
                at += entry.length;
            });
        }),
        environ_sizes_get: (countPtr, sizePtr) => simple(() => {
            memory.writeU32('environ_sizes_get', 'size', countPtr >>> 0, cx.environ.length);
            memory.writeU32('environ_sizes_get', 'size', sizePtr >>> 0, environSize);
        }),
        clock_res_get: (id, resultPtr) => simple(() => {
            checkClock('clock_res_get', id >>> 0);
            memory.writeU64Number('clock_res_get', 'timestamp', resultPtr >>> 0, 1);
        }),
        clock_time_get: (id, _precision, resultPtr) => {
            try {
                memory.require();
                checkClock('clock_time_get', id >>> 0);
                memory.writeU64('clock_time_get', 'timestamp', resultPtr >>> 0, readClock(clock, id));
                return Errno.success;
            }
            catch (error) {
                return errnoOf(error);
            }
        },
        random_get: (ptr, len) => {
            try {
                memory.require();
                const bytes = memory.check(ptr >>> 0, len >>> 0);
                random.fill(bytes, ptr >>> 0, len >>> 0);
                return Errno.success;
            }
            catch (error) {
                return errnoOf(error);
            }
        },
        fd_read: transfer('fd_read', 'read'),
        fd_write: transfer('fd_write', 'write'),
        fd_pread: positioned('fd_pread', 'read'),
        fd_pwrite: positioned('fd_pwrite', 'write'),
        fd_seek: (fd, delta, whence, resultPtr) => simple(() => {
            if (whence >>> 0 > 2)
                throw invalidEnum('fd_seek', 'Whence');
            const position = io.seek(fd >>> 0, delta, whence >>> 0);
            memory.writeU64Number('fd_seek', 'filesize', resultPtr >>> 0, position);
        }),
        fd_tell: (fd, resultPtr) => simple(() => {
            const position = io.seek(fd >>> 0, 0n, 1);
            memory.writeU64Number('fd_tell', 'filesize', resultPtr >>> 0, position);
        }),
        fd_close: (fd) => simple(() => table.close(fd >>> 0)),
        fd_renumber: (from, to) => simple(() => table.renumber(from >>> 0, to >>> 0)),
        fd_advise: (fd, _offset, _len, advice) => simple(() => {
            if (advice >>> 0 > 5)
                throw invalidEnum('fd_advise', 'Advice');
            table.file(fd >>> 0);
        }),
        fd_allocate: (fd) => simple(() => {
            table.file(fd >>> 0);
            throw new WasiErrno(Errno.notsup);
        }),
        fd_datasync: (fd) => simple(() => io.sync(fd >>> 0, true)),
        fd_sync: (fd) => simple(() => io.sync(fd >>> 0, false)),
        fd_fdstat_get: (fd, resultPtr) => simple(() => {
            const stat = fs.fdstat(fd >>> 0, (stream) => cx.stdio.isTty(stream));
            const ptr = resultPtr >>> 0;
            const view = memory.result('fd_fdstat_get', 'fdstat', ptr, 24, 8);
            view.setUint32(ptr, 0, true);
            view.setUint32(ptr + 4, 0, true);
            view.setUint8(ptr, stat.filetype);
            view.setUint16(ptr + 2, stat.flags, true);
            view.setBigUint64(ptr + 8, stat.rightsBase, true);
            view.setBigUint64(ptr + 16, stat.rightsInheriting, true);
        }),
        fd_fdstat_set_flags: (fd, flags) => simple(() => {
            if ((flags >>> 0) & ~31)
                throw invalidFlags('fd_fdstat_set_flags', 'Fdflags');
            fs.setFdflags(fd >>> 0, flags >>> 0);
        }),
        fd_fdstat_set_rights: (fd) => simple(() => fs.setRights(fd >>> 0)),
        fd_filestat_get: (fd, resultPtr) => simple(() => writeFilestat(memory, 'fd_filestat_get', resultPtr >>> 0, fs.filestat(fd >>> 0, (s) => cx.stdio.isTty(s)))),
        fd_filestat_set_size: (fd, size) => simple(() => fs.setSize(fd >>> 0, size)),
        fd_filestat_set_times: (fd, atim, mtim, flags) => simple(() => {
            if ((flags >>> 0) & ~15)
                throw invalidFlags('fd_filestat_set_times', 'Fstflags');
            fs.setTimes(fd >>> 0, atim, mtim, flags >>> 0);
        }),
        fd_prestat_get: (fd, resultPtr) => simple(() => {
            const name = Buffer.byteLength(fs.prestatName(fd >>> 0, false));
            const ptr = resultPtr >>> 0;
            const view = memory.result('fd_prestat_get', 'prestat', ptr, 8, 4);
            view.setUint32(ptr, 0, true);
            view.setUint32(ptr + 4, name, true);
        }),
        fd_prestat_dir_name: (fd, ptr, len) => simple(() => {
            const name = Buffer.from(fs.prestatName(fd >>> 0, true));
            if (len >>> 0 < name.length)
                throw new WasiErrno(Errno.nametoolong);
            memory.check(ptr >>> 0, name.length).set(name, ptr >>> 0);
        }),
        fd_readdir: (fd, bufPtr, bufLen, cookie, resultPtr) => simple(() => {
            const used = writeDirEntries(memory, bufPtr >>> 0, bufLen >>> 0, fs.readdir(fd >>> 0), cookie);
            memory.writeU32('fd_readdir', 'size', resultPtr >>> 0, used);
        }),
        ...createPathImports(cx, simple),
        poll_oneoff: (inPtr, outPtr, count, resultPtr) => simple(() => {
            const n = pollOneoff(cx, inPtr >>> 0, outPtr >>> 0, count >>> 0);
            memory.writeU32('poll_oneoff', 'size', resultPtr >>> 0, n);
        }),
        proc_exit: (code) => {
            memory.require();
            if (code >>> 0 >= MAX_EXIT_STATUS)
                throw new errors/* GuestTrap */.U1('exit with invalid exit status outside of [0..126)');
            throw new errors/* ProcExit */.z$(code >>> 0);
        },
        proc_raise: () => simple(() => {
            throw new WasiErrno(Errno.notsup);
        }),
        sched_yield: () => simple(() => undefined),
        sock_accept: existsThenNotSocket,
        sock_recv: existsThenNotSocket,
        sock_send: existsThenNotSocket,
        sock_shutdown: existsThenNotSocket,
    };
}
/** Waits for the earliest clock subscription unless a descriptor one is ready (they always are). */
function pollOneoff(cx, inPtr, outPtr, count) {
    if (count === 0)
        throw new WasiErrno(Errno.inval);
    const { memory } = cx;
    const { clock } = cx.sources;
    memory.check(inPtr, count * 48);
    memory.check(outPtr, count * 32);
    const ready = [];
    const clocks = [];
    for (let i = 0; i < count; i++) {
        const view = memory.view();
        const sub = inPtr + i * 48;
        const userdata = view.getBigUint64(sub, true);
        const tag = view.getUint8(sub + 8);
        if (tag === Eventtype.clock) {
            const id = view.getUint32(sub + 16, true);
            if (id !== Clockid.realtime && id !== Clockid.monotonic)
                throw new WasiErrno(Errno.inval);
            const timeoutNs = view.getBigUint64(sub + 24, true);
            const absolute = (view.getUint16(sub + 40, true) & SUBCLOCK_ABSTIME) !== 0;
            // Not a reading: a virtual clock must reach an absolute deadline exactly.
            const now = id === Clockid.realtime ? clock.peekRealtime() : clock.peekMonotonic();
            const waitNs = absolute ? timeoutNs - now : timeoutNs;
            clocks.push({ userdata, waitNs });
        }
        else if (tag === Eventtype.fdRead || tag === Eventtype.fdWrite) {
            cx.table.get(view.getUint32(sub + 16, true));
            ready.push({ userdata, type: tag });
        }
        else {
            throw new WasiErrno(Errno.inval);
        }
    }
    const events = ready.map((r) => ({
        ...r,
        nbytes: 1n,
    }));
    if (events.length === 0 && clocks.length > 0) {
        // A virtual clock completes the wait at once, advancing by it.
        const wait = clocks.reduce((min, c) => (c.waitNs < min ? c.waitNs : min), clocks[0].waitNs);
        if (wait > 0n)
            clock.sleepUntil(clock.peekMonotonic() + wait);
        for (const c of clocks)
            if (c.waitNs <= wait)
                events.push({ userdata: c.userdata, type: Eventtype.clock, nbytes: 0n });
    }
    else {
        for (const c of clocks)
            if (c.waitNs <= 0n)
                events.push({ userdata: c.userdata, type: Eventtype.clock, nbytes: 0n });
    }
    const view = memory.view();
    events.forEach((event, i) => {
        const at = outPtr + i * 32;
        for (let b = 0; b < 32; b += 8)
            view.setBigUint64(at + b, 0n, true);
        view.setBigUint64(at, event.userdata, true);
        view.setUint8(at + 10, event.type);
        view.setBigUint64(at + 16, event.nbytes, true);
    });
    return events.length;
}

;// CONCATENATED MODULE: ./src/wasi/signatures.ts
/**
 * The core-Wasm signature of every `wasi_snapshot_preview1` function, as upstream's linker defines
 * it (read off its "found type" errors): parameters, a colon, then results; `i` is i32, `I` i64.
 * An import of one of these names with another type is refused at link time.
 */
const SIGNATURES = {
    args_get: 'ii:i',
    args_sizes_get: 'ii:i',
    clock_res_get: 'ii:i',
    clock_time_get: 'iIi:i',
    environ_get: 'ii:i',
    environ_sizes_get: 'ii:i',
    fd_advise: 'iIIi:i',
    fd_allocate: 'iII:i',
    fd_close: 'i:i',
    fd_datasync: 'i:i',
    fd_fdstat_get: 'ii:i',
    fd_fdstat_set_flags: 'ii:i',
    fd_fdstat_set_rights: 'iII:i',
    fd_filestat_get: 'ii:i',
    fd_filestat_set_size: 'iI:i',
    fd_filestat_set_times: 'iIIi:i',
    fd_pread: 'iiiIi:i',
    fd_prestat_dir_name: 'iii:i',
    fd_prestat_get: 'ii:i',
    fd_pwrite: 'iiiIi:i',
    fd_read: 'iiii:i',
    fd_readdir: 'iiiIi:i',
    fd_renumber: 'ii:i',
    fd_seek: 'iIii:i',
    fd_sync: 'i:i',
    fd_tell: 'ii:i',
    fd_write: 'iiii:i',
    path_create_directory: 'iii:i',
    path_filestat_get: 'iiiii:i',
    path_filestat_set_times: 'iiiiIIi:i',
    path_link: 'iiiiiii:i',
    path_open: 'iiiiiIIii:i',
    path_readlink: 'iiiiii:i',
    path_remove_directory: 'iii:i',
    path_rename: 'iiiiii:i',
    path_symlink: 'iiiii:i',
    path_unlink_file: 'iii:i',
    poll_oneoff: 'iiii:i',
    proc_exit: 'i:',
    proc_raise: 'i:i',
    random_get: 'ii:i',
    sched_yield: ':i',
    sock_accept: 'iii:i',
    sock_recv: 'iiiiii:i',
    sock_send: 'iiiii:i',
    sock_shutdown: 'ii:i',
};
const CODES = { i: 0x7f, I: 0x7e };
/** The value-type codes of a preview1 function's parameters and results, if it is one. */
function preview1Signature(name) {
    const signature = Object.hasOwn(SIGNATURES, name) ? SIGNATURES[name] : undefined;
    if (signature === undefined)
        return undefined;
    const [params = '', results = ''] = signature.split(':');
    const codes = (letters) => [...letters].map((c) => CODES[c]);
    return { params: codes(params), results: codes(results) };
}

;// CONCATENATED MODULE: ./src/wasi/index.ts
/**
 * WASI preview1 for the initialization phase, matching what upstream Wizer's Wasmtime WASI returns
 * (errnos, bytes, listings, descriptor numbers) and confined to the preopened directories: no path,
 * link or rename can reach outside them (see paths.ts). Every call is synchronous.
 */









/**
 * One WASI context (descriptors, preopens, environment, stdio) shared by every instance linked to
 * it; each instance's calls access its own memory, as upstream takes the caller's `memory` export.
 */
class Wasi {
    table = new DescriptorTable();
    context;
    /**
     * Opens the preopens now; a missing host directory throws like upstream. `hostStdio` lets tests
     * substitute descriptors for the host's 0, 1 and 2.
     */
    constructor(config, hostStdio = [0, 1, 2]) {
        const sources = config.sources ?? (0,src_sources/* guestSources */.Dy)();
        const fs = new Filesystem(this.table, sources.files);
        for (const stream of [0, 1, 2])
            this.table.add({ kind: 'stdio', stream });
        for (const { guest, host } of config.preopens) {
            try {
                fs.preopen(guest, (0,external_node_path_.resolve)(host));
            }
            catch (error) {
                this.table.closeAll();
                // Upstream's message is the OS error alone; the cause says which directory it was.
                throw new errors/* WizerError */.Mx((0,errors/* osError */.hf)(error), {
                    cause: `while opening \`${host}\`, preopened as \`${guest}\``,
                });
            }
        }
        const stdio = new Stdio(config.inheritStdio, hostStdio, config.escapeWorkflowCommands);
        const encoder = new TextEncoder();
        this.context = {
            table: this.table,
            fs,
            io: new FileIo(this.table, stdio, config.stdoutToStderr),
            stdio,
            environ: config.env.map(([key, value]) => encoder.encode(`${key}=${value}\0`)),
            sources,
        };
    }
    /** The imports for one more instance. */
    forInstance() {
        const memory = new GuestMemory();
        return {
            imports: createImports({ ...this.context, memory }),
            bindMemory: (exported) => memory.bind(exported),
        };
    }
    /** Closes every host descriptor the guest opened (and the preopens). */
    dispose() {
        this.table.closeAll();
    }
}

;// CONCATENATED MODULE: ./src/wasm/names.ts

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
function readNames(bytes, sections) {
    const names = { module: undefined, functions: new Map() };
    const section = sections.find((s) => s.customName === 'name');
    if (section === undefined)
        return names;
    try {
        const r = new BinaryReader(bytes, section.payloadStart, section.end);
        r.name(); // "name"
        while (!r.eof) {
            const id = r.u8();
            const size = r.u32();
            const sub = r.sub(size);
            if (id === MODULE_NAME)
                names.module = sub.name();
            else if (id === FUNCTION_NAMES) {
                for (let n = sub.u32(); n > 0; n--)
                    names.functions.set(sub.u32(), sub.name());
            }
        }
    }
    catch {
        // A damaged name section only costs the names.
    }
    return names;
}

;// CONCATENATED MODULE: ./src/wizer/link.ts
/**
 * The linker of the run phase, as upstream's Wasmtime linker behaves: WASI preview1 (when allowed)
 * and preload exports by module name, type-checked against each import; every function import
 * left unresolved in the main module becomes a stub that traps when called.
 */



const WASI_MODULE = 'wasi_snapshot_preview1';
/** Adds a preload's exports under its name; a name defined twice is an error, as upstream's. */
function link_define(environment, moduleName, exports) {
    const namespace = environment.preloads.get(moduleName) ?? new Map();
    const wasiDefines = (name) => environment.allowWasi && moduleName === WASI_MODULE && preview1Signature(name) !== undefined;
    for (const [name, linked] of exports) {
        if (namespace.has(name) || wasiDefines(name)) {
            throw new errors/* WizerError */.Mx("failed to add preload's exports to linker", {
                cause: `import of \`${moduleName}::${name}\` defined twice`,
            });
        }
        namespace.set(name, linked);
    }
    environment.preloads.set(moduleName, namespace);
}
/**
 * The import object: WASI (when allowed), preload exports by module name, and for every function
 * import still unresolved a stub that traps when called, as upstream's linker does for the main
 * module. Preloads get no stubs (upstream links them strictly). A preload's function must have
 * the imported type (V8 would only say that some import does not match).
 */
function linkImports(importer, environment, wasi, stubUnknown) {
    const imports = {};
    for (const imp of importer.imports) {
        const wasiFunction = imp.module === WASI_MODULE && environment.allowWasi
            ? wasi.imports[imp.name]
            : undefined;
        const linked = wasiFunction !== undefined
            ? { value: wasiFunction, kind: ExternalKind.Func, type: wasiFunctionType(imp.name) }
            : environment.preloads.get(imp.module)?.get(imp.name);
        if (linked)
            checkImportType(imp, importer.types, linked);
        let value = linked?.value;
        if (value === undefined) {
            const message = `unknown import: \`${imp.module}::${imp.name}\` has not been defined`;
            if (!stubUnknown || imp.kind !== ExternalKind.Func)
                throw new errors/* WizerError */.Mx(message);
            value = () => {
                throw new errors/* GuestTrap */.U1(message);
            };
        }
        (imports[imp.module] ??= {})[imp.name] = value;
    }
    return imports;
}
const KIND_NAMES = {
    [ExternalKind.Func]: 'func',
    [ExternalKind.Table]: 'table',
    [ExternalKind.Memory]: 'memory',
    [ExternalKind.Global]: 'global',
    [ExternalKind.Tag]: 'tag',
};
/** Upstream's link check of an import against what a preload exports under that name. */
function checkImportType(declared, types, linked) {
    const incompatible = (cause) => new errors/* WizerError */.Mx(`incompatible import type for \`${declared.module}::${declared.name}\``, {
        cause,
    });
    if (declared.kind !== linked.kind) {
        throw incompatible(`expected ${KIND_NAMES[declared.kind]}, but found ${KIND_NAMES[linked.kind]}`);
    }
    const expected = declared.kind === ExternalKind.Func ? types[declared.typeIndex] : undefined;
    if (expected === undefined || linked.type === undefined)
        return;
    if (sameFuncType(expected, linked.type))
        return;
    throw incompatible(`types incompatible: expected type \`${showFuncType(expected)}\`, found type \`${showFuncType(linked.type)}\``);
}
/** A WASI function's type, as upstream's linker declares it. */
function wasiFunctionType(name) {
    const signature = preview1Signature(name);
    if (signature === undefined)
        return undefined;
    const valTypes = (codes) => codes.map((code) => ({ code, bytes: Uint8Array.of(code) }));
    return { params: valTypes(signature.params), results: valTypes(signature.results), offset: -1 };
}
function sameFuncType(a, b) {
    const same = (x, y) => x.length === y.length && x.every((t, i) => Buffer.compare(t.bytes, y[i].bytes) === 0);
    return same(a.params, b.params) && same(a.results, b.results);
}
const VALUE_TYPE_NAMES = {
    0x7f: 'i32',
    0x7e: 'i64',
    0x7d: 'f32',
    0x7c: 'f64',
    0x7b: 'v128',
    0x70: 'funcref',
    0x6f: 'externref',
};
/** Wasmtime's rendering: `(func (param i32 i64) (result f64))`. */
function showFuncType(type) {
    const names = (types) => types.map((t) => VALUE_TYPE_NAMES[t.code] ?? `0x${t.code.toString(16)}`).join(' ');
    const parts = ['func'];
    if (type.params.length > 0)
        parts.push(`(param ${names(type.params)})`);
    if (type.results.length > 0)
        parts.push(`(result ${names(type.results)})`);
    return `(${parts.join(' ')})`;
}

;// CONCATENATED MODULE: ./src/wizer/traps.ts
/**
 * Translation of V8's trap messages into the wording of upstream Wizer (Wasmtime), which clients
 * such as ComponentizeJS match on, and of V8 stack frames into a Wasm backtrace.
 */

const TRAP_MESSAGES = [
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
function trapReason(error) {
    if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
        for (const [pattern, text] of TRAP_MESSAGES) {
            if (pattern.test(error.message))
                return `wasm trap: ${text}`;
        }
        return `wasm trap: ${error.message}`;
    }
    if (error instanceof Error)
        return error.message;
    return String(error);
}
/**
 * Single-letter names are valid Itanium manglings of builtin types, and upstream demangles them
 * (`i` prints as `int`). Longer C++ and Rust manglings are printed as they are.
 */
const BUILTIN_TYPES = {
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
function backtrace(error, home) {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    const frames = [
        ...stack.matchAll(/wasm:\/\/wasm\/([^:\s]+):wasm-function\[(\d+)\]:0x([0-9a-f]+)/g),
    ];
    if (frames.length === 0)
        return undefined;
    const homeUrl = frames.at(-1)[1];
    const names = home && frames.some((m) => m[1] === homeUrl) ? home.names() : undefined;
    const lines = frames.map((m, n) => {
        const isHome = m[1] === homeUrl && home !== undefined;
        const index = Number(m[2]);
        const v8Offset = Number.parseInt(m[3], 16);
        const offset = isHome ? home.upstreamOffset(v8Offset) : v8Offset;
        const name = isHome ? names?.functions.get(index) : undefined;
        const where = `${(isHome && names?.module) || '<unknown>'}!${name !== undefined ? (BUILTIN_TYPES[name] ?? name) : `<wasm function ${index}>`}`;
        return `${String(n).padStart(5)}:${`0x${offset.toString(16)}`.padStart(9)} - ${where}`;
    });
    return ['error while executing at wasm backtrace:', ...lines].join('\n');
}
/** Wraps a failure in the guest as upstream does: context, then backtrace, then the reason. */
function guestFailure(context, error, home) {
    if (error instanceof errors/* WizerError */.Mx && error.name === 'WizerError')
        return error; // our own refusal
    // Host errors raised for the guest (WASI traps, unknown imports) keep their own cause chain.
    const reason = error instanceof errors/* GuestTrap */.U1 ? error : trapReason(error);
    const frames = backtrace(error, home);
    const failure = frames !== undefined
        ? new errors/* WizerError */.Mx(frames, { cause: reason })
        : reason instanceof errors/* GuestTrap */.U1
            ? reason
            : new errors/* WizerError */.Mx(reason);
    return context === undefined ? failure : new errors/* WizerError */.Mx(context, { cause: failure });
}

;// CONCATENATED MODULE: ./src/wizer/run.ts
/**
 * Phase 4: run. Compiles the instrumented module on V8, links it (WASI preview1, preloaded modules,
 * trapping stubs for every other function import), instantiates it (running the start function),
 * then calls `_initialize` if exported and finally the init function, exactly as upstream does.
 */














const REACTOR_INIT = '_initialize';
/**
 * Builds the guest environment in upstream's order: WASI context (preopens are opened even without
 * `--allow-wasi`), the feature flags' consistency, then each preload, instantiated through the linker so it may import WASI or
 * earlier preloads and its start function runs now.
 */
async function buildEnvironment(options) {
    const wasi = new Wasi({
        env: guestEnvironment(options),
        inheritStdio: options.inheritStdio,
        stdoutToStderr: options.guestStdoutToStderr,
        preopens: options.preopens,
        escapeWorkflowCommands: options.escapeWorkflowCommands,
        sources: (0,src_sources/* guestSources */.Dy)(options),
    });
    const environment = { wasi, allowWasi: options.allowWasi, preloads: new Map() };
    try {
        // Upstream's engine configuration refuses bad feature flags before any preload is compiled.
        checkFeatureFlags(options.features);
        for (const preload of options.preloads) {
            const namespace = await instantiatePreload(preload, environment, options.features);
            link_define(environment, preload.name, namespace);
        }
    }
    catch (error) {
        wasi.dispose();
        throw error;
    }
    return environment;
}
async function instantiatePreload(preload, environment, features) {
    let module;
    let cx;
    let deferred;
    try {
        const bytes = await readModuleFile(preload.path);
        deferred = deferStartFunction(bytes);
        module = (0,lazy_validation/* compileValidated */.WU)(deferred.wasm);
        cx = parseModule(bytes);
        // Upstream compiles preloads with the main module's engine configuration.
        checkPreloadFeatures(cx, features);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to parse preload module', { cause: error });
    }
    try {
        const wasi = environment.wasi.forInstance();
        const instance = new WebAssembly.Instance(module, linkImports(cx, environment, wasi, false));
        bindMemory(wasi, instance);
        const start = instance.exports[START_EXPORT];
        if (typeof start === 'function')
            start();
        const namespace = new Map();
        for (const exp of cx.exports) {
            const funcType = exp.kind === ExternalKind.Func ? cx.types[cx.funcTypeIndices[exp.index]] : undefined;
            namespace.set(exp.name, {
                value: instance.exports[exp.name],
                kind: exp.kind,
                type: funcType,
            });
        }
        return namespace;
    }
    catch (error) {
        // Upstream runs the preload as given; V8 runs the copy with the start function exported.
        const home = {
            upstreamOffset: (offset) => offset - deferred.codeShift,
            names: () => readNames(cx.bytes, cx.sections),
        };
        throw new errors/* WizerError */.Mx('failed to instantiate preload module', {
            cause: guestFailure(undefined, error, home),
        });
    }
}
async function readModuleFile(path) {
    let bytes;
    try {
        bytes = (0,external_node_fs_.readFileSync)(path);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx(`failed to read from \`${path}\``, { cause: (0,errors/* osError */.hf)(error) });
    }
    if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61)
        return bytes;
    return watToBinary(path, new TextDecoder().decode(bytes));
}
/**
 * WAT preloads are assembled with wabt, loaded only when needed: from `wabt.cjs` beside the bundle
 * (the build copies it there, since ncc cannot bundle an Emscripten module), else the package.
 */
async function watToBinary(path, text) {
    const load = (0,external_node_module_namespaceObject.createRequire)(import.meta.url);
    let wabtInit;
    // Names in an array keep bundlers from trying to inline them.
    for (const name of ['./wabt.cjs', 'wabt']) {
        try {
            wabtInit = load(name);
            break;
        }
        catch {
            // try the next place
        }
    }
    if (wabtInit === undefined) {
        throw new errors/* WizerError */.Mx(`\`${path}\` is not a binary Wasm module and the WAT parser (npm \`wabt\`) is not installed`);
    }
    const parsed = (await wabtInit()).parseWat(path, text, { multi_memory: true, memory64: true });
    try {
        parsed.resolveNames();
        return parsed.toBinary({ write_debug_names: true }).buffer;
    }
    finally {
        parsed.destroy();
    }
}
function bindMemory(wasi, instance) {
    const memory = instance.exports['memory'];
    wasi.bindMemory(memory instanceof WebAssembly.Memory ? memory : undefined);
}
/** Compiles the instrumented module on V8 (which fully validates it). */
function compile(instrumented) {
    try {
        return new WebAssembly.Module(instrumented);
    }
    catch (error) {
        throw validationFailure(error);
    }
}
/** Upstream checks the init export on the compiled module, before instantiating. */
function checkInitFunc(cx, initFunc) {
    const exp = cx.exports.find((e) => e.name === initFunc);
    if (!exp) {
        // Wizer 11 changed the default from `wizer.initialize`; say so where it explains the failure.
        const oldDefault = initFunc === 'wizer-initialize' && cx.exports.some((e) => e.name === 'wizer.initialize');
        throw new errors/* WizerError */.Mx(`the Wasm module does not have a \`${initFunc}\` export`, {
            cause: oldDefault
                ? 'it exports `wizer.initialize`, the default name before Wizer 11: pass `-f wizer.initialize`'
                : undefined,
        });
    }
    if (exp.kind !== ExternalKind.Func) {
        throw new errors/* WizerError */.Mx(`the Wasm module's \`${initFunc}\` export is not a function`);
    }
    const type = cx.types[cx.funcTypeIndices[exp.index]];
    if (!type || type.params.length > 0 || type.results.length > 0) {
        throw new errors/* WizerError */.Mx(`the Wasm module's \`${initFunc}\` function export does not have type \`[] -> []\``);
    }
}
/** Upstream refuses shared memories when instantiating (its engine has them disabled). */
function checkInstantiable(cx) {
    if (cx.memories.some((m) => m.shared)) {
        throw new errors/* WizerError */.Mx('shared memory support is disabled for this engine -- see `Config::shared_memory`');
    }
}
/** Instantiates and runs start, `_initialize` and the init function; returns the live state. */
function initialize(cx, module, environment, initFunc, startExport, upstreamOffset) {
    const home = { upstreamOffset, names: () => readNames(cx.bytes, cx.sections) };
    const wasi = environment.wasi.forInstance();
    const imports = linkImports(cx, environment, wasi, true);
    let instance;
    try {
        instance = new WebAssembly.Instance(module, imports);
    }
    catch (error) {
        if (error instanceof WebAssembly.LinkError) {
            throw new errors/* WizerError */.Mx('failed to instantiate the Wasm module', { cause: error.message });
        }
        throw guestFailure(undefined, error, home);
    }
    bindMemory(wasi, instance);
    if (startExport !== undefined) {
        try {
            instance.exports[startExport]();
        }
        catch (error) {
            // Upstream reports start traps without context.
            throw guestFailure(undefined, error, home);
        }
    }
    const reactorInit = cx.exports.find((e) => e.name === REACTOR_INIT);
    if (reactorInit && reactorInit.kind === ExternalKind.Func) {
        const type = cx.types[cx.funcTypeIndices[reactorInit.index]];
        if (type && type.params.length > 0) {
            throw new errors/* WizerError */.Mx('type mismatch with parameters', {
                cause: `expected 0 types, found ${type.params.length}`,
            });
        }
        if (type && type.results.length > 0) {
            throw new errors/* WizerError */.Mx('type mismatch with results', {
                cause: `expected 0 types, found ${type.results.length}`,
            });
        }
        run_call(instance, REACTOR_INIT, 'calling the Reactor initialization function', home);
        if (initFunc === REACTOR_INIT)
            return run_instanceState(instance);
    }
    run_call(instance, initFunc, `the \`${initFunc}\` function trapped`, home);
    return run_instanceState(instance);
}
function run_call(instance, name, context, home) {
    const fn = instance.exports[name];
    try {
        fn();
    }
    catch (error) {
        throw guestFailure(context, error, home);
    }
}
function run_instanceState(instance) {
    return {
        globalGet: (name) => instance.exports[name](),
        memoryContents: (name) => new Uint8Array(instance.exports[name].buffer),
        memory: (name) => instance.exports[name],
    };
}

// EXTERNAL MODULE: ./src/wizer/worker.ts
var worker = __nccwpck_require__(111);
;// CONCATENATED MODULE: ./src/wizer/index.ts
/**
 * The library API: `wizen(wasm, options)` pre-initializes a module and reports what it did. The
 * CLI and the action both call it. Phases run in upstream's order so the first error reported is
 * the one upstream would report:
 *
 *   environment (WASI preopens, preloads) -> parse -> validate -> instrument -> compile
 *   -> check init export -> instantiate + initialize -> snapshot -> rewrite
 */











const silent = { debug: () => { } };
async function wizen(input, partialOptions = {}, logger = silent) {
    const { parts, report } = await wizenParts(input, partialOptions, logger);
    return { wasm: parts.length === 1 ? parts[0] : (0,writer/* concatChunks */.JD)(parts), report };
}
/** `wizen`, without assembling the output into one buffer. */
async function wizenParts(input, partialOptions = {}, logger = silent) {
    const options = (0,wizer_options/* resolveOptions */.$i)(partialOptions);
    const whole = ({ wasm, report }) => ({ parts: [wasm], report });
    if (options.timeoutMs !== undefined)
        return whole(await (0,worker/* wizenInWorker */.jA)(input, options, logger));
    if (isComponent(input))
        return whole(await wizenComponent(input, options, logger));
    const { timings, lap, stop } = (0,wizer_options/* phaseClock */._5)();
    const environment = await buildEnvironment(options);
    try {
        logger.debug('Validating input Wasm');
        logger.debug('Parsing the input Wasm', 'parse');
        const { cx, codeFeatures } = await validateModule(input, options.features);
        lap('parse');
        logger.debug('Instrumenting the input Wasm', 'instrument');
        const instrumented = instrument(cx, ...sitesToEdit(codeFeatures, options));
        lap('instrument');
        const module = compile(instrumented.wasm);
        lap('compile');
        logger.debug('Validating the exported initialization function', 'wasmtime');
        checkInitFunc(cx, options.initFunc);
        checkInstantiable(cx);
        logger.debug('Calling the initialization function', 'wasmtime');
        // Trap offsets as upstream counts them: in the original plus the exports it adds.
        const exportGrowth = upstreamExportGrowth(cx);
        const state = initialize(cx, module, environment, options.initFunc, instrumented.start, (offset) => instrumented.originalOffset(offset) + exportGrowth);
        lap('initialize');
        logger.debug('Snapshotting the initialized state', 'snapshot');
        logger.debug('Snapshotting global values', 'snapshot');
        logger.debug('Snapshotting memories', 'snapshot');
        const snap = snapshot(instrumented.globals, instrumented.memories, cx.memories, state);
        lap('snapshot');
        logger.debug('Rewriting input Wasm to pre-initialized state', 'rewrite');
        const rewritten = rewriteParts(cx, snap, options);
        lap('rewrite');
        const optimized = options.optimize === undefined
            ? undefined
            : await optimizeOutput((0,writer/* concatChunks */.JD)(rewritten), options, logger);
        const parts = optimized ? [optimized.wasm] : rewritten;
        stop();
        const report = buildReport(input, (0,writer/* totalLength */["do"])(parts), cx, snap, timings);
        return { parts, report: optimized ? { ...report, optimize: optimized.report } : report };
    }
    finally {
        environment.wasi.dispose();
    }
}
/** A component's preamble (layer 1); anything else goes down the module path and its errors. */
function isComponent(bytes) {
    const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    return bytes.length >= 8 && preamble.every((b, i) => bytes[i] === b);
}
function buildReport(input, outputBytes, cx, snap, timings) {
    const memories = cx.memories.map((m, index) => ({
        index,
        pagesBefore: Number(m.limits.min),
        pagesAfter: Number(snap.memoryPages[index]),
        segments: 0,
        dataBytes: 0,
    }));
    const runs = snap.segments;
    for (let k = 0; k < runs.length; k++) {
        const memory = memories[runs.memory[k]];
        memory.segments++;
        memory.dataBytes += runs.end(k) - runs.start(k);
    }
    return {
        inputBytes: input.length,
        outputBytes,
        timings,
        memories,
        globals: snap.globals.size,
        segments: snap.segments.length,
    };
}


/***/ }),

/***/ 627:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Di: () => (/* binding */ enableLazyValidation),
/* harmony export */   Gy: () => (/* binding */ compileValidatedAsync),
/* harmony export */   WU: () => (/* binding */ compileValidated),
/* harmony export */   zU: () => (/* binding */ fullValidation)
/* harmony export */ });
/* unused harmony export compilesWithoutValidation */
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
const INVALID_BODY = Uint8Array.of(...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f], // type: [] -> [i32]
...[0x03, 0x02, 0x01, 0x00], // one function of that type
...[0x0a, 0x05, 0x01, 0x03, 0x00, 0x6a, 0x0b]);
const v8 = () => process.getBuiltinModule('node:v8');
/** Whether compiling a module skips validating its function bodies, once known in this thread. */
let lazy;
/** Switches lazy validation on for this process (the CLI calls this first). */
function enableLazyValidation() {
    v8().setFlagsFromString('--wasm-lazy-validation');
    lazy = undefined;
}
/** Whether compiling a module skips validating its function bodies. */
function compilesWithoutValidation() {
    if (lazy === undefined) {
        try {
            new WebAssembly.Module(INVALID_BODY);
            lazy = true;
        }
        catch {
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
function fullValidation(bytes) {
    const wasm = bytes;
    if (!compilesWithoutValidation()) {
        return WebAssembly.compile(wasm).then(() => undefined, (error) => error);
    }
    if (WebAssembly.validate(wasm))
        return Promise.resolve(undefined);
    return Promise.resolve(validatingCompileError(wasm));
}
/** Compiles a module that was not validated before, failing on invalid code as V8 always does. */
function compileValidated(bytes) {
    const wasm = bytes;
    if (compilesWithoutValidation() && !WebAssembly.validate(wasm)) {
        throw validatingCompileError(wasm);
    }
    return new WebAssembly.Module(wasm);
}
/** `compileValidated` on V8's background threads where compiling validates anyway. */
function compileValidatedAsync(bytes) {
    if (!compilesWithoutValidation())
        return WebAssembly.compile(bytes);
    return new Promise((resolve) => resolve(compileValidated(bytes)));
}
/** The error of compiling `wasm` with validation on (briefly switched back for it). */
function validatingCompileError(wasm) {
    v8().setFlagsFromString('--no-wasm-lazy-validation');
    try {
        new WebAssembly.Module(wasm);
        return new Error('WebAssembly.validate() failed but compiling succeeded');
    }
    catch (error) {
        return error;
    }
    finally {
        v8().setFlagsFromString('--wasm-lazy-validation');
    }
}


/***/ }),

/***/ 471:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ resolveOptions),
/* harmony export */   _5: () => (/* binding */ phaseClock),
/* harmony export */   lp: () => (/* binding */ DEFAULT_OPTIONS)
/* harmony export */ });
/* unused harmony exports DEFAULT_FEATURES, DEFAULT_INIT_FUNC */
/**
 * Options of one wizening, shared by the library API, the CLI and the action. Defaults follow
 * upstream Wizer v11 (see `DEFAULT_OPTIONS`).
 */
const DEFAULT_FEATURES = Object.freeze({
    multiMemory: true,
    multiValue: true,
    bulkMemory: true,
    simd: true,
    relaxedSimd: true,
    referenceTypes: true,
});
const DEFAULT_INIT_FUNC = 'wizer-initialize';
const DEFAULT_OPTIONS = Object.freeze({
    initFunc: DEFAULT_INIT_FUNC,
    renames: [],
    keepInitFunc: false,
    allowWasi: false,
    inheritStdio: true,
    inheritEnv: false,
    env: [],
    preopens: [],
    preloads: [],
    relaxedSimdDeterministic: true,
    features: DEFAULT_FEATURES,
    guestStdoutToStderr: false,
    escapeWorkflowCommands: false,
    deterministic: false,
    deterministicSeed: 0n,
});
/** Fills in upstream's defaults for every option not given. */
function resolveOptions(partial = {}) {
    return {
        ...DEFAULT_OPTIONS,
        ...partial,
        features: { ...DEFAULT_FEATURES, ...partial.features },
    };
}
/**
 * A stopwatch over the phases: `lap(phase)` adds the time since the previous lap to that phase,
 * `stop()` sets the total.
 */
function phaseClock() {
    const timings = {
        parse: 0,
        instrument: 0,
        compile: 0,
        initialize: 0,
        snapshot: 0,
        rewrite: 0,
        total: 0,
    };
    const started = performance.now();
    let mark = started;
    return {
        timings,
        lap: (phase) => {
            const now = performance.now();
            timings[phase] += now - mark;
            mark = now;
        },
        stop: () => {
            timings.total = performance.now() - started;
            return timings;
        },
    };
}


/***/ }),

/***/ 111:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a0: () => (/* binding */ isWizerWorker),
/* harmony export */   jA: () => (/* binding */ wizenInWorker),
/* harmony export */   vh: () => (/* binding */ runWizerWorker)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(442);

const WORKER_TAG = 'wizer-action/wizen-worker';
const workerThreads = () => process.getBuiltinModule('node:worker_threads');
/** True inside a worker started by `wizenInWorker`; entry points check this first. */
function isWizerWorker() {
    // The tag is also the worker's last argument: a cheap test that rules out the usual case.
    if (process.argv.at(-1) !== WORKER_TAG)
        return false;
    const { isMainThread, workerData } = workerThreads();
    return !isMainThread && workerData?.tag === WORKER_TAG;
}
/** The worker side: runs each request through the unbounded pipeline and posts the outcome. */
function runWizerWorker(wizen) {
    const port = workerThreads().parentPort;
    const post = (message) => port.postMessage(message);
    port.on('message', async (request) => {
        try {
            const logger = {
                debug: (message, phase) => post({ kind: 'log', message, phase }),
                initResult: (wave) => post({ kind: 'init-result', wave }),
            };
            const result = await wizen(request.input, { ...request.options, timeoutMs: undefined }, logger);
            post({ kind: 'done', result });
        }
        catch (error) {
            post({ kind: 'failed', chain: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorChain */ .eB)(error) });
        }
    });
}
/** A worker that completed its last run in time, ready for the next one. */
let idleWorker;
/** The main-thread side: runs `wizen` in a worker and stops it after `options.timeoutMs`. */
function wizenInWorker(input, options, logger) {
    const timeoutMs = options.timeoutMs;
    const worker = idleWorker ??
        new (workerThreads().Worker)(new URL(import.meta.url), {
            workerData: { tag: WORKER_TAG },
            argv: [WORKER_TAG],
        });
    idleWorker = undefined;
    worker.ref();
    return new Promise((resolve, reject) => {
        const settle = (reuse) => {
            clearTimeout(timer);
            worker.removeAllListeners();
            if (reuse && idleWorker === undefined) {
                worker.unref();
                worker.on('error', () => { }); // an idle worker has nothing left to report
                idleWorker = worker;
            }
            else {
                void worker.terminate();
            }
        };
        const timer = setTimeout(() => {
            settle(false);
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(`initialization did not finish within the ${timeoutMs / 1000} s timeout and was stopped`));
        }, timeoutMs);
        worker.on('message', (message) => {
            if (message.kind === 'log')
                return logger.debug(message.message, message.phase);
            if (message.kind === 'init-result')
                return logger.initResult?.(message.wave);
            settle(true);
            if (message.kind === 'done')
                resolve(message.result);
            else
                reject(rebuildChain(message.chain));
        });
        worker.on('error', (error) => {
            settle(false);
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx('the initialization worker failed', { cause: error }));
        });
        worker.on('exit', (code) => {
            settle(false);
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(`the initialization worker exited with code ${code}`));
        });
        worker.postMessage({ input, options });
    });
}
function rebuildChain(chain) {
    let error;
    for (const message of [...chain].reverse()) {
        error = error === undefined ? message : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(message, { cause: error });
    }
    return error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx ? error : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(error ?? 'unknown failure');
}


/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
