/** The flags of `script`'s first line; throws if it is not a `#!/usr/bin/env -S node` line. */
export function shebangNodeFlags(script: string): string[];
