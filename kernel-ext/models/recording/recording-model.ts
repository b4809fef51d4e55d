// The kernel half of RecordingView: a composite of ordinary member views (MovieView, two
// TraceViews, RasterView) joined by one TimeLink, plus what the event panel and navigation need.
// Navigation moves the link's cursor (and window), so every member follows it as it follows a click.
import type { WidgetRef } from "../../../contract/common.js";
import {
  eventAt,
  navigationTarget,
  recordingEvents,
  type RecordingEvent,
  type RecordingNavigation,
  type RecordingPanel,
  type RecordingState,
} from "../../../contract/recording.js";
import { asFloat64 } from "../../../contract/typed-arrays.js";
import { renderRecordingSvg, stackFigures } from "../../../render/recording.js";
import { Widget, widgetReference } from "../../kernel/widget/widget.js";
import { figureSvg, type SaveFigureOptions } from "../figure/save-figure.js";
import { TimeLinkModel } from "../link/time-link-model.js";
import { widgetSpec } from "../spec.js";

export type RecordingMembers = Partial<Record<RecordingPanel, Widget<any>>>;

export class RecordingModel extends Widget<RecordingState> {
  /** The link joining the members (null with fewer than two panels). */
  readonly link: TimeLinkModel | null;
  readonly members: RecordingMembers;

  private constructor(
    state: RecordingState,
    members: RecordingMembers,
    link: TimeLinkModel | null,
  ) {
    super(widgetSpec("recording"), state);
    this.members = members;
    this.link = link;
    // The dashboard's own cursor (its event panel and figure) follows the link's.
    link?.onChange((c) => {
      if (c.cursor !== undefined) this.set({ cursor: c.cursor });
    });
  }

  static create(
    state: Omit<RecordingState, "panels" | "timeLink" | "cursor">,
    members: RecordingMembers,
  ): RecordingModel {
    const order = (["movie", "voltage", "dff", "raster"] as const).filter((p) => members[p]);
    const views = order.map((p) => members[p]!);
    const link = views.length >= 2 ? TimeLinkModel.create(views) : null;
    const ref = (p: RecordingPanel): WidgetRef | null => {
      const m = members[p];
      return m ? (widgetReference(m) as WidgetRef) : null;
    };
    return new RecordingModel(
      {
        ...state,
        panels: {
          movie: ref("movie"),
          voltage: ref("voltage"),
          dff: ref("dff"),
          raster: ref("raster"),
        },
        timeLink: link ? (widgetReference(link) as WidgetRef) : null,
        cursor: link?.get("cursor") ?? null,
      },
      members,
      link,
    );
  }

  /** The isolated AP-count events (onset, last spike, APs, peak ΔF/F, rise/decay τ). */
  get events(): RecordingEvent[] {
    return recordingEvents(this.state);
  }

  /** The spike times the dashboard steps through. */
  get spikeTimes(): Float64Array {
    return asFloat64(this.state.spikeTimes);
  }

  /** The event under (or nearest) the cursor: what the event panel shows. */
  get currentEvent(): RecordingEvent | null {
    return eventAt(this.events, this.state.cursor, this.state.eventWindow);
  }

  /** Goes where `nav` says (next spike, next event of an AP class, a time, the event's window)
   *  by moving the link's cursor and window, as the view's buttons do; returns the new cursor, or
   *  null when there is nowhere to go. */
  navigate(nav: RecordingNavigation): number | null {
    const target = navigationTarget(
      this.state,
      this.state.cursor,
      this.link?.get("window") ?? null,
      nav,
    );
    if (!target) return null;
    if (this.link) {
      if (target.window) this.link.setWindow(target.window[0], target.window[1]);
      this.link.setCursor(target.cursor);
    } else this.set({ cursor: target.cursor });
    return target.cursor;
  }

  /** Next (1) or previous (−1) spike from the cursor. */
  stepSpike(direction: 1 | -1): number | null {
    return this.navigate({ kind: "spike", direction });
  }

  /** Next / previous isolated event of `apClass` APs (1, 2, 3 = 3+, 0 = any). */
  stepEvent(direction: 1 | -1, apClass = 0): RecordingEvent | null {
    const t = this.navigate({ kind: "event", direction, apClass });
    return t === null ? null : (this.events.find((e) => e.time === t) ?? null);
  }

  /** Zooms every panel to the window of the event at the cursor. */
  zoomToEvent(): RecordingEvent | null {
    const t = this.navigate({ kind: "zoom" });
    return t === null ? null : (this.events.find((e) => e.time === t) ?? null);
  }

  /** Closes the dashboard with its link and member views (they exist for it alone). */
  override close(): void {
    super.close();
    if (this.link && !this.link.closed) this.link.unlink();
    for (const m of Object.values(this.members)) if (m && !m.closed) m.close();
  }

  /** The dashboard's figure: its overview and event panel over every member's own figure. */
  async compositeFigureSvg(options: SaveFigureOptions = {}): Promise<string> {
    const parts = [renderRecordingSvg(this.state, { width: options.width })];
    for (const p of ["movie", "voltage", "dff", "raster"] as const) {
      const m = this.members[p];
      if (m) parts.push(await figureSvg(m, options));
    }
    return stackFigures(parts, this.state.title);
  }
}
