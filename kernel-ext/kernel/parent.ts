// Which request a kernel-initiated message answers. Jupyter front ends route outputs by
// parent_header, so output produced by a cell (even after an await or in a timer it started) must
// carry that cell's execute_request header, and output produced while handling a comm_msg must carry
// that comm_msg. AsyncLocalStorage follows the async flow of each request; outside any request the
// most recent execute_request is used, as ipykernel does.
import { AsyncLocalStorage } from "node:async_hooks";
import type { MessageHeader } from "./wire/message.js";

const store = new AsyncLocalStorage<MessageHeader>();
let lastExecuteHeader: MessageHeader | undefined;

export function runWithParent<T>(header: MessageHeader, fn: () => T): T {
  if (header.msg_type === "execute_request") lastExecuteHeader = header;
  return store.run(header, fn);
}

export function currentParent(): MessageHeader | Record<string, never> {
  return store.getStore() ?? lastExecuteHeader ?? {};
}
