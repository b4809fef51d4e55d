// What every tsnwb view has: a header with the title (text), a toolbar whose first buttons save the
// figure as SVG or PNG, the drawing area, the state's `messages` (what could not be drawn), and a
// status line (connection, request in flight). The model holds the state; views only draw it.
import { DOMWidgetView } from "@jupyter-widgets/base";
import type { BaseState, WidgetKind } from "../../../contract/common";
import { button, h } from "./dom";
import { downloadBlob, downloadSVG, fileStem, svgToPNG } from "./figure-export";
import { injectStyles } from "./styles";
import { renderFigure, type FigureInput } from "./figures";

export abstract class TsnwbView<S extends BaseState> extends DOMWidgetView {
  protected abstract readonly kind: WidgetKind;
  protected header!: HTMLElement;
  protected toolbar!: HTMLElement;
  protected body!: HTMLElement;
  private messagesEl!: HTMLElement;
  private linkNoteEl!: HTMLElement;
  private statusEl!: HTMLElement;
  /** Set once the view has been on the page (a view not yet attached is not an orphan). */
  private wasDisplayed = false;

  /** What the figure renderer draws: the state, plus (lane views) the window shown now. */
  protected figureInput(): FigureInput {
    return { state: { ...this.model.attributes } };
  }

  /** The same figure the kernel's saveFigure writes (render/), as an SVG document. */
  figureSVG(): string {
    return renderFigure(this.kind, this.figureInput());
  }
  /** Builds the drawing area once; `draw` then follows state changes. */
  protected abstract build(): void;
  /** `byThisView`: the change came from this view's own setState (nothing to re-request). */
  protected abstract draw(changed: Set<keyof S>, byThisView: boolean): void;

  get<K extends keyof S & string>(key: K): S[K] {
    return this.model.get(key) as S[K];
  }

  /** Sets synced state from a user action and sends it to the kernel. */
  protected setState(patch: Partial<S>): void {
    this.model.set(patch as Record<string, unknown>, { updated_view: this });
    this.model.save_changes();
  }

  override render(): void {
    injectStyles();
    this.el.classList.add("tsnwb", `tsnwb-${this.kind}`);
    const title = h("div", { class: "tsnwb-title" });
    this.toolbar = h("div", { class: "tsnwb-toolbar" }, [
      button("Save SVG", () => this.saveSVG(), "tsnwb-save-svg"),
      button("Save PNG", () => void this.savePNG(), "tsnwb-save-png"),
    ]);
    this.header = h("div", { class: "tsnwb-header" }, [title, this.toolbar]);
    this.body = h("div", { class: "tsnwb-body" });
    this.messagesEl = h("ul", { class: "tsnwb-messages" });
    this.linkNoteEl = h("div", { class: "tsnwb-link-note" });
    this.statusEl = h("div", { class: "tsnwb-status" });
    this.el.append(this.header, this.linkNoteEl, this.body, this.messagesEl, this.statusEl);
    this.build();
    this.refreshHeader();
    this.draw(new Set(Object.keys(this.model.attributes) as (keyof S)[]), false);
    this.listenTo(this.model, "change", (_m: unknown, options: { updated_view?: unknown }) => {
      const changed = new Set(Object.keys(this.model.changedAttributes() || {}) as (keyof S)[]);
      if (changed.has("title") || changed.has("messages")) this.refreshHeader();
      this.draw(changed, options?.updated_view === this);
    });
    void this.displayed.then(() => (this.wasDisplayed = true));
    void this.replaceOrphanedViews();
  }

  /**
   * When the kernel updates an output's still figure (update_display_data, after a zoom, a
   * selection, a frame), JupyterLab's widget renderer empties its node and creates a new view of
   * the same model. The view left behind is off the page for good but would keep following the
   * model and asking the kernel for data: it is removed here, and this view starts from what it
   * showed, so the swap does not flash the coarse overview.
   */
  private async replaceOrphanedViews(): Promise<void> {
    const others = await Promise.all(
      Object.values(this.model.views ?? {}).map((v) => v.catch(() => null)),
    );
    for (const view of others) {
      if (view === this || !(view instanceof TsnwbView) || !view.isOrphaned()) continue;
      this.adoptDrawing(view);
      view.retire();
    }
  }

  /** Detached for good: it was on the page and its element no longer has a parent. (A notebook
   *  that virtualises cells detaches an ancestor, never the view's own element.) */
  private isOrphaned(): boolean {
    return this.wasDisplayed && this.el.parentNode === null;
  }

  /**
   * Stops following the model and the kernel. Not `remove()`: that disposes the Lumino widget,
   * and JupyterLab's renderer answers a disposed widget by hiding the whole output, new view included.
   */
  private retire(): void {
    this.stopListening();
    this.release();
  }

  /** Releases what a view holds beyond its model listeners (request channels, observers, timers). */
  protected release(): void {}

  /** Takes over what a predecessor of the same model had drawn (views with fetched data override). */
  protected adoptDrawing(_predecessor: TsnwbView<S>): void {}

  private refreshHeader(): void {
    this.header.querySelector(".tsnwb-title")!.textContent = this.get("title") || "";
    const messages = (this.get("messages") as string[] | undefined) ?? [];
    this.messagesEl.replaceChildren(...messages.map((m) => h("li", { text: m })));
  }

  /** Runs a step of drawing; what it throws (a buffer that does not match its header, say) is
   *  shown in the status line instead of stopping the rest of the view's drawing. */
  protected showingErrors(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.setStatus((e as Error).message, "error");
    }
  }

  /** What a linked view cannot show at the shared cursor ("" hides it); tests read data-note. */
  protected setLinkNote(text: string): void {
    if (this.linkNoteEl.textContent === text) return;
    this.linkNoteEl.textContent = text;
    this.el.dataset.linkNote = text;
  }

  /** One line under the figure; `kind` styles it (and tests read it from data-status). */
  protected setStatus(text: string, kind: "" | "busy" | "lost" | "error" | "static" = ""): void {
    this.statusEl.textContent = text;
    this.statusEl.dataset.status = kind;
    this.el.classList.toggle("tsnwb-lost", kind === "lost");
  }

  private figureName(): string {
    return fileStem(this.get("title") || "", this.kind);
  }

  protected saveSVG(): void {
    try {
      downloadSVG(this.figureSVG(), `${this.figureName()}.svg`);
    } catch (e) {
      this.setStatus(String((e as Error).message ?? e), "error");
    }
  }

  protected async savePNG(): Promise<void> {
    try {
      downloadBlob(await svgToPNG(this.figureSVG()), `${this.figureName()}.png`);
    } catch (e) {
      this.setStatus(String((e as Error).message ?? e), "error");
    }
  }
}
