// Page side of the browser tests (plain script; the live bundle defines `tsnwbWidgets`).
// window.harness.connect(...) starts a kernel; window.harness.run(code) executes one cell and
// displays its outputs, widget views included, in a new <div class="cell" id="cell-N">.
(function () {
  const W = window.tsnwbWidgets;
  const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";
  let kernel = null;
  let manager = null;
  let cellCount = 0;

  async function connect({ baseUrl, token, kernelName, lostAfterMs }) {
    if (lostAfterMs) W.setLostConnectionTimeout(lostAfterMs);
    const wsUrl = baseUrl.replace(/^http/, "ws");
    const serverSettings = W.ServerConnection.makeSettings({
      baseUrl,
      wsUrl,
      token,
      appendToken: true,
    });
    const kernels = new W.KernelManager({ serverSettings });
    kernel = await kernels.startNew({ name: kernelName });
    manager = new W.KernelWidgetManager(kernel);
    window.widgetManager = manager;
    await kernel.info;
    return kernel.id;
  }

  async function showOutput(data, el) {
    if (data[WIDGET_VIEW]) {
      const model = await manager.get_model(data[WIDGET_VIEW].model_id);
      const started = performance.now();
      const view = await manager.create_view(model);
      const host = document.createElement("div");
      host.className = "widget-host";
      el.appendChild(host);
      await manager.display_view(view, host);
      // view creation + first draw, through the next paint
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { widget: data[WIDGET_VIEW].model_id, renderMs: performance.now() - started };
    }
    const pre = document.createElement("pre");
    pre.textContent = String(data["text/plain"] ?? "");
    el.appendChild(pre);
    return { text: data["text/plain"] };
  }

  async function run(code, name) {
    const id = name ? `cell-${name}` : `cell-${++cellCount}`;
    const el = document.createElement("div");
    el.className = "cell";
    el.id = id;
    document.getElementById("cells").appendChild(el);
    const outputs = [];
    const pending = [];
    const future = kernel.requestExecute({ code, store_history: true });
    future.onIOPub = (msg) => {
      const t = msg.header.msg_type;
      if (t === "display_data" || t === "execute_result")
        pending.push(showOutput(msg.content.data, el).then((o) => outputs.push(o)));
      else if (t === "stream") outputs.push({ stream: msg.content.name, text: msg.content.text });
      else if (t === "error")
        outputs.push({ error: `${msg.content.ename}: ${msg.content.evalue}` });
    };
    const reply = await future.done;
    await Promise.all(pending);
    return { id, status: reply.content.status, outputs };
  }

  async function modelState(modelId, keys) {
    const model = await manager.get_model(modelId);
    const out = {};
    for (const k of keys) out[k] = model.get(k);
    return out;
  }

  window.harness = {
    connect,
    run,
    modelState,
    get kernel() {
      return kernel;
    },
  };
})();
