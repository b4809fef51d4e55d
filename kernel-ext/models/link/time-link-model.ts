// The kernel half of a time link: a shared window and cursor that TraceView, RasterView and
// MovieView models join. The browser views sync through the link model themselves (so saved pages
// move together with no kernel); this side copies every change into the members' own state, so the
// kernel models, their still figures and a saved notebook say the same thing as the screen.
import type { WidgetRef } from "../../../contract/common.js";
import { TIME_LINK_NAMES, type TimeLinkState } from "../../../contract/time-link.js";
import { Widget, widgetReference } from "../../kernel/widget/widget.js";
import { widgetSpec } from "../spec.js";
import { linkMembers, type LinkMember, type MemberChange } from "./link-members.js";
import { timeBaseOf } from "./time-base.js";

export class TimeLinkModel extends Widget<TimeLinkState> {
  private members: LinkMember[];
  private readonly stopFollowing: (() => void)[] = [];
  /** Set while the link writes into members, so their change events are not taken for new input. */
  private pushing = false;

  private constructor(members: LinkMember[], state: TimeLinkState) {
    super(widgetSpec(TIME_LINK_NAMES), state);
    this.members = members;
    this.onChange((changed) => {
      const c: MemberChange = {};
      if (changed.window) c.window = changed.window;
      if (changed.cursor !== undefined) c.cursor = changed.cursor;
      if (c.window || c.cursor !== undefined) this.push(c);
    });
  }

  /** Links `views`: they share the first view's window; the cursor starts at a movie's frame. */
  static create(views: unknown[]): TimeLinkModel {
    const list = views.flat();
    if (list.length < 2)
      throw new TypeError(`linkTime: expected at least 2 views to link, got ${list.length}`);
    if (new Set(list).size !== list.length)
      throw new TypeError("linkTime: the same view is given twice");
    // a RoiView stands for the TraceViews of its selection; one given on its own too joins once
    const members = uniqueMembers(list.flatMap((v, i) => linkMembers(v, i)));
    const messages = clockWarnings(members);
    for (const m of messages) console.warn(`tsnwb linkTime: ${m}`);
    const window = members.map((m) => m.window()).find((w) => w !== null) ?? null;
    const movie = members.find((m) => m.kind === "movie");
    const cursor = movie ? (movie.model.get("frameTime") as number) : null;
    const link = new TimeLinkModel(members, {
      title: `time link of ${members.length} views`,
      source: { path: "", neurodataType: "" },
      messages,
      window,
      cursor,
      members: members.map((m) => widgetReference(m.model) as WidgetRef),
    });
    const ref = widgetReference(link) as WidgetRef;
    for (const m of members) {
      m.join(ref);
      link.stopFollowing.push(
        m.model.onChange((changed, origin) => {
          if (link.pushing) return;
          const c = m.follow(changed as Record<string, unknown>, origin);
          if (c) link.set(c);
        }),
      );
    }
    link.push({ ...(window ? { window } : {}), cursor });
    return link;
  }

  /** Moves the cursor of every member (what a click in any of them does). */
  setCursor(t: number | null): void {
    if (t !== null && !Number.isFinite(t))
      throw new RangeError(`TimeLink.setCursor: expected a finite time in seconds, got ${t}`);
    this.set({ cursor: t });
  }

  /** Shows [t0, t1] in every member (what zooming any of them does). */
  setWindow(t0: number, t1: number): void {
    if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0))
      throw new RangeError(`TimeLink.setWindow: expected finite t0 < t1, got ${t0}, ${t1}`);
    this.set({ window: [t0, t1] });
  }

  /** The linked views' models, in link order. */
  get views(): Widget<any>[] {
    return this.members.map((m) => m.model);
  }

  /** Ends the link: every member goes back to its own window and hides the cursor. */
  unlink(): void {
    for (const stop of this.stopFollowing.splice(0)) stop();
    this.pushing = true;
    try {
      for (const m of this.members) if (!m.model.closed) m.join(null);
    } finally {
      this.pushing = false;
    }
    this.members = [];
    this.set({ members: [] });
    this.close();
  }

  private push(c: MemberChange): void {
    this.pushing = true;
    try {
      for (const m of this.members) if (!m.model.closed) m.show(c);
    } finally {
      this.pushing = false;
    }
  }
}

/** The first member of each model. */
function uniqueMembers(members: LinkMember[]): LinkMember[] {
  const seen = new Set<unknown>();
  return members.filter((m) => !seen.has(m.model) && seen.add(m.model));
}

/** Sentences saying why some members' times may not line up. */
function clockWarnings(members: LinkMember[]): string[] {
  const out: string[] = [];
  const files = [
    ...new Set(members.map((m) => timeBaseOf(m.model)).filter((f) => f !== undefined)),
  ];
  if (files.length > 1)
    out.push(
      `the linked views come from different files (${files.join(", ")}): each file has its own session clock, so the same time need not be the same moment`,
    );
  for (const m of members)
    if (m.kind === "raster" && m.model.get("mode") === "trials")
      out.push(
        `${m.model.get("title") || "a raster"} is aligned to events (times relative to each event): it has no common clock with the other views`,
      );
  return out;
}

/** `linkTime(traceView, movieView, rasterView)`: one window and one cursor for all of them. */
export function linkTime(...views: unknown[]): TimeLinkModel {
  return TimeLinkModel.create(views);
}
