// Outputs that show a widget keep a still image of the view in step with it. Every display of a
// widget carries a display_id; when the widget's state changes (zoom, selection, frame, …) the
// figure is redrawn and sent as update_display_data after a trailing debounce, so the state the
// user ends on is the one a saved notebook shows. The redraw also waits while views are asking for
// data (playback, panning): it would hold the kernel that answers them. Front ends update outputs by display_id only for
// display_data (JupyterLab ignores display ids on execute_result), hence display_data throughout.
import { mimeBundle, type MimeBundle } from "../../display/mimebundle.js";
import { kernelBridge } from "../bridge.js";
import { kernelLog } from "../log.js";
import { processGlobal } from "../process-global.js";
import { staticFigureRenderer } from "./static-figure.js";
import { msSinceViewRequest } from "./view-activity.js";
import type { Widget } from "./widget.js";

/** Quiet time after the last state change (and the last view request) before the image is redrawn. */
export const FIGURE_UPDATE_DELAY_MS = 300;
/** How long a cell's result or a cell's end waits for figures (a stalled remote read must not hold
 *  the reply back); a figure drawn later still reaches its outputs as an update. The environment
 *  variable TSNWB_FIGURE_WAIT_MS changes it (the kernel's tests use a short one). */
export const FIGURE_WAIT_LIMIT_MS =
  Number(process.env.TSNWB_FIGURE_WAIT_MS) > 0 ? Number(process.env.TSNWB_FIGURE_WAIT_MS) : 20_000;

/** `promise`'s value, or undefined when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export function figureDisplayId(widget: { modelId: string }): string {
  return `tsnwb-figure-${widget.modelId}`;
}

interface OutputContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** One widget's outputs: their display ids, the pending redraw, what was last published. */
class LiveFigure {
  readonly displayIds = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private lastImages: string | undefined;
  private readonly stopListening: () => void;

  constructor(readonly widget: Widget<any>) {
    this.stopListening = widget.onChange(() => this.schedule());
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  schedule(delay = FIGURE_UPDATE_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.whenQuiet(), delay);
  }

  /** Redraws once views have stopped asking for data for a while; a cell's end (settle) does not wait. */
  private whenQuiet(): void {
    const busy = FIGURE_UPDATE_DELAY_MS - msSinceViewRequest();
    if (busy > 0) this.schedule(busy);
    else void this.flush();
  }

  /** Redraws now (after any redraw in progress) and sends the image to every output of the widget,
   *  unless it is the image they show already (`force`: a new output shows none yet). */
  flush(options: { force?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(() => this.publishUpdate(options.force === true));
    return this.chain;
  }

  /** Resolves when the redraws already started have been published. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** The widget's bundle with its figure; without the figure (and a line in the kernel log) when drawing fails. */
  async content(): Promise<OutputContent> {
    const base = this.widget[mimeBundle]();
    try {
      // Looked up at each drawing, so a renderer registered again (a cell re-run) takes effect.
      const render = staticFigureRenderer(this.widget);
      if (!render) return { data: base, metadata: {} };
      const figure = await render(this.widget);
      const content = { data: { ...base, ...figure.data }, metadata: figure.metadata };
      this.lastImages = imagesKey(content);
      return content;
    } catch (e) {
      kernelLog(
        `figure of widget ${this.widget.modelId} (${this.widget.spec.modelName}) could not be drawn, its outputs show the live view only: ${(e as Error)?.stack ?? e}`,
      );
      return { data: base, metadata: {} };
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopListening();
  }

  private async publishUpdate(force: boolean): Promise<void> {
    if (this.widget.closed) return this.dispose();
    const previous = this.lastImages;
    const content = await this.content();
    if (!force && this.lastImages === previous) return;
    const bridge = kernelBridge();
    for (const displayId of this.displayIds)
      bridge?.displayBundle(content.data, { metadata: content.metadata, displayId, update: true });
  }
}

function imagesKey(content: OutputContent): string {
  return JSON.stringify([
    content.data["image/svg+xml"],
    content.data["image/png"],
    content.metadata,
  ]);
}

/** Every widget shown in this kernel with a still figure, by model id. */
export class FigureOutputs {
  private readonly live = new Map<string, LiveFigure>();

  /** The widget if it has a registered figure renderer (any tsnwb copy's Widget), else undefined. */
  static widgetWithFigure(value: unknown): Widget<any> | undefined {
    const w = value as Partial<Widget<any>> | null;
    // `in` before reading: a value may answer unknown names by throwing (NWB containers do).
    if (
      w === null ||
      typeof w !== "object" ||
      !("modelId" in w) ||
      typeof w.modelId !== "string" ||
      typeof w.onChange !== "function" ||
      typeof w[mimeBundle] !== "function"
    )
      return undefined;
    return w.spec && staticFigureRenderer(w as Widget<any>) ? (w as Widget<any>) : undefined;
  }

  /** Shows the widget with its figure in one display_data (waits for the figure): a cell's result. */
  async showComplete(widget: Widget<any>, displayId = figureDisplayId(widget)): Promise<void> {
    const live = this.track(widget, displayId);
    const drawing = live.content();
    const content = await within(drawing, FIGURE_WAIT_LIMIT_MS);
    if (content)
      return kernelBridge()?.displayBundle(content.data, { metadata: content.metadata, displayId });
    kernelLog(
      `figure of widget ${widget.modelId} (${widget.spec.modelName}) not drawn within ${FIGURE_WAIT_LIMIT_MS / 1000} s; shown without it, it follows when drawn`,
    );
    kernelBridge()?.displayBundle(widget[mimeBundle](), { displayId });
    void drawing.then(() => live.flush({ force: true }));
  }

  /** Shows the widget at once (display() is synchronous), or replaces the outputs of `displayId`
   *  with it (`update`); its figure follows as an update. */
  showNow(widget: Widget<any>, displayId = figureDisplayId(widget), update = false): void {
    const live = this.track(widget, displayId);
    kernelBridge()?.displayBundle(widget[mimeBundle](), { displayId, update });
    void live.flush({ force: true });
  }

  /**
   * Waits for work still preparing a shown widget's state, then draws every pending figure now and
   * waits for all of them. The kernel calls it when a cell ends:
   * clients that record a cell's outputs only until it is done (nbclient, nbconvert) then keep the
   * final figure, even for state set in the cell's last lines.
   */
  async settle(): Promise<void> {
    for (const [id, live] of this.live) {
      if (live.widget.closed) {
        live.dispose();
        this.live.delete(id);
      }
    }
    const drawn = Promise.all(
      [...this.live.values()].map(async (live) => {
        await live.widget.prepared();
        await (live.pending ? live.flush() : live.idle());
      }),
    );
    if (
      (await within(
        drawn.then(() => true),
        FIGURE_WAIT_LIMIT_MS,
      )) === undefined
    ) {
      kernelLog(
        `figures not drawn within ${FIGURE_WAIT_LIMIT_MS / 1000} s of the cell's end; they follow as updates when drawn`,
      );
    }
  }

  private track(widget: Widget<any>, displayId: string): LiveFigure {
    let live = this.live.get(widget.modelId);
    if (!live || live.widget !== widget) {
      live?.dispose();
      live = new LiveFigure(widget);
      this.live.set(widget.modelId, live);
    }
    live.displayIds.add(displayId);
    return live;
  }
}

/** The kernel process's one FigureOutputs, shared by every copy of tsnwb loaded in it. */
export function figureOutputs(): FigureOutputs {
  return processGlobal("tsnwb.figureOutputs", () => new FigureOutputs());
}
