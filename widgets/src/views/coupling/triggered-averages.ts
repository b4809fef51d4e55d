// The right panel of CouplingView: ΔF/F averaged around spike events, one subplot per AP-count
// class (1, 2, 3+), each group's mean ± SEM with its fitted rise/decay curve (plotly.js).
import Plotly, { type PlotlyTrace } from "plotly.js-dist-min";
import { AP_CLASSES, type CouplingGroup } from "../../../../contract/coupling";
import { fmt } from "../../base/dom";
import { asFloat32 } from "../../../../contract/typed-arrays";

export function drawTriggeredAverages(
  el: HTMLElement,
  lagsView: ArrayBufferView | null,
  groups: CouplingGroup[],
): Promise<unknown> {
  const lags = asFloat32(lagsView);
  const traces: PlotlyTrace[] = [];
  const annotations: Record<string, unknown>[] = [];
  AP_CLASSES.forEach((apClass, k) => {
    const axis = k === 0 ? "" : String(k + 1);
    groups.forEach((g, gi) => {
      const avg = g.averages.find((a) => a.apClass === apClass);
      if (!avg || avg.eventCount === 0) return;
      const mean = asFloat32(avg.mean);
      const sem = asFloat32(avg.sem);
      const upper = Array.from(mean, (m, i) => m + (Number.isFinite(sem[i]) ? sem[i] : 0));
      const lower = Array.from(mean, (m, i) => m - (Number.isFinite(sem[i]) ? sem[i] : 0));
      const common = { xaxis: `x${axis}`, yaxis: `y${axis}`, legendgroup: g.label };
      traces.push({
        ...common,
        x: [...lags, ...Array.from(lags).reverse()],
        y: [...upper, ...lower.reverse()],
        fill: "toself",
        fillcolor: withAlpha(g.color, 0.2),
        line: { color: "transparent" },
        hoverinfo: "skip",
        showlegend: false,
        mode: "lines",
      });
      traces.push({
        ...common,
        x: lags,
        y: mean,
        mode: "lines",
        name: g.label,
        showlegend: k === 0,
        line: { color: g.color, width: 2 },
        hovertemplate: `${escapeForPlotly(g.label)} · ${apClass} AP (${avg.eventCount} events)<br>%{x:.3f} s: %{y:.3f} ΔF/F<extra></extra>`,
      });
      const curve = asFloat32(avg.fitCurve);
      if (avg.fit && curve.length === lags.length) {
        traces.push({
          ...common,
          x: lags,
          y: curve,
          mode: "lines",
          showlegend: false,
          line: { color: g.color, width: 1.5, dash: "dash" },
          hoverinfo: "skip",
        });
        annotations.push({
          xref: `x${axis} domain`,
          yref: `y${axis} domain`,
          x: 0.98,
          y: 0.95 - gi * 0.12,
          xanchor: "right",
          showarrow: false,
          font: { size: 10, color: g.color },
          text: escapeForPlotly(
            `rise ${fmt(avg.fit.riseTime * 1000)} ms · decay ${fmt(avg.fit.decayTime * 1000)} ms · n=${avg.eventCount}`,
          ),
        });
      }
    });
    annotations.push({
      xref: `x${axis} domain`,
      yref: `y${axis} domain`,
      x: 0,
      y: 1.08,
      xanchor: "left",
      showarrow: false,
      text: `${apClass} AP`,
      font: { size: 12 },
    });
  });
  // transparent paper and the theme's text colour, so the panel reads in light and dark themes
  const ink = getComputedStyle(el).color || "#222";
  const layout: Record<string, unknown> = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: ink },
    width: 420,
    height: 560,
    margin: { l: 50, r: 10, t: 24, b: 80 },
    showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.16, yanchor: "top" },
    annotations,
    grid: { rows: 3, columns: 1, pattern: "independent", roworder: "top to bottom" },
    xaxis3: { title: { text: "time from first AP (s)" } },
    yaxis2: { title: { text: "ΔF/F" } },
  };
  el.dataset.curves = String(traces.filter((t) => t.name !== undefined).length);
  return Plotly.react(el, traces, layout, {
    displayModeBar: false,
    responsive: false,
    staticPlot: false,
  });
}

/** Plotly renders a subset of HTML in text; labels from files must stay text. */
function escapeForPlotly(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return m
    ? `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`
    : color;
}
