// Page side of the time-link benchmark's playback measurement (plain script). `tsnwbBench.play`
// plays one movie of the cell for a while and counts what was painted. The attached run (Chromium
// driven by Playwright) calls it through page.evaluate; opened as playback.html#<settings>, the
// page runs the whole measurement itself, with no DevTools client attached, and POSTs the result
// to /result (DevTools reports every WebSocket frame to an attached client: a cost no user pays).
(function () {
  /** Plays movie `index` of cell `root` for `ms` after a 500 ms warm-up: frames painted per
   *  second, distinct frames, and how often the first linked trace's cursor moved. */
  async function play(root, index, ms) {
    const cell = document.querySelector(root);
    const movie = cell.querySelectorAll(".tsnwb-movie")[index];
    const lane = cell.querySelector(".tsnwb-trace .tsnwb-lanes-plot");
    let frames = 0;
    let cursors = 0;
    const seen = new Set();
    const observer = new MutationObserver((list) => {
      for (const m of list) {
        if (m.target === movie && m.attributeName === "data-frame") {
          frames++;
          seen.add(movie.dataset.frame);
        }
        if (m.target === lane && m.attributeName === "data-cursor") cursors++;
      }
    });
    observer.observe(movie, { attributes: true });
    if (lane) observer.observe(lane, { attributes: true });
    movie.querySelector(".tsnwb-play").click();
    await new Promise((r) => setTimeout(r, 500));
    frames = 0;
    cursors = 0;
    seen.clear();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    const elapsed = performance.now() - t0;
    const counted = { frames, cursors, distinct: seen.size };
    movie.querySelector(".tsnwb-play").click();
    observer.disconnect();
    return {
      fps: (counted.frames * 1000) / elapsed,
      cursorsPerS: (counted.cursors * 1000) / elapsed,
      distinct: counted.distinct,
    };
  }

  async function until(test, what) {
    const t0 = performance.now();
    while (!test()) {
      if (performance.now() - t0 > 120000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The whole run in an unattached browser: settings { connect, code, root, ms }. */
  async function runUnattached(settings) {
    await window.harness.connect(settings.connect);
    try {
      const cell = await window.harness.run(settings.code, settings.name);
      if (cell.status !== "ok") throw new Error(`cell failed: ${JSON.stringify(cell.outputs)}`);
      const root = `#cell-${settings.name}`;
      await until(
        () =>
          document.querySelectorAll(`${root} .tsnwb-movie[data-frame]`).length === 2 &&
          document.querySelector(`${root} .tsnwb-movie[data-linked="true"]`) !== null,
        "the movies' first frames",
      );
      const linked = await play(root, 0, settings.ms);
      const alone = await play(root, 1, settings.ms);
      // the ceiling: the linked movie asked for twice its rate
      const faster = await window.harness.run(settings.fasterCode);
      if (faster.status !== "ok") throw new Error(`cell failed: ${JSON.stringify(faster.outputs)}`);
      await new Promise((r) => setTimeout(r, 500));
      const ceiling = await play(root, 0, settings.ms);
      return { linked, alone, ceiling };
    } finally {
      await window.harness.kernel?.shutdown();
    }
  }

  window.tsnwbBench = { play };
  if (location.hash.length > 1) {
    const settings = JSON.parse(decodeURIComponent(location.hash.slice(1)));
    runUnattached(settings)
      .then(
        (r) => r,
        (e) => ({ error: String(e && e.stack ? e.stack : e) }),
      )
      .then((r) => fetch("/result", { method: "POST", body: JSON.stringify(r) }));
  }
})();
