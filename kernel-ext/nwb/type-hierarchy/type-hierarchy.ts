// Which neurodata type inherits from which, read from the file's cached specification
// (/specifications/<namespace>/<version>/<source>, JSON text) with the built-in table as fallback.
import { builtinHierarchy } from "./builtin-hierarchy.js";

export interface TypeInfo {
  parent: string | null;
  namespace: string;
}

interface SpecNode {
  neurodata_type_def?: string;
  neurodata_type_inc?: string;
  data_type_def?: string;
  data_type_inc?: string;
  groups?: SpecNode[];
  datasets?: SpecNode[];
}

export class TypeHierarchy {
  private readonly types: Map<string, TypeInfo>;
  /** Namespaces whose definitions came from the file itself. */
  readonly cachedNamespaces: string[] = [];

  constructor() {
    this.types = builtinHierarchy();
  }

  /** Adds the types defined in one cached spec source document (a JSON string). */
  addSpecSource(namespace: string, json: string): void {
    let doc: SpecNode;
    try {
      doc = JSON.parse(json) as SpecNode;
    } catch {
      return; // a namespace index or a YAML leftover: holds no type definitions
    }
    const visit = (n: SpecNode): void => {
      const def = n.neurodata_type_def ?? n.data_type_def;
      if (def) {
        const inc = n.neurodata_type_inc ?? n.data_type_inc ?? null;
        this.types.set(def, { parent: inc && inc !== def ? inc : null, namespace });
      }
      for (const g of n.groups ?? []) visit(g);
      for (const d of n.datasets ?? []) visit(d);
    };
    visit(doc);
    if (!this.cachedNamespaces.includes(namespace)) this.cachedNamespaces.push(namespace);
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  info(type: string): TypeInfo | undefined {
    return this.types.get(type);
  }

  /** `type` itself first, then its parent, … up to the root type (cycles are cut). */
  ancestors(type: string): string[] {
    const out: string[] = [];
    let t: string | null = type;
    while (t !== null && !out.includes(t)) {
      out.push(t);
      t = this.types.get(t)?.parent ?? null;
    }
    return out;
  }

  isA(type: string, ancestor: string): boolean {
    return this.ancestors(type).includes(ancestor);
  }
}
