// The state shared by all objects of one open NWB file: its H5Source, the type hierarchy, the
// small datasets read at open (so metadata is synchronous), and the path → object cache.
import type {
  H5DatasetMeta,
  H5GroupMeta,
  H5NodeMeta,
  H5ReadResult,
  H5Source,
} from "./h5/source.js";
import { NWBError } from "./errors.js";
import { didYouMean } from "./did-you-mean.js";
import type { TypeHierarchy } from "./type-hierarchy/type-hierarchy.js";

/** Soft links followed to resolve one path before it is taken for a cycle. */
const MAX_LINKS = 32;

/** Makes the object of a group or dataset (the typed classes, in registry.ts). */
export type ObjectFactory<O extends object> = (
  ctx: NWBContext<O>,
  meta: H5GroupMeta | H5DatasetMeta,
) => O;

/** `O` is the class of the file's objects (H5Object): this module only caches what the factory makes. */
export class NWBContext<O extends object> {
  private readonly cache = new Map<string, O>();

  constructor(
    readonly source: H5Source,
    readonly types: TypeHierarchy,
    /** Values of small datasets, read at open. */
    readonly prefetched: Map<string, H5ReadResult>,
    private readonly factory: ObjectFactory<O>,
  ) {}

  get file(): string {
    return this.source.meta.name;
  }

  error(path: string, expected: string, cause?: unknown): NWBError {
    return new NWBError(this.file, path, expected, cause === undefined ? undefined : { cause });
  }

  /**
   * Follows `path` from the root, resolving soft links at every step. `links` counts the soft
   * links followed so far: a cycle of links (a corrupt or odd file) resolves to nothing.
   */
  resolve(path: string, links = 0): H5GroupMeta | H5DatasetMeta | undefined {
    const parts = path.split("/").filter((p) => p.length > 0);
    let node: H5NodeMeta = this.source.meta.root;
    for (const part of parts) {
      const g = this.followLinks(node, links);
      if (!g || g.kind !== "group") return undefined;
      const child: H5NodeMeta | undefined = g.children[part];
      if (!child) return undefined;
      node = child;
    }
    return this.followLinks(node, links);
  }

  private followLinks(node: H5NodeMeta, links: number): H5GroupMeta | H5DatasetMeta | undefined {
    if (node.kind === "softlink")
      return links >= MAX_LINKS ? undefined : this.resolve(node.target, links + 1);
    return node.kind === "externallink" ? undefined : node;
  }

  /** The object at `path` (typed when it carries a neurodata_type); undefined when absent. */
  find(path: string): O | undefined {
    const meta = this.resolve(path);
    if (!meta) return undefined;
    let obj = this.cache.get(meta.path);
    if (!obj) {
      obj = this.factory(this, meta);
      this.cache.set(meta.path, obj);
    }
    return obj;
  }

  /** Frame shapes (data shape after time) of image series whose imaging_plane is `planePath`. */
  seriesOfPlane(planePath: string): number[][] {
    const out: number[][] = [];
    const visit = (g: H5GroupMeta): void => {
      const link = g.children.imaging_plane;
      const data = g.children.data;
      if (link && data?.kind === "dataset" && data.shape.length >= 3) {
        const target = link.kind === "softlink" ? this.resolve(link.target)?.path : link.path;
        if (target === planePath) out.push(data.shape.slice(1));
      }
      for (const c of Object.values(g.children)) if (c.kind === "group") visit(c);
    };
    visit(this.source.meta.root);
    return out;
  }

  /**
   * Why nothing is at `path`: the first step that fails (a missing name, with the closest names in
   * its group; a dataset asked for a member; a broken link), as an NWBError naming `path`.
   */
  missingObjectError(path: string): NWBError {
    const parts = path.split("/").filter((p) => p.length > 0);
    let node: H5NodeMeta = this.source.meta.root;
    let at = "/";
    for (const part of parts) {
      const g = this.followLinks(node, 0);
      if (!g)
        return this.error(
          path,
          `'${at}' is a link to '${(node as { target?: string }).target ?? "?"}', which does not exist in this file`,
        );
      if (g.kind !== "group")
        return this.error(path, `'${at}' is a dataset, it has no member '${part}'`);
      const child: H5NodeMeta | undefined = g.children[part];
      if (!child) {
        const names = Object.keys(g.children);
        return this.error(
          path,
          `no object named '${part}' in ${at}; ${didYouMean(part, names, `names in ${at}`)}`,
        );
      }
      node = child;
      at = at === "/" ? `/${part}` : `${at}/${part}`;
    }
    if (node.kind === "externallink")
      return this.error(
        path,
        `'${at}' is an external link to ${node.file}:${node.target}, which this reader does not follow`,
      );
    return this.error(
      path,
      `'${at}' is a link to '${node.kind === "softlink" ? node.target : "?"}', which does not exist in this file`,
    );
  }

  /** Like `find`, but a missing object is an NWBError naming the path. */
  object(path: string, expected = "an HDF5 object"): O {
    const obj = this.find(path);
    if (!obj) throw this.error(path, `expected ${expected}, found nothing at this path`);
    return obj;
  }
}
