#!/usr/bin/env node
// A tiny static file server for the demo page and the browser benchmark: Node only, no
// dependencies, loopback only. It serves the folders a page needs (www/, pkg/, bench/) from the
// repository root, so www/ can import ../pkg/ exactly as a static host would serve it, with the
// `application/wasm` type that lets browsers compile the module while it downloads. Everything
// else in the repository (.git, target/, sources) is not served.
//
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]     (--port 0: any free port)
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const SERVED = new Set(["www", "pkg", "bench"]);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

async function handle(req, res, root) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed\n", { allow: "GET, HEAD" });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  } catch {
    return send(res, 400, "bad request\n");
  }
  if (pathname === "/") {
    return send(res, 302, "", { location: "/www/" });
  }
  const parts = pathname.split("/").filter(Boolean);
  // Only the page folders, and no dotfiles or `..` anywhere.
  if (!SERVED.has(parts[0]) || parts.some((p) => p.startsWith(".") || p.includes("\0"))) {
    return send(res, 404, "not found\n");
  }
  let file = resolve(root, ...parts);
  if (!file.startsWith(root + sep)) {
    return send(res, 404, "not found\n");
  }
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) {
        return send(res, 301, "", { location: `${pathname}/` });
      }
      file = join(file, "index.html");
      info = await stat(file);
    }
  } catch {
    return send(res, 404, "not found\n");
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": info.size,
    // Always fresh: the demo is rebuilt in place while a browser may have it open.
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server; resolves to `{ url, port, close }` once it listens. `port: 0` picks a free
 * port (what the tests do).
 */
export function serve({ port = 8080, host = "127.0.0.1", root = ROOT } = {}) {
  const server = createServer((req, res) => {
    handle(req, res, root).catch(() => {
      if (!res.headersSent) send(res, 500, "internal error\n");
      else res.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const origin = `http://${host}:${actual}`;
      resolvePromise({
        origin,
        url: `${origin}/www/`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const host = argValue("--host", "127.0.0.1");
  const wanted = Number(argValue("--port", process.env.PORT ?? "8080"));
  let running;
  try {
    running = await serve({ port: wanted, host });
  } catch (err) {
    if (err.code !== "EADDRINUSE") throw err;
    console.log(`port ${wanted} is taken; using a free one`);
    running = await serve({ port: 0, host });
  }
  console.log(`moderato demo: ${running.url}`);
  console.log(`benchmark:     ${running.origin}/bench/`);
  console.log("(Ctrl-C stops the server)");
  const stop = () => running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
