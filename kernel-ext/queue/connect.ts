// Connections to the queue's Redis. checkRedis answers within seconds whether the URL can be used,
// with the cause in words; openConnection gives the long-lived connections BullMQ needs (one per
// Worker / Queue / FlowProducer: blocking commands cannot share one), which reconnect on their own
// when Redis restarts, and say so once per outage instead of throwing.
import { Redis } from "ioredis";
import type { QueueUrl } from "./redis-url.js";

export class QueueConnectionError extends Error {
  override name = "QueueConnectionError";
}

function causeOf(error: unknown, url: QueueUrl, timeoutMs: number): string {
  const e = error as { code?: string; message?: string };
  const text = e?.message ?? String(error);
  if (/NOAUTH/i.test(text))
    return `the server requires a password; give it in the URL (${url.tls ? "rediss" : "redis"}://:PASSWORD@${url.host}:${url.port}) or in REDIS_URL`;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text))
    return "the server rejected the user name or password";
  if (/AUTH.*without any password configured|called without any password/i.test(text))
    return "a password was given but the server has none configured";
  if (e?.code === "ECONNREFUSED")
    return `connection refused (is redis-server listening on ${url.host}:${url.port}?)`;
  if (e?.code === "ENOTFOUND" || e?.code === "EAI_AGAIN") return `unknown host ${url.host}`;
  if (e?.code === "ETIMEDOUT" || /timed? ?out/i.test(text))
    return `no answer within ${timeoutMs / 1000} s`;
  if (
    url.tls &&
    (/SSL|TLS|certificate|wrong version|EPROTO/i.test(text) ||
      e?.code === "ECONNRESET" ||
      /Connection is closed/i.test(text))
  ) {
    return `TLS connection failed (${text}); is the server's port a TLS port, and its certificate trusted (NODE_EXTRA_CA_CERTS)?`;
  }
  if (/Connection is closed/i.test(text))
    return `the server closed the connection${url.tls ? "" : " (a TLS port needs rediss://)"}`;
  return text;
}

/** Resolves when Redis at `url` answers PING; else a QueueConnectionError naming the URL and the cause. */
export async function checkRedis(url: QueueUrl, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(url.href, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError: unknown;
  probe.on("error", (e: unknown) => (lastError = e));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
      timeoutMs + 1000,
    );
  });
  try {
    await Promise.race([probe.connect().then(() => probe.ping()), deadline]);
  } catch (error) {
    // ioredis reports "Connection is closed" after the socket error it emitted: prefer the socket's.
    const shown =
      /Connection is closed/i.test((error as Error).message ?? "") && lastError ? lastError : error;
    throw new QueueConnectionError(
      `cannot use the Redis at ${url.display}: ${causeOf(shown, url, timeoutMs)}`,
    );
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

/**
 * Reports a lost connection once per outage (not once per retry) and the reconnection, and ends
 * every connection it watches (BullMQ leaves connections it was given open, and an open one keeps
 * the process alive).
 */
export class ConnectionWatch {
  private lost = false;
  private readonly connections = new Set<Redis>();

  constructor(
    private readonly url: QueueUrl,
    private readonly log: (line: string) => void,
  ) {}

  /** For every 'error' event of a connection, Worker, Queue or FlowProducer. */
  readonly onError = (error: unknown): void => {
    if (this.lost) return;
    this.lost = true;
    this.log(
      `lost the connection to Redis at ${this.url.display} (${causeOf(error, this.url, 5000)}); reconnecting`,
    );
  };

  readonly onReady = (): void => {
    if (!this.lost) return;
    this.lost = false;
    this.log(`reconnected to Redis at ${this.url.display}`);
  };

  watch(connection: Redis): Redis {
    this.connections.add(connection);
    connection.on("error", this.onError);
    connection.on("ready", this.onReady);
    return connection;
  }

  disconnectAll(): void {
    for (const c of this.connections) c.disconnect();
    this.connections.clear();
  }
}

/** A long-lived connection: retries forever (BullMQ's requirement), reconnects every ≤ 2 s. */
export function openConnection(url: QueueUrl, name: string, watch: ConnectionWatch): Redis {
  return watch.watch(
    new Redis(url.href, {
      maxRetriesPerRequest: null,
      connectionName: name,
      connectTimeout: 5000,
      retryStrategy: (times) => Math.min(200 * times, 2000),
    }),
  );
}
