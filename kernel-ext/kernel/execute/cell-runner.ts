// Runs one cell with tslab's TypeScript converter and executor, and reports what happened as data:
// the value of the last expression (→ execute_result) or one error (→ one `error` output).
// tslab hands both to the console object we give createExecutor — `log` gets the last expression,
// `error` gets compile diagnostics (a format string + parts) or the thrown value — so we capture
// them there instead of letting tslab print them.
import { format } from "node:util";
import { createConverter, type Converter } from "tslab/dist/converter.js";
import { createExecutor, type ConverterSet, type Executor } from "tslab/dist/executor.js";
import { withCellFixes } from "../language/cell-converter.js";
import { errorFromDiagnostics, errorFromException, type ErrorContent } from "./error-content.js";

export type CellOutcome =
  { ok: true; result?: { value: unknown } } | { ok: false; error: ErrorContent };

/** tslab's converters (with our fixes, language/cell-converter.ts), built on first use (building one takes a few hundred ms). */
class LazyConverters implements ConverterSet {
  private nodeConverter?: Converter;
  private browserConverter?: Converter;

  get node(): Converter {
    return (this.nodeConverter ??= withCellFixes(
      createConverter({ isJS: false, isBrowser: false }),
    ));
  }

  get browser(): Converter {
    return (this.browserConverter ??= withCellFixes(
      createConverter({ isJS: false, isBrowser: true }),
    ));
  }

  close(): void {
    this.nodeConverter?.close();
    this.browserConverter?.close();
  }
}

interface Capture {
  result?: { value: unknown };
  errors: unknown[][];
}

export class CellRunner {
  readonly executor: Executor;
  private readonly converters = new LazyConverters();
  private capture: Capture | undefined;

  constructor(rootDir: string) {
    this.executor = createExecutor(rootDir, this.converters, {
      log: (value: unknown) => {
        if (this.capture) this.capture.result = { value };
      },
      error: (...args: unknown[]) => {
        this.capture?.errors.push(args);
      },
    });
  }

  /** Builds the TypeScript converter now rather than in the first cell. */
  warmUp(): void {
    void this.converters.node;
  }

  async run(code: string): Promise<CellOutcome> {
    const capture: Capture = { errors: [] };
    this.capture = capture;
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (e) {
      // tslab itself failed (e.g. the converter threw on odd input): still one error output.
      return { ok: false, error: errorFromException(e) };
    } finally {
      this.capture = undefined;
    }
    if (ok && capture.errors.length === 0) return { ok: true, result: capture.result };
    const diagnostics = capture.errors
      .filter((args) => args.length > 1)
      .map((args) => format(...args));
    if (diagnostics.length > 0) return { ok: false, error: errorFromDiagnostics(diagnostics) };
    const thrown = capture.errors[0];
    return {
      ok: false,
      error: errorFromException(
        thrown ? thrown[0] : new Error("the cell failed without an error value"),
      ),
    };
  }

  /** Stops a cell waiting on a promise; a synchronous loop is stopped by SIGINT itself (breakOnSigint). */
  interrupt(): void {
    this.executor.interrupt();
  }

  close(): void {
    this.executor.close();
  }
}
