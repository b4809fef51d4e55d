// Code snippets for cells.

/** An import line for names exported by the tsnwb package. */
export function kernelImport(...names: string[]): string {
  return `import { ${names.join(", ")} } from "tsnwb";`;
}
