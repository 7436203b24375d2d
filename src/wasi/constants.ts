/**
 * WASI preview1 numbers (errno, file types, rights, flags) and the rights sets upstream Wizer's WASI
 * (Wasmtime 42) reports, as observed through `fd_fdstat_get`.
 */

/** WASI preview1 errno values used by this layer. */
export const Errno = {
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
} as const;

/** Node's `error.code` strings mapped to WASI errno values. */
export const errnoByCode: Readonly<Record<string, number>> = {
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

export const Filetype = {
  unknown: 0,
  blockDevice: 1,
  characterDevice: 2,
  directory: 3,
  regularFile: 4,
  socketStream: 6,
  symbolicLink: 7,
} as const;

export const Rights = {
  fdRead: 1n << 1n,
  fdWrite: 1n << 6n,
  fdReaddir: 1n << 14n,
  /** Every rights bit preview1 defines (bits 0 to 29). */
  all: (1n << 30n) - 1n,
} as const;

/** Rights reported for stdin and for stdout/stderr (base and inheriting alike). */
export const STDIN_RIGHTS = Rights.fdRead;
export const STDOUT_RIGHTS = Rights.fdWrite;
/** Rights upstream reports for a preopened directory. */
export const PREOPEN_RIGHTS_BASE = 0x7b7fe00n;
export const PREOPEN_RIGHTS_INHERITING = 0xff7ffffn;
/** Rights upstream reports for a directory opened by the guest: all but seek, write and set-size. */
export const DIRECTORY_RIGHTS = 0x3fb7ffbbn;

export const Oflags = { creat: 1, directory: 2, excl: 4, trunc: 8, all: 15 } as const;
export const Fdflags = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16, all: 31 } as const;
export const LOOKUP_SYMLINK_FOLLOW = 1;
export const Fstflags = { atim: 1, atimNow: 2, mtim: 4, mtimNow: 8, all: 15 } as const;
export const Whence = { set: 0, cur: 1, end: 2 } as const;
export const Clockid = { realtime: 0, monotonic: 1, processCputime: 2, threadCputime: 3 } as const;
export const Eventtype = { clock: 0, fdRead: 1, fdWrite: 2 } as const;
export const SUBCLOCK_ABSTIME = 1;

/** How many symbolic links one path lookup may expand (cap-std's and Linux's limit). */
export const MAX_SYMLINK_EXPANSIONS = 40;
