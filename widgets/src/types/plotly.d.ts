// The part of plotly.js this front end uses (the package ships no type declarations).
declare module "plotly.js-dist-min" {
  export interface PlotlyTrace {
    x: ArrayLike<number>;
    y: ArrayLike<number>;
    type?: "scatter";
    mode?: "lines" | "markers" | "lines+markers";
    name?: string;
    legendgroup?: string;
    showlegend?: boolean;
    fill?: "toself" | "tonexty" | "none";
    fillcolor?: string;
    line?: { color?: string; width?: number; dash?: string };
    hoverinfo?: string;
    hovertemplate?: string;
    xaxis?: string;
    yaxis?: string;
  }
  export function react(
    el: HTMLElement,
    data: PlotlyTrace[],
    layout: Record<string, unknown>,
    config?: Record<string, unknown>,
  ): Promise<HTMLElement>;
  export function purge(el: HTMLElement): void;
  const Plotly: { react: typeof react; purge: typeof purge };
  export default Plotly;
}
