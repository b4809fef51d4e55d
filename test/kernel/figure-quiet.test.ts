// A still figure is not redrawn while views are asking the kernel for data (playback, panning):
// the redraw would hold the kernel that answers them. It is drawn once they stop, of the state
// the view ended on. In process: no kernel bridge, so only the renderer's calls are observed.
import assert from "node:assert/strict";
import {
  FigureOutputs,
  FIGURE_UPDATE_DELAY_MS,
} from "../../kernel-ext/kernel/widget/figure-outputs.js";
import { registerStaticFigure } from "../../kernel-ext/kernel/widget/static-figure.js";
import { noteViewRequest } from "../../kernel-ext/kernel/widget/view-activity.js";
import { Widget, type WidgetSpec } from "../../kernel-ext/kernel/widget/widget.js";

const SPEC: WidgetSpec = {
  modelName: "FigureQuietTestModel",
  modelModule: "test",
  modelModuleVersion: "0",
  viewName: "FigureQuietTestView",
  viewModule: "test",
  viewModuleVersion: "0",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A widget of a test model whose figure renderer records the frame of every drawing. */
function shownWidget() {
  const drawn: number[] = [];
  registerStaticFigure(SPEC.modelName, async (w) => {
    drawn.push(w.get("frame") as number);
    return { data: { "image/svg+xml": `<svg>${w.get("frame")}</svg>` }, metadata: {} };
  });
  return { drawn, widget: new Widget(SPEC, { frame: 0 }), outputs: new FigureOutputs() };
}

describe("kernel: still figures wait while views ask for data", () => {
  it("no redraw while requests keep arriving; one redraw of the last state once they stop", async () => {
    const { drawn, widget, outputs } = shownWidget();
    try {
      outputs.showNow(widget);
      await sleep(0);
      assert.deepEqual(drawn, [0], "shown: drawn once at once");
      // a playback paused once (the frame synced), then played on: a request every 50 ms for
      // 4 debounce periods, with no state change after the first
      widget.set({ frame: 7 });
      const until = performance.now() + 4 * FIGURE_UPDATE_DELAY_MS;
      while (performance.now() < until) {
        noteViewRequest();
        await sleep(50);
      }
      assert.deepEqual(drawn, [0], "not redrawn while requests arrive");
      const last = widget.get("frame");
      await sleep(3 * FIGURE_UPDATE_DELAY_MS);
      assert.deepEqual(
        drawn,
        [0, last],
        "redrawn once, of the last state, after the requests stop",
      );
    } finally {
      widget.close();
    }
  });

  it("a cell's end (settle) draws a pending figure even while requests arrive", async () => {
    const { drawn, widget, outputs } = shownWidget();
    try {
      outputs.showNow(widget);
      await sleep(0);
      noteViewRequest();
      widget.set({ frame: 9 });
      await outputs.settle();
      assert.deepEqual(drawn, [0, 9]);
    } finally {
      widget.close();
    }
  });
});
