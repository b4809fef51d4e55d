// report.html carries the numbers of summary.md (per cell and per indicator) under its figures and
// says how the pooled fits differ from the means over cells; text that comes from files (a file
// name and a session_description holding `<`, `>` and `|`, an error quoting such a name) neither
// breaks summary.md's table rows nor injects tags into report.html. The recording is a bundled one
// copied under such a name, its session_description rewritten with h5py; report.html is parsed
// with Python's html.parser (an independent reader), summary.md's rows split on unescaped `|`.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runTsnwb } from "../support/cli.js";

const run = promisify(execFile);
const repo = new URL("../..", import.meta.url).pathname;
const hostile = "cell<b>bold|pipe<img src=x>";
const hostileDescription = "<script>alert(1)</script> | <img src=x onerror=alert(2)> a|b";

/** Tags and table cell texts of an HTML page, read by Python's html.parser. */
const PARSE_HTML = `
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.tables = []; self.row = None; self.cell = None; self.in_section = 0; self.paragraphs = []; self.p = None
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "section": self.in_section += 1
        if not self.in_section: return
        if tag == "table": self.tables.append([])
        elif tag == "tr": self.row = []; self.tables[-1].append(self.row)
        elif tag in ("td", "th"): self.cell = ""
        elif tag == "p": self.p = ""
    def handle_endtag(self, tag):
        if tag == "section": self.in_section -= 1
        if tag in ("td", "th") and self.cell is not None: self.row.append(self.cell); self.cell = None
        if tag == "p" and self.p is not None: self.paragraphs.append(self.p); self.p = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
        if self.p is not None: self.p += data
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps({"tags": sorted(set(p.tags)), "tables": p.tables, "paragraphs": p.paragraphs}))
`;

/** A Markdown table row's cells: split on `|` not preceded by a backslash, entities decoded. */
function markdownCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

describe("tsnwb report: numbers table in report.html, escaping of file text in summary.md", function () {
  this.timeout(600_000);
  let dir: string;
  let out: string;
  let md: string;
  let page: { tags: string[]; tables: string[][][]; paragraphs: string[] };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-report-escape-"));
    out = join(dir, "out");
    const copy = join(dir, `${hostile}.nwb`);
    copyFileSync(join(repo, "data/recordings/Chen2013_GCaMP6s_cell4_rec1.nwb"), copy);
    const py = `import h5py, sys
with h5py.File(sys.argv[1], "r+") as f:
    del f["session_description"]
    f.create_dataset("session_description", data=sys.argv[2], dtype=h5py.string_dtype())`;
    await run("/usr/bin/python3", ["-c", py, copy, hostileDescription]);
    const bad = join(dir, `bad<i>|${hostile}.nwb`);
    writeFileSync(bad, "not HDF5\n".repeat(50));
    const r = await runTsnwb(["report", copy, join(repo, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb"), bad, "--out", out, "--jobs", "1"]);
    assert.equal(r.code, 3, `one file fails: ${r.stderr}`);
    md = readFileSync(join(out, "summary.md"), "utf8");
    const { stdout } = await run("/usr/bin/python3", ["-c", PARSE_HTML, join(out, "report.html")], { maxBuffer: 1 << 26 });
    page = JSON.parse(stdout);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("summary.md keeps its table structure: every row has the header's cell count, names escaped and read back intact", () => {
    const lines = md.split("\n");
    const tables: string[][] = [];
    for (const line of lines) {
      if (!line.startsWith("|")) continue;
      if (/^\|(---\|)+$/.test(line)) continue;
      tables.push(markdownCells(line));
    }
    const [cellHeader, ...rest] = tables;
    const cellRows = rest.slice(0, 3);
    const [groupHeader, ...groupRows] = rest.slice(3);
    assert.equal(cellHeader!.length, 9);
    for (const row of cellRows) assert.equal(row.length, 9, `row ${JSON.stringify(row)}`);
    assert.equal(groupHeader!.length, 7);
    for (const row of groupRows) assert.equal(row.length, 7, `row ${JSON.stringify(row)}`);
    assert.equal(cellRows[0]![0], hostile, "the file name is the cell label, read back intact");
    assert.equal(cellRows[0]![1], "GCaMP6s");
    assert.ok(cellRows[2]![0]!.endsWith(`bad<i>|${hostile}.nwb`), cellRows[2]![0]);
    assert.match(cellRows[2]![1]!, /^failed: /);
    assert.ok(!/<(b|i|img|script)\b/i.test(md), "no raw tag in summary.md");
    assert.ok(md.includes("cell&lt;b&gt;bold\\|pipe&lt;img src=x&gt;"), "escaped as &lt; &gt; \\|");
  });

  it("report.html has no tag from file text, and shows the same numbers as summary.md, per cell and per indicator", () => {
    for (const tag of ["b", "i", "img"]) assert.ok(!page.tags.includes(tag), `<${tag}> in report.html (tags: ${page.tags.join(" ")})`);
    const mdRows = md.split("\n").filter((l) => l.startsWith("|") && !/^\|(---\|)+$/.test(l)).map(markdownCells);
    const htmlRows = page.tables.flat();
    assert.equal(page.tables.length, 2, "a per-cell and a per-indicator table");
    assert.deepEqual(htmlRows, mdRows);
    assert.ok(htmlRows.some((r) => r[0] === hostile));
  });

  it("report.html says how the pooled fit of the group figure differs from the mean over cells", () => {
    const text = page.paragraphs.join(" ");
    assert.match(text, /event-weighted mean/);
    assert.match(text, /fitted once, to that pooled curve/);
    assert.match(text, /mean of the cells' own fits/);
    const html = readFileSync(join(out, "report.html"), "utf8");
    const numbersAt = html.indexOf('<section class="tsnwb-report-numbers">');
    const lastView = html.lastIndexOf('<div class="tsnwb-export-cell">');
    assert.ok(lastView > 0 && numbersAt > lastView, "the numbers come under the figures");
  });
});
