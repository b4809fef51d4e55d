// Compound datasets, decoded here from the raw buffer: h5wasm's own decoding loses reference
// members (it returns an empty list for each) and leaks vlen-string members.
import type { Metadata } from "h5wasm";
import { dtypeFromMetadata, typedArrayClass } from "../dtype.js";
import type { H5Ref, H5Values } from "../source.js";
import { decodeStrings, readChecked } from "./checked-read.js";
import { resolveRef } from "./decode.js";
import type { OpenFile } from "./open-file.js";
import { hyperslab, type Range } from "./selection.js";

export function readCompound(
  f: OpenFile,
  path: string,
  md: Metadata,
  ranges: Range[],
  shape: number[],
  whole: boolean,
): H5Values {
  const m = f.module;
  const n = shape.reduce((p, c) => p * c, 1);
  const rowSize = md.size;
  const nbytes = rowSize * n;
  const members = md.compound_type?.members ?? [];
  const hasVlen = members.some((mm) => mm.vlen || mm.type === 9);
  const [count, offset, stride] = hyperslab(ranges, whole);
  const reclaim = hasVlen
    ? (ptr: number) =>
        m.reclaim_vlen_memory_count(
          f.id,
          path,
          "",
          BigInt(ptr),
          (count ?? (md.shape ?? []).map(BigInt)) as bigint[],
        )
    : null;
  return readChecked(
    f,
    path,
    "data",
    nbytes,
    reclaim,
    (ptr) => m.get_dataset_data(f.id, path, count, offset, stride, BigInt(ptr)),
    (ptr) => {
      const heap = m.HEAPU8;
      const fields: Record<string, H5Values> = {};
      for (const mm of members) {
        const dt = dtypeFromMetadata(mm);
        const Ctor = typedArrayClass(dt);
        if (Ctor) {
          const col = new Ctor(n);
          const bytes = new Uint8Array(col.buffer);
          for (let i = 0; i < n; i++)
            bytes.set(
              heap.subarray(ptr + i * rowSize + mm.offset, ptr + i * rowSize + mm.offset + mm.size),
              i * mm.size,
            );
          fields[mm.name] = col;
        } else if (dt.class === "string") {
          fields[mm.name] = decodeStrings(f, ptr, n, rowSize, mm.offset, dt);
        } else if (dt.class === "ref") {
          const col: H5Ref[] = new Array(n);
          for (let i = 0; i < n; i++) {
            const at = ptr + i * rowSize + mm.offset;
            col[i] = resolveRef(f, { ref_data: heap.slice(at, at + mm.size) }, dt.refType);
          }
          fields[mm.name] = col;
        } else {
          const col: Uint8Array[] = new Array(n);
          for (let i = 0; i < n; i++)
            col[i] = heap.slice(
              ptr + i * rowSize + mm.offset,
              ptr + i * rowSize + mm.offset + mm.size,
            );
          fields[mm.name] = col as unknown as H5Values;
        }
      }
      return { kind: "compound", length: n, fields };
    },
  );
}
