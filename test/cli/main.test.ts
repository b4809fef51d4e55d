import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { runTsnwb } from "../support/cli.js";

const tsnwb = (...args: string[]) => runTsnwb(args);
const COMMANDS = [
  "convert-groundtruth",
  "info",
  "install",
  "kernel",
  "report",
  "uninstall",
  "worker",
];

describe("tsnwb command line", () => {
  it("prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const r = await tsnwb("--version");
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it("rejects an unknown command with exit code 2, one `tsnwb:` line and the list of commands", async () => {
    const r = await tsnwb("no-such-command");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `tsnwb: unknown command 'no-such-command'; commands: ${COMMANDS.join(", ")} (see \`tsnwb --help\`)\n`,
    );
    assert.equal(r.stdout, "");
  });

  it("suggests the closest command and global option", async () => {
    for (const [typed, meant] of [
      ["reprot", "report"],
      ["instal", "install"],
      ["unintsall", "uninstall"],
      ["convert", "convert-groundtruth"],
      ["inf", "info"],
    ]) {
      const r = await tsnwb(typed!);
      assert.equal(r.code, 2, typed);
      assert.match(
        r.stderr,
        new RegExp(`^tsnwb: unknown command '${typed}' \\(did you mean ${meant}\\?\\)`),
        r.stderr,
      );
    }
    const v = await tsnwb("--verison");
    assert.equal(v.code, 2);
    assert.equal(
      v.stderr,
      "tsnwb: unknown option '--verison' (did you mean --version?); see `tsnwb --help`\n",
    );
    const far = await tsnwb("frobnicate");
    assert.doesNotMatch(far.stderr, /did you mean/);
  });

  it("`tsnwb` alone prints the help on stderr and exits 2; --help and `help` print it on stdout and exit 0", async () => {
    const bare = await tsnwb();
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, "");
    const help = await tsnwb("--help");
    assert.equal(help.code, 0);
    assert.equal(help.stdout.trim(), bare.stderr.trim());
    for (const name of COMMANDS)
      assert.match(help.stdout, new RegExp(`^  ${name} +\\S`, "m"), name);
    assert.equal((await tsnwb("help")).stdout, help.stdout);
  });

  for (const name of COMMANDS) {
    it(`${name} --help, -h and \`tsnwb help ${name}\` print the same usage (first line \`usage: tsnwb ${name}\`) and exit 0`, async () => {
      const results = await Promise.all([
        tsnwb(name, "--help"),
        tsnwb(name, "-h"),
        tsnwb("help", name),
      ]);
      for (const r of results) {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, "");
        assert.equal(r.stdout, results[0]!.stdout);
      }
      assert.match(results[0]!.stdout, new RegExp(`^usage: tsnwb ${name} `));
    });
  }
});
