// The Widget base class with no kernel (a plain Node process, as in `tsnwb report`): it holds and
// updates state, and widgetStateBundle() produces state that the official @jupyter-widgets/schema
// v2 JSON schemas accept (checked with Python's jsonschema), with buffers that decode (Python's
// base64) to exactly the typed arrays' bytes.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { mimeBundle } from "../../kernel-ext/display/mimebundle.js";
import { putBuffers, removeBuffers } from "../../kernel-ext/kernel/widget/buffers.js";
import { widgetStateBundle } from "../../kernel-ext/kernel/widget/state-bundle.js";
import { Widget, widgetReference, type WidgetSpec } from "../../kernel-ext/kernel/widget/widget.js";
import { python, repoRoot } from "./support/kernel-driver.js";

const spec: WidgetSpec = {
  modelName: "TraceModel",
  modelModule: "tsnwb-widgets",
  modelModuleVersion: "0.1.0",
  viewName: "TraceView",
  viewModule: "tsnwb-widgets",
  viewModuleVersion: "0.1.0",
};

const sha = (b: ArrayBufferView) =>
  createHash("sha256")
    .update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))
    .digest("hex");

describe("Widget without a kernel", () => {
  it("holds state, applies set(), reports changes with origin kernel, and unsubscribes", () => {
    const w = new Widget(spec, {
      title: "dF/F",
      window: [0, 10] as [number, number],
      data: new Float32Array([1, 2]),
    });
    const seen: string[] = [];
    const off = w.onChange((changed, origin) =>
      seen.push(`${origin}:${Object.keys(changed).join(",")}`),
    );
    w.set({ title: "dF/F", window: [0, 10] }); // same values: no change
    w.set({ window: [2, 5] });
    off();
    w.set({ title: "spikes" });
    assert.deepEqual(seen, ["kernel:window"]);
    assert.deepEqual(w.get("window"), [2, 5]);
    assert.equal(w.state.title, "spikes");
    assert.equal(w.closed, false);
    w.close();
    assert.equal(w.closed, true);
  });

  it("shows itself as a widget view bundle with a text/plain fallback", () => {
    const w = new Widget(spec, { n: 1 });
    const bundle = w[mimeBundle]();
    assert.deepEqual(bundle["application/vnd.jupyter.widget-view+json"], {
      version_major: 2,
      version_minor: 1,
      model_id: w.modelId,
    });
    assert.equal(bundle["text/plain"], `Trace(model_id=${w.modelId})`);
    w.close();
  });

  it("embeds its state and every widget it references in a schema-valid widget-state bundle", () => {
    const samples = new Float32Array([0.5, NaN, -Infinity, 3]);
    const times = new Float64Array([0, 0.025, 0.05, 0.075]);
    const roi = new Widget(
      { ...spec, modelName: "RoiModel", viewName: "RoiView" },
      { mask: new Uint8Array([1, 0, 1]), label: "cell 3" },
    );
    const trace = new Widget(spec, {
      series: [{ times, samples, name: "dff" }],
      roi: widgetReference(roi),
    });
    const bundle = widgetStateBundle([trace]);
    assert.deepEqual(Object.keys(bundle.state).sort(), [roi.modelId, trace.modelId].sort());
    const t = bundle.state[trace.modelId];
    assert.equal(t.model_name, "TraceModel");
    assert.equal(t.state._view_name, "TraceView");
    assert.deepEqual(t.state.series, [{ name: "dff" }]);
    assert.deepEqual(
      t.buffers.map((b) => b.path),
      [
        ["series", 0, "times"],
        ["series", 0, "samples"],
      ],
    );

    const schemas = join(repoRoot, "node_modules", "@jupyter-widgets", "schema", "v2");
    const check = spawnSync(
      python,
      [join(repoRoot, "test", "kernel", "py", "check_widget_state.py")],
      {
        input: JSON.stringify({
          state: bundle,
          view: trace[mimeBundle]()["application/vnd.jupyter.widget-view+json"],
          state_schema: join(schemas, "state.schema.json"),
          view_schema: join(schemas, "view.schema.json"),
        }),
        encoding: "utf8",
      },
    );
    assert.equal(check.status, 0, check.stderr);
    const out = JSON.parse(check.stdout);
    assert.deepEqual(out.state_errors, []);
    assert.deepEqual(out.view_errors, []);
    assert.deepEqual(out.buffers, {
      [`${trace.modelId}/series.0.times`]: sha(times),
      [`${trace.modelId}/series.0.samples`]: sha(samples),
      [`${roi.modelId}/mask`]: sha(roi.get("mask")),
    });
    trace.close();
    roi.close();
  });

  it("refuses to embed a reference to a widget that is gone", () => {
    const gone = new Widget(spec, {});
    const holder = new Widget(spec, { child: widgetReference(gone) });
    gone.close();
    assert.throws(
      () => widgetStateBundle([holder]),
      new RegExp(`refers to IPY_MODEL_${gone.modelId}, which is not a live widget`),
    );
    holder.close();
  });
});

describe("widget buffers (remove_buffers / put_buffers)", () => {
  it("takes binary values out at any depth and puts them back as the types they replace", () => {
    const state = {
      a: 1,
      b: new Int16Array([1, -2]),
      list: [new Uint8Array([7]), "x", { deep: new Float64Array([2.5]) }],
    };
    const { state: json, bufferPaths, buffers } = removeBuffers(state);
    assert.deepEqual(json, { a: 1, list: [null, "x", {}] });
    assert.deepEqual(bufferPaths, [["b"], ["list", 0], ["list", 2, "deep"]]);
    assert.equal(buffers[0], state.b);
    // As received from the wire: plain bytes, put back where the paths say.
    const wire = buffers.map(
      (b) => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
    );
    const back = JSON.parse(JSON.stringify(json));
    putBuffers(back, bufferPaths, wire, state);
    assert.ok(back.b instanceof Int16Array);
    assert.deepEqual(Array.from(back.b), [1, -2]);
    assert.ok(back.list[0] instanceof Uint8Array);
    assert.ok(back.list[2].deep instanceof Float64Array);
    assert.equal(back.list[2].deep[0], 2.5);
  });

  it("names what is wrong with bad buffer_paths", () => {
    assert.throws(
      () => putBuffers({}, [["a"]], []),
      /buffer_paths lists 1 paths but the message carries 0 buffers/,
    );
    assert.throws(() => putBuffers({}, "a", []), /buffer_paths is not a list/);
    assert.throws(
      () => putBuffers({}, [[]], [new Uint8Array(1)]),
      /buffer_paths\[0\] is not a non-empty list of keys/,
    );
    assert.throws(
      () => putBuffers({ a: 1 }, [["a", "b"]], [new Uint8Array(1)]),
      /does not lead into the state/,
    );
  });
});

// The package's exports resolve (what `import * as nwb from "tsnwb"` gives outside a kernel too).
describe("tsnwb exports for notebooks", () => {
  it("exports the kernel API from the package entry point", async () => {
    const entry = createRequire(import.meta.url).resolve("tsnwb");
    const nwb = await import(entry);
    for (const name of [
      "Widget",
      "widgetStateBundle",
      "widgetReference",
      "display",
      "clearOutput",
      "openComm",
      "registerCommTarget",
      "mimeBundle",
    ]) {
      assert.ok(name in nwb, `tsnwb exports ${name}`);
    }
    assert.throws(() => nwb.openComm("x"), /openComm needs the tsnwb Jupyter kernel/);
  });
});
