// The kernel side of a Jupyter widget (widget message protocol 2.1.0). A Widget holds typed state;
// inside the tsnwb kernel it opens a `jupyter.widget` comm when created and keeps the front-end
// model in sync: `update` both ways, `echo_update`, `request_state`, `custom` messages with binary
// buffers, close. Without a kernel (a plain Node script) it only holds state, which can still be
// embedded in a page with widgetStateBundle().
import { randomUUID } from "node:crypto";
import { mimeBundle, type HasMimeBundle, type MimeBundle } from "../../display/mimebundle.js";
import { kernelBridge } from "../bridge.js";
import type { CommLike } from "../comm/comm.js";
import { putBuffers, removeBuffers, type SeparatedState } from "./buffers.js";
import { widgetRegistry, type RegisteredWidget, type WidgetModelState } from "./registry.js";
import { noteViewRequest } from "./view-activity.js";

export const WIDGET_PROTOCOL_VERSION = "2.1.0";
export const WIDGET_TARGET = "jupyter.widget";

export interface WidgetSpec {
  modelName: string;
  modelModule: string;
  modelModuleVersion: string;
  viewName: string;
  viewModule: string;
  viewModuleVersion: string;
}

export type ChangeOrigin = "frontend" | "kernel";
type ChangeListener<S> = (changed: Partial<S>, origin: ChangeOrigin) => void;
type CustomHandler = (content: any, buffers: Uint8Array[]) => void | Promise<void>;

/** A reply to a view's custom request, with its binary buffers. */
export interface CustomReply {
  content: unknown;
  buffers: ArrayBufferView[];
}

/** The string by which one widget's state refers to another (ipywidgets' widget serialization). */
export function widgetReference(widget: { modelId: string }): string {
  return `IPY_MODEL_${widget.modelId}`;
}

export class Widget<S extends object> implements HasMimeBundle, RegisteredWidget {
  readonly modelId: string;
  private current: S;
  private comm: CommLike | undefined;
  private isClosed = false;
  private readonly changeListeners = new Set<ChangeListener<S>>();
  private readonly customHandlers = new Set<CustomHandler>();
  private readonly preparing = new Set<Promise<unknown>>();

  constructor(
    readonly spec: WidgetSpec,
    initialState: S,
  ) {
    this.modelId = randomUUID().replace(/-/g, "");
    this.current = { ...initialState };
    widgetRegistry().set(this.modelId, this);
    const bridge = kernelBridge();
    if (bridge) {
      const { state, bufferPaths, buffers } = this.wireState();
      this.comm = bridge.openComm(
        WIDGET_TARGET,
        { state, buffer_paths: bufferPaths },
        { version: WIDGET_PROTOCOL_VERSION },
        buffers,
        this.modelId,
      );
      this.comm.onMsg((data, msgBuffers) => this.handleMessage(data, msgBuffers));
      this.comm.onClose(() => this.dispose());
    }
  }

  get state(): Readonly<S> {
    return this.current;
  }

  get<K extends keyof S>(key: K): S[K] {
    return this.current[key];
  }

  /** True once close() ran or the front end closed the comm. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Updates the state and sends the changed keys to the front end (binary values as buffers). */
  set(patch: Partial<S>): void {
    const changed = this.apply(patch);
    if (Object.keys(changed).length === 0) return;
    this.sendState("update", changed as Record<string, unknown>);
    this.notify(changed, "kernel");
  }

  /** Tracks work that will still change this widget's state (a linked movie's preview frames): a
   *  cell's end waits for it as for figures, so a saved notebook holds the finished state. */
  protected prepare<T>(work: Promise<T>): Promise<T> {
    this.preparing.add(work);
    const done = () => void this.preparing.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves when the work started by prepare() has ended (done or failed). */
  async prepared(): Promise<void> {
    while (this.preparing.size > 0) await Promise.allSettled([...this.preparing]);
  }

  onChange(listener: ChangeListener<S>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onCustom(handler: CustomHandler): () => void {
    this.customHandlers.add(handler);
    return () => this.customHandlers.delete(handler);
  }

  /** Answers the view's custom requests, each reply sent when it is ready. The answer is not
   *  awaited, so a newer request can arrive — and supersede this one — while it is worked on. */
  answerRequests(answer: (request: unknown) => Promise<CustomReply>): () => void {
    return this.onCustom((request) => {
      noteViewRequest();
      void answer(request).then((reply) => this.sendCustom(reply.content, reply.buffers));
    });
  }

  sendCustom(content: unknown, buffers: ArrayBufferView[] = []): void {
    if (this.comm && !this.comm.closed) this.comm.send({ method: "custom", content }, {}, buffers);
  }

  close(): void {
    if (this.comm && !this.comm.closed) this.comm.close();
    this.dispose();
  }

  [mimeBundle](): MimeBundle {
    return {
      "application/vnd.jupyter.widget-view+json": {
        version_major: 2,
        version_minor: 1,
        model_id: this.modelId,
      },
      "text/plain": `${this.spec.modelName.replace(/Model$/, "")}(model_id=${this.modelId})`,
    };
  }

  /** The model/view names the front end uses to pick the classes (set for every widget). */
  protected specState(): Record<string, string> {
    const s = this.spec;
    return {
      _model_name: s.modelName,
      _model_module: s.modelModule,
      _model_module_version: s.modelModuleVersion,
      _view_name: s.viewName,
      _view_module: s.viewModule,
      _view_module_version: s.viewModuleVersion,
    };
  }

  wireState(): SeparatedState {
    return removeBuffers({ ...this.specState(), ...(this.current as Record<string, unknown>) });
  }

  toJSONState(): WidgetModelState {
    const { state, bufferPaths, buffers } = this.wireState();
    return {
      model_name: this.spec.modelName,
      model_module: this.spec.modelModule,
      model_module_version: this.spec.modelModuleVersion,
      state,
      buffers: bufferPaths.map((path, i) => {
        const b = buffers[i];
        return {
          path,
          encoding: "base64" as const,
          data: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64"),
        };
      }),
    };
  }

  /** Merges `patch`; returns the keys whose value actually changed (binary values always count). */
  private apply(patch: Partial<S>): Partial<S> {
    const changed: Partial<S> = {};
    for (const key of Object.keys(patch) as (keyof S)[]) {
      const value = patch[key] as S[keyof S];
      const old = this.current[key];
      if (old === value && !ArrayBuffer.isView(value)) continue;
      if (isPlainJson(value) && isPlainJson(old) && JSON.stringify(old) === JSON.stringify(value))
        continue;
      changed[key] = value;
    }
    this.current = { ...this.current, ...changed };
    return changed;
  }

  private sendState(method: "update" | "echo_update", state: Record<string, unknown>): void {
    if (!this.comm || this.comm.closed) return;
    const separated = removeBuffers(state);
    this.comm.send(
      { method, state: separated.state, buffer_paths: separated.bufferPaths },
      {},
      separated.buffers,
    );
  }

  private notify(changed: Partial<S>, origin: ChangeOrigin): void {
    for (const listener of [...this.changeListeners]) listener(changed, origin);
  }

  private describe(): string {
    return `widget ${this.modelId} (${this.spec.modelName})`;
  }

  private async handleMessage(data: any, buffers: Uint8Array[]): Promise<void> {
    switch (data?.method) {
      case "update":
        return this.receiveUpdate(data, buffers);
      case "request_state":
        return this.sendState("update", this.wireStateObject());
      case "custom":
        for (const handler of [...this.customHandlers]) await handler(data.content, buffers);
        return;
      default:
        throw new Error(
          `${this.describe()}: comm message with unknown method ${JSON.stringify(data?.method)}; expected update, request_state or custom`,
        );
    }
  }

  private wireStateObject(): Record<string, unknown> {
    return { ...this.specState(), ...(this.current as Record<string, unknown>) };
  }

  private receiveUpdate(
    data: { state?: unknown; buffer_paths?: unknown },
    buffers: Uint8Array[],
  ): void {
    if (data.state === null || typeof data.state !== "object" || Array.isArray(data.state)) {
      throw new Error(`${this.describe()}: update message without a 'state' object`);
    }
    const incoming = data.state as Record<string, unknown>;
    try {
      putBuffers(incoming, data.buffer_paths, buffers, this.current);
    } catch (e) {
      throw new Error(`${this.describe()}: update message: ${(e as Error).message}`);
    }
    const known: Record<string, unknown> = {};
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(incoming)) {
      if (key in (this.current as object)) known[key] = value;
      else unknown.push(key);
    }
    // Echo first (as ipywidgets does), so every front end, including the sender, settles on the
    // kernel's value; updates made by change listeners follow as ordinary `update` messages.
    if (Object.keys(known).length > 0) this.sendState("echo_update", known);
    const changed = this.apply(known as Partial<S>);
    if (Object.keys(changed).length > 0) this.notify(changed, "frontend");
    if (unknown.length > 0) {
      throw new Error(
        `${this.describe()}: update for unknown state key(s) ${unknown.join(", ")} ignored`,
      );
    }
  }

  private dispose(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    widgetRegistry().delete(this.modelId);
  }
}

function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every(isPlainJson);
}
