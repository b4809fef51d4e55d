// The shape of one cached namespace module (core-2.5.0.ts, …): what spec.ts gathers and the writer stores.
export interface CachedNamespace {
  name: string;
  version: string;
  /** Source name → the schema JSON text, exactly as stored by pynwb. */
  sources: Record<string, string>;
}
