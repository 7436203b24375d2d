export const id = 523;
export const ids = [523];
export const modules = {

/***/ 57523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wizenComponent: () => (/* binding */ wizenComponent)
});

// EXTERNAL MODULE: ./src/optimize/index.ts + 1 modules
var optimize = __webpack_require__(58176);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/wasm/constants.ts
var constants = __webpack_require__(18977);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/wasi/environment.ts
var environment = __webpack_require__(73253);
// EXTERNAL MODULE: ./src/wasi/io.ts + 2 modules
var io = __webpack_require__(55743);
// EXTERNAL MODULE: ./src/wasi/locations.ts
var locations = __webpack_require__(56516);
// EXTERNAL MODULE: ./src/wasi/platform.ts
var platform = __webpack_require__(65189);
// EXTERNAL MODULE: ./src/wasi/constants.ts
var wasi_constants = __webpack_require__(30421);
// EXTERNAL MODULE: ./src/wasi/errno.ts
var errno = __webpack_require__(27092);
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
    [wasi_constants/* Errno */.RH.perm, 'not-permitted'],
    [wasi_constants/* Errno */.RH.noent, 'no-entry'],
    [wasi_constants/* Errno */.RH.loop, 'loop'],
    [wasi_constants/* Errno */.RH.notdir, 'not-directory'],
    [wasi_constants/* Errno */.RH.isdir, 'is-directory'],
    [wasi_constants/* Errno */.RH.exist, 'exist'],
    [wasi_constants/* Errno */.RH.inval, 'invalid'],
    [wasi_constants/* Errno */.RH.badf, 'bad-descriptor'],
    [wasi_constants/* Errno */.RH.notsup, 'unsupported'],
    [wasi_constants/* Errno */.RH.nametoolong, 'name-too-long'],
    [wasi_constants/* Errno */.RH.fbig, 'file-too-large'],
    [wasi_constants/* Errno */.RH.ilseq, 'illegal-byte-sequence'],
]);
/** The error code for a failure of a host call or a sandbox check; anything else is rethrown. */
function errorCodeOf(error) {
    if (error instanceof ResultError)
        return error.payload;
    if (error instanceof errno/* WasiErrno */.v)
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/wasi/path-ops.ts
var path_ops = __webpack_require__(94036);
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
            location: locations/* DirectoryLocation */.T.preopen(host.moves, root),
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
        fsCall(() => (0,path_ops/* setTimesOfFd */.ov)(this.live.handle.fd, timeChange(dataAccessTimestamp), timeChange(dataModificationTimestamp)));
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
        return fsCall(() => new DirectoryEntryStream(this.host.files.order((0,path_ops/* listDirectory */.KG)(this.dir()))));
    }
    createDirectoryAt(path) {
        fsCall(() => (0,path_ops/* createDirectoryAt */.fp)(this.dir(), path));
    }
    stat() {
        return fsCall(() => statOf(this.fstat(), this.host.files));
    }
    statAt(pathFlags, path) {
        return fsCall(() => statOf((0,path_ops/* statAt */.IU)(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files));
    }
    setTimesAt(pathFlags, path, dataAccessTimestamp, dataModificationTimestamp) {
        fsCall(() => (0,path_ops/* setTimesAt */.ST)(this.dir(), path, pathFlags.symlinkFollow === true, timeChange(dataAccessTimestamp), timeChange(dataModificationTimestamp)));
    }
    linkAt(oldPathFlags, oldPath, newDescriptor, newPath) {
        fsCall(() => (0,path_ops/* linkAt */._m)(this.dir(), oldPathFlags.symlinkFollow === true, oldPath, newDescriptor.dir(), newPath));
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
            const opened = (0,path_ops/* openAt */._8)(dir, path, {
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
            const contents = (0,path_ops/* readlinkAt */.cN)(this.dir(), path);
            try {
                return utf8.decode(contents);
            }
            catch {
                return fail('illegal-byte-sequence');
            }
        });
    }
    removeDirectoryAt(path) {
        fsCall(() => (0,path_ops/* removeDirectoryAt */.BU)(this.dir(), path));
    }
    renameAt(oldPath, newDescriptor, newPath) {
        fsCall(() => (0,path_ops/* renameAt */.wc)(this.dir(), oldPath, newDescriptor.dir(), newPath));
    }
    symlinkAt(oldPath, newPath) {
        fsCall(() => (0,path_ops/* symlinkAt */.Fw)(oldPath, this.dir(), newPath));
    }
    unlinkFileAt(path) {
        fsCall(() => (0,path_ops/* unlinkFileAt */.bd)(this.dir(), path));
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
        return fsCall(() => hashOf((0,path_ops/* statAt */.IU)(this.dir(), path, pathFlags.symlinkFollow === true), this.host.files));
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

// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var src_sources = __webpack_require__(35935);
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
            const fd = (0,platform/* openDirectory */.AJ)(root);
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
    const fsHost = { handles, files: sources.files, moves: new locations/* MoveLog */.m() };
    const stdio = new io/* Stdio */.a(options.inheritStdio, options.hostStdio ?? [0, 1, 2], options.escapeWorkflowCommands);
    const cli = createCli({
        env: (0,environment/* guestEnvironment */.a)(options),
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

// EXTERNAL MODULE: ./src/wizer/instrument.ts + 3 modules
var instrument = __webpack_require__(10329);
// EXTERNAL MODULE: ./src/wizer/options.ts
var wizer_options = __webpack_require__(74471);
// EXTERNAL MODULE: ./src/wizer/lazy-validation.ts
var lazy_validation = __webpack_require__(65627);
// EXTERNAL MODULE: ./src/wizer/rewrite.ts
var rewrite = __webpack_require__(34641);
// EXTERNAL MODULE: ./src/wizer/snapshot.ts + 2 modules
var snapshot = __webpack_require__(53794);
// EXTERNAL MODULE: ./src/wizer/validate.ts + 3 modules
var validate = __webpack_require__(60483);
// EXTERNAL MODULE: ./src/wasm/reader.ts
var reader = __webpack_require__(44425);
// EXTERNAL MODULE: ./src/wizer/context.ts
var context = __webpack_require__(89850);
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
    const importedGlobals = cx.imports.filter((imp) => imp.kind === constants/* ExternalKind */.W2.Global).length;
    const defined = (name) => {
        for (const [index, global] of names) {
            const k = index - importedGlobals;
            const def = cx.globals[k];
            if (global === name && def?.mutable === true && def.type.code === constants/* ValTypeCode */.ZO.I32)
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
        const getter = core.instance.exports[`${context/* RESERVED_PREFIX */.U}global_${k}`];
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
        const r = new reader/* BinaryReader */.V(cx.bytes, section.payloadStart, section.end);
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

// EXTERNAL MODULE: ./src/wasm/module.ts
var wasm_module = __webpack_require__(80250);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
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
let loading;
/** Loads the transpiler once per process (its first load compiles about 3.5 MB of Wasm). */
function loadTranspiler() {
    loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
    });
    return loading;
}
async function load() {
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
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const bundled = (0,external_node_path_.join)(here, BUNDLED_TRANSPILER_DIR);
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(bundled, TRANSPILER_FILE)))
        return bundled;
    // A name in an array keeps bundlers from trying to inline the package.
    for (const name of ['@bytecodealliance/jco-transpile/component']) {
        try {
            return (0,external_node_path_.dirname)((0,external_node_module_.createRequire)(import.meta.url).resolve(name));
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
        return `new URL(${JSON.stringify((0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(dir, file)).href)})`;
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
    if ((0,wasm_module/* readPreamble */.tu)(component) !== 'component') {
        throw new errors/* WizerError */.Mx('expected a component, found a core module');
    }
    const r = new reader/* BinaryReader */.V(component, 8);
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
function lookup(items, name) {
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
    const instance = item.instance === undefined ? undefined : lookup(root, item.instance);
    if (instance === undefined) {
        const found = lookup(root, item.name);
        if (found?.sort === 'func') {
            const type = funcShape(parsed, found.index);
            return { kind: 'root', export: found, path: [found.name], funcType: type };
        }
    }
    else if (instance.sort === 'instance') {
        const inner = instanceItems(parsed, instance.index);
        const found = inner === undefined ? undefined : lookup(inner, item.name);
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
            (0,wasm_module/* readValType */.W6)(r);
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
        (0,wasm_module/* readValType */.W6)(r);
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
                (0,wasm_module/* readValType */.W6)(r);
            for (let n = r.u32(); n > 0; n--)
                (0,wasm_module/* readValType */.W6)(r);
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
            (0,wasm_module/* readValType */.W6)(r);
            (0,wasm_module/* readLimits */.BU)(r);
            return;
        case 0x02: // memory
            (0,wasm_module/* readLimits */.BU)(r);
            return;
        case 0x03: {
            // global
            (0,wasm_module/* readValType */.W6)(r);
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
            (0,wasm_module/* readValType */.W6)(r);
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
const SECTION_NAMES = {
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
    if ((0,wasm_module/* readPreamble */.tu)(bytes) === 'module') {
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
    const r = new reader/* BinaryReader */.V(bytes, start + 8, end);
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
        const sr = new reader/* BinaryReader */.V(bytes, payloadStart, section.end);
        readSection(scope, section, sr, depth, steps);
        if (!sr.eof) {
            throw sr.error(`unexpected data at the end of the ${SECTION_NAMES[id] ?? ''} section`.replace('  ', ' '));
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

// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __webpack_require__(13801);
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
    const r = new reader/* BinaryReader */.V(bytes, count.start, count.end);
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
        const r = new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
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
        const { cx, codeFeatures } = await (0,validate/* validateModule */.z6)(bytes, options.features, {
            inComponent: true,
        });
        if (cx.globals.some((g) => g.mutable && g.type.code === constants/* ValTypeCode */.ZO.V128)) {
            throw new errors/* WizerError */.Mx('component wizening does not support v128 globals');
        }
        lap('parse');
        const instrumented = (0,instrument/* instrument */.wV)(cx, ...(0,instrument/* sitesToEdit */.Wx)(codeFeatures, options));
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
            const snap = (0,snapshot/* snapshot */.P9)(run.instrumented.globals, run.instrumented.memories, run.cx.memories, instanceState(run.instance, run.instrumented.globals, release.globals.get(run.moduleIndex)));
            return { run, snap };
        });
        lap('snapshot');
        logger.debug('Rewriting input component to pre-initialized state', 'rewrite');
        let optimized;
        for (const { run, snap } of snaps) {
            const rewritten = (0,rewrite/* rewrite */.v8)(run.cx, snap, {
                initFunc: '',
                keepInitFunc: true,
                keepReactorInit: true,
                renames: [],
            });
            // `--optimize`: each core module on its own (binaryen cannot read components).
            const result = await (0,optimize.optimizeOutput)(rewritten, options, logger);
            optimized = (0,optimize/* addOptimizeReports */.Uy)(optimized, result?.report);
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


/***/ })

};
