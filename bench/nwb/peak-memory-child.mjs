// Our side of bench/nwb/peak-memory.ts, run in a fresh process on the built reader (dist/, what
// kernels and report workers run; tsx's loader holds ~600 MB of its own, freed memory that a read
// would reuse). FILE [WARM]: reads FILE's /acquisition/ts/data whole, once, after reading WARM's
// raw ElectricalSeries when given, and prints JSON {base, peak, bytes}.
// Run with --expose-gc: garbage still resident would be reused by the read and hide its cost.
import { readFileSync } from "node:fs";
import { openNWB } from "../../dist/kernel-ext/nwb/open-nwb.js";

/** This process image's peak resident set (VmHWM); not resourceUsage().maxRSS, which carries over
 *  the parent's resident set from before exec. */
const peakRss = () =>
  Number(/^VmHWM:\s*(\d+)/m.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;

const [path, warm] = process.argv.slice(2);
if (warm) {
  const w = await openNWB(warm);
  await w.get("acquisition/ElectricalSeries_raw").data.read();
  await w.close();
}
const ts = (await openNWB(path)).get("acquisition/ts");
globalThis.gc?.();
const base = process.memoryUsage().rss;
const values = await ts.data.read();
const peak = peakRss();
console.log(JSON.stringify({ base, peak, bytes: values.data.byteLength }));
