// The Node flags on a script's `#!/usr/bin/env -S node ...` line: what our CLI runs with when run
// directly (npm's bin, `./dist/cli.js`), where `node dist/cli.js` runs without them. The bench
// runs the CLI with them, as do the tests that check it as users run it.
import { readFileSync } from 'node:fs';

/** The flags of `script`'s first line; throws if it is not a `#!/usr/bin/env -S node` line. */
export function shebangNodeFlags(script) {
  const line = readFileSync(script, 'utf8').split('\n', 1)[0];
  const flags = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=\S+)?)*)$/.exec(line)?.[1];
  if (flags === undefined) throw new Error(`${script}: unexpected first line ${line}`);
  return flags.split(' ').filter(Boolean);
}
