// A widget manager for a plain web page connected to a live kernel through @jupyterlab/services:
// html-manager's HTMLManager renders views; this subclass adds what a notebook front end does —
// it answers the kernel's `jupyter.widget` comm_open messages, so models the kernel creates appear
// here with their binary buffers, and custom messages flow both ways.
import { shims, type IClassicComm } from "@jupyter-widgets/base";
import { HTMLManager } from "@jupyter-widgets/html-manager";
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import { loadModule } from "../loader";

const WIDGET_TARGET = "jupyter.widget";

export class KernelWidgetManager extends HTMLManager {
  constructor(readonly kernel: Kernel.IKernelConnection) {
    super({ loader: loadModule });
    kernel.registerCommTarget(
      WIDGET_TARGET,
      async (comm: Kernel.IComm, msg: KernelMessage.ICommOpenMsg) => {
        await this.handle_comm_open(new shims.services.Comm(comm), msg);
      },
    );
  }

  override async _get_comm_info(): Promise<Record<string, unknown>> {
    const reply = await this.kernel.requestCommInfo({ target_name: WIDGET_TARGET });
    return reply.content.status === "ok" ? (reply.content.comms as Record<string, unknown>) : {};
  }

  override async _create_comm(
    targetName: string,
    modelId: string,
    data?: any,
    metadata?: any,
    buffers?: ArrayBuffer[] | ArrayBufferView[],
  ): Promise<IClassicComm> {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data, metadata, buffers as ArrayBuffer[]);
    return new shims.services.Comm(comm);
  }
}
