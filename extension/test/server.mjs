// A tiny loopback-only static server for the test and benchmark pages. Every response carries a
// strict Content-Security-Policy (no inline script or style, no eval, no wasm, Trusted Types),
// to show that the extension works on pages that allow it nothing: the page's CSP never applies
// to the service worker where moderato runs.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join("; ");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png" };

/**
 * Serves `dir` on 127.0.0.1 (a free port). `routes` maps a path to a function returning
 * `{ type, body }` for generated pages. Resolves to `{ origin, close() }`.
 */
export function serve(dir, routes = {}) {
  const root = fileURLToPath(dir instanceof URL ? dir : new URL(dir, import.meta.url));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const headers = { "content-security-policy": CSP, "cache-control": "no-store", "x-content-type-options": "nosniff" };
    try {
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204, headers);
        return res.end();
      }
      if (routes[url.pathname]) {
        const { type, body } = await routes[url.pathname](url);
        res.writeHead(200, { ...headers, "content-type": type });
        return res.end(body);
      }
      const file = normalize(join(root, url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname)));
      if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
