// Where the built front-end bundle lives: dist/widgets/ of the installed tsnwb package (found
// through the package's own package.json, so it works from dist/ and from sources run by tsx).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const EMBED_BUNDLE = "tsnwb-widgets.embed.js";

export function packageRoot(): string {
  return dirname(createRequire(import.meta.url).resolve("tsnwb/package.json"));
}

/** The static (kernel-less) bundle's source text. */
export function readEmbedBundle(): string {
  const file = join(packageRoot(), "dist", "widgets", EMBED_BUNDLE);
  if (!existsSync(file)) {
    throw new Error(
      `exportHTML: the widget bundle ${file} is missing (expected the front end built by \`npm run build\`)`,
    );
  }
  return readFileSync(file, "utf8");
}
