// MovieView and RoiView on a real recording (data/recordings, DANDI:000048 layout): frames come on
// demand from the kernel; the pixels drawn are checked against h5py's frame.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { liveSession, type LiveSession } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";
import { applyColormap } from "../../render/colormap.js";

const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const SERIES = "/acquisition/TwoPhotonSeries_green";
const ROOT = "#cell-movie";

function h5Frame(index: number): number[] {
  return h5py<number[]>(
    "import h5py, json, sys; f = h5py.File(sys.argv[1], 'r'); print(json.dumps(f[sys.argv[2]]['data'][int(sys.argv[3])].astype(float).ravel().tolist()))",
    FILE,
    SERIES,
    String(index),
  );
}

async function canvasRGB(s: LiveSession): Promise<number[]> {
  return s.page.$eval(`${ROOT} .tsnwb-movie canvas.tsnwb-image`, (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    const rgb: number[] = [];
    for (let i = 0; i < d.length; i += 4) rgb.push(d[i], d[i + 1], d[i + 2]);
    return rgb;
  });
}

describe("browser: MovieView and RoiView of a real two-photon recording", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
import { openNWB, nwbWidget, display } from "tsnwb";
const movieFile = await openNWB(${JSON.stringify(FILE)});
const movie = await nwbWidget(movieFile.get(${JSON.stringify(SERIES)}));
const rois = await nwbWidget(movieFile.get("/processing/ophys/ImageSegmentation/plane_segmentation"));
Object.assign(globalThis as any, { movie, rois });
display(movie);
display(rois);`,
      "movie",
    );
    await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-frame="0"]`);
  });

  it("shows frame 0 from state, pixel for pixel as h5py reads it", async function () {
    const contrast = await s.value<[number, number]>("(globalThis as any).movie.get('contrast')");
    const count = await s.value<number>("(globalThis as any).movie.get('frameCount')");
    const ref = h5py<{ n: number; ids: number[] }>(
      "import h5py, json, sys; f = h5py.File(sys.argv[1], 'r'); print(json.dumps({'n': f[sys.argv[2]]['data'].shape[0], 'ids': f['/processing/ophys/ImageSegmentation/plane_segmentation/id'][:].tolist()}))",
      FILE,
      SERIES,
    );
    assert.equal(count, ref.n);
    assert.deepEqual(
      await canvasRGB(s),
      Array.from(applyColormap(h5Frame(0), contrast[0], contrast[1], "gray")),
    );
    const outlines = await s.page.$$eval(`${ROOT} .tsnwb-roi path.tsnwb-roi`, (ps) =>
      ps.map((p) => Number(p.getAttribute("data-roi-id"))),
    );
    assert.deepEqual(outlines, ref.ids, "the RoiView outlines the plane segmentation's ROIs");
    await s.screenshot("movie-initial");
  });

  it("moving the slider fetches that frame and syncs `frame` to the kernel", async function () {
    const slider = s.page.locator(`${ROOT} input.tsnwb-frame-slider`);
    await slider.focus();
    await s.page.keyboard.press("ArrowRight");
    await s.page.keyboard.press("ArrowRight");
    await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-frame="2"]`);
    await slider.evaluate((el) => {
      const input = el as HTMLInputElement;
      input.value = "1234";
      input.dispatchEvent(new Event("input"));
      input.dispatchEvent(new Event("change"));
    });
    await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-frame="1234"]`);
    await s.page.waitForTimeout(300);
    assert.equal(await s.value("(globalThis as any).movie.get('frame')"), 1234);
    const contrast = await s.value<[number, number]>("(globalThis as any).movie.get('contrast')");
    assert.deepEqual(
      await canvasRGB(s),
      Array.from(applyColormap(h5Frame(1234), contrast[0], contrast[1], "gray")),
    );
    const label = await s.page.locator(`${ROOT} .tsnwb-frame-label`).textContent();
    assert.match(label!, /frame 1235 \/ 4748/);
  });

  it("plays and pauses; pausing syncs the frame shown", async function () {
    await s.page.click(`${ROOT} .tsnwb-play`);
    await s.page.waitForFunction(
      (root) =>
        Number((document.querySelector(`${root} .tsnwb-movie`) as HTMLElement).dataset.frame) >=
        1237,
      ROOT,
    );
    await s.page.click(`${ROOT} .tsnwb-play`);
    await s.page.waitForTimeout(500);
    const shown = Number(
      await s.page.$eval(`${ROOT} .tsnwb-movie`, (el) => (el as HTMLElement).dataset.frame),
    );
    assert.ok(shown >= 1237);
    assert.equal(await s.value("(globalThis as any).movie.get('frame')"), shown);
    await s.screenshot("movie-played");
  });
});
