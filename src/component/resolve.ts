/**
 * Following the index spaces `parseComponent` records: what a type index stands for, and the
 * shape of a component function (parameter and result counts, async or not, and its signature
 * when the binary says it: see type-section.ts). A type aliased from an imported instance is
 * what that instance's type declares; types known only through an alias of another instance's
 * export are not resolved (that would need a type checker); callers get `undefined` for those.
 */
import type { ExternType, FuncShape, ParsedComponent, Sort, TypeSummary } from './binary.js';

/** Resolves a type index to its definition when the binary says enough. */
export function resolveType(
  parsed: ParsedComponent,
  index: number,
  depth = 0,
): TypeSummary | undefined {
  const def = parsed.types[index];
  if (def === undefined || depth > 100) return undefined;
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
      if (instance?.kind !== 'import') return undefined;
      const type = resolveType(parsed, instance.typeIndex, depth + 1);
      if (type?.kind !== 'instance') return undefined;
      return type.exports.find((e) => e.name === def.name)?.typeSummary;
    }
  }
}

/** The shape of a component function of `parsed` (by index), if its type is known. */
export function funcShape(
  parsed: ParsedComponent,
  index: number,
  depth = 0,
): FuncShape | undefined {
  if (depth > 100) return undefined;
  const def = parsed.funcs[index];
  let summary: TypeSummary | undefined;
  if (def?.kind === 'lift' || def?.kind === 'import') summary = resolveType(parsed, def.typeIndex);
  else if (def?.kind === 'alias') {
    const items = instanceItems(parsed, def.instance, depth + 1);
    return items?.find((i) => i.sort === 'func' && i.name === def.name)?.funcType;
  } else if (def?.kind === 'export') {
    const ascription = parsed.exports.find(
      (e) => e.sort === 'func' && e.index === index,
    )?.ascription;
    if (ascription?.sort === 'func') summary = resolveType(parsed, ascription.typeIndex);
    else return funcShape(parsed, def.target, depth + 1);
  }
  if (summary?.kind !== 'func') return undefined;
  return {
    params: summary.params,
    results: summary.results,
    async: summary.async,
    signature: summary.signature,
  };
}

/** An export of an instance. */
export interface Item {
  name: string;
  sort: Sort;
  /** The shape of a function item, when the binary says it. */
  funcType: FuncShape | undefined;
}

function typeItems(parsed: ParsedComponent, type: ExternType | undefined): Item[] | undefined {
  if (type?.sort !== 'instance') return undefined;
  const summary = resolveType(parsed, type.typeIndex);
  if (summary?.kind !== 'instance') return undefined;
  return summary.exports.map((e) => ({ name: e.name, sort: e.type.sort, funcType: e.funcType }));
}

/** The exports of a component instance, when the binary says what they are. */
export function instanceItems(
  parsed: ParsedComponent,
  index: number,
  depth = 0,
): Item[] | undefined {
  const def = parsed.instances[index];
  if (def === undefined || depth > 100) return undefined;
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
