// The --queue URL: redis://[user:password@]host[:port][/db] or rediss:// (TLS). A URL without a
// password takes the user and password of REDIS_URL when that names the same host and port, so a
// password never has to be typed on a command line (where `ps` shows it). Printed forms never
// carry the password.
import { UsageError } from "../cli/usage-error.js";

export interface QueueUrl {
  /** The URL to connect with (password included). */
  href: string;
  /** The URL as printed: the password replaced by "***". */
  display: string;
  host: string;
  port: number;
  tls: boolean;
  hasPassword: boolean;
}

const DEFAULT_PORT = 6379;

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href.replace(/\/$/, "");
}

function parse(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `${what} '${text.replace(/:[^:@/]*@/, ":***@")}' is not a URL (expected redis://HOST:PORT or rediss://HOST:PORT)`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new UsageError(
      `${what} '${redact(url)}': expected a redis:// or rediss:// URL, got ${url.protocol}//`,
    );
  }
  if (!url.hostname)
    throw new UsageError(`${what} '${redact(url)}': no host (expected redis://HOST:PORT)`);
  if (url.pathname && url.pathname !== "/" && !/^\/\d+$/.test(url.pathname)) {
    throw new UsageError(
      `${what} '${redact(url)}': the path may only be a database number, e.g. redis://HOST:PORT/0`,
    );
  }
  return url;
}

const portOf = (url: URL) => (url.port ? Number(url.port) : DEFAULT_PORT);

/** The queue URL from --queue (or, without one, REDIS_URL), checked. */
export function resolveQueueUrl(
  text: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): QueueUrl {
  const fromEnv = env.REDIS_URL ? parse(env.REDIS_URL, "REDIS_URL") : undefined;
  if (text === undefined && !fromEnv)
    throw new UsageError("--queue redis://HOST:PORT is required (or set REDIS_URL)");
  const url = text === undefined ? fromEnv! : parse(text, "--queue");
  if (
    !url.password &&
    fromEnv?.password &&
    fromEnv.hostname === url.hostname &&
    portOf(fromEnv) === portOf(url)
  ) {
    url.username = fromEnv.username;
    url.password = fromEnv.password;
  }
  return {
    href: url.href,
    display: redact(url),
    host: url.hostname,
    port: portOf(url),
    tls: url.protocol === "rediss:",
    hasPassword: url.password !== "",
  };
}
