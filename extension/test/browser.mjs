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

/**
 * The extension's service worker as the DevTools protocol's ServiceWorker domain sees it: its
 * running status, and stopping it the way the browser does when it is idle. The domain lives on a
 * page's session (the browser's own session has none), so `page` is any page of the context.
 * Nothing here wakes the worker, except start().
 */
export async function workerControl(context, page, extensionId) {
  const scope = `chrome-extension://${extensionId}/`;
  const cdp = await context.newCDPSession(page);
  let version = null; // { versionId, runningStatus }
  let stops = 0; // times it was seen stopped: a page waiting for it may start it again at once
  cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(scope)) continue;
      if (v.runningStatus === "stopped" && version?.runningStatus !== "stopped") stops++;
      version = v;
    }
  });
  const poll = async (done, what, timeout = 30_000) => {
    for (const end = Date.now() + timeout; !done(); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error(`the service worker is ${version?.runningStatus}, not ${what}, after ${timeout} ms`);
    }
  };
  const until = (status, timeout) => poll(() => version?.runningStatus === status, status, timeout);
  await cdp.send("ServiceWorker.enable");
  for (const end = Date.now() + 30_000; !version && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
  if (!version) throw new Error(`no service worker for ${scope}`);
  return {
    status: () => version?.runningStatus,
    /** Resolves once the worker is `status` ("running", "stopped"...). */
    until,
    /** Resolves once it has stopped (it may be starting again by then). */
    async stop() {
      if (version.runningStatus === "stopped") return;
      const before = stops;
      await cdp.send("ServiceWorker.stopWorker", { versionId: version.versionId });
      await poll(() => stops > before, "stopped");
    },
    async start() {
      await cdp.send("ServiceWorker.startWorker", { scopeURL: scope });
      await until("running");
    },
    detach: () => cdp.detach(),
  };
}
