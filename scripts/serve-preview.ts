/**
 * A tiny static file server for the built preview page (preview/dist), on the loopback interface
 * only. `npm run preview` builds the page and runs this; `PORT=8080 npm run preview` picks the port
 * (default 4173; when it is taken, any free port).
 */
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_PREVIEW_DIR } from "./build-preview.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** A running preview server. */
export interface PreviewServer {
  readonly url: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => fail(e);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      ok();
    });
  });
}

/**
 * Serves the files of `dir` (GET and HEAD only, nothing outside `dir`) on `host`:`port`, which must
 * be a loopback address. Port 0 picks a free port.
 */
export async function servePreview(dir: string = DEFAULT_PREVIEW_DIR, port = 0, host = "127.0.0.1"): Promise<PreviewServer> {
  if (!LOOPBACK.has(host)) throw new Error(`the preview server listens on loopback only, not on ${host}`);
  const base = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(join(base, path));
    if (!(file === base || file.startsWith(base + sep)) || path.includes("\0")) {
      res.writeHead(403).end();
      return;
    }
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error("not a file");
      size = st.size;
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": size,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  try {
    await listen(server, port, host);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw e;
    await listen(server, 0, host);
  }
  const addr = server.address() as AddressInfo;
  const shown = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(process.env.PORT ?? 4173);
  const server = await servePreview(DEFAULT_PREVIEW_DIR, Number.isInteger(port) && port >= 0 ? port : 4173);
  console.log(`ev-tariff price preview: ${server.url}  (Ctrl+C stops it)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
