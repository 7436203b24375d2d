/**
 * Where each open directory is, for hosts that know open directories only by path (no
 * `/proc/self/fd`: macOS, Windows). Linux follows a renamed directory through its descriptor, as
 * upstream's `openat` does; elsewhere the guest's own renames are replayed onto the paths of the
 * directories it holds open, so that a directory it moved stays reachable where it went. A move
 * made by another process is not seen: that directory then fails to verify (ENOENT).
 */

/** One directory moved by the guest: from a place below a preopen to another. */
interface Move {
  readonly fromRoot: string;
  readonly from: readonly string[];
  readonly toRoot: string;
  readonly to: readonly string[];
}

/** The directory moves one WASI host's guest made, in order; shared by its open directories. */
export class MoveLog {
  readonly moves: Move[] = [];

  record(from: DirectoryLocation, to: DirectoryLocation): void {
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

function startsWith(components: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= components.length && prefix.every((name, i) => components[i] === name);
}

/** A directory as a preopen's host path and the real directories below it. */
export class DirectoryLocation {
  private seen: number;

  private constructor(
    readonly log: MoveLog,
    private root: string,
    private components: readonly string[],
  ) {
    this.seen = log.moves.length;
  }

  static preopen(log: MoveLog, root: string): DirectoryLocation {
    return new DirectoryLocation(log, root, []);
  }

  /** The directory's place now, with every move the guest made since it was last asked. */
  current(): { root: string; components: readonly string[] } {
    for (; this.seen < this.log.moves.length; this.seen++) {
      const move = this.log.moves[this.seen] as Move;
      if (move.fromRoot === this.root && startsWith(this.components, move.from)) {
        this.root = move.toRoot;
        this.components = [...move.to, ...this.components.slice(move.from.length)];
      }
    }
    return { root: this.root, components: this.components };
  }

  /** The place of an entry `names` below this directory (each a real directory but the last). */
  below(names: readonly string[]): DirectoryLocation {
    const { root, components } = this.current();
    return new DirectoryLocation(this.log, root, [...components, ...names]);
  }
}
