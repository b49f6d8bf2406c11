// Numbers a statement's parameters once, at load: its SQL reads names and pg still gets `$n` and an array.
export interface NamedParameters<K extends string> {
  /** Each name's `$n`, to write into the SQL text. */
  readonly refs: Readonly<Record<K, string>>;
  /** The values in the order of their numbers; every name must be given, and nothing else. */
  values(params: Readonly<Record<K, unknown>>): unknown[];
}

export class NamedParameterError extends Error {
  readonly code = "named_parameters";
  constructor(message: string) {
    super(message);
    this.name = "NamedParameterError";
  }
}

export function namedParameters<const K extends string>(names: readonly K[]): NamedParameters<K> {
  if (new Set(names).size !== names.length) throw new NamedParameterError(`a parameter is named twice: ${names}`);
  const refs: Partial<Record<K, string>> = {};
  names.forEach((name, index) => (refs[name] = `$${index + 1}`));
  if (!hasEvery(refs, names)) throw new NamedParameterError("a parameter has no number");
  return { refs, values: (params) => names.map((name) => params[name]) };
}

function hasEvery<K extends string>(refs: Partial<Record<K, string>>, names: readonly K[]): refs is Record<K, string> {
  return names.every((name) => refs[name] !== undefined);
}
