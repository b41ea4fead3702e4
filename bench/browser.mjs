// Runs bench/index.html in headless Chromium (Debian's; never downloaded) through playwright-core
// and prints its figures. Prints only; nothing is asserted.
//   node bench/browser.mjs [--json] [--messages N]
import { serve } from "../scripts/serve.mjs";
// playwright-core is installed in js/ (scripts/install-js.sh); js/lib/ resolves it from there.
import { launch, guardedContext } from "../js/lib/browser.mjs";

const json = process.argv.includes("--json");
const nArg = process.argv.indexOf("--messages");
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 20_000;

const server = await serve({ port: 0 });
const browser = await launch();
try {
  const { context, offOrigin } = await guardedContext(browser, server.origin);
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench/?messages=${N}`);
  await page.waitForSelector("body[data-done]", { timeout: 120_000 });
  const result = await page.evaluate(() => window.benchResult);
  if (result.error) throw new Error(`browser benchmark failed: ${result.error}`);
  if (offOrigin.length) throw new Error(`the benchmark page requested ${offOrigin.join(", ")}`);
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`moderato benchmark (${result.runtime}, ${N} messages)`);
    console.log(`  instantiate to first verdict  ${result.instantiateToFirstVerdictMs} ms (compile + instantiate ${result.compileAndInstantiateMs} ms, new Classifier() ${result.buildClassifierMs} ms, first classify ${result.firstClassifyMs} ms)`);
    console.log(`  loading before it             ${(result.glueImportMs + result.wasmFetchMs).toFixed(1)} ms (import moderato.js ${result.glueImportMs} ms, fetch moderato_bg.wasm ${result.wasmFetchMs} ms); import to first verdict ${result.loadToFirstVerdictMs} ms`);
    console.log(`  classify, one at a time       ${result.messagesPerSecond.toLocaleString("en")} messages/s (${result.usPerMessage} µs each)`);
    console.log(`  classifyBatch, 1000 a call    ${result.batchMessagesPerSecond.toLocaleString("en")} messages/s`);
    if (result.wasmTransferBytes) console.log(`  moderato_bg.wasm transferred  ${(result.wasmTransferBytes / 1024).toFixed(1)} KiB (uncompressed localhost)`);
  }
} finally {
  await browser.close();
  await server.close();
}
