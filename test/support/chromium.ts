// One way to start Debian's headless Chromium for every browser suite (playwright-core drives it;
// no browser is ever downloaded), with the flags this machine needs (root, no GPU, no side traffic).
import { chromium, type Browser } from "playwright-core";

/** The flags every Chromium here starts with (also one started without Playwright). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
