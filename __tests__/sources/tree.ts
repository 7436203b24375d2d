/**
 * Two checkouts of the same tree for the deterministic-mode tests: the same names, contents, links
 * and hard links, but at different paths, created in a different order, with different times (so
 * different inode numbers and host listing orders too).
 */
import { linkSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the tree holds, in the order checkout A creates it (B creates it the other way round). */
const STEPS: Array<[path: string, make: (full: string, root: string) => void]> = [
  ['zeta', (full) => writeFileSync(full, 'last by name')],
  ['mid', (full) => mkdirSync(full)],
  ['mid/inner', (full) => writeFileSync(full, 'inner!')],
  ['beta', (full) => writeFileSync(full, 'beta file')],
  ['Alpha', (full) => writeFileSync(full, 'A')],
  ['beta-link', (full, root) => linkSync(join(root, 'beta'), full)],
  ['_sym', (full) => symlinkSync('zeta', full)],
  ['alpha', (full) => writeFileSync(full, 'lower a')],
];

/** The guest-visible names of the tree's top directory, byte-wise sorted. */
export const SORTED_NAMES = ['Alpha', '_sym', 'alpha', 'beta', 'beta-link', 'mid', 'zeta'];

export function makeCheckout(root: string, variant: 'a' | 'b'): string {
  mkdirSync(root, { recursive: true });
  const steps = variant === 'a' ? STEPS : reversedRespectingDependencies();
  for (const [path, make] of steps) make(join(root, path), root);
  if (variant === 'b') {
    // Other times: a checkout an hour earlier, every file with its own time.
    let t = Date.now() / 1000 - 3600;
    for (const [path] of steps) {
      if (path === '_sym') continue;
      utimesSync(join(root, path), (t += 17), (t += 13));
    }
    utimesSync(root, t - 1000, t - 2000);
  }
  return root;
}

/** The steps backwards, except that a parent or a link target comes before what needs it. */
function reversedRespectingDependencies(): typeof STEPS {
  const byPath = new Map(STEPS);
  const order = ['alpha', '_sym', 'Alpha', 'beta', 'beta-link', 'mid', 'mid/inner', 'zeta'];
  return order.map((path) => [path, byPath.get(path)!]);
}
