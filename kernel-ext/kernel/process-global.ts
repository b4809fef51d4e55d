// One value per kernel process, shared by every copy of tsnwb loaded in it (a cell may load another
// install or a dev checkout, whose module-level state is separate): kept on globalThis under a
// registered symbol.
export function processGlobal<T>(key: string, create: () => T): T {
  const g = globalThis as Record<symbol, unknown>;
  const symbol = Symbol.for(key);
  if (!(symbol in g)) g[symbol] = create();
  return g[symbol] as T;
}
