// The one progress line of a queued batch: done / running / failed / retried, rate and ETA.
// Pure: counts in, text out (the coordinator and `--status` both print it).

export interface BatchCounts {
  total: number;
  /** Finished in earlier runs or other batches (reused results). */
  reused: number;
  /** Finished by this run's jobs. */
  done: number;
  running: number;
  failed: number;
  /** Job attempts that were repeats (after a failure, a stalled worker or a memory requeue). */
  retried: number;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** `12/16 done (2 reused), 3 running, 1 failed, 2 retried · 1.8 files/min · ETA 0:40`. */
export function formatBatchLine(c: BatchCounts, elapsedMs: number): string {
  const finished = c.reused + c.done;
  const parts = [
    `${finished}/${c.total} done${c.reused ? ` (${c.reused} reused)` : ""}`,
    `${c.running} running`,
    `${c.failed} failed`,
    `${c.retried} retried`,
  ];
  const minutes = elapsedMs / 60_000;
  const remaining = c.total - finished - c.failed;
  let tail = "";
  if (c.done > 0 && minutes > 0) {
    const rate = c.done / minutes;
    tail = ` · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)} files/min · ETA ${remaining > 0 ? clock((remaining / rate) * 60) : "0:00"}`;
  }
  return `${parts.join(", ")}${tail}`;
}
