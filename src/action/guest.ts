/**
 * The exact library options a module is wizened with, derived once from the inputs. The cache
 * key hashes these same options, so what is hashed is what runs.
 */
import { parseSourceDateEpoch } from '../sources/index.js';
import type { WizenOptions } from '../wizer/options.js';
import type { WizenSettings } from './inputs.js';

/**
 * Runner variables an action step sees but a `run:` step does not (service tokens and URLs,
 * OIDC request credentials) plus the step's `INPUT_*` values. `inherit-env` passes the
 * environment a `run:` step would have, so these stay out of the guest (and out of snapshots
 * that end up in artifacts).
 */
const RUNNER_INTERNAL =
  /^(ACTIONS_RUNTIME_TOKEN|ACTIONS_RUNTIME_URL|ACTIONS_RESULTS_URL|ACTIONS_CACHE_URL|ACTIONS_CACHE_SERVICE_V2|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|INPUT_.*)$/i;

/**
 * The guest's environment: with `inherit-env`, the host environment minus runner internals,
 * sorted by name (process.env order differs between platforms); then the `env` input, which may
 * override inherited values.
 */
export function guestEnvironment(
  settings: WizenSettings,
  hostEnv: NodeJS.ProcessEnv,
): Array<[string, string]> {
  const inherited: Array<[string, string]> = settings.inheritEnv
    ? Object.entries(hostEnv)
        .filter(
          (entry): entry is [string, string] =>
            entry[1] !== undefined && !RUNNER_INTERNAL.test(entry[0]),
        )
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [];
  const overridden = new Set(settings.env.map(([key]) => key));
  return [...inherited.filter(([key]) => !overridden.has(key)), ...settings.env];
}

/** Library options for every module of this run. */
export function wizenOptions(
  settings: WizenSettings,
  hostEnv: NodeJS.ProcessEnv,
): Partial<WizenOptions> {
  return {
    initFunc: settings.initFunc,
    renames: settings.renames,
    keepInitFunc: settings.keepInitFunc,
    allowWasi: settings.allowWasi,
    inheritStdio: settings.inheritStdio,
    // Inheritance is resolved here so the filtered, ordered list is both what runs and what is hashed.
    inheritEnv: false,
    env: guestEnvironment(settings, hostEnv),
    preopens: settings.preopens,
    preloads: settings.preloads,
    // The guest shares the step's stdout/stderr: it must not be able to issue workflow commands.
    escapeWorkflowCommands: true,
    ...(settings.optimize === undefined ? {} : { optimize: settings.optimize }),
    deterministic: settings.deterministic,
    deterministicSeed: settings.deterministicSeed,
    // The reproducible-builds convention: the realtime clock starts at the commit's time, say.
    ...(settings.deterministic
      ? { sourceDateEpoch: parseSourceDateEpoch(hostEnv['SOURCE_DATE_EPOCH']) }
      : {}),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
  };
}
