// `tsnwb install` registers the nbconvert template tsnwb-lab and selects it in the config dir's
// jupyter_nbconvert_config.json, merged with what the user has there; `tsnwb uninstall` removes the
// template and only the keys install set. Checked with the real CLI and Debian's nbconvert reading
// the config (JUPYTER_PATH / JUPYTER_CONFIG_PATH as a --prefix install is used).
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runTsnwb } from "../support/cli.js";

const run = promisify(execFile);

describe("tsnwb install / uninstall: the nbconvert template", function () {
  this.timeout(120_000);
  let dir: string;
  let configDir: string;
  let configFile: string;
  let templateDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-nbconvert-install-"));
    configDir = join(dir, "etc", "jupyter");
    configFile = join(configDir, "jupyter_nbconvert_config.json");
    templateDir = join(dir, "share", "jupyter", "nbconvert", "templates", "tsnwb-lab");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeConfig = (config: unknown) => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(configFile, JSON.stringify(config, null, 1));
  };
  const readConfig = () => JSON.parse(readFileSync(configFile, "utf8"));

  /** What Debian's nbconvert resolves for an exporter with this install on its paths. */
  async function nbconvertSees(
    exporter: string,
  ): Promise<{ template_name: string; template_paths: string[] }> {
    const py = [
      "import json, sys",
      "from traitlets.config import Config",
      "from nbconvert.nbconvertapp import NbConvertApp",
      "import nbconvert.exporters as ex",
      "app = NbConvertApp(); app.load_config_file()",
      "e = getattr(ex, sys.argv[1])(config=app.config)",
      "print(json.dumps({'template_name': e.template_name, 'template_paths': e.template_paths}))",
    ].join("\n");
    const { stdout } = await run("/usr/bin/python3", ["-c", py, exporter], {
      env: {
        ...process.env,
        JUPYTER_PATH: join(dir, "share", "jupyter"),
        JUPYTER_CONFIG_PATH: configDir,
        JUPYTER_CONFIG_DIR: join(dir, "user-config"),
      },
    });
    return JSON.parse(stdout);
  }

  it("a fresh --prefix install: nbconvert's HTMLExporter uses tsnwb-lab (found on JUPYTER_PATH), slides keep reveal; uninstall removes file and template", async () => {
    const r = await runTsnwb(["install", "--prefix", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`installed the nbconvert template 'tsnwb-lab' .* in ${templateDir}`),
    );
    assert.match(r.stdout, new RegExp(`export JUPYTER_CONFIG_PATH=${configDir}`));
    assert.deepEqual(readConfig(), {
      HTMLExporter: { template_name: "tsnwb-lab" },
      SlidesExporter: { template_name: "reveal" },
    });
    const html = await nbconvertSees("HTMLExporter");
    assert.equal(html.template_name, "tsnwb-lab");
    assert.ok(html.template_paths.includes(templateDir), `template paths ${html.template_paths}`);
    assert.ok(
      html.template_paths.some((p) => p.endsWith("/templates/lab")),
      "extends the lab template",
    );
    assert.equal((await nbconvertSees("SlidesExporter")).template_name, "reveal");
    assert.equal((await nbconvertSees("WebPDFExporter")).template_name, "tsnwb-lab");
    const un = await runTsnwb(["uninstall", "--prefix", dir]);
    assert.equal(un.code, 0, un.stderr);
    assert.match(un.stdout, new RegExp(`removed ${configFile}: HTMLExporter.template_name`));
    assert.equal(existsSync(configFile), false, "the config file tsnwb created is gone");
    assert.equal(existsSync(templateDir), false);
    assert.equal((await nbconvertSees("HTMLExporter")).template_name, "lab");
  });

  it("merges into the user's config, keeps their keys, and uninstall gives back exactly what was there", async () => {
    const mine = {
      NbConvertApp: { output_files_dir: "figs" },
      HTMLExporter: { exclude_input_prompt: true },
      SlidesExporter: { reveal_scroll: true },
    };
    writeConfig(mine);
    assert.equal((await runTsnwb(["install", "--prefix", dir])).code, 0);
    assert.deepEqual(readConfig(), {
      NbConvertApp: { output_files_dir: "figs" },
      HTMLExporter: { exclude_input_prompt: true, template_name: "tsnwb-lab" },
      SlidesExporter: { reveal_scroll: true, template_name: "reveal" },
    });
    assert.equal((await runTsnwb(["install", "--prefix", dir])).code, 0, "installing twice");
    assert.equal((await runTsnwb(["uninstall", "--prefix", dir])).code, 0);
    assert.deepEqual(readConfig(), mine);
  });

  it("never overrides a template the user chose: warns, exits 0, leaves the config as it was", async () => {
    const mine = { HTMLExporter: { template_name: "classic" } };
    writeConfig(mine);
    const r = await runTsnwb(["install", "--prefix", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /tsnwb install: .*jupyter_nbconvert_config\.json already sets HTMLExporter\.template_name = "classic"; left unchanged; to use the template pass --template tsnwb-lab/,
    );
    assert.deepEqual(readConfig(), mine);
    assert.ok(
      existsSync(join(templateDir, "index.html.j2")),
      "the template is installed for --template",
    );
    assert.equal((await runTsnwb(["uninstall", "--prefix", dir])).code, 0);
    assert.deepEqual(readConfig(), mine);
  });

  it("leaves a config that is not valid JSON untouched and says so", async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(configFile, "{ not json");
    const r = await runTsnwb(["install", "--prefix", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`tsnwb install: ${configFile} is not valid JSON .*; left unchanged`),
    );
    assert.equal(readFileSync(configFile, "utf8"), "{ not json");
  });
});
