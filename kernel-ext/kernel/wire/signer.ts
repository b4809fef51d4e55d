// HMAC signing per the connection file: `signature_scheme` "hmac-<digest>" with `key`; an empty key
// turns signing off (the signature frame is then empty), as jupyter_client does.
import { createHmac, timingSafeEqual } from "node:crypto";

export class MessageSigner {
  private readonly digest: string;

  constructor(
    private readonly key: string,
    scheme = "hmac-sha256",
  ) {
    const m = /^hmac-([a-z0-9-]+)$/i.exec(scheme);
    if (!m)
      throw new Error(
        `connection file: unsupported signature_scheme '${scheme}' (expected hmac-<digest>)`,
      );
    this.digest = m[1];
    createHmac(this.digest, "probe"); // throws now, not on the first message, for an unknown digest
  }

  /** Hex HMAC over the header, parent_header, metadata and content frames, in that order. */
  sign(parts: Buffer[]): string {
    if (this.key === "") return "";
    const hmac = createHmac(this.digest, this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest("hex");
  }

  verify(signature: string, parts: Buffer[]): boolean {
    if (this.key === "") return true;
    const expected = Buffer.from(this.sign(parts), "ascii");
    const got = Buffer.from(signature, "ascii");
    return got.length === expected.length && timingSafeEqual(got, expected);
  }
}
