// Content keys for cached benchmark inputs: an input is rebuilt when anything it is made from changes.
import { createHash } from 'node:crypto';

/** SHA-256 (hex) over the given strings and byte arrays, each followed by a separator. */
export function contentHash(parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}
