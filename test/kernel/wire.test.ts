// The wire format against jupyter_client's Session (Python) as the independent implementation:
// messages with binary buffers signed by one side verify on the other, for several signature
// schemes and with signing off; the HMAC covers the four JSON frames and nothing else.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import {
  decodeMessage,
  encodeMessage,
  newHeader,
  WireError,
} from "../../kernel-ext/kernel/wire/message.js";
import { MessageSigner } from "../../kernel-ext/kernel/wire/signer.js";
import { python, repoRoot } from "./support/kernel-driver.js";

const DELIM = Buffer.from("<IDS|MSG>");

function pythonSession(
  key: string,
  scheme: string,
  verify: Buffer[],
  make: { msg_type: string; content: unknown; buffers: Buffer[] },
) {
  const r = spawnSync(python, [join(repoRoot, "test", "kernel", "py", "wire_check.py")], {
    input: JSON.stringify({
      key,
      scheme,
      verify: verify.map((f) => f.toString("base64")),
      make: {
        msg_type: make.msg_type,
        content: make.content,
        buffers_b64: make.buffers.map((b) => b.toString("base64")),
      },
    }),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { verified: any; made: string[] };
  return { verified: out.verified, made: out.made.map((f) => Buffer.from(f, "base64")) };
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("wire format vs jupyter_client.session.Session", () => {
  for (const [key, scheme] of [
    ["a-secret-key", "hmac-sha256"],
    ["another key", "hmac-sha512"],
    ["", "hmac-sha256"],
  ] as const) {
    it(`round-trips signed messages with buffers (${scheme}${key === "" ? ", no key" : ""})`, () => {
      const signer = new MessageSigner(key, scheme);
      const buffers = [randomBytes(3_000_000), randomBytes(5)];
      const frames = encodeMessage(
        {
          identities: [],
          header: newHeader("comm_msg", "session-1"),
          parent_header: {},
          metadata: {},
          content: { comm_id: "c", data: { x: [1, 2] } },
          buffers,
        },
        signer,
      );
      assert.ok(frames[0].equals(DELIM));
      const fromPython = pythonSession(key, scheme, frames.slice(1), {
        msg_type: "comm_msg",
        content: { comm_id: "p", data: { y: "z" } },
        buffers,
      });
      assert.deepEqual(fromPython.verified, {
        msg_type: "comm_msg",
        content: { comm_id: "c", data: { x: [1, 2] } },
        buffers_sha256: buffers.map(sha),
      });
      const decoded = decodeMessage(
        [Buffer.from("client-identity"), DELIM, ...fromPython.made],
        signer,
      );
      assert.equal(decoded.header.msg_type, "comm_msg");
      assert.deepEqual(decoded.content, { comm_id: "p", data: { y: "z" } });
      assert.deepEqual(decoded.identities.map(String), ["client-identity"]);
      assert.deepEqual(decoded.buffers.map(sha), buffers.map(sha));
    });
  }

  it("rejects a changed JSON frame but not a changed buffer (buffers are not signed)", () => {
    const signer = new MessageSigner("k", "hmac-sha256");
    const { made } = pythonSession("k", "hmac-sha256", [], {
      msg_type: "comm_msg",
      content: { comm_id: "p", data: {} },
      buffers: [Buffer.from([1, 2, 3])],
    });
    const changedBuffer = [...made.slice(0, -1), Buffer.from([9, 9, 9])];
    assert.deepEqual(
      Array.from(decodeMessage([DELIM, ...changedBuffer], signer).buffers[0]),
      [9, 9, 9],
    );
    const changedContent = [...made];
    changedContent[4] = Buffer.from(JSON.stringify({ comm_id: "p", data: { evil: true } }));
    assert.throws(
      () => decodeMessage([DELIM, ...changedContent], signer),
      (e: unknown) => e instanceof WireError && /invalid HMAC signature/.test(e.message),
    );
    assert.throws(
      () => decodeMessage([DELIM, ...made], new MessageSigner("other", "hmac-sha256")),
      /invalid HMAC signature/,
    );
  });

  it("names an unsupported signature scheme", () => {
    assert.throws(
      () => new MessageSigner("k", "rsa-sha256"),
      /unsupported signature_scheme 'rsa-sha256'/,
    );
  });
});
