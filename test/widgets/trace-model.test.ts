// TraceModel: lane state with overviews, window requests answered with one packed buffer per lane
// (decimation cross-checked with numpy), supersession, bad requests, and the SVG figure.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorReply, SupersededReply } from "../../contract/common.js";
import type { WindowReply } from "../../contract/trace.js";
import { unpackLaneSlice } from "../../contract/trace.js";
import { renderTraceSvg } from "../../render/trace.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { rng, runPython, tempDir } from "./support.js";

const RATE = 20_000;
const N = 400_000; // 20 s

function voltage(): Float32Array {
  const r = rng(11);
  const v = new Float32Array(N);
  for (let i = 0; i < N; i++)
    v[i] = Math.sin(i / 700) * 0.5 + (r() - 0.5) * 0.1 + (i % 9973 === 0 ? 4 : 0);
  v.fill(NaN, 100_000, 100_050);
  return v;
}

describe("widgets: TraceModel", () => {
  const raw = voltage();
  const spikes = Float64Array.from({ length: 40 }, (_, k) => 0.25 + k * 0.49);
  let model: TraceModel;

  before(async () => {
    model = await TraceModel.create(
      [
        { id: "raw", label: "raw voltage", unit: "V", values: raw, rate: RATE },
        { id: "spikes", label: "spikes", events: spikes },
      ],
      { title: "cell 1 <script>alert(1)</script>", overviewPixels: 500 },
    );
  });
  after(() => model.close());

  it("holds one lane per input with an overview buffer over the full range", () => {
    const s = model.state;
    assert.deepEqual(s.fullRange, [0, (N - 1) / RATE]);
    assert.deepEqual(s.xRange, s.fullRange);
    assert.equal(s.lanes.length, 2);
    const [lane, ev] = s.lanes;
    assert.equal(lane!.kind, "line");
    assert.equal(lane!.sampleCount, N);
    assert.equal(lane!.rate, RATE);
    assert.equal(lane!.overview.decimated, true);
    assert.ok(lane!.overview.data instanceof Uint8Array);
    assert.equal(lane!.overview.data.byteLength, 12 * lane!.overview.count);
    assert.deepEqual(lane!.messages, ["1 NaN gap (drawn as breaks)"]);
    assert.equal(ev!.kind, "events");
    assert.equal(ev!.overview.count, 40);
    assert.deepEqual(
      Array.from(unpackLaneSlice(ev!.overview, ev!.overview.data).times),
      Array.from(spikes),
    );
  });

  it("answers a window request with the numpy-checked MinMax samples of each lane", async function () {
    this.timeout(180_000);
    const { content, buffers } = await model.window({
      type: "window",
      requestId: 7,
      t0: 3.2,
      t1: 11.7,
      pixels: 640,
    });
    assert.equal(content.type, "window");
    const reply = content as WindowReply;
    assert.equal(reply.requestId, 7);
    assert.deepEqual(
      reply.lanes.map((l) => l.laneId),
      ["raw", "spikes"],
    );
    assert.equal(buffers.length, 2);
    const h = reply.lanes[0]!;
    assert.equal(h.decimated, true);
    assert.equal(h.sourceCount, Math.floor(11.7 * RATE) - Math.ceil(3.2 * RATE) + 1);
    const { times, values } = unpackLaneSlice({ kind: "line", count: h.count }, buffers[0]!);

    const dir = tempDir("trace");
    let expected: number[];
    try {
      const vf = join(dir.path, "v.f32");
      writeFileSync(vf, raw);
      const cf = join(dir.path, "cases.json");
      writeFileSync(
        cf,
        JSON.stringify([{ values: vf, start: 0, rate: RATE, t0: 3.2, t1: 11.7, pixels: 640 }]),
      );
      expected = runPython<number[][]>("min_max_decimate.py", [cf])[0]!;
    } finally {
      dir.remove();
    }
    assert.equal(h.count, expected.length);
    assert.deepEqual(
      Array.from(times),
      expected.map((i) => i / RATE),
    );
    assert.deepEqual(
      Array.from(values!),
      expected.map((i) => raw[i]!),
    );
    const ev = unpackLaneSlice({ kind: "events", count: reply.lanes[1]!.count }, buffers[1]!);
    assert.deepEqual(
      Array.from(ev.times),
      Array.from(spikes).filter((t) => t >= 3.2 && t <= 11.7),
    );
  });

  it("sends full resolution when zoomed in far enough", async () => {
    const { content, buffers } = await model.window({
      type: "window",
      requestId: 8,
      t0: 5,
      t1: 5.01,
      pixels: 800,
      lanes: ["raw"],
    });
    const reply = content as WindowReply;
    assert.equal(reply.lanes.length, 1);
    assert.equal(reply.lanes[0]!.decimated, false);
    assert.equal(reply.lanes[0]!.sourceCount, 201);
    const { values } = unpackLaneSlice({ kind: "line", count: reply.lanes[0]!.count }, buffers[0]!);
    assert.deepEqual(Array.from(values!), Array.from(raw.subarray(5 * RATE - 1, 5.01 * RATE + 2)));
  });

  it("lets a newer window request supersede an older one still in progress", async () => {
    const first = model.window({ type: "window", requestId: 20, t0: 0, t1: 19, pixels: 1000 });
    const second = model.window({ type: "window", requestId: 21, t0: 1, t1: 2, pixels: 1000 });
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual(a.content, {
      type: "superseded",
      requestType: "window",
      requestId: 20,
      supersededBy: 21,
    } satisfies SupersededReply);
    assert.equal(a.buffers.length, 0);
    assert.equal(b.content.type, "window");
    assert.equal((b.content as WindowReply).requestId, 21);
  });

  it("answers malformed requests with an error naming the problem", async () => {
    const cases: [unknown, RegExp][] = [
      [{ type: "window", requestId: 1, t0: 5, t1: 5, pixels: 100 }, /t1 > t0/],
      [{ type: "window", requestId: 2, t0: 0, t1: 1, pixels: 0 }, /pixels/],
      [
        { type: "window", requestId: 3, t0: 0, t1: 1, pixels: 10, lanes: ["nope"] },
        /unknown lane id\(s\) nope/,
      ],
      [{ type: "zoom", requestId: 4 }, /expected a request of type "window"/],
    ];
    for (const [req, re] of cases) {
      const { content } = await model.window(req);
      assert.equal(content.type, "error");
      assert.match((content as ErrorReply).message, re);
    }
  });

  it("draws the lanes as SVG: one polyline with the overview's points, ticks per spike, escaped title", () => {
    const svg = renderTraceSvg(model.state);
    assert.equal((svg.match(/class="lane-line"/g) ?? []).length, 1);
    const lane = model.state.lanes[0]!;
    const finite = Array.from(unpackLaneSlice(lane.overview, lane.overview.data).values!).filter(
      (v) => !Number.isNaN(v),
    ).length;
    assert.match(svg, new RegExp(`class="lane-line" data-lane="raw" data-points="${finite}"`));
    assert.match(svg, /class="lane-events" data-lane="spikes" data-points="40"/);
    assert.ok(!svg.includes("<script>"));
    assert.ok(svg.includes("cell 1 &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(svg.includes("raw voltage: 1 NaN gap (drawn as breaks)"));
    assert.equal(renderTraceSvg(model.state), svg, "same state, same bytes");
  });

  it("draws empty series, zero spikes and no lanes with a message instead of failing", async () => {
    const m = await TraceModel.create([
      { id: "empty", label: "dF/F", values: new Float32Array(0), rate: 30 },
      { id: "none", label: "spikes", events: [] },
    ]);
    try {
      assert.deepEqual(
        m.state.lanes.map((l) => l.messages),
        [["no samples"], ["no spikes"]],
      );
      const svg = renderTraceSvg(m.state);
      assert.match(svg, /dF\/F: no samples/);
      assert.match(svg, /spikes: no spikes/);
      assert.match(svg, /data-lane="empty" data-points="0"/);
    } finally {
      m.close();
    }
    const none = await TraceModel.create([]);
    assert.deepEqual(none.state.messages, ["nothing to draw: no lanes"]);
    assert.match(renderTraceSvg(none.state), /nothing to draw: no lanes/);
    none.close();
  });
});
