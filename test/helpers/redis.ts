/**
 * A real Redis for the queue tests (issue 13): Debian's redis-server on a free loopback port, with
 * its own temporary folder (append-only file on), stopped and its folder removed after. No mock.
 * `npm test`'s pretest (scripts/ensure-redis.mjs) installs redis-server when it is missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** redis-server: Debian's, or the first on PATH. */
export function redisServerPath(): string | undefined {
  if (existsSync("/usr/bin/redis-server")) return "/usr/bin/redis-server";
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:PORT (with the password when there is one). */
  readonly url: string;
  readonly dir: string;
  /** Stops it (SIGTERM: Redis writes its append-only file and exits); `start` brings it back with the same data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/** Starts redis-server; resolves once it accepts connections. */
export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const bin = redisServerPath();
  if (!bin) throw new Error("redis-server is missing: apt-get install -y redis-server (npm test's pretest does so as root)");
  const dir = mkdtempSync(join(tmpdir(), "ev-tariff-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--daemonize", "no", "--logfile", "", "--loglevel", "warning", "--protected-mode", "no"];
    if (options.password) args.push("--requirepass", options.password);
    const c = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = c;
    let log = "";
    c.stdout!.on("data", (d) => (log += d));
    c.stderr!.on("data", (d) => (log += d));
    // Ready when it answers PING (redis-cli may be missing: a raw RESP PING over a socket).
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`redis-server exited (${c.exitCode}): ${log}`);
      if (await answers(port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start in 10 s: ${log}`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((ok) => c.once("exit", ok));
    c.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://${options.password ? `:${options.password}@` : ""}127.0.0.1:${port}`,
    dir,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether something on the port answers a RESP PING (+PONG, or an error such as NOAUTH). */
async function answers(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((ok) => {
    const s = connect(port, "127.0.0.1");
    s.setTimeout(1000);
    s.once("connect", () => s.write("PING\r\n"));
    s.once("data", (d) => {
      s.destroy();
      ok(/^(\+PONG|-NOAUTH)/.test(d.toString()));
    });
    s.once("error", () => ok(false));
    s.once("timeout", () => {
      s.destroy();
      ok(false);
    });
  });
}
