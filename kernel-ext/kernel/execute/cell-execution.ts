// execute_request end to end: execute_input, the cell run under its own parent header, one
// execute_result for the last expression or one `error` output, history, the reply content.
import { showCellResult, toMimeBundle } from "../display.js";
import type { IOPub } from "../iopub.js";
import { runWithParent } from "../parent.js";
import type { KernelMessage } from "../wire/message.js";
import type { CellRunner } from "./cell-runner.js";
import { ExecuteQueue } from "./execute-queue.js";
import { History } from "./history.js";

interface ExecuteContent {
  code?: unknown;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
  user_expressions?: Record<string, unknown>;
}

export class CellExecution {
  private executionCount = 0;
  private readonly queue = new ExecuteQueue();
  readonly history = new History();

  constructor(
    private readonly runner: CellRunner,
    private readonly iopub: IOPub,
  ) {}

  /** Resolves to the execute_reply content once the cell (and everything queued before it) is done. */
  execute(msg: KernelMessage): Promise<Record<string, unknown>> {
    const content = msg.content as ExecuteContent;
    if (typeof content.code !== "string") {
      const evalue = "execute_request content has no 'code' string";
      return Promise.resolve({
        status: "error",
        execution_count: this.executionCount,
        ename: "MalformedMessage",
        evalue,
        traceback: [evalue],
      });
    }
    const code = content.code;
    const silent = content.silent === true;
    const storeHistory = silent ? false : content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    const run = () =>
      this.run(code, silent, storeHistory, stopOnError, content.user_expressions ?? {});
    return this.queue.enqueue(
      () =>
        runWithParent(msg.header, () =>
          silent ? this.iopub.silencing(msg.header.msg_id, run) : run(),
        ),
      () => ({ status: "aborted", execution_count: this.executionCount }),
    );
  }

  private async run(
    code: string,
    silent: boolean,
    storeHistory: boolean,
    stopOnError: boolean,
    userExpressions: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.iopub.publish("execute_input", { code, execution_count: count });
    const outcome = await this.runner.run(code);
    if (!outcome.ok) {
      if (!silent) this.iopub.publish("error", { ...outcome.error });
      if (storeHistory) this.history.record(count, code, null);
      if (stopOnError) this.queue.abortWaiting();
      return { status: "error", execution_count: count, ...outcome.error };
    }
    let text: string | null = null;
    if (outcome.result && !silent) {
      text = await showCellResult(outcome.result.value, (data) =>
        this.iopub.publish("execute_result", { execution_count: count, data, metadata: {} }),
      );
    }
    if (storeHistory) this.history.record(count, code, text);
    return {
      status: "ok",
      execution_count: count,
      user_expressions: await this.evaluate(userExpressions),
      payload: [],
    };
  }

  /** user_expressions: each evaluated after the cell, answered as a mime bundle or an error. */
  private async evaluate(expressions: Record<string, unknown>): Promise<Record<string, unknown>> {
    const results: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(expressions)) {
      const outcome = await this.runner.run(String(expr));
      results[name] = outcome.ok
        ? {
            status: "ok",
            data: outcome.result
              ? toMimeBundle(outcome.result.value)
              : { "text/plain": "undefined" },
            metadata: {},
          }
        : { status: "error", ...outcome.error };
    }
    return results;
  }
}
