// Starts Debian's Chromium for the browser tests and the benchmark, and guards their network.
// Never downloads a browser: playwright-core only drives the one given by executablePath.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.MODERATO_CHROMIUM ?? "/usr/bin/chromium";

// As root Chromium needs --no-sandbox; the background-networking flags stop it from calling
// home (refused on a closed network, and noise in the request log).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/**
 * A browser context in which every request is recorded, and any request that leaves `origin` is
 * recorded and blocked (so a test can assert that there were none without anything getting out).
 */
export async function guardedContext(browser, origin, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const requests = [];
  const offOrigin = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (isLocal(url, origin)) return route.continue();
    offOrigin.push(url);
    return route.abort("blockedbyclient");
  });
  return { context, requests, offOrigin };
}

/** Same origin as the page, or data:/blob: URLs the page made itself. */
export function isLocal(url, origin) {
  if (url.startsWith("data:") || url.startsWith("blob:")) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Collects page errors and console errors, to assert a clean run. */
export function collectErrors(page) {
  const errors = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}

/**
 * The demo page (scripts/serve.mjs on a free port) in a guarded context of a fresh Chromium,
 * loaded until `body[data-ready]`. `close()` stops the browser and the server, also after a
 * partial start.
 */
export async function openDemo(contextOptions = {}) {
  const { serve } = await import("../../scripts/serve.mjs");
  const demo = { server: null, browser: null };
  demo.close = async () => {
    await demo.browser?.close();
    await demo.server?.close();
  };
  try {
    demo.server = await serve({ port: 0 });
    demo.browser = await launch();
    demo.guard = await guardedContext(demo.browser, demo.server.origin, contextOptions);
    demo.page = await demo.guard.context.newPage();
    demo.errors = collectErrors(demo.page);
    await demo.page.goto(demo.server.url);
    await demo.page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  } catch (err) {
    await demo.close();
    throw err;
  }
  return demo;
}
