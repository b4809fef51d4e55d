// Several suites may start at once in one work tree (every `npm test` runs this one): installing
// and building the e2e JupyterLab is serialised with a lock directory holding the owner's pid. A
// lock whose owner is gone is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { labRoot } from "./paths.js";

const lockDir = join(labRoot, ".prepare.lock");

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withPrepareLock<T>(work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      break;
    } catch {
      // Give a new owner time to write its pid before judging it gone.
      await new Promise((r) => setTimeout(r, 1000));
      if (!ownerAlive()) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lockDir} (another suite installing/building)`);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
