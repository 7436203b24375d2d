/** The environment a guest sees, shared by the preview1 layer and the WASI 0.2 host. */
import type { WizenOptions } from '../wizer/options.js';

/**
 * The host's variables only when inherited (`--inherit-env`), then the given ones, which replace
 * inherited ones of the same name instead of repeating them.
 */
export function guestEnvironment(
  options: Pick<WizenOptions, 'inheritEnv' | 'env'>,
): Array<[string, string]> {
  const env = new Map<string, string>();
  if (options.inheritEnv) {
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined) env.set(key, value);
  }
  for (const [key, value] of options.env) env.set(key, value);
  return [...env];
}
