import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  xA: () => (/* binding */ CacheError),
  U1: () => (/* binding */ GuestTrap),
  dz: () => (/* binding */ InputError),
  z$: () => (/* binding */ ProcExit),
  eb: () => (/* binding */ UsageError),
  r_: () => (/* binding */ WasmDecodeError),
  Mx: () => (/* binding */ WizerError),
  eB: () => (/* binding */ errorChain),
  jf: () => (/* binding */ formatErrorChain),
  hf: () => (/* binding */ osError)
});

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
class InputError extends Error {
    name = 'InputError';
}
/** Cache failures: always downgraded to warnings by the action. */
class CacheError extends Error {
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
  Dy: () => (/* binding */ guestSources),
  dR: () => (/* reexport */ monotonicMs),
  PW: () => (/* reexport */ sleepSync)
});

// UNUSED EXPORTS: MAX_SEED, parseSeed, parseSourceDateEpoch

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
/**
 * Milliseconds on the host's monotonic clock, for timing the host's own work: `process.hrtime`,
 * since the first use of `performance` loads ten of Node's modules, a few milliseconds of a start.
 */
function monotonicMs() {
    return Number(process.hrtime.bigint()) / 1e6;
}
/**
 * The host's clocks: monotonic from `process.hrtime`; realtime the system's time at the first
 * reading, advanced by `process.hrtime` from there, so it never goes back within a run (not
 * `performance`: see {@link monotonicMs}).
 */
class HostClock {
    /** The first realtime reading and the monotonic time it was taken at, in nanoseconds. */
    origin;
    readRealtime() {
        const now = process.hrtime.bigint();
        this.origin ??= { realtime: BigInt(Date.now()) * 1000000n, monotonic: now };
        return this.origin.realtime + (now - this.origin.monotonic);
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
const MAX_SEED = (/* unused pure expression or super */ null && ((1n << 64n) - 1n));
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
        throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got \`${value}\``);
    }
    return Number(value);
}


/***/ }),

/***/ 421:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $F: () => (/* binding */ LOOKUP_SYMLINK_FOLLOW),
/* harmony export */   CS: () => (/* binding */ MAX_SYMLINK_EXPANSIONS),
/* harmony export */   I8: () => (/* binding */ Fdflags),
/* harmony export */   IR: () => (/* binding */ PREOPEN_RIGHTS_INHERITING),
/* harmony export */   J4: () => (/* binding */ Whence),
/* harmony export */   Nv: () => (/* binding */ Eventtype),
/* harmony export */   OL: () => (/* binding */ Rights),
/* harmony export */   PZ: () => (/* binding */ Fstflags),
/* harmony export */   R5: () => (/* binding */ Filetype),
/* harmony export */   RH: () => (/* binding */ Errno),
/* harmony export */   ji: () => (/* binding */ SUBCLOCK_ABSTIME),
/* harmony export */   pB: () => (/* binding */ errnoByCode),
/* harmony export */   qU: () => (/* binding */ PREOPEN_RIGHTS_BASE),
/* harmony export */   te: () => (/* binding */ Oflags),
/* harmony export */   u7: () => (/* binding */ DIRECTORY_RIGHTS),
/* harmony export */   y4: () => (/* binding */ Clockid)
/* harmony export */ });
/* unused harmony exports STDIN_RIGHTS, STDOUT_RIGHTS */
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


/***/ }),

/***/ 738:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ DescriptorTable),
/* harmony export */   x: () => (/* binding */ directoryBase)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(421);
/* harmony import */ var _errno_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(92);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(956);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(189);
/**
 * The guest's file descriptor table. Numbers are handed out lowest-free-first (0, 1, 2 are stdio,
 * preopens follow from 3), which is what upstream does, including after a guest closes stdio.
 */





/**
 * The host path through which lookups relative to `dir` start: on Linux `/proc/self/fd/N`, which
 * tracks the directory through renames (like openat); elsewhere its path, verified.
 */
function directoryBase(dir) {
    const fdDirectory = (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .platform */ .iD)().fdDirectory;
    if (fdDirectory !== undefined)
        return `${fdDirectory}/${dir.hostFd}`;
    const { root, components } = dir.location.current();
    return (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .verifiedDirectory */ .eg)(root, components, dir.hostFd);
}
class DescriptorTable {
    entries = new Map();
    /** Numbers closed or renumbered away and not yet reused. */
    free = new Set();
    get(fd) {
        const entry = this.entries.get(fd);
        if (entry === undefined)
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.badf);
        return entry;
    }
    has(fd) {
        return this.entries.has(fd);
    }
    /** The descriptor at `fd` if it is a regular file (anything else: EBADF). */
    file(fd) {
        const entry = this.get(fd);
        if (entry.kind !== 'file')
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.badf);
        return entry;
    }
    /**
     * The directory a path call starts from. Upstream refuses any other descriptor with EBADF,
     * except that `path_open` from a file reports what the host's `openat` does (ENOTDIR).
     */
    directory(fd, fromFile = _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.badf) {
        const entry = this.get(fd);
        if (entry.kind === 'dir')
            return entry;
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(entry.kind === 'file' ? fromFile : _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.badf);
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
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(entry.hostFd);
    }
    /** Moves `from` onto `to` (both must exist), closing what `to` held; `from` becomes free. */
    renumber(from, to) {
        const moving = this.get(from);
        const replaced = this.get(to);
        if (from === to)
            return;
        if (replaced.kind !== 'stdio')
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(replaced.hostFd);
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


/***/ }),

/***/ 253:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ guestEnvironment)
/* harmony export */ });
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


/***/ }),

/***/ 92:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ errnoOf),
/* harmony export */   v: () => (/* binding */ WasiErrno)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(442);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(421);
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
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GuestTrap */ .U1)
        throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
        return _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .errnoByCode */ .pB[error.code] ?? _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.io;
    }
    throw error;
}


/***/ }),

/***/ 743:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  L: () => (/* binding */ FileIo),
  a: () => (/* binding */ Stdio)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var sources = __nccwpck_require__(935);
;// CONCATENATED MODULE: ./src/host/stdio.ts
/**
 * Synchronous writes to the process's standard streams. The guest's output (WASI fds 1 and 2) and
 * the CLI's messages go out this way, in the order they are made, each call returning once the OS
 * has every byte. For stderr it also saves building `process.stderr`, which loads Node's stream
 * and socket modules when it is a pipe (~10 ms of a start).
 */


/** Whether a read or write failed only because a non-blocking descriptor had to wait. */
function isAgain(error) {
    return error instanceof Error && 'code' in error && error.code === 'EAGAIN';
}
/**
 * Writes all of `bytes` to `fd`. A pipe another process left non-blocking fails with EAGAIN while
 * it is full; the write is retried until the reader has made room.
 */
function writeFullySync(fd, bytes) {
    let done = 0;
    while (done < bytes.length) {
        try {
            done += (0,external_node_fs_.writeSync)(fd, bytes, done, bytes.length - done);
        }
        catch (error) {
            if (!isAgain(error))
                throw error;
            (0,sources/* sleepSync */.PW)(1);
        }
    }
}
/** Whether text for stderr must go through Node's stream: see `stderrText`. */
let throughStream;
/**
 * Text to the process's stderr, written before `write` returns. A Windows console is the
 * exception: it takes UTF-16 text, which Node's stream writes and bytes written to the handle
 * are not (they would show in the console's code page), so there it goes through `process.stderr`.
 */
const stderrText = {
    write(text) {
        throughStream ??=
            process.platform === 'win32' && process.getBuiltinModule('node:tty').isatty(2);
        if (throughStream)
            process.stderr.write(text);
        else
            writeFullySync(2, Buffer.from(text));
    },
};

// EXTERNAL MODULE: ./src/wasi/constants.ts
var constants = __nccwpck_require__(421);
// EXTERNAL MODULE: ./src/wasi/errno.ts
var errno = __nccwpck_require__(92);
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

;// CONCATENATED MODULE: ./src/wasi/io.ts
/**
 * Reading, writing and seeking. Like upstream's preview1, each call transfers only the first
 * non-empty buffer of its iovec list; callers pass that one buffer here.
 */






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
                (0,sources/* sleepSync */.PW)(1);
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
        writeFullySync(fd, bytes);
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
            throw new errno/* WasiErrno */.v(constants/* Errno */.RH.badf);
        return file;
    }
    writableFile(fd) {
        const file = this.table.file(fd);
        if (!file.writable)
            throw new errno/* WasiErrno */.v(constants/* Errno */.RH.badf);
        return file;
    }
    read(fd, target, offset, length) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            if (entry.stream !== 0)
                throw new errno/* WasiErrno */.v(constants/* Errno */.RH.badf);
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
            throw new errno/* WasiErrno */.v(entry.stream === 0 ? constants/* Errno */.RH.spipe : constants/* Errno */.RH.badf);
        const file = this.readableFile(fd);
        return (0,external_node_fs_.readSync)(file.hostFd, target, offset, length, at);
    }
    write(fd, source, offset, length) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            if (entry.stream === 0)
                throw new errno/* WasiErrno */.v(constants/* Errno */.RH.badf);
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
            throw new errno/* WasiErrno */.v(entry.stream === 0 ? constants/* Errno */.RH.badf : constants/* Errno */.RH.spipe);
        const file = this.writableFile(fd);
        // Upstream's host descriptor has O_APPEND, where Linux ignores the offset of pwrite.
        return (0,external_node_fs_.writeSync)(file.hostFd, source, offset, length, file.append ? this.size(file) : Number(at));
    }
    seek(fd, delta, whence) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio')
            throw new errno/* WasiErrno */.v(constants/* Errno */.RH.spipe);
        const file = this.table.file(fd);
        const from = whence === constants/* Whence */.J4.set ? 0 : whence === constants/* Whence */.J4.cur ? file.position : this.size(file);
        const target = from + Number(delta);
        if (target < 0 || !Number.isSafeInteger(target))
            throw new errno/* WasiErrno */.v(constants/* Errno */.RH.inval);
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


/***/ }),

/***/ 516:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ DirectoryLocation),
/* harmony export */   m: () => (/* binding */ MoveLog)
/* harmony export */ });
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


/***/ }),

/***/ 36:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ removeDirectoryAt),
/* harmony export */   Fw: () => (/* binding */ symlinkAt),
/* harmony export */   IU: () => (/* binding */ statAt),
/* harmony export */   KG: () => (/* binding */ listDirectory),
/* harmony export */   ST: () => (/* binding */ setTimesAt),
/* harmony export */   _8: () => (/* binding */ openAt),
/* harmony export */   _m: () => (/* binding */ linkAt),
/* harmony export */   bd: () => (/* binding */ unlinkFileAt),
/* harmony export */   cN: () => (/* binding */ readlinkAt),
/* harmony export */   fp: () => (/* binding */ createDirectoryAt),
/* harmony export */   ov: () => (/* binding */ setTimesOfFd),
/* harmony export */   wc: () => (/* binding */ renameAt)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(421);
/* harmony import */ var _descriptors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(738);
/* harmony import */ var _errno_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(92);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(956);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(189);
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
        const found = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, path, follow);
        if (found.stat?.isSymbolicLink() && !found.trailingSlash)
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.loop);
        return found;
    }
    const name = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .stripTrailingSlashes */ .oI)(path);
    const last = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lastComponent */ .Cy)(name);
    const found = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, name, false);
    if (last === '.' || last === '..' || found.name === undefined) {
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(exclusive ? _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.exist : _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.isdir);
    }
    if (name.length < path.length)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.isdir);
    if (found.stat !== undefined && exclusive)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.exist);
    if (!found.stat?.isSymbolicLink())
        return found;
    if (!follow)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.loop);
    return (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, name, true);
}
/**
 * Opens `path` below `dir`. Creating or truncating opens for writing too; without `write` the
 * host descriptor is opened for reading, as upstream does (the OS must be given one of the two).
 * Flag combinations each layer refuses (directory with create, sync flags) are checked before.
 */
function openAt(dir, path, request) {
    const base = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir);
    const found = openTarget(base, path, request.follow, request.create, request.exclusive);
    const host = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)();
    const read = request.read || !request.write;
    const hostWrite = request.write || request.create || request.truncate;
    let flags = read && hostWrite ? node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDWR : hostWrite ? node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY : node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
    if (request.create)
        flags |= node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT;
    if (request.exclusive)
        flags |= node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL;
    // Without O_NOFOLLOW the entry is verified before anything is changed: truncation waits.
    const truncateAfterCheck = request.truncate && host.noFollowFlag === 0;
    if (request.truncate && !truncateAfterCheck)
        flags |= node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_TRUNC;
    if (request.directory)
        flags |= host.directoryFlag;
    // The path is link-free up to its last component; a final link left unfollowed must stay so.
    // (`/proc/self/fd/N` itself is a link that must be followed.)
    if (found.name !== undefined)
        flags |= host.noFollowFlag;
    const hostFd = host.fs.open((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .hostPathOf */ .J8)(found) + (found.trailingSlash ? '/' : ''), flags, 0o666);
    const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(hostFd);
    if (host.noFollowFlag === 0 || host.directoryFlag === 0) {
        checkOpened(hostFd, stat, found, request.directory);
    }
    if (truncateAfterCheck)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.ftruncateSync)(hostFd, 0);
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
        errno = _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.loop;
    }
    else if ((directory || found.trailingSlash) && !opened.isDirectory()) {
        errno = _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir;
    }
    if (errno === undefined)
        return;
    (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .closeQuietly */ .EO)(hostFd);
    throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(errno);
}
/** The status of `path` below `dir` (of the link itself unless `follow`). */
function statAt(dir, path, follow) {
    const base = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir);
    // Without following, a trailing slash is ignored: `file/` and `link/` stat the entry itself.
    const found = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, follow ? path : (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .stripTrailingSlashes */ .oI)(path), follow);
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs;
    if (found.name === undefined)
        return fs.statBig(found.parent);
    if (found.stat === undefined)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
    if (found.trailingSlash && !found.stat.isDirectory())
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
    const stat = fs.lstatBig((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .hostPathOf */ .J8)(found));
    if (stat === undefined)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
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
    const [a, m] = newTimes(() => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(hostFd, { bigint: true }), atime, mtime);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.futimesSync)(hostFd, a, m);
}
/**
 * Sets the times of `path` below `dir`. A trailing slash is honoured (a link before it is
 * followed, a file is ENOTDIR); without following, keeping both times on a missing name
 * succeeds, as Linux's `utimensat` returns before its lookup.
 */
function setTimesAt(dir, path, follow, atime, mtime) {
    const base = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir);
    const found = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, path, follow);
    const setsNothing = atime === 'keep' && mtime === 'keep';
    if (found.name !== undefined && found.stat === undefined) {
        if (setsNothing && !follow && !found.trailingSlash)
            return;
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
    }
    if (found.trailingSlash && found.stat !== undefined && !found.stat.isDirectory()) {
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
    }
    if (setsNothing)
        return;
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs;
    const host = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .hostPathOf */ .J8)(found);
    const self = found.name === undefined;
    const stat = () => {
        const current = self ? fs.statBig(host) : fs.lstatBig(host);
        if (current === undefined)
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
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
    const base = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir);
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs;
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
    (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs.mkdir((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)((0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir), (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .stripTrailingSlashes */ .oI)(path)).host);
}
/** Removes an empty directory; a link to one is ENOTDIR (Windows would remove the link). */
function removeDirectoryAt(dir, path) {
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs;
    const target = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)((0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir), path);
    if (target.name === '.' || target.name === '..')
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.inval);
    if (fs.lstat(target.host)?.isSymbolicLink())
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
    fs.rmdir(target.host);
}
/** Removes a non-directory; a directory is EISDIR everywhere (macOS and Windows say EPERM). */
function unlinkFileAt(dir, path) {
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs;
    const target = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)((0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir), path).host;
    try {
        fs.unlink(target);
    }
    catch (error) {
        const code = error.code;
        if ((code === 'EPERM' || code === 'EACCES') && fs.lstat(target)?.isDirectory()) {
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.isdir);
        }
        throw error;
    }
}
function renameAt(oldDir, oldPath, newDir, newPath) {
    const host = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)();
    const oldBase = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(oldDir);
    const newBase = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(newDir);
    // Trailing slashes are dropped for the lookup; on the source one is kept so that the host
    // still insists on a directory (hosts that drop it are checked here instead).
    const oldStripped = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .stripTrailingSlashes */ .oI)(oldPath);
    const source = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)(oldBase, oldStripped);
    const target = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)(newBase, (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .stripTrailingSlashes */ .oI)(newPath));
    const slashed = oldStripped.length < oldPath.length;
    if (slashed && host.windowsPaths) {
        const stat = host.fs.lstat(source.host);
        if (stat !== undefined && !stat.isDirectory())
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
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
    if (!(0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().windowsPaths)
        return 'file';
    try {
        const found = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookup */ .$I)(base, path, true);
        return found.name === undefined || found.stat?.isDirectory() ? 'dir' : 'file';
    }
    catch {
        return 'file';
    }
}
/** Creates a link at `path` to `target`, which may not be absolute (a later lookup checks the rest). */
function symlinkAt(target, dir, path) {
    const base = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir);
    if ((0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .isAbsolute */ .oP)(target))
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
    if (target.includes('\0'))
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.inval);
    const at = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)(base, path).host;
    const slash = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .lastSeparator */ .eY)(path);
    const resolvesAs = slash < 0 ? target : `${path.slice(0, slash)}/${target}`;
    (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs.symlink((0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .hostLinkTarget */ .U_)(target), at, linkKind(base, resolvesAs));
}
/** A link's contents; an absolute target is not shown (EPERM). */
function readlinkAt(dir, path) {
    const contents = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)().fs.readlinkBytes((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)((0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(dir), path).host);
    if ((0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .isAbsolute */ .oP)(contents))
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
    return (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .guestLinkTarget */ .YY)(contents);
}
/**
 * A hard link to an entry (never through a last link: following is EINVAL). Where the host's
 * `link()` would follow a last link (to wherever it points, maybe outside), a link to a link is
 * made as a new link with the same target instead.
 */
function linkAt(oldDir, follow, oldPath, newDir, newPath) {
    const host = (0,_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .platform */ .iD)();
    const oldBase = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(oldDir);
    const newBase = (0,_descriptors_js__WEBPACK_IMPORTED_MODULE_2__/* .directoryBase */ .x)(newDir);
    if (follow)
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_3__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.inval);
    const source = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)(oldBase, oldPath).host;
    const target = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .lookupParent */ .Pq)(newBase, newPath).host;
    if (host.linkFollowsSymlinks && host.fs.lstat(source)?.isSymbolicLink()) {
        host.fs.symlink(host.fs.readlink(source), target, linkKind(oldBase, oldPath));
        return;
    }
    host.fs.link(source, target);
}


/***/ }),

/***/ 956:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ lookup),
/* harmony export */   Cy: () => (/* binding */ lastComponent),
/* harmony export */   J8: () => (/* binding */ hostPathOf),
/* harmony export */   Pq: () => (/* binding */ lookupParent),
/* harmony export */   eg: () => (/* binding */ verifiedDirectory),
/* harmony export */   oI: () => (/* binding */ stripTrailingSlashes)
/* harmony export */ });
/* unused harmony export lookupDirectory */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(421);
/* harmony import */ var _errno_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(92);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(189);
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
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
    if ((0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .isAbsolute */ .oP)(path))
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
    if (path.includes('\0'))
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.inval);
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
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .platform */ .iD)().fs;
    const pending = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .splitPath */ .Uf)(path).reverse();
    const stack = [];
    let expansions = 0;
    while (pending.length > 0) {
        const name = pending.pop();
        if (name === '' || name === '.')
            continue;
        if (name === '..') {
            if (stack.length === 0)
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
            stack.pop();
            continue;
        }
        (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .checkName */ .I3)(name);
        const more = hasStep(pending);
        const trailingSlash = !more && pending.length > 0;
        const parent = join(base, stack);
        const stat = fs.lstat(`${parent}/${name}`);
        if (stat === undefined) {
            if (more)
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
            return { parent, components: stack, name, stat, trailingSlash };
        }
        if (stat.isSymbolicLink() && (more || follow || trailingSlash)) {
            if (++expansions > _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_SYMLINK_EXPANSIONS */ .CS)
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.loop);
            const target = fs.readlink(`${parent}/${name}`);
            if ((0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .isAbsolute */ .oP)(target))
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
            // A link to "" names nothing (Linux: ENOENT).
            if (target.length === 0)
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
            const parts = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .splitPath */ .Uf)(target);
            for (let i = parts.length - 1; i >= 0; i--)
                pending.push(parts[i]);
            continue;
        }
        if (more) {
            if (!stat.isDirectory())
                throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
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
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
    if (!found.stat.isDirectory())
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.notdir);
    return { host: `${found.parent}/${found.name}`, components: [...found.components, found.name] };
}
/**
 * Re-checks that `components` below `root` are still real directories and lead to the directory
 * open as `hostFd`, for hosts without `/proc/self/fd`, where a directory descriptor is known by
 * path and could have been renamed away and replaced by a link or another directory (ENOENT).
 * Returns the host path.
 */
function verifiedDirectory(root, components, hostFd) {
    const fs = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .platform */ .iD)().fs;
    let host = root;
    for (const name of components) {
        host = `${host}/${name}`;
        const stat = fs.lstat(host);
        if (stat === undefined || !stat.isDirectory())
            throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
    }
    // The preopen itself was opened following links, as the user named it.
    const found = components.length === 0 ? fs.statBig(host) : fs.lstatBig(host);
    const open = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(hostFd, { bigint: true });
    if (found === undefined || found.ino !== open.ino || found.dev !== open.dev) {
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.noent);
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
    const slash = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .lastSeparator */ .eY)(path);
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
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.perm);
    if (name !== '.' && name !== '..')
        (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .checkName */ .I3)(name);
    return { dir: dir.host, components: dir.components, name, host: `${dir.host}/${name}` };
}
/** `path` without trailing slashes (a lone `/` is kept, so it still fails as absolute). */
function stripTrailingSlashes(path) {
    let end = path.length;
    while (end > 1 && (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .isSeparator */ .k$)(path.charCodeAt(end - 1)))
        end--;
    return path.slice(0, end);
}
/** The last component of `path` (after its last separator). */
function lastComponent(path) {
    return path.slice((0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .lastSeparator */ .eY)(path) + 1);
}


/***/ }),

/***/ 189:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AJ: () => (/* binding */ openDirectory),
/* harmony export */   EO: () => (/* binding */ closeQuietly),
/* harmony export */   I3: () => (/* binding */ checkName),
/* harmony export */   U_: () => (/* binding */ hostLinkTarget),
/* harmony export */   Uf: () => (/* binding */ splitPath),
/* harmony export */   YY: () => (/* binding */ guestLinkTarget),
/* harmony export */   eY: () => (/* binding */ lastSeparator),
/* harmony export */   iD: () => (/* binding */ platform),
/* harmony export */   k$: () => (/* binding */ isSeparator),
/* harmony export */   oP: () => (/* binding */ isAbsolute)
/* harmony export */ });
/* unused harmony exports setPlatformForTesting, simulatedPlatform */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(421);
/* harmony import */ var _errno_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(92);
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
    lstat: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path, { throwIfNoEntry: false }),
    lstatBig: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path, { bigint: true, throwIfNoEntry: false }),
    statBig: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { bigint: true }),
    readlink: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path, 'utf8'),
    readlinkBytes: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path, { encoding: 'buffer' }),
    open: (path, flags, mode) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, flags, mode),
    // `buffer` keeps names that are not UTF-8 intact (the typings only list string encodings).
    opendir: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.opendirSync)(path, { encoding: 'buffer' }),
    mkdir: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(path),
    rmdir: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync)(path),
    unlink: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(path),
    rename: (from, to) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(from, to),
    // An explicit type: without one, Node on Windows stats the target to choose, which for a UNC
    // target would make the host contact that server.
    symlink: (target, path, type) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.symlinkSync)(target, path, type),
    link: (existing, path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.linkSync)(existing, path),
    utimes: (path, atime, mtime) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.utimesSync)(path, atime, mtime),
    lutimes: (path, atime, mtime) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lutimesSync)(path, atime, mtime),
};
/** The rules of the OS this process runs on. */
function detectPlatform() {
    const os = process.platform;
    return {
        fdDirectory: os === 'linux' && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)('/proc/self/fd') ? '/proc/self/fd' : undefined,
        windowsPaths: os === 'win32',
        // Linux's link() never follows; macOS's and the BSDs' follow (POSIX leaves it open), and
        // Windows is not relied on either way.
        linkFollowsSymlinks: os !== 'linux',
        noFollowFlag: node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0,
        directoryFlag: node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_DIRECTORY ?? 0,
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
        throw new _errno_js__WEBPACK_IMPORTED_MODULE_2__/* .WasiErrno */ .v(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Errno */ .RH.inval);
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
    const fd = current.fs.open(host, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | current.directoryFlag);
    if (current.directoryFlag === 0 && !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).isDirectory()) {
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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    catch {
        // Nothing left to release.
    }
}


/***/ }),

/***/ 807:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G6: () => (/* binding */ opcodeName),
/* harmony export */   Jc: () => (/* binding */ PREFIX_OPCODES),
/* harmony export */   Lg: () => (/* binding */ opcodeInfo),
/* harmony export */   OU: () => (/* binding */ INSTRUCTIONS),
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
 * The instruction table as flat arrays, for decoders built from it (code-kernel.ts): instruction
 * `id` is `codes[id]` after the prefix byte `prefixes[id]` (0 for none); it steps over its
 * immediates by the step codes (numbered as code-kernel.wat reads them) `stepCodes[stepStart[id]
 * .. stepStart[id + 1]]` and changes the block depth by `blockDelta[id]` (+1 opens, -1 closes).
 */
const INSTRUCTIONS = {
    count: _opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo.length,
    prefixes: Uint8Array.from(_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo, (o) => o.prefix),
    codes: Uint16Array.from(_opcodes_js__WEBPACK_IMPORTED_MODULE_0__/* .OPCODES */ .qo, (o) => o.code),
    stepStart: stepStart,
    stepCodes: stepCodes,
    blockDelta: blockDelta,
};
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

/***/ 977:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NB: () => (/* binding */ SECTION_RANK),
/* harmony export */   Op: () => (/* binding */ Op),
/* harmony export */   PN: () => (/* binding */ SectionId),
/* harmony export */   Vu: () => (/* binding */ CORE_VERSION),
/* harmony export */   W2: () => (/* binding */ ExternalKind),
/* harmony export */   ZO: () => (/* binding */ ValTypeCode),
/* harmony export */   f0: () => (/* binding */ COMPONENT_VERSION)
/* harmony export */ });
/* unused harmony exports WASM_MAGIC, SECTION_NAMES */
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


/***/ }),

/***/ 250:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ readLimits),
/* harmony export */   W6: () => (/* binding */ readValType),
/* harmony export */   eB: () => (/* binding */ isRefType),
/* harmony export */   jn: () => (/* binding */ readSections),
/* harmony export */   tu: () => (/* binding */ readPreamble)
/* harmony export */ });
/* unused harmony export binaryKind */
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(425);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(977);
/**
 * Module-level reading: the header, the section list (kept as byte ranges of the input, never
 * copied), and readers for the small typed structures shared by several sections.
 */


/** Reads the 8-byte preamble and says whether this is a core module or a component. */
function readPreamble(bytes) {
    const r = new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryReader */ .V(bytes);
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
    if (version === _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .CORE_VERSION */ .Vu && layer === 0)
        return 'module';
    if (version === _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .COMPONENT_VERSION */ .f0 && layer === 1)
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
    const r = new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryReader */ .V(bytes, 8);
    const sections = [];
    while (!r.eof) {
        const start = r.pos;
        const id = r.u8();
        const size = r.u32();
        const payloadStart = r.pos;
        if (payloadStart + size > bytes.length)
            throw r.error('unexpected end-of-file', payloadStart);
        const section = { id, start, payloadStart, end: payloadStart + size };
        if (id === _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Custom) {
            const sr = new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryReader */ .V(bytes, payloadStart, payloadStart + size);
            section.customName = sr.name();
        }
        else if (id > _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Tag) {
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

/***/ 425:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ BinaryReader)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(442);
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
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WasmDecodeError */ .r_(message, offset);
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

/***/ 850:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ RESERVED_PREFIX)
/* harmony export */ });
/** Prefix reserved for the names instrumentation adds. */
const RESERVED_PREFIX = '__wizer_';


/***/ }),

/***/ 329:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ku: () => (/* binding */ START_EXPORT),
  f7: () => (/* binding */ deferStartFunction),
  wV: () => (/* binding */ instrument),
  Wx: () => (/* binding */ sitesToEdit)
});

// UNUSED EXPORTS: AddedFunctions

// EXTERNAL MODULE: ./src/wasm/constants.ts
var constants = __nccwpck_require__(977);
// EXTERNAL MODULE: ./src/wasm/module.ts
var wasm_module = __nccwpck_require__(250);
// EXTERNAL MODULE: ./src/wasm/reader.ts
var reader = __nccwpck_require__(425);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
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
    const r = new reader/* BinaryReader */.V(bodies, 0, bodies.length);
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
    [0x96, constants/* ValTypeCode */.ZO.F32], // f32.min
    [0x97, constants/* ValTypeCode */.ZO.F32], // f32.max
    [0xa4, constants/* ValTypeCode */.ZO.F64], // f64.min
    [0xa5, constants/* ValTypeCode */.ZO.F64], // f64.max
]);
/**
 * The helper for one opcode: `(a, b) -> result` as above. Fast path: V8's min/max is right unless
 * its result is NaN; only then are the operands inspected.
 */
function helperBody(opcode, float) {
    const f32 = float === constants/* ValTypeCode */.ZO.F32;
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

// EXTERNAL MODULE: ./src/wizer/nan-canonical.ts
var nan_canonical = __nccwpck_require__(387);
// EXTERNAL MODULE: ./src/wasm/opcodes.ts
var opcodes = __nccwpck_require__(427);
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
function simd(name) {
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
    const shuffle = (lanes) => [...simd('i8x16.shuffle'), ...lanes];
    const evens = [0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29];
    const odds = evens.map((b) => b + 2);
    const dot = added.add([V128, V128], [V128], [
        ...[0x01, 0x02, V128], // two v128 locals: low and high products
        ...get(0),
        ...get(1),
        ...simd('i16x8.extmul_low_i8x16_s'),
        ...set(2),
        ...get(0),
        ...get(1),
        ...simd('i16x8.extmul_high_i8x16_s'),
        ...set(3),
        ...get(2),
        ...get(3),
        ...shuffle(evens),
        ...get(2),
        ...get(3),
        ...shuffle(odds),
        ...simd('i16x8.add'),
        0x0b,
    ]);
    const dotAdd = added.add([V128, V128, V128], [V128], [
        0x00,
        ...get(0),
        ...get(1),
        ...call(dot),
        ...simd('i32x4.extadd_pairwise_i16x8_s'),
        ...get(2),
        ...simd('i32x4.add'),
        0x0b,
    ]);
    return { dot, dotAdd };
}
/** Edits replacing the relaxed-SIMD instruction at each of `sites` (input offsets of its prefix). */
function relaxedSimdEdits(bytes, sites, added) {
    let helpers;
    const edits = [];
    for (const at of sites) {
        const r = new reader/* BinaryReader */.V(bytes, at + 1);
        const sub = r.u32();
        const length = r.pos - at;
        const swap = SWAPS.get(sub);
        if (swap !== undefined) {
            edits.push({ at, length, bytes: simd(swap) });
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
        const index = added.add([], [result], [0x00, ...body, constants.Op.End]);
        exports.name(name).byte(constants/* ExternalKind */.W2.Func).u32(index);
        exportCount++;
    };
    // Defined items follow imported ones in each index space. Core modules given to wizen() import
    // no globals or memories (validation refuses them); core modules inside a component may.
    const importedGlobals = cx.imports.filter((i) => i.kind === constants/* ExternalKind */.W2.Global).length;
    const importedMemories = cx.imports.filter((i) => i.kind === constants/* ExternalKind */.W2.Memory).length;
    cx.globals.forEach((g, i) => {
        if (!g.mutable)
            return;
        const get = [constants.Op.GlobalGet, ...leb(importedGlobals + i)];
        const base = `__wizer_global_${i}`;
        switch (g.type.code) {
            case constants/* ValTypeCode */.ZO.I32:
            case constants/* ValTypeCode */.ZO.I64:
                addGetter(base, g.type.code, get);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case constants/* ValTypeCode */.ZO.F32:
                addGetter(base, constants/* ValTypeCode */.ZO.I32, [...get, constants.Op.I32ReinterpretF32]);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case constants/* ValTypeCode */.ZO.F64:
                addGetter(base, constants/* ValTypeCode */.ZO.I64, [...get, constants.Op.I64ReinterpretF64]);
                probes.push({ globalIndex: i, type: g.type.code, exports: [base] });
                break;
            case constants/* ValTypeCode */.ZO.V128: {
                const lane = (k) => [...get, constants.Op.SimdPrefix, constants.Op.I64x2ExtractLane, k];
                addGetter(`${base}_lo`, constants/* ValTypeCode */.ZO.I64, lane(0));
                addGetter(`${base}_hi`, constants/* ValTypeCode */.ZO.I64, lane(1));
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
            .byte(constants/* ExternalKind */.W2.Memory)
            .u32(importedMemories + k);
        exportCount++;
        return name;
    });
    const start = startFunction(cx.bytes, cx.sections);
    if (start !== undefined) {
        exports.name(START_EXPORT).byte(constants/* ExternalKind */.W2.Func).u32(start);
        exportCount++;
    }
    const inputBodiesStart = bodiesStart(cx.bytes, cx.sections);
    // A NaN canonicalisation is inserted (length 0) where its instruction ends, which may be where
    // the next instruction's replacement starts: the insertion goes first.
    const edits = [
        ...relaxedSimdEdits(cx.bytes, relaxedSimdSites, added),
        ...floatMinMaxEdits(cx.bytes, floatMinMaxSites, added),
        ...(0,nan_canonical/* nanCanonicalEdits */.l8)(cx, nanCanonicalSites, added),
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
    extend(constants/* SectionId */.PN.Type, added.typeCount, added.types.view());
    extend(constants/* SectionId */.PN.Function, added.count, added.funcs.view());
    extend(constants/* SectionId */.PN.Code, added.count, added.code.view(), bodies);
    extend(constants/* SectionId */.PN.Export, exportCount, exports.view());
    const wasm = assemble(cx.bytes, cx.sections, replacements);
    const copyBodiesStart = bodiesStart(wasm, (0,wasm_module/* readSections */.jn)(wasm));
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
    const sections = (0,wasm_module/* readSections */.jn)(bytes);
    const start = startFunction(bytes, sections);
    if (start === undefined)
        return { wasm: bytes, codeShift: 0 };
    const entry = new writer/* ByteSink */._s(24).name(START_EXPORT).byte(constants/* ExternalKind */.W2.Func).u32(start).view();
    const exportSection = sections.find((s) => s.id === constants/* SectionId */.PN.Export);
    const replacements = new Map([[constants/* SectionId */.PN.Export, extendVector(bytes, exportSection, 1, entry)]]);
    const wasm = assemble(bytes, sections, replacements);
    return { wasm, codeShift: bodiesStart(wasm, (0,wasm_module/* readSections */.jn)(wasm)) - bodiesStart(bytes, sections) };
}
function codeEnd(sections) {
    return sections.find((s) => s.id === constants/* SectionId */.PN.Code)?.end ?? 0;
}
/** Offset of the first function body (past the code section's count), or 0 without one. */
function bodiesStart(bytes, sections) {
    const code = sections.find((s) => s.id === constants/* SectionId */.PN.Code);
    if (code === undefined)
        return 0;
    const r = new reader/* BinaryReader */.V(bytes, code.payloadStart, code.end);
    r.u32();
    return r.pos;
}
function startFunction(bytes, sections) {
    const section = sections.find((s) => s.id === constants/* SectionId */.PN.Start);
    return section && new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end).u32();
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
        const r = new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
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
        for (const [id, body] of [...pending].sort((a, b) => constants/* SECTION_RANK */.NB[a[0]] - constants/* SECTION_RANK */.NB[b[0]])) {
            if (constants/* SECTION_RANK */.NB[id] < rank)
                pushSection(id, body);
        }
    };
    for (const s of sections) {
        if (s.id === constants/* SectionId */.PN.Start)
            continue; // exported instead, see above
        if (s.id !== constants/* SectionId */.PN.Custom)
            flushBefore(constants/* SECTION_RANK */.NB[s.id]);
        const body = pending.get(s.id);
        if (body && s.id !== constants/* SectionId */.PN.Custom)
            pushSection(s.id, body);
        else
            chunks.push(bytes.subarray(s.start, s.end));
    }
    flushBefore(Infinity);
    return (0,writer/* concatChunks */.JD)(chunks);
}
function leb(value) {
    return Array.from(new writer/* ByteSink */._s(5).u32(value).view());
}


/***/ }),

/***/ 627:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gy: () => (/* binding */ compileValidatedAsync),
/* harmony export */   WU: () => (/* binding */ compileValidated),
/* harmony export */   zU: () => (/* binding */ fullValidation)
/* harmony export */ });
/* unused harmony exports enableLazyValidation, compilesWithoutValidation */
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
/**
 * Switches lazy validation on for this process (the CLI calls this first), unless Node was
 * started with it (the CLI's `#!` line): loading `node:v8` costs a start ~7 ms.
 */
function enableLazyValidation() {
    if (compilesWithoutValidation())
        return;
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

/***/ 387:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _P: () => (/* binding */ NAN_SIMD_OPCODES),
/* harmony export */   l8: () => (/* binding */ nanCanonicalEdits),
/* harmony export */   t9: () => (/* binding */ NAN_SCALAR_OPCODES)
/* harmony export */ });
/* harmony import */ var _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(977);
/* harmony import */ var _wasm_module_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(250);
/* harmony import */ var _wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(427);
/* harmony import */ var _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(425);
/* harmony import */ var _wasm_writer_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(801);
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
        const info = (0,_wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .opcodeNamed */ .If)(name);
        if (info === undefined || info.immediates.length > 0) {
            throw new Error(`unreachable: ${name} is no instruction without immediates`);
        }
        if (info.prefix === 0)
            NAN_SCALAR_OPCODES[info.code] = shape + 1;
        else if (info.prefix === _wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .PREFIX_SIMD */ .nK)
            NAN_SIMD_OPCODES[info.code] = shape + 1;
        else
            throw new Error(`unreachable: ${name} has prefix ${info.prefix}`);
    }
}
/** V8's limit on a function's locals, parameters included (`kV8MaxWasmFunctionLocals`). */
const MAX_LOCALS = 50_000;
const CALL = 0x10;
const SELECT = 0x1b;
const LOCAL_GET = 0x20;
const LOCAL_TEE = 0x22;
const leb = (value) => Array.from(new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_4__/* .ByteSink */ ._s(6).u32(value).view());
/** The encoding of a SIMD instruction without immediates. */
function simd(name) {
    const info = (0,_wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .opcodeNamed */ .If)(name);
    if (info?.prefix !== _wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .PREFIX_SIMD */ .nK)
        throw new Error(`unreachable: no SIMD opcode named ${name}`);
    return [_wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .PREFIX_SIMD */ .nK, ...leb(info.code)];
}
/** Little-endian bytes of the canonical NaN of a lane: f32 `0x7fc00000`, f64 `0x7ff8...0`. */
const F32_NAN = [0x00, 0x00, 0xc0, 0x7f];
const F64_NAN = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f];
/** Per shape: the scratch local's type, the canonical NaN constant, the comparison, the select. */
const SEQUENCE = [
    { type: _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .ValTypeCode */ .ZO.F32, nan: [0x43, ...F32_NAN], eq: [0x5b], select: [SELECT] },
    { type: _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .ValTypeCode */ .ZO.F64, nan: [0x44, ...F64_NAN], eq: [0x61], select: [SELECT] },
    {
        type: _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .ValTypeCode */ .ZO.V128,
        nan: [...simd('v128.const'), ...F32_NAN, ...F32_NAN, ...F32_NAN, ...F32_NAN],
        eq: simd('f32x4.eq'),
        select: simd('v128.bitselect'),
    },
    {
        type: _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .ValTypeCode */ .ZO.V128,
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
    if (bytes[at] !== _wasm_opcodes_js__WEBPACK_IMPORTED_MODULE_2__/* .PREFIX_SIMD */ .nK) {
        const shape = NAN_SCALAR_OPCODES[bytes[at]] - 1;
        if (shape < 0)
            throw new Error(`unreachable: opcode ${bytes[at]} is not canonicalised`);
        return { end: at + 1, shape };
    }
    const r = new _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .BinaryReader */ .V(bytes, at + 1);
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
    const code = cx.sections.find((s) => s.id === _wasm_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .SectionId */ .PN.Code);
    if (sites.length === 0 || code === undefined)
        return [];
    const bytes = cx.bytes;
    const edits = [];
    const helpers = [];
    const r = new _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .BinaryReader */ .V(bytes, code.payloadStart, code.end);
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
        const locals = new _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .BinaryReader */ .V(bytes, start, end);
        const groups = locals.u32();
        const groupsEnd = locals.pos;
        let declared = 0;
        for (let g = 0; g < groups; g++) {
            declared += locals.u32();
            (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_1__/* .readValType */ .W6)(locals);
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
        call = [CALL, ...leb(added.add([type], [type], body))];
        helpers[shape] = call;
    }
    return call;
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
/* harmony import */ var _sources_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(935);
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
    const started = (0,_sources_index_js__WEBPACK_IMPORTED_MODULE_0__/* .monotonicMs */ .dR)();
    let mark = started;
    return {
        timings,
        lap: (phase) => {
            const now = (0,_sources_index_js__WEBPACK_IMPORTED_MODULE_0__/* .monotonicMs */ .dR)();
            timings[phase] += now - mark;
            mark = now;
        },
        stop: () => {
            timings.total = (0,_sources_index_js__WEBPACK_IMPORTED_MODULE_0__/* .monotonicMs */ .dR)() - started;
            return timings;
        },
    };
}


/***/ }),

/***/ 406:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ parseModule),
/* harmony export */   y: () => (/* binding */ scanConstExpr)
/* harmony export */ });
/* harmony import */ var _wasm_code_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(807);
/* harmony import */ var _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(977);
/* harmony import */ var _wasm_module_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(250);
/* harmony import */ var _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(425);
/* harmony import */ var _ref_types_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(752);
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
        sections: (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readSections */ .jn)(bytes),
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
        const r = new _wasm_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .BinaryReader */ .V(bytes, section.payloadStart, section.end);
        switch (section.id) {
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Type:
                readTypes(r, cx);
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Import:
                readImports(r, cx);
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Function:
                for (let n = r.u32(); n > 0; n--)
                    cx.funcTypeIndices.push(r.u32());
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Table: {
                const count = r.u32();
                cx.tableCount += count;
                for (let n = count; n > 0; n--)
                    readTable(r, cx.features);
                break;
            }
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Memory:
                for (let n = r.u32(); n > 0; n--) {
                    const at = r.pos;
                    const limits = (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readLimits */ .BU)(r);
                    if (limits.pageSizeLog2 !== undefined)
                        cx.features.customPageSizeAt ??= at;
                    cx.memories.push({
                        limits,
                        shared: (limits.flags & 0x02) !== 0,
                        memory64: (limits.flags & 0x04) !== 0,
                    });
                }
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Global:
                readGlobals(r, cx);
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Export:
                for (let n = r.u32(); n > 0; n--) {
                    const name = r.name();
                    const kind = readExternalKind(r);
                    cx.exports.push({ name, kind, index: r.u32() });
                }
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Element:
                readElements(r, cx.features, importedGlobals(cx));
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Data:
                readData(r, cx.dataSegments, cx.features, importedGlobals(cx));
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.DataCount:
                cx.dataCount = r.u32();
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Tag:
                cx.features.exceptionsAt ??= section.payloadStart;
                cx.tagCount = r.u32();
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Start:
                r.u32(); // decoded here so a malformed index is a validation failure; instrument reads it
                break;
            default:
                continue; // custom and code sections need no decoding here
        }
    }
    return cx;
}
function importedGlobals(cx) {
    return cx.imports.filter((i) => i.kind === _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Global).length;
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
    const type = (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readValType */ .W6)(r);
    if (features.refTypeRefusal === undefined) {
        const reason = (0,_ref_types_js__WEBPACK_IMPORTED_MODULE_4__/* .valTypeRefusal */ .KI)(r.bytes, at, 'module');
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
        (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readValType */ .W6)(r);
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
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Func:
                typeIndex = r.u32();
                cx.funcTypeIndices.push(typeIndex);
                cx.importedFuncCount++;
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Table:
                (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readValType */ .W6)(r);
                (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readLimits */ .BU)(r);
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Memory:
                (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readLimits */ .BU)(r);
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Global:
                (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readValType */ .W6)(r);
                r.u8();
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Tag:
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
    if (kind > _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Tag) {
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
        (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readLimits */ .BU)(r);
        scanConstExpr(r, features);
        return;
    }
    readModuleValType(r, features);
    (0,_wasm_module_js__WEBPACK_IMPORTED_MODULE_2__/* .readLimits */ .BU)(r);
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
                const reason = `constant expression required: non-constant operator: ${(0,_wasm_code_js__WEBPACK_IMPORTED_MODULE_0__/* .opcodeName */ .G6)(op, sub)}`;
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


/***/ }),

/***/ 752:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KI: () => (/* binding */ valTypeRefusal),
/* harmony export */   LL: () => (/* binding */ heapTypeRefusal),
/* harmony export */   WK: () => (/* binding */ isRefTypeByte)
/* harmony export */ });
/* harmony import */ var _wasm_reader_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(425);
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
    const index = new _wasm_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryReader */ .V(bytes, at).s33();
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


/***/ }),

/***/ 641:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   rS: () => (/* binding */ rewriteParts),
/* harmony export */   v8: () => (/* binding */ rewrite)
/* harmony export */ });
/* unused harmony export checkRenames */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(442);
/* harmony import */ var _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(977);
/* harmony import */ var _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(801);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(`Duplicated function rename dst ${dst}`);
        if (srcs.has(src))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WizerError */ .Mx(`Duplicated function rename src ${src}`);
        dsts.add(dst);
        srcs.add(src);
    }
}
function rewrite(cx, snap, options) {
    return (0,_wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .concatChunks */ .JD)(rewriteParts(cx, snap, options));
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
    const emit = (id, body) => chunks.push((0,_wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .sectionHeader */ .bV)(id, body.length), body);
    const emitData = () => {
        for (const chunk of encodeData(cx, snap))
            chunks.push(chunk);
        dataWritten = true;
    };
    for (const s of cx.sections) {
        switch (s.id) {
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Memory:
                emit(s.id, encodeMemories(cx, snap));
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Global:
                emit(s.id, encodeGlobals(cx, snap));
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Export:
                emit(s.id, encodeExports(cx, options));
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Start:
                break; // the start function already ran; its effects are in the snapshot
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.DataCount:
                emit(s.id, new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(5)
                    .u32((cx.dataCount ?? 0) + snap.segments.length)
                    .view()
                    .slice());
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Data:
                emitData();
                break;
            case _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Custom:
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
    const sink = new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(16 * cx.memories.length + 4).u32(cx.memories.length);
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
    const sink = new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(32 * cx.globals.length + 4).u32(cx.globals.length);
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
    const sink = new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(64);
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
    return new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(body.length + 5).u32(count).bytes(body).view();
}
/**
 * The data section as chunks: section header, count, kept/emptied original segments, then one
 * segment per snapshot run.
 */
function encodeData(cx, snap) {
    const body = [];
    const count = cx.dataSegments.length + snap.segments.length;
    body.push(new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(5).u32(count).view().slice());
    const emptyPassive = Uint8Array.of(0x01, 0x00);
    for (const seg of cx.dataSegments) {
        body.push(seg.active ? emptyPassive : cx.bytes.subarray(seg.start, seg.end));
    }
    // Snapshot runs name defined memories; imported ones come first in the index space (none in a
    // module given to wizen(), maybe some in a core module inside a component).
    const importedMemories = cx.imports.filter((i) => i.kind === _wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .ExternalKind */ .W2.Memory).length;
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
    body.unshift((0,_wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .sectionHeader */ .bV)(_wasm_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .SectionId */ .PN.Data, (0,_wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .totalLength */ ["do"])(body)));
    return body;
}
/**
 * Runs `from` to `to` (of one memory) as active data segments, header and bytes chunks, where
 * the kernel does not apply. All headers go into one buffer (sized so it never reallocates) and
 * are referenced as views, so 10,000 segments allocate a handful of objects, not tens of
 * thousands.
 */
function encodeSegments(runs, from, to, bytes, memoryIndex, memory64) {
    const headers = new _wasm_writer_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteSink */ ._s(24 * (to - from) + 1);
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


/***/ }),

/***/ 794:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  P9: () => (/* binding */ snapshot)
});

// UNUSED EXPORTS: MAX_DATA_SEGMENTS, MIN_ACTIVE_SEGMENT_OVERHEAD, RunList, capSegmentCount, findRuns, kthSmallest

// EXTERNAL MODULE: ./src/wasm/constants.ts
var constants = __nccwpck_require__(977);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
;// CONCATENATED MODULE: ./src/wizer/data-kernel-wasm.ts
// Generated by `npm run kernels` from data-kernel.wat: do not edit.
const DATA_KERNEL_WASM_BASE64 = 'AGFzbQEAAAABIQVgAX8Bf2ADf39/AX9gBn9/f39/fwF/YAF/AGACf38BfwIRAQVndWVzdAZtZW1vcnkCAAADDAsAAQAAAAAAAgMEBAUDAQAABgYBfwFBAAsHLAUDb3V0AgEKdmlld19jb3VudAMABHNjYW4AAANjYXAAAQhzZWdtZW50cwAHCuEMC+UCAgZ/An4CQANAAkADQCABQQhqIABNBEAgASkDACEHIAdQBEAgAUEIaiEBDAILIAEgB3pCA4inaiEBDAILIAEgAE8NAyABLQAADQEgAUEBaiEBDAALCyABIQIDQAJAA0AgAUEIaiAATQRAIAEpAwAhByAHQoGChIiQoMCAAX0gB0J/hYNCgIGChIiQoMCAf4MhCCAIUARAIAFBCGohAQwCCyABIAh6QgOIp2ohAQwCCyABIABPDQEgAS0AAEUNASABQQFqIQEMAAsLIAEhAyADQQVqIQQgA0EIaiAATQRAIAMpAwBC//////8fgyEHIAdQBEAgBCEBBSADIAd6QgOIp2ohAQsFIAQgAEsEQCAAIQQLAkADQCABIARPDQEgAS0AAA0BIAFBAWohAQwACwsLIAEgBEkNAAsgBUEEdCEGIAZBEGoQCCAGIAK4OUMBACAGIAO4OUMBCCAFQQFqIQUMAAsLIAUL4gUBFX8gACABTQRAIAAPCyAAIAFrIQMgAEEEdCEEIARBgIAQaiEFIAUgAGpBA2pBfHEhBiAGIABBAnRqIQcgByAAQQJ0ahAIIARBACAGIARr/AsBQQAhCANAIAhBBHQhFSAVK0MBEKsgFStDAQirayEKIApBgIAESQRAIAQgCkECdGohFSAVIBUoQgEAQQFqNkIBAAsgCEEBaiEIIAggAEEBa0kNAAtBACEMAkADQCALIAQgDEECdGooQgEAaiELIAsgA08NASAMQQFqIQwgDEGAgARJDQBBfw8LC0EAIQgDQCAIQQR0IRUgFStDARCrIBUrQwEIq2sgDEkEQCAFIAhqQQE6QAEAIA1BAWohDQsgCEEBaiEIIAggAEEBa0kNAAtB/////wchD0GAgICAeCEQQQAQAiERQQAhCANAIAUgCGotQAEARQRAIAgQBCAMRgRAIAhBAWohCQNAIAUgCWotQAEABEAgCUEBaiEJDAELCyAIQQFqEAIhEkEDIBIQBmpBACACEAUgAkUbaiAIEAMgEWsQBSAJEAMgEmsQBWpqIAkQAyARaxAFayETIAYgDkECdGogCDZCAQAgByAOQQJ0aiATNkIBACAOQQFqIQ4gEyAPSARAIBMhDwsgEyAQSgRAIBMhEAsLIAhBAWoQAiERCyAIQQFqIQggCCAAQQFrSQ0ACyADIA1rIRQgECETAkADQCAUQQBMIBMgD0hyDQFBACEVAkADQCAUQQBMIBUgDk9yDQEgByAVQQJ0aihCAQAgE0YEQCAFIAYgFUECdGooQgEAakEBOkABACAUQQFrIRQLIBVBAWohFQwACwsgE0EBayETDAALC0EAEAIhF0EBIQgDQCAIIABGIAUgCEEBa2otQAEARXIEQCAIQQFrEAMhFSAWQQR0IBe4OUMBACAWQQR0IBW4OUMBCCAWQQFqIRYgCCAASQRAIAgQAiEXCwsgCEEBaiEIIAggAE0NAAsgFgsMACAAQQR0K0MBAKsLDAAgAEEEdCtDAQirCxoBAX8gAEEEdCEBIAErQwEQqyABK0MBCKtrCyYBAX9BASEBA0AgAEGAAU8EQCAAQQd2IQAgAUEBaiEBDAELCyABCyYBAX9BASEBA0AgAEHAAE8EQCAAQQd2IQAgAUEBaiEBDAELCyABC88BAQN/QQAkAAJAA0AgBiABTw0BIAArQwEAqyEHIAArQwEIqyAHayEIIAJFBEAgBUEAOkABACAFQQFqIQUFIAVBAjpAAQAgBUEBaiACEAkhBQsgBUHBADpAAQAgBUEBaiAHEAohBSAFQQs6QAEAIAVBAWogCBAJIQUgCCAESQRAIAUgByAI/AoBACAFIAhqIQUFIAMgBTZCAQAgAyAHNkIBBCADIAcgCGo2QgEIIANBDGohAyMAQQFqJAALIABBEGohACAGQQFqIQYMAAsLIAULLwEBfwNAIACtPwGtQhCGVgRAPwEhASABRQRAQRAhAQsgAUABQX9GBEAACwwBCwsLNwADQCABQYABTwRAIAAgAUGAAXI6QAEAIAFBB3YhASAAQQFqIQAMAQsLIAAgATpAAQAgAEEBagtYAQF/A0AgAUH/AHEhAiABQQd1IQEgAUUgAkHAAHFFcSABQX9GIAJBwABxQQBHcXIEQCAAIAI6QAEAIABBAWoPCyAAIAJBgAFyOkABACAAQQFqIQAMAAsACw==';

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
        case constants/* ValTypeCode */.ZO.I32:
            sink.byte(constants.Op.I32Const).s32(Number(first));
            break;
        case constants/* ValTypeCode */.ZO.I64:
            sink.byte(constants.Op.I64Const).s64(BigInt(first));
            break;
        case constants/* ValTypeCode */.ZO.F32: {
            const bits = new Uint8Array(4);
            new DataView(bits.buffer).setInt32(0, Number(first), true);
            sink.byte(constants.Op.F32Const).bytes(bits);
            break;
        }
        case constants/* ValTypeCode */.ZO.F64: {
            const bits = new Uint8Array(8);
            new DataView(bits.buffer).setBigInt64(0, BigInt(first), true);
            sink.byte(constants.Op.F64Const).bytes(bits);
            break;
        }
        case constants/* ValTypeCode */.ZO.V128: {
            const bits = new Uint8Array(16);
            const view = new DataView(bits.buffer);
            view.setBigInt64(0, BigInt(first), true);
            view.setBigInt64(8, BigInt(second), true);
            sink.byte(constants.Op.SimdPrefix).u32(constants.Op.V128Const).bytes(bits);
            break;
        }
        default:
            throw new Error(`unreachable: global type 0x${probe.type.toString(16)} was not instrumented`);
    }
    return sink.byte(constants.Op.End).view().slice();
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


/***/ }),

/***/ 483:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  gW: () => (/* binding */ checkFeatureFlags),
  XG: () => (/* binding */ checkPreloadFeatures),
  nx: () => (/* binding */ upstreamExportGrowth),
  z6: () => (/* binding */ validateModule),
  Q9: () => (/* binding */ validationFailure)
});

// UNUSED EXPORTS: checkEngineFeatures, checkImportsAndExports, checkSupportedInstructions

// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __nccwpck_require__(442);
// EXTERNAL MODULE: ./src/wasm/code.ts
var wasm_code = __nccwpck_require__(807);
;// CONCATENATED MODULE: ./src/wasm/code-kernel-wasm.ts
// Generated by `npm run kernels` from code-kernel.wat: do not edit.
const CODE_KERNEL_WASM_BASE64 = 'AGFzbQEAAAABKQZgBH9/f38Bf2ACf38Bf2ABfwF/YAJ/fwBgA39/fwF/YAZ/f39/f38AAhEBBWlucHV0Bm1lbW9yeQIAAAMMCwABAQICAgMCBAQFBQMBAAEGCwJ/AUEAC38BQQALBxECBm1lbW9yeQIBBHdhbGsAAArwDAuSBQIOfwF+IAEkACAAEAchACMBIQQCQANAIAUgBE8NASABJAAgABAHIQAgACMBaiEGIAYgAUsgBiAASXIEQAALIAYkACAAIQsgABAHIQAjASEHQQAhCAJAA0AgB0UNASAAEAchACAAQQEQBiAIIAAtAAAQBXIhCCAAEAMhACAHQQFrIQcMAAsLIAgEQCACIBBBf0F/IAsgA2ogBRAKIBBBAWohEAtBASEKAkADQCAAIwBPBEAACyAAIQsgAC0AACEMIABBAWohACAMQQN0IQ4gDilDAQAhEiASUA0AIBJCBFgEQCAALQAAQYABSQRAIABBAWohAAwCCyAALQABQYABSQRAIABBAmohAAwCCyAALQACQYABSQRAIABBA2ohAAwCCyAALQADQYABSQRAIABBBGohAAwCCwsgEkKAgICAgICAgH9RBEAgCkEBSwRAIApBAWshCgwCCwsgEkKFgICAgICAgQFRBEAgAC0AACEJIAlBgAFJIAlB4wBrQRFLcQRAIABBAWohACAKQQFqIQoMAgsLIBJCC1EEQCAALQAAQcAASQRAIAAtAAFBgAFJBEAgAEECaiEADAMLIAAtAAJBgAFJBEAgAEEDaiEADAMLCwtBfyENIA4tQAEAQf4BRgRAIAAQByEAIwEhDSANQYAETwRAAAtBgBAgDEH7AWtBCXQgDWpBA3RqIQ4LIA4tQAEAQf8BRgRAAAsgDi1AAQYhDyAPQQFGIA9BAkYgACMASSAALQAAEAVxcXIEQCACIBAgDCANIAsgA2ogBRAKIBBBAWohEAsgDiAAEAEhACAOLEABByERIBEEQCAKIBFqIQogCkUEQCAAIwBHBEAACwwDCwsMAAsLIAVBAWohBQwACwsgEAs0AQJ/AkADQCACQQZPDQEgACACai1AAQAhAyADRQ0BIAMgARACIQEgAkEBaiECDAALCyABC9cDAQJ/AkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIAAODwABAgMEBQYHCAkKCwwNDgALAAsgAUEFQfABEAgPCyABQQVB+AAQCQ8LIAFBCkH/ABAJDwsgAUEFQfAAEAkPCyABQQEQBiABLQAAIQIgAkHAAEYgAhAEcgRAIAFBAWoPCyACQeMARiACQeQARnIEQCABQQFqQQVB8AAQCQ8LIAFBBUHwABAJDwsgAUEBEAYgAUEBag8LIAFBARAGIAEtAAAEQAALIAFBAWoPCyABQQQQBiABQQRqDwsgAUEIEAYgAUEIag8LIAFBEBAGIAFBEGoPCyABEAchASMBQcAAcQRAIAFBBUHwARAIIQELIAFBCkH+ARAIDwsgARAHIQEjASEDIANBf0YEQAALIANBAWohAwNAIAFBBUHwARAIIQEgA0EBayEDIAMNAAsgAQ8LIAEQByEBIwEhAwJAA0AgA0UNASABEAMhASADQQFrIQMMAAsLIAEPCyABEAchASMBIQMCQANAIANFDQEgAUEBEAYgAS0AACECIAJBA0sEQAALIAFBAWohASACQQJJBEAgAUEFQfABEAghAQsgAUEFQfABEAghASADQQFrIQMMAAsLIAELPAEBfyAAQQEQBiAALQAAIQEgAUHjAEYgAUHkAEZyBEAgAEEBakEFQfAAEAkPCyABEARFBEAACyAAQQFqCx0AIABB+wBPIABB/wBNcSAAQekATyAAQfQATXFyCw8AIABB4wBPIABB9ABNcQsRACAArSABrXwjAK1WBEAACwtUAQN/A0AgACMATwRAAAsgAC0AACEBIABBAWohACACQRxGIAFB8AFxQQBHcQRAAAsgAyABQf8AcSACdHIhAyACQQdqIQIgAUGAAXENAAsgAyQBIAALSQECfyAAIAFBAWtqIQQDQCAAIwBPBEAACyAALQAAIQMgACAERgRAIAMgAnEEQAALIABBAWoPCyAAQQFqIQAgA0GAAXENAAsgAAtdAQN/IAAgAUEBa2ohBANAIAAjAE8EQAALIAAtAAAhAyAAIARGBEAgAyACcSEFIANBgAFPIAVBAEcgBSACR3FyBEAACyAAQQFqDwsgAEEBaiEAIANBgAFxDQALIAALUgECfyAAIAFBBHRqIQYDQCAGrUIQfD8BrUIQhlYEQD8BIQcgB0ABQX9GBEAACwwBCwsgBiACNkIBACAGIAM2QgEEIAYgBDZCAQggBiAFNkIBDAs=';

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
const REPORTS_AT = PREFIXED_TABLE_AT + wasm_code/* PREFIX_OPCODES */.Jc.length * SUBOPCODES * ENTRY_BYTES;
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
        // One pass over the instructions, not over all 2,304 entries: this runs cold, once per process.
        const tables = new Uint8Array(REPORTS_AT);
        for (let at = 0; at < REPORTS_AT; at += ENTRY_BYTES)
            tables[at] = UNKNOWN_MARK;
        for (const prefix of wasm_code/* PREFIX_OPCODES */.Jc)
            tables[prefix * ENTRY_BYTES] = PREFIX_MARK;
        const { count, prefixes, codes, stepStart, stepCodes, blockDelta } = wasm_code/* INSTRUCTIONS */.OU;
        for (let id = 0; id < count; id++) {
            const prefix = prefixes[id];
            const code = codes[id];
            if (prefix !== 0 && code >= SUBOPCODES)
                continue; // left unknown: the kernel traps there
            const at = prefix === 0
                ? code * ENTRY_BYTES
                : PREFIXED_TABLE_AT + ((prefix - wasm_code/* PREFIX_OPCODES */.Jc[0]) * SUBOPCODES + code) * ENTRY_BYTES;
            const from = stepStart[id];
            const stepCount = stepStart[id + 1] - from;
            if (stepCount > STEP_SLOTS) {
                throw new Error(`unreachable: instruction ${id} has more immediates than slots`);
            }
            tables[at] = 0;
            for (let k = 0; k < stepCount; k++)
                tables[at + k] = stepCodes[from + k];
            tables[at + MODE_AT] =
                prefix === 0 ? filter.single(code) : Number(filter.prefixed(prefix, code));
            tables[at + DELTA_AT] = blockDelta[id] & 0xff;
        }
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

// EXTERNAL MODULE: ./src/wasm/constants.ts
var constants = __nccwpck_require__(977);
// EXTERNAL MODULE: ./src/wasm/module.ts
var wasm_module = __nccwpck_require__(250);
// EXTERNAL MODULE: ./src/wasm/reader.ts
var wasm_reader = __nccwpck_require__(425);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
// EXTERNAL MODULE: ./src/wizer/context.ts
var context = __nccwpck_require__(850);
// EXTERNAL MODULE: ./src/wizer/lazy-validation.ts
var lazy_validation = __nccwpck_require__(627);
// EXTERNAL MODULE: ./src/wizer/nan-canonical.ts
var nan_canonical = __nccwpck_require__(387);
// EXTERNAL MODULE: ./src/wizer/parse.ts
var parse = __nccwpck_require__(406);
// EXTERNAL MODULE: ./src/wizer/ref-types.ts
var ref_types = __nccwpck_require__(752);
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
const V128 = 0x7b;
const FUNCREF = 0x70;
const REF_NULL = 0x63;
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
    if (code === V128)
        return enabled.simd ? undefined : SIMD;
    if ((0,ref_types/* isRefTypeByte */.WK)(code) && !enabled.referenceTypes)
        return REFERENCE_TYPES;
    return (0,ref_types/* valTypeRefusal */.KI)(bytes, at, site);
}
/** The first module-level refusal, in section order (all sections precede the code checks). */
function moduleProposalRefusal(cx, enabled) {
    for (const section of cx.sections) {
        const r = new wasm_reader/* BinaryReader */.V(cx.bytes, section.payloadStart, section.end);
        let found;
        switch (section.id) {
            case constants/* SectionId */.PN.Type:
                found = typeRefusal(r, enabled);
                break;
            case constants/* SectionId */.PN.Table:
                // The count is checked before any table is read.
                if (!enabled.referenceTypes && cx.tableCount > 1) {
                    found = { offset: section.payloadStart, reason: 'multiple tables' };
                }
                else {
                    found = tableRefusal(r, enabled);
                }
                break;
            case constants/* SectionId */.PN.Memory:
                if (!enabled.multiMemory && cx.memories.length > 1) {
                    found = { offset: section.payloadStart, reason: 'multiple memories' };
                }
                break;
            case constants/* SectionId */.PN.Global:
                found = cx.globals
                    .map((g) => {
                    // A global's type starts its entry: init expr, after one flags byte and the type.
                    const at = g.initStart - 1 - g.type.bytes.length;
                    const reason = switchedValTypeRefusal(cx.bytes, at, 'module', enabled);
                    return reason === undefined ? undefined : { offset: at, reason };
                })
                    .find((x) => x !== undefined);
                break;
            case constants/* SectionId */.PN.Element:
                found = elementRefusal(r, enabled);
                break;
            case constants/* SectionId */.PN.Data:
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
                (0,wasm_module/* readValType */.W6)(r);
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
        const type = (0,wasm_module/* readValType */.W6)(r);
        const isFuncref = type.code === FUNCREF || (type.code === REF_NULL && type.bytes[1] === FUNCREF);
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
            (0,parse/* scanConstExpr */.y)(r, {});
        }
        let reason;
        if (usesExprs) {
            if (!enabled.referenceTypes)
                reason = REFERENCE_TYPES;
            else if (explicitType)
                reason = (0,ref_types/* valTypeRefusal */.KI)(r.bytes, r.pos, 'module');
            if (explicitType)
                (0,wasm_module/* readValType */.W6)(r);
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
                (0,parse/* scanConstExpr */.y)(r, {});
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
    const section = cx.sections.find((s) => s.id === constants/* SectionId */.PN.Code);
    if (!section)
        return undefined;
    const bytes = cx.bytes;
    const r = new wasm_reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
    for (let count = r.u32(), body = 0; body < count; body++) {
        const reader = r.sub(r.u32());
        const funcIndex = cx.importedFuncCount + body;
        const local = localRefusal(new wasm_reader/* BinaryReader */.V(bytes, reader.pos, reader.end), enabled);
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
        (0,wasm_code/* walkFunctionBody */.kB)(reader, visit);
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
        (0,wasm_module/* readValType */.W6)(r);
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
    const immediates = new wasm_reader/* BinaryReader */.V(bytes, offset + 1);
    if (sub >= 0)
        immediates.u32();
    // Without multi-memory the memarg's flags may not announce a memory index (bit 6).
    if (!enabled.multiMemory && (0,wasm_code/* opcodeInfo */.Lg)(opcode, sub)?.immediates[0] === 'memarg') {
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
                (0,wasm_module/* readValType */.W6)(immediates);
                const reason = switchedValTypeRefusal(bytes, typeAt, 'code', enabled);
                if (reason !== undefined)
                    return at(reason);
            }
            return undefined;
        }
        if (opcode === 0xd0) {
            return at(enabled.referenceTypes ? (0,ref_types/* heapTypeRefusal */.LL)(bytes, offset + 1, 'code') : REFERENCE_TYPES);
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
nan_canonical/* NAN_SCALAR_OPCODES */.t9.forEach((shape, op) => shape && assignRole(Role.nanCanonical, [op]));
/** Relaxed-SIMD sub-opcodes of the 0xFD prefix. */
const isRelaxedSimdOp = (sub) => sub >= 0x100 && sub <= 0x113;
/** The instructions the scan's visitor acts on; the compiled walk reports only these. */
const SCAN_FILTER = {
    single(opcode) {
        const role = SINGLE_BYTE_ROLES[opcode];
        if (role === 0)
            return ReportWhen.never;
        return role === Role.blockType ? ReportWhen.refBlockType : ReportWhen.always;
    },
    prefixed: (opcode, sub) => UNSUPPORTED_PREFIXED.get(opcode)?.has(sub) === true ||
        opcode === 0xfb ||
        (opcode === 0xfd && (Boolean(nan_canonical/* NAN_SIMD_OPCODES */._P[sub]) || isRelaxedSimdOp(sub))),
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
        if (section.id === constants/* SectionId */.PN.Global && wizerChecks) {
            if (cx.globals.some((g) => g.mutable && (0,wasm_module/* isRefType */.eB)(g.type.code))) {
                throw new errors/* WizerError */.Mx('unsupported mutable global containing a reference type');
            }
        }
        else if (section.id === constants/* SectionId */.PN.Code) {
            const r = new wasm_reader/* BinaryReader */.V(cx.bytes, section.payloadStart, section.end);
            let unsupported;
            const refuse = (opcode, sub) => {
                if (wizerChecks)
                    unsupported = (0,wasm_code/* opcodeName */.G6)(opcode, sub);
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
                    if (role & Role.blockType && (0,ref_types/* isRefTypeByte */.WK)(bytes[offset + 1])) {
                        refType(offset, (0,ref_types/* valTypeRefusal */.KI)(bytes, offset + 1, 'code'));
                    }
                    else if (role & Role.typedSelect) {
                        refType(offset, selectTypeRefusal(bytes, offset + 1));
                    }
                    else if (role & Role.refNull) {
                        refType(offset, (0,ref_types/* heapTypeRefusal */.LL)(bytes, offset + 1, 'code'));
                    }
                    return;
                }
                if (UNSUPPORTED_PREFIXED.get(opcode)?.has(sub))
                    refuse(opcode, sub);
                else if (opcode === 0xfb)
                    uses.gc ??= here(offset);
                else if (opcode === 0xfd) {
                    if (nan_canonical/* NAN_SIMD_OPCODES */._P[sub])
                        uses.nanCanonicalSites.push(offset);
                    if (isRelaxedSimdOp(sub))
                        uses.relaxedSimdSites.push(offset);
                }
            };
            const checkLocals = (start, end) => {
                if (uses.refType !== undefined)
                    return;
                const local = localTypeRefusal(new wasm_reader/* BinaryReader */.V(bytes, start, end));
                if (local)
                    uses.refType = { ...here(local.offset), reason: local.reason };
            };
            scanWalker ??= CodeWalker.create(SCAN_FILTER);
            const reports = scanWalker.walk(bytes, section.payloadStart, section.end);
            if (reports) {
                // Well-formed code, walked in compiled code: only what the visitor looks at is reported.
                for (let at = 0; at < reports.length && unsupported === undefined; at += REPORT_FIELDS) {
                    const opcode = reports[at];
                    const offset = reports[at + 2];
                    bodyIndex = reports[at + 3];
                    if (opcode === LOCALS_REPORT)
                        checkLocals(offset, section.end);
                    else
                        visit(opcode, reports[at + 1], offset);
                }
            }
            else {
                for (let count = r.u32(); bodyIndex < count && unsupported === undefined; bodyIndex++) {
                    const body = r.sub(r.u32());
                    checkLocals(body.pos, body.end);
                    (0,wasm_code/* walkFunctionBody */.kB)(body, visit);
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
        (0,wasm_module/* readValType */.W6)(r);
        const reason = (0,ref_types/* valTypeRefusal */.KI)(r.bytes, typeAt, 'code');
        if (reason !== undefined)
            return { offset, reason };
    }
    return undefined;
}
/** The first refused type of a typed `select` (a vector of value types at `at`). */
function selectTypeRefusal(bytes, at) {
    const r = new wasm_reader/* BinaryReader */.V(bytes, at);
    for (let n = r.u32(); n > 0; n--) {
        const typeAt = r.pos;
        (0,wasm_module/* readValType */.W6)(r);
        const reason = (0,ref_types/* valTypeRefusal */.KI)(bytes, typeAt, 'code');
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
        if (imp.module.startsWith(context/* RESERVED_PREFIX */.U) || imp.name.startsWith(context/* RESERVED_PREFIX */.U)) {
            throw new errors/* WizerError */.Mx('input Wasm module already imports entities named with the `__wizer_*` prefix');
        }
    }
    for (const exp of cx.exports) {
        if (exp.name.startsWith(context/* RESERVED_PREFIX */.U)) {
            throw new errors/* WizerError */.Mx('input Wasm module already exports entities named with the `__wizer_*` prefix');
        }
    }
    for (const imp of cx.imports) {
        if (imp.kind === constants/* ExternalKind */.W2.Tag) {
            // Upstream panics here ("exceptions are unsupported"); we refuse like any other input.
            throw new errors/* WizerError */.Mx('imported tags are not supported (exceptions proposal not enabled)');
        }
        if (imp.kind === constants/* ExternalKind */.W2.Global && !inComponent)
            throw new errors/* WizerError */.Mx('imported globals are not supported');
        if (imp.kind === constants/* ExternalKind */.W2.Table && !inComponent)
            throw new errors/* WizerError */.Mx('imported tables are not supported');
        if (imp.kind === constants/* ExternalKind */.W2.Memory && !inComponent)
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
    const exportEnd = cx.sections.find((s) => s.id === constants/* SectionId */.PN.Export)?.end ?? Infinity;
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
        added.name(`__wizer_global_${i}`).byte(constants/* ExternalKind */.W2.Global).u32(i);
        count++;
    });
    cx.memories.forEach((_, k) => {
        added.name(`__wizer_memory_${k}`).byte(constants/* ExternalKind */.W2.Memory).u32(k);
        count++;
    });
    const exportSection = cx.sections.find((s) => s.id === constants/* SectionId */.PN.Export);
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
        if ((0,wasm_module/* readPreamble */.tu)(input) === 'component') {
            throw new errors/* WizerError */.Mx('expected a core module, found a component');
        }
        cx = (0,parse/* parseModule */.Y)(input);
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


/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

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
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".lib.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  xA: () => (/* reexport */ errors/* CacheError */.xA),
  lp: () => (/* reexport */ wizer_options/* DEFAULT_OPTIONS */.lp),
  U1: () => (/* reexport */ errors/* GuestTrap */.U1),
  dz: () => (/* reexport */ errors/* InputError */.dz),
  z$: () => (/* reexport */ errors/* ProcExit */.z$),
  wr: () => (/* reexport */ TOOL_VERSION),
  eb: () => (/* reexport */ errors/* UsageError */.eb),
  r_: () => (/* reexport */ errors/* WasmDecodeError */.r_),
  Mx: () => (/* reexport */ errors/* WizerError */.Mx),
  eB: () => (/* reexport */ errors/* errorChain */.eB),
  jf: () => (/* reexport */ errors/* formatErrorChain */.jf),
  hf: () => (/* reexport */ errors/* osError */.hf),
  $i: () => (/* reexport */ wizer_options/* resolveOptions */.$i),
  a9: () => (/* reexport */ wizen)
});

// EXTERNAL MODULE: ./src/wizer/instrument.ts + 3 modules
var instrument = __nccwpck_require__(329);
// EXTERNAL MODULE: ./src/wizer/options.ts
var wizer_options = __nccwpck_require__(471);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __nccwpck_require__(801);
// EXTERNAL MODULE: ./src/wizer/rewrite.ts
var rewrite = __nccwpck_require__(641);
// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var src_sources = __nccwpck_require__(935);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(995);
// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __nccwpck_require__(442);
// EXTERNAL MODULE: ./src/wasi/environment.ts
var wasi_environment = __nccwpck_require__(253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/wasi/descriptors.ts
var descriptors = __nccwpck_require__(738);
// EXTERNAL MODULE: ./src/wasi/constants.ts
var src_constants = __nccwpck_require__(421);
// EXTERNAL MODULE: ./src/wasi/errno.ts
var errno = __nccwpck_require__(92);
// EXTERNAL MODULE: ./src/wasi/locations.ts
var locations = __nccwpck_require__(516);
// EXTERNAL MODULE: ./src/wasi/platform.ts
var platform = __nccwpck_require__(189);
// EXTERNAL MODULE: ./src/sources/files.ts
var sources_files = __nccwpck_require__(109);
// EXTERNAL MODULE: ./src/wasi/path-ops.ts
var path_ops = __nccwpck_require__(36);
;// CONCATENATED MODULE: ./src/wasi/filesystem.ts
/**
 * The file and directory calls of WASI preview1 over `node:fs`, with upstream's results: errnos come
 * from the host where upstream's also do, and from the checks cap-std and Wasmtime make otherwise.
 */








function filetypeOf(stat) {
    if (stat.isFile())
        return src_constants/* Filetype */.R5.regularFile;
    if (stat.isDirectory())
        return src_constants/* Filetype */.R5.directory;
    if (stat.isSymbolicLink())
        return src_constants/* Filetype */.R5.symbolicLink;
    if (stat.isCharacterDevice())
        return src_constants/* Filetype */.R5.characterDevice;
    if (stat.isBlockDevice())
        return src_constants/* Filetype */.R5.blockDevice;
    if (stat.isSocket())
        return src_constants/* Filetype */.R5.socketStream;
    return src_constants/* Filetype */.R5.unknown;
}
/** A host stat as the guest sees it through `files` (as it is, or deterministic). */
function filestatOf(stat, files) {
    const filetype = filetypeOf(stat);
    const { size, nlink } = filetype === src_constants/* Filetype */.R5.directory
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
    if (both(src_constants/* Fstflags */.PZ.atim, src_constants/* Fstflags */.PZ.atimNow) || both(src_constants/* Fstflags */.PZ.mtim, src_constants/* Fstflags */.PZ.mtimNow)) {
        throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
    }
}
/** The [atime, mtime] changes preview1's fstflags ask for. */
function timeChanges(atim, mtim, flags) {
    const change = (value, set, now) => (flags & set) !== 0 ? value : (flags & now) !== 0 ? 'now' : 'keep';
    return [
        change(atim, src_constants/* Fstflags */.PZ.atim, src_constants/* Fstflags */.PZ.atimNow),
        change(mtim, src_constants/* Fstflags */.PZ.mtim, src_constants/* Fstflags */.PZ.mtimNow),
    ];
}
const SETS_A_TIME = src_constants/* Fstflags */.PZ.atim | src_constants/* Fstflags */.PZ.atimNow | src_constants/* Fstflags */.PZ.mtim | src_constants/* Fstflags */.PZ.mtimNow;
class Filesystem {
    table;
    files;
    /** The directories the guest moved, replayed where directories are known by path. */
    moves = new locations/* MoveLog */.m();
    constructor(table, files = new sources_files/* HostFiles */.AK()) {
        this.table = table;
        this.files = files;
    }
    /** Opens a preopened directory; the caller reports failures. */
    preopen(guest, host) {
        const hostFd = (0,platform/* openDirectory */.AJ)(host);
        const location = locations/* DirectoryLocation */.T.preopen(this.moves, host);
        this.table.add({ kind: 'dir', hostFd, location, preopenName: guest });
    }
    pathOpen(dirfd, lookupFlags, path, oflags, rightsBase, fdflags) {
        const dir = this.table.directory(dirfd, src_constants/* Errno */.RH.notdir);
        // Resolved before the flag checks, as upstream opens the directory first (this only fails
        // where directories are known by path and this one has been moved away).
        (0,descriptors/* directoryBase */.x)(dir);
        const create = (oflags & src_constants/* Oflags */.te.creat) !== 0;
        const truncate = (oflags & src_constants/* Oflags */.te.trunc) !== 0;
        const directory = (oflags & src_constants/* Oflags */.te.directory) !== 0;
        if (directory && (oflags & (src_constants/* Oflags */.te.creat | src_constants/* Oflags */.te.excl | src_constants/* Oflags */.te.trunc)) !== 0) {
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
        }
        if ((fdflags & (src_constants/* Fdflags */.I8.dsync | src_constants/* Fdflags */.I8.rsync | src_constants/* Fdflags */.I8.sync)) !== 0) {
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.notsup);
        }
        const write = (rightsBase & src_constants/* Rights */.OL.fdWrite) !== 0n;
        const read = (rightsBase & src_constants/* Rights */.OL.fdRead) !== 0n || !write;
        const opened = (0,path_ops/* openAt */._8)(dir, path, {
            follow: (lookupFlags & src_constants/* LOOKUP_SYMLINK_FOLLOW */.$F) !== 0,
            create,
            exclusive: (oflags & src_constants/* Oflags */.te.excl) !== 0,
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
            append: (fdflags & src_constants/* Fdflags */.I8.append) !== 0,
            nonblock: (fdflags & src_constants/* Fdflags */.I8.nonblock) !== 0,
            position: 0,
        });
    }
    fdstat(fd, stdioIsTty) {
        const entry = this.table.get(fd);
        switch (entry.kind) {
            case 'stdio': {
                const rights = entry.stream === 0 ? src_constants/* Rights */.OL.fdRead : src_constants/* Rights */.OL.fdWrite;
                const filetype = stdioIsTty(entry.stream) ? src_constants/* Filetype */.R5.characterDevice : src_constants/* Filetype */.R5.unknown;
                return { filetype, flags: 0, rightsBase: rights, rightsInheriting: rights };
            }
            case 'dir':
                return entry.preopenName !== undefined
                    ? {
                        filetype: src_constants/* Filetype */.R5.directory,
                        flags: 0,
                        rightsBase: src_constants/* PREOPEN_RIGHTS_BASE */.qU,
                        rightsInheriting: src_constants/* PREOPEN_RIGHTS_INHERITING */.IR,
                    }
                    : {
                        filetype: src_constants/* Filetype */.R5.directory,
                        flags: 0,
                        rightsBase: src_constants/* DIRECTORY_RIGHTS */.u7,
                        rightsInheriting: src_constants/* DIRECTORY_RIGHTS */.u7,
                    };
            case 'file': {
                let rights = src_constants/* Rights */.OL.all;
                if (!entry.readable)
                    rights &= ~(src_constants/* Rights */.OL.fdRead | src_constants/* Rights */.OL.fdReaddir);
                if (!entry.writable)
                    rights &= ~src_constants/* Rights */.OL.fdWrite;
                const flags = (entry.append ? src_constants/* Fdflags */.I8.append : 0) | (entry.nonblock ? src_constants/* Fdflags */.I8.nonblock : 0);
                return {
                    filetype: src_constants/* Filetype */.R5.regularFile,
                    flags,
                    rightsBase: rights,
                    rightsInheriting: rights,
                };
            }
        }
    }
    setFdflags(fd, flags) {
        const file = this.table.file(fd);
        if ((flags & (src_constants/* Fdflags */.I8.dsync | src_constants/* Fdflags */.I8.rsync | src_constants/* Fdflags */.I8.sync)) !== 0)
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
        file.append = (flags & src_constants/* Fdflags */.I8.append) !== 0;
        file.nonblock = (flags & src_constants/* Fdflags */.I8.nonblock) !== 0;
    }
    /** Rights are not enforced upstream and cannot be changed: ENOTSUP on files and directories. */
    setRights(fd) {
        if (this.table.get(fd).kind === 'stdio')
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.badf);
        throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.notsup);
    }
    /** `fd_filestat_get`; stdio reports zeros with its file type. */
    filestat(fd, stdioIsTty) {
        const entry = this.table.get(fd);
        if (entry.kind === 'stdio') {
            const filetype = stdioIsTty(entry.stream) ? src_constants/* Filetype */.R5.characterDevice : src_constants/* Filetype */.R5.unknown;
            return { dev: 0n, ino: 0n, filetype, nlink: 0n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
        }
        return filestatOf((0,external_node_fs_.fstatSync)(entry.hostFd, { bigint: true }), this.files);
    }
    pathFilestat(dirfd, lookupFlags, path) {
        const dir = this.table.directory(dirfd);
        return filestatOf((0,path_ops/* statAt */.IU)(dir, path, (lookupFlags & src_constants/* LOOKUP_SYMLINK_FOLLOW */.$F) !== 0), this.files);
    }
    setSize(fd, size) {
        const file = this.table.file(fd);
        if (size > BigInt(Number.MAX_SAFE_INTEGER))
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.fbig);
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
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.badf);
        if ((flags & SETS_A_TIME) === 0)
            return;
        if (entry.kind === 'dir' && entry.preopenName !== undefined)
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.badf);
        (0,path_ops/* setTimesOfFd */.ov)(entry.hostFd, ...timeChanges(atim, mtim, flags));
    }
    /**
     * `path_filestat_set_times`. A trailing slash is honoured (a link before it is followed, a file
     * is ENOTDIR); without following, setting nothing on a missing name succeeds, as Linux's
     * `utimensat` returns before its lookup.
     */
    pathSetTimes(dirfd, lookupFlags, path, atim, mtim, flags) {
        checkFstflags(flags);
        const dir = this.table.directory(dirfd);
        const follow = (lookupFlags & src_constants/* LOOKUP_SYMLINK_FOLLOW */.$F) !== 0;
        (0,path_ops/* setTimesAt */.ST)(dir, path, follow, ...timeChanges(atim, mtim, flags));
    }
    /**
     * Every entry of a directory, `.` and `..` first, then in the host's order (as upstream lists
     * them) or, in deterministic mode, by name.
     */
    readdir(fd) {
        const entry = this.table.get(fd);
        if (entry.kind !== 'dir')
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.badf);
        const self = this.files.identity((0,external_node_fs_.fstatSync)(entry.hostFd, { bigint: true })).ino;
        return [
            { name: Buffer.from('.'), ino: self, filetype: src_constants/* Filetype */.R5.directory },
            { name: Buffer.from('..'), ino: self, filetype: src_constants/* Filetype */.R5.directory },
            ...this.files.order((0,path_ops/* listDirectory */.KG)(entry)).map(({ name, stat }) => ({
                name,
                ino: this.files.identity(stat).ino,
                filetype: filetypeOf(stat),
            })),
        ];
    }
    createDirectory(dirfd, path) {
        (0,path_ops/* createDirectoryAt */.fp)(this.table.directory(dirfd), path);
    }
    removeDirectory(dirfd, path) {
        (0,path_ops/* removeDirectoryAt */.BU)(this.table.directory(dirfd), path);
    }
    unlinkFile(dirfd, path) {
        (0,path_ops/* unlinkFileAt */.bd)(this.table.directory(dirfd), path);
    }
    rename(oldDirfd, oldPath, newDirfd, newPath) {
        (0,path_ops/* renameAt */.wc)(this.table.directory(oldDirfd), oldPath, this.table.directory(newDirfd), newPath);
    }
    symlink(target, dirfd, path) {
        (0,path_ops/* symlinkAt */.Fw)(target, this.table.directory(dirfd), path);
    }
    readlink(dirfd, path) {
        return (0,path_ops/* readlinkAt */.cN)(this.table.directory(dirfd), path);
    }
    link(oldDirfd, lookupFlags, oldPath, newDirfd, newPath) {
        const oldDir = this.table.directory(oldDirfd);
        const newDir = this.table.directory(newDirfd);
        const follow = (lookupFlags & src_constants/* LOOKUP_SYMLINK_FOLLOW */.$F) !== 0;
        (0,path_ops/* linkAt */._m)(oldDir, follow, oldPath, newDir, newPath);
    }
    /** `fd_prestat_get` / `fd_prestat_dir_name`: the guest name of a preopen. */
    prestatName(fd, forDirName) {
        const entry = this.table.get(fd);
        if (entry.kind === 'dir' && entry.preopenName !== undefined)
            return entry.preopenName;
        throw new errno/* WasiErrno */.v(forDirName ? src_constants/* Errno */.RH.notdir : src_constants/* Errno */.RH.badf);
    }
}

// EXTERNAL MODULE: ./src/wasi/io.ts + 2 modules
var io = __nccwpck_require__(743);
;// CONCATENATED MODULE: ./src/wasi/memory.ts
/**
 * Checked access to the guest's exported memory. Views are cached per `memory.buffer` (it changes
 * when the guest grows its memory), so each access costs one identity check. Bad pointers trap
 * with upstream's wording (wiggle's `GuestError` messages).
 */



const utf8 = new TextDecoder('utf-8', { fatal: true });
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
            return utf8.decode(bytes);
        }
        catch {
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.ilseq);
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
    if ((value & ~src_constants/* Rights */.OL.all) !== 0n)
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
            if ((oflags >>> 0) & ~src_constants/* Oflags */.te.all)
                throw invalidFlags('path_open', 'Oflags');
            checkRights(rightsBase);
            checkRights(rightsInheriting);
            if ((fdflags >>> 0) & ~src_constants/* Fdflags */.I8.all)
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
            if ((fstflags >>> 0) & ~src_constants/* Fstflags */.PZ.all)
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
    return id === src_constants/* Clockid */.y4.realtime ? clock.readRealtime() : clock.readMonotonic();
}
function checkClock(func, id) {
    if (id === src_constants/* Clockid */.y4.realtime || id === src_constants/* Clockid */.y4.monotonic)
        return;
    if (id === src_constants/* Clockid */.y4.processCputime || id === src_constants/* Clockid */.y4.threadCputime)
        throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.badf);
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
            return src_constants/* Errno */.RH.success;
        }
        catch (error) {
            return (0,errno/* errnoOf */.U)(error);
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
            return src_constants/* Errno */.RH.success;
        }
        catch (error) {
            return (0,errno/* errnoOf */.U)(error);
        }
    };
    /** For calls that only act on a descriptor: runs `body` and maps failures to an errno. */
    const simple = (body) => {
        try {
            memory.require();
            body();
            return src_constants/* Errno */.RH.success;
        }
        catch (error) {
            return (0,errno/* errnoOf */.U)(error);
        }
    };
    const existsThenNotSocket = (fd) => simple(() => {
        table.get(fd >>> 0);
        throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.notsock);
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
                return src_constants/* Errno */.RH.success;
            }
            catch (error) {
                return (0,errno/* errnoOf */.U)(error);
            }
        },
        random_get: (ptr, len) => {
            try {
                memory.require();
                const bytes = memory.check(ptr >>> 0, len >>> 0);
                random.fill(bytes, ptr >>> 0, len >>> 0);
                return src_constants/* Errno */.RH.success;
            }
            catch (error) {
                return (0,errno/* errnoOf */.U)(error);
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
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.notsup);
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
                throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.nametoolong);
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
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.notsup);
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
        throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
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
        if (tag === src_constants/* Eventtype */.Nv.clock) {
            const id = view.getUint32(sub + 16, true);
            if (id !== src_constants/* Clockid */.y4.realtime && id !== src_constants/* Clockid */.y4.monotonic)
                throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
            const timeoutNs = view.getBigUint64(sub + 24, true);
            const absolute = (view.getUint16(sub + 40, true) & src_constants/* SUBCLOCK_ABSTIME */.ji) !== 0;
            // Not a reading: a virtual clock must reach an absolute deadline exactly.
            const now = id === src_constants/* Clockid */.y4.realtime ? clock.peekRealtime() : clock.peekMonotonic();
            const waitNs = absolute ? timeoutNs - now : timeoutNs;
            clocks.push({ userdata, waitNs });
        }
        else if (tag === src_constants/* Eventtype */.Nv.fdRead || tag === src_constants/* Eventtype */.Nv.fdWrite) {
            cx.table.get(view.getUint32(sub + 16, true));
            ready.push({ userdata, type: tag });
        }
        else {
            throw new errno/* WasiErrno */.v(src_constants/* Errno */.RH.inval);
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
                events.push({ userdata: c.userdata, type: src_constants/* Eventtype */.Nv.clock, nbytes: 0n });
    }
    else {
        for (const c of clocks)
            if (c.waitNs <= 0n)
                events.push({ userdata: c.userdata, type: src_constants/* Eventtype */.Nv.clock, nbytes: 0n });
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
    table = new descriptors/* DescriptorTable */.Y();
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
        const stdio = new io/* Stdio */.a(config.inheritStdio, hostStdio, config.escapeWorkflowCommands);
        const encoder = new TextEncoder();
        this.context = {
            table: this.table,
            fs,
            io: new io/* FileIo */.L(this.table, stdio, config.stdoutToStderr),
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

// EXTERNAL MODULE: ./src/wasm/constants.ts
var wasm_constants = __nccwpck_require__(977);
// EXTERNAL MODULE: ./src/wasm/reader.ts
var reader = __nccwpck_require__(425);
;// CONCATENATED MODULE: ./src/wasm/names.ts

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
function readNames(bytes, sections) {
    const names = { module: undefined, functions: new Map() };
    const section = sections.find((s) => s.customName === 'name');
    if (section === undefined)
        return names;
    try {
        const r = new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
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
            ? { value: wasiFunction, kind: wasm_constants/* ExternalKind */.W2.Func, type: wasiFunctionType(imp.name) }
            : environment.preloads.get(imp.module)?.get(imp.name);
        if (linked)
            checkImportType(imp, importer.types, linked);
        let value = linked?.value;
        if (value === undefined) {
            const message = `unknown import: \`${imp.module}::${imp.name}\` has not been defined`;
            if (!stubUnknown || imp.kind !== wasm_constants/* ExternalKind */.W2.Func)
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
    [wasm_constants/* ExternalKind */.W2.Func]: 'func',
    [wasm_constants/* ExternalKind */.W2.Table]: 'table',
    [wasm_constants/* ExternalKind */.W2.Memory]: 'memory',
    [wasm_constants/* ExternalKind */.W2.Global]: 'global',
    [wasm_constants/* ExternalKind */.W2.Tag]: 'tag',
};
/** Upstream's link check of an import against what a preload exports under that name. */
function checkImportType(declared, types, linked) {
    const incompatible = (cause) => new errors/* WizerError */.Mx(`incompatible import type for \`${declared.module}::${declared.name}\``, {
        cause,
    });
    if (declared.kind !== linked.kind) {
        throw incompatible(`expected ${KIND_NAMES[declared.kind]}, but found ${KIND_NAMES[linked.kind]}`);
    }
    const expected = declared.kind === wasm_constants/* ExternalKind */.W2.Func ? types[declared.typeIndex] : undefined;
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

// EXTERNAL MODULE: ./src/wizer/lazy-validation.ts
var lazy_validation = __nccwpck_require__(627);
// EXTERNAL MODULE: ./src/wizer/parse.ts
var parse = __nccwpck_require__(406);
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

// EXTERNAL MODULE: ./src/wizer/validate.ts + 3 modules
var validate = __nccwpck_require__(483);
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
        env: (0,wasi_environment/* guestEnvironment */.a)(options),
        inheritStdio: options.inheritStdio,
        stdoutToStderr: options.guestStdoutToStderr,
        preopens: options.preopens,
        escapeWorkflowCommands: options.escapeWorkflowCommands,
        sources: (0,src_sources/* guestSources */.Dy)(options),
    });
    const environment = { wasi, allowWasi: options.allowWasi, preloads: new Map() };
    try {
        // Upstream's engine configuration refuses bad feature flags before any preload is compiled.
        (0,validate/* checkFeatureFlags */.gW)(options.features);
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
        deferred = (0,instrument/* deferStartFunction */.f7)(bytes);
        module = (0,lazy_validation/* compileValidated */.WU)(deferred.wasm);
        cx = (0,parse/* parseModule */.Y)(bytes);
        // Upstream compiles preloads with the main module's engine configuration.
        (0,validate/* checkPreloadFeatures */.XG)(cx, features);
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('failed to parse preload module', { cause: error });
    }
    try {
        const wasi = environment.wasi.forInstance();
        const instance = new WebAssembly.Instance(module, linkImports(cx, environment, wasi, false));
        bindMemory(wasi, instance);
        const start = instance.exports[instrument/* START_EXPORT */.ku];
        if (typeof start === 'function')
            start();
        const namespace = new Map();
        for (const exp of cx.exports) {
            const funcType = exp.kind === wasm_constants/* ExternalKind */.W2.Func ? cx.types[cx.funcTypeIndices[exp.index]] : undefined;
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
    const load = (0,external_node_module_.createRequire)(import.meta.url);
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
        throw (0,validate/* validationFailure */.Q9)(error);
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
    if (exp.kind !== wasm_constants/* ExternalKind */.W2.Func) {
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
    if (reactorInit && reactorInit.kind === wasm_constants/* ExternalKind */.W2.Func) {
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
        call(instance, REACTOR_INIT, 'calling the Reactor initialization function', home);
        if (initFunc === REACTOR_INIT)
            return instanceState(instance);
    }
    call(instance, initFunc, `the \`${initFunc}\` function trapped`, home);
    return instanceState(instance);
}
function call(instance, name, context, home) {
    const fn = instance.exports[name];
    try {
        fn();
    }
    catch (error) {
        throw guestFailure(context, error, home);
    }
}
function instanceState(instance) {
    return {
        globalGet: (name) => instance.exports[name](),
        memoryContents: (name) => new Uint8Array(instance.exports[name].buffer),
        memory: (name) => instance.exports[name],
    };
}

// EXTERNAL MODULE: ./src/wizer/snapshot.ts + 2 modules
var snapshot = __nccwpck_require__(794);
;// CONCATENATED MODULE: ./src/wizer/worker.ts

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
            post({ kind: 'failed', chain: (0,errors/* errorChain */.eB)(error) });
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
            reject(new errors/* WizerError */.Mx(`initialization did not finish within the ${timeoutMs / 1000} s timeout and was stopped`));
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
            reject(new errors/* WizerError */.Mx('the initialization worker failed', { cause: error }));
        });
        worker.on('exit', (code) => {
            settle(false);
            reject(new errors/* WizerError */.Mx(`the initialization worker exited with code ${code}`));
        });
        worker.postMessage({ input, options });
    });
}
function rebuildChain(chain) {
    let error;
    for (const message of [...chain].reverse()) {
        error = error === undefined ? message : new errors/* WizerError */.Mx(message, { cause: error });
    }
    return error instanceof errors/* WizerError */.Mx ? error : new errors/* WizerError */.Mx(error ?? 'unknown failure');
}

;// CONCATENATED MODULE: ./src/wizer/index.ts









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
        return whole(await wizenInWorker(input, options, logger));
    // The component layer is loaded when used: a module's run never parses it.
    if (isComponent(input)) {
        const { wizenComponent } = await __nccwpck_require__.e(/* import() */ 523).then(__nccwpck_require__.bind(__nccwpck_require__, 523));
        return whole(await wizenComponent(input, options, logger));
    }
    const { timings, lap, stop } = (0,wizer_options/* phaseClock */._5)();
    const environment = await buildEnvironment(options);
    try {
        logger.debug('Validating input Wasm');
        logger.debug('Parsing the input Wasm', 'parse');
        const { cx, codeFeatures } = await (0,validate/* validateModule */.z6)(input, options.features);
        lap('parse');
        logger.debug('Instrumenting the input Wasm', 'instrument');
        const instrumented = (0,instrument/* instrument */.wV)(cx, ...(0,instrument/* sitesToEdit */.Wx)(codeFeatures, options));
        lap('instrument');
        const module = compile(instrumented.wasm);
        lap('compile');
        logger.debug('Validating the exported initialization function', 'wasmtime');
        checkInitFunc(cx, options.initFunc);
        checkInstantiable(cx);
        logger.debug('Calling the initialization function', 'wasmtime');
        // Trap offsets as upstream counts them: in the original plus the exports it adds.
        const exportGrowth = (0,validate/* upstreamExportGrowth */.nx)(cx);
        const state = initialize(cx, module, environment, options.initFunc, instrumented.start, (offset) => instrumented.originalOffset(offset) + exportGrowth);
        lap('initialize');
        logger.debug('Snapshotting the initialized state', 'snapshot');
        logger.debug('Snapshotting global values', 'snapshot');
        logger.debug('Snapshotting memories', 'snapshot');
        const snap = (0,snapshot/* snapshot */.P9)(instrumented.globals, instrumented.memories, cx.memories, state);
        lap('snapshot');
        logger.debug('Rewriting input Wasm to pre-initialized state', 'rewrite');
        const rewritten = (0,rewrite/* rewriteParts */.rS)(cx, snap, options);
        lap('rewrite');
        const optimized = options.optimize === undefined ? undefined : await optimize(rewritten, options, logger);
        const parts = optimized ? [optimized.wasm] : rewritten;
        stop();
        const report = buildReport(input, (0,writer/* totalLength */["do"])(parts), cx, snap, timings);
        return { parts, report: optimized ? { ...report, optimize: optimized.report } : report };
    }
    finally {
        environment.wasi.dispose();
    }
}
/** `--optimize`: the binaryen layer, loaded only for a run that asks for it. */
async function optimize(parts, options, logger) {
    const { optimizeOutput } = await __nccwpck_require__.e(/* import() */ 437).then(__nccwpck_require__.bind(__nccwpck_require__, 437));
    return optimizeOutput((0,writer/* concatChunks */.JD)(parts), options, logger);
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

;// CONCATENATED MODULE: ./src/version.ts
/** Version of this tool; kept equal to package.json's by a unit test. Part of every cache key. */
const TOOL_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/index.ts
/** Public library entry: the pre-initializer API and its types. */


// Bounded runs (`timeoutMs`) start a worker on this very bundle (dist/lib.js when installed from
// npm); there it serves wizening requests. On the main thread this does nothing.
if (isWizerWorker())
    runWizerWorker(wizen);





var __webpack_exports__CacheError = __webpack_exports__.xA;
var __webpack_exports__DEFAULT_OPTIONS = __webpack_exports__.lp;
var __webpack_exports__GuestTrap = __webpack_exports__.U1;
var __webpack_exports__InputError = __webpack_exports__.dz;
var __webpack_exports__ProcExit = __webpack_exports__.z$;
var __webpack_exports__TOOL_VERSION = __webpack_exports__.wr;
var __webpack_exports__UsageError = __webpack_exports__.eb;
var __webpack_exports__WasmDecodeError = __webpack_exports__.r_;
var __webpack_exports__WizerError = __webpack_exports__.Mx;
var __webpack_exports__errorChain = __webpack_exports__.eB;
var __webpack_exports__formatErrorChain = __webpack_exports__.jf;
var __webpack_exports__osError = __webpack_exports__.hf;
var __webpack_exports__resolveOptions = __webpack_exports__.$i;
var __webpack_exports__wizen = __webpack_exports__.a9;
export { __webpack_exports__CacheError as CacheError, __webpack_exports__DEFAULT_OPTIONS as DEFAULT_OPTIONS, __webpack_exports__GuestTrap as GuestTrap, __webpack_exports__InputError as InputError, __webpack_exports__ProcExit as ProcExit, __webpack_exports__TOOL_VERSION as TOOL_VERSION, __webpack_exports__UsageError as UsageError, __webpack_exports__WasmDecodeError as WasmDecodeError, __webpack_exports__WizerError as WizerError, __webpack_exports__errorChain as errorChain, __webpack_exports__formatErrorChain as formatErrorChain, __webpack_exports__osError as osError, __webpack_exports__resolveOptions as resolveOptions, __webpack_exports__wizen as wizen };
