// A member view's side of a time link: finds the TimeLink model its state refers to
// ("IPY_MODEL_<id>"), tells the view when the shared window or cursor changes, and writes the
// view's own zooms and clicks into it. Every member of the page listens to the same link model,
// so they move together even with no kernel (a saved page); with a kernel the change is also sent
// to the kernel's TimeLinkModel, which copies it into the members' kernel state.
import type { WidgetModel } from "@jupyter-widgets/base";
import { WIDGET_REF_PREFIX } from "../../../../contract/common";

export interface TimeLinkHandlers {
  /** The shared window changed (by another member, or the kernel). */
  window(range: [number, number]): void;
  /** The shared cursor changed (null: none). */
  cursor(t: number | null): void;
  /** The view joined (true) or left (false) a link. */
  linked(on: boolean): void;
}

export class TimeLinkFollower {
  private link: WidgetModel | null = null;
  private generation = 0;

  constructor(
    private readonly model: WidgetModel,
    private readonly handlers: TimeLinkHandlers,
  ) {
    model.on("change:timeLink", this.onRef);
    void this.resolve();
  }

  get linked(): boolean {
    return this.link !== null;
  }

  get window(): [number, number] | null {
    return (this.link?.get("window") as [number, number] | null) ?? null;
  }

  get cursor(): number | null {
    return (this.link?.get("cursor") as number | null) ?? null;
  }

  /** Shares this view's window; `final` (the zoom ended) also sends it to the kernel. */
  setWindow(range: [number, number], final: boolean): void {
    if (!this.link) return;
    this.link.set({ window: range }, { updated_view: this });
    if (final) this.save();
  }

  /** Moves every member's cursor. */
  setCursor(t: number | null, save = true): void {
    if (!this.link) return;
    this.link.set({ cursor: t }, { updated_view: this });
    if (save) this.save();
  }

  private save(): void {
    // a saved page has no comm: the link lives in the page alone
    if ((this.link as unknown as { comm?: unknown }).comm) this.link!.save_changes();
  }

  private readonly onRef = (): void => void this.resolve();

  private async resolve(): Promise<void> {
    const generation = ++this.generation;
    const ref = this.model.get("timeLink") as string | null;
    this.detach();
    if (!ref || !ref.startsWith(WIDGET_REF_PREFIX)) {
      this.handlers.linked(false);
      return;
    }
    let link: WidgetModel;
    try {
      link = await this.model.widget_manager.get_model(ref.slice(WIDGET_REF_PREFIX.length));
    } catch {
      this.handlers.linked(false);
      return;
    }
    if (generation !== this.generation) return;
    this.link = link;
    link.on("change:window", this.onWindow);
    link.on("change:cursor", this.onCursor);
    this.handlers.linked(true);
    const w = this.window;
    if (w) this.handlers.window(w);
    this.handlers.cursor(this.cursor);
  }

  private readonly onWindow = (
    _m: unknown,
    value: [number, number] | null,
    options?: { updated_view?: unknown },
  ): void => {
    if (value && options?.updated_view !== this) this.handlers.window(value);
  };

  private readonly onCursor = (_m: unknown, value: number | null): void =>
    this.handlers.cursor(value);

  private detach(): void {
    this.link?.off("change:window", this.onWindow);
    this.link?.off("change:cursor", this.onCursor);
    this.link = null;
  }

  dispose(): void {
    this.generation++;
    this.detach();
    this.model.off("change:timeLink", this.onRef);
  }
}
