// Runs bench/index.html in headless Chromium (Debian's; never downloaded) through playwright-core
// and prints its figures. Prints only; nothing is asserted.
//   node bench/browser.mjs [--json] [--messages N]
//
// The page is opened twice, each time in a browser of its own (so nothing compiled in one run
// can be reused by the other): once in a browser that has been running for a second, which is how
// people meet a chat page, and once the moment the browser has started, as CI tends to. A
// browser's own start-up keeps both cores of a small machine busy for a few hundred
// milliseconds, and the second figure includes that contention.
import { serve } from "../scripts/serve.mjs";
// playwright-core is installed in js/ (scripts/install-js.sh); js/lib/ resolves it from there.
import { launch, guardedContext } from "../js/lib/browser.mjs";

const json = process.argv.includes("--json");
const nArg = process.argv.indexOf("--messages");
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 20_000;
/** How long the browser runs before the page is opened, in the first run. */
const SETTLE_MS = 1000;

async function run(server, settleMs, messages) {
  const browser = await launch();
  try {
    const { context, offOrigin } = await guardedContext(browser, server.origin);
    const page = await context.newPage();
    if (settleMs) await page.waitForTimeout(settleMs);
    await page.goto(`${server.origin}/bench/?messages=${messages}`);
    await page.waitForSelector("body[data-done]", { timeout: 120_000 });
    const result = await page.evaluate(() => window.benchResult);
    if (result.error) throw new Error(`browser benchmark failed: ${result.error}`);
    if (offOrigin.length) throw new Error(`the benchmark page requested ${offOrigin.join(", ")}`);
    return result;
  } finally {
    await browser.close();
  }
}

const server = await serve({ port: 0 });
try {
  const result = await run(server, SETTLE_MS, N);
  const justStarted = await run(server, 0, 1000);
  if (json) {
    console.log(JSON.stringify({ ...result, justStarted }));
  } else {
    const parts = (r) => `compile + instantiate ${r.compileAndInstantiateMs} ms, new Classifier() ${r.buildClassifierMs} ms, first classify ${r.firstClassifyMs} ms; a second message then took ${r.secondClassifyMs} ms`;
    console.log(`moderato benchmark (${result.runtime}, ${N} messages)`);
    console.log(`  instantiate to first verdict  ${result.instantiateToFirstVerdictMs} ms (${parts(result)}), browser running ${SETTLE_MS} ms before the page`);
    console.log(`  the same, browser just started ${justStarted.instantiateToFirstVerdictMs} ms (${parts(justStarted)})`);
    console.log(`  loading before it             ${(result.glueImportMs + result.wasmFetchMs).toFixed(1)} ms (import moderato.js ${result.glueImportMs} ms, fetch moderato_bg.wasm ${result.wasmFetchMs} ms); import to first verdict ${result.loadToFirstVerdictMs} ms`);
    console.log(`  classify, one at a time       ${result.messagesPerSecond.toLocaleString("en")} messages/s (${result.usPerMessage} µs each)`);
    console.log(`  classifyBatch, 1000 a call    ${result.batchMessagesPerSecond.toLocaleString("en")} messages/s`);
    if (result.wasmTransferBytes) console.log(`  moderato_bg.wasm transferred  ${(result.wasmTransferBytes / 1024).toFixed(1)} KiB (uncompressed localhost)`);
  }
} finally {
  await server.close();
}
