// The h5wasm module namespace the reader is parameterised by: the Node or browser ESM build, after `ready`.
import type * as H5WasmNamespace from "h5wasm";

/** The h5wasm module namespace (`import * as h5wasm from "h5wasm/node"` or `"h5wasm"`). */
export type H5Wasm = typeof H5WasmNamespace;

/** An h5wasm Dataset handle. */
export type H5WasmDataset = H5WasmNamespace.Dataset;
