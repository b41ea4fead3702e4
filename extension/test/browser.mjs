// Starts Debian's Chromium with the unpacked extension loaded, through playwright-core (which
// never downloads a browser here: it only drives the one at executablePath).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.MODERATO_CHROMIUM ?? "/usr/bin/chromium";
export const EXTENSION_DIR = fileURLToPath(new URL("../../dist/extension", import.meta.url));

/**
 * A persistent context (extensions need one) with the extension loaded, every request recorded,
 * and the extension's id and service worker. `close()` also deletes the profile.
 */
export async function launchWithExtension({ extensionDir = EXTENSION_DIR, viewport = { width: 1100, height: 900 } } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "moderato-ext-"));
  // Extensions need the new headless mode; Chromium 132+ has only that behind --headless. The
  // other flags stop Chromium's own calls home (component updates, sync, field trials).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    timeout: 60_000,
    args: [
      "--no-sandbox",
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-gpu",
      "--disable-quic",
    ],
  });
  const requests = [];
  context.on("request", (r) => requests.push({ url: r.url(), from: r.serviceWorker() ? "service worker" : r.frame()?.url?.() ?? "?" }));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    requests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but this machine's loopback or the extension itself. */
export function offMachine(requests) {
  return requests.filter(({ url }) => {
    if (url.startsWith("chrome-extension://") || url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank") return false;
    try {
      const u = new URL(url);
      return !(u.protocol === "http:" && u.hostname === "127.0.0.1");
    } catch {
      return true;
    }
  });
}
