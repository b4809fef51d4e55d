// TimeLinkView: what `display(link)` shows — one line with the shared cursor and window, and the
// link's warnings (views of different files…). The syncing itself is done by the member views.
import { DOMWidgetView } from "@jupyter-widgets/base";
import type { TimeLinkState } from "../../../../contract/time-link";
import { fmt, h } from "../../base/dom";
import { injectStyles } from "../../base/styles";

export class TimeLinkView extends DOMWidgetView {
  private line!: HTMLElement;
  private messages!: HTMLElement;

  override render(): void {
    injectStyles();
    this.el.classList.add("tsnwb", "tsnwb-time-link");
    this.line = h("div", { class: "tsnwb-time-link-line" });
    this.messages = h("ul", { class: "tsnwb-messages" });
    this.el.append(this.line, this.messages);
    this.update();
    this.listenTo(this.model, "change", () => this.update());
  }

  override update(): void {
    const get = <K extends keyof TimeLinkState>(k: K) => this.model.get(k) as TimeLinkState[K];
    const w = get("window");
    const c = get("cursor");
    const n = (get("members") ?? []).length;
    this.line.textContent = n
      ? `time link of ${n} views · cursor ${c === null ? "—" : `${fmt(c)} s`} · window ${w ? `${fmt(w[0])}–${fmt(w[1])} s` : "—"}`
      : "time link: unlinked";
    this.el.dataset.cursor = c === null ? "" : String(c);
    this.messages.replaceChildren(...(get("messages") ?? []).map((m) => h("li", { text: m })));
  }
}
