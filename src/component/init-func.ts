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
import { WizerError } from '../errors.js';
import type { ExportInfo, FuncShape, ParsedComponent } from './binary.js';
import { funcShape, instanceItems, type Item } from './resolve.js';

/** Where the init function is, and the path of export names to reach it. */
export type InitExport = {
  /** Export names from the root: `['wizer-initialize']` or `['ns:pkg/iface@1.0.0', 'init']`. */
  path: string[];
  /** Parameter and result counts when the function's type is known from the binary. */
  funcType: FuncShape | undefined;
} & (
  { kind: 'root'; export: ExportInfo } | { kind: 'instance'; instance: ExportInfo; name: string }
);

interface ItemName {
  /** The export name of the instance part, if any (`ns:pkg/iface@1.0.0`, `iface`). */
  instance: string | undefined;
  name: string;
}

const ID = '%?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*';
const VERSION = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const ITEM_NAME = new RegExp(`^(?:(${ID}):(${ID})/)?(${ID})(?:\\.(${ID}))?(?:@(${VERSION}))?$`);

/** Parses a WIT item name (wit-parser `ItemName`): `name`, `iface.name`, `ns:pkg/iface.name@v`. */
export function parseItemName(text: string): ItemName {
  const m = ITEM_NAME.exec(text);
  const [, ns, pkg, first, second, version] = m ?? [];
  if (m === null || first === undefined || (version !== undefined && ns === undefined)) {
    throw new WizerError(`parsing \`${text}\` as a wit item name`, {
      cause: new Error(`\`${text}\` is not a valid WIT item name`),
    });
  }
  const interfaceName = second === undefined ? undefined : first;
  const name = second ?? first;
  if (ns === undefined && interfaceName === undefined) return { instance: undefined, name };
  const prefix = ns === undefined ? '' : `${ns}:${pkg}/`;
  const suffix = version === undefined ? '' : `@${version}`;
  return { instance: `${prefix}${interfaceName ?? ''}${suffix}`, name };
}

/** Wasmtime's semver-compatible lookup key: `@1.2.3` -> `@1`, `@0.2.3` -> `@0.2`. */
function compatKey(name: string): string | undefined {
  const at = name.lastIndexOf('@');
  if (at < 0) return undefined;
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(name.slice(at + 1));
  if (m === null) return undefined;
  const [, major, minor] = m;
  if (major !== '0') return `${name.slice(0, at)}@${major}`;
  if (minor !== '0') return `${name.slice(0, at)}@0.${minor}`;
  return undefined;
}

function lookup<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const exact = items.find((i) => i.name === name);
  if (exact !== undefined) return exact;
  const key = compatKey(name);
  return key === undefined ? undefined : items.find((i) => compatKey(i.name) === key);
}

/** Formats an instance export name and a function name as an item name (`ns:pkg/iface.f@v`). */
function qualified(instance: string, name: string): string {
  const at = instance.lastIndexOf('@');
  return at < 0 ? `${instance}.${name}` : `${instance.slice(0, at)}.${name}${instance.slice(at)}`;
}

/**
 * The init function `name` of a parsed component (see the file header), or a `WizerError` with
 * upstream's message.
 */
export function findInitExport(parsed: ParsedComponent, name: string): InitExport {
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
  } else if (instance.sort === 'instance') {
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
    throw new WizerError(`No exported func named \`${name}\` in component.`);
  }
  // 3. Every root instance export, searched for a function of that bare name.
  const matches: { instance: ExportInfo; func: Item }[] = [];
  for (const exported of root) {
    if (exported.sort !== 'instance') continue;
    const func = instanceItems(parsed, exported.index)?.find(
      (i) => i.sort === 'func' && i.name === item.name,
    );
    if (func !== undefined) matches.push({ instance: exported, func });
  }
  const [only, ...rest] = matches;
  if (only === undefined) throw new WizerError(`No exported func named \`${name}\` in component.`);
  if (rest.length > 0) {
    const candidates = matches.map((m) => `\`${qualified(m.instance.name, item.name)}\``);
    throw new WizerError(
      `Multiple instances contained funcs named \`${name}\`, retry with a more specific name: ${candidates.join(', ')}`,
    );
  }
  return {
    kind: 'instance',
    instance: only.instance,
    name: only.func.name,
    path: [only.instance.name, only.func.name],
    funcType: only.func.funcType,
  };
}
