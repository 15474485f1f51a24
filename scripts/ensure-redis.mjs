#!/usr/bin/env node
// `pretest`: the queue tests (test/scale) start Debian's redis-server on a loopback port of their own,
// never a downloaded one. When it is missing, install it with apt-get if this is allowed (running as
// root, apt-get present, EV_TARIFF_NO_APT unset); otherwise stop with how to install it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const REDIS = "/usr/bin/redis-server";
const APT = "/usr/bin/apt-get";

const onPath = () => spawnSync("sh", ["-c", "command -v redis-server"], { stdio: "ignore" }).status === 0;
if (existsSync(REDIS) || onPath()) process.exit(0);

const howTo =
  `npm test needs Debian's redis-server (the queue tests of "ev-tariff batch --redis" start one).\n` +
  "Install it, then run npm test again:\n" +
  "    sudo apt-get update && sudo apt-get install -y redis-server\n" +
  "(npm test installs it itself when it runs as root on a machine with apt-get; set EV_TARIFF_NO_APT=1 to stop that.)";

const root = typeof process.getuid === "function" && process.getuid() === 0;
if (!root || !existsSync(APT) || process.env.EV_TARIFF_NO_APT) {
  console.error(`ev-tariff: ${REDIS} is missing.\n${howTo}`);
  process.exit(1);
}

console.error(`ev-tariff: ${REDIS} is missing; installing Debian's redis-server with apt-get (for the queue tests)…`);
// The package's own service is not started: the tests start redis-server themselves.
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", RUNLEVEL: "1" };
for (const args of [["-qq", "update"], ["-qq", "install", "-y", "--no-install-recommends", "redis-server"]]) {
  const r = spawnSync(APT, args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (r.status !== 0) {
    console.error(`ev-tariff: apt-get ${args.slice(1).join(" ")} failed (exit ${r.status ?? r.signal}).\n${howTo}`);
    process.exit(1);
  }
}
if (!existsSync(REDIS)) {
  console.error(`ev-tariff: apt-get installed redis-server, but ${REDIS} is still missing.\n${howTo}`);
  process.exit(1);
}
console.error(`ev-tariff: installed ${REDIS}.`);
