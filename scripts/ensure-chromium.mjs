#!/usr/bin/env node
// `pretest`: the preview page's test (test/preview) drives Debian's Chromium at /usr/bin/chromium,
// never a downloaded browser. When it is missing, install it with apt-get if this is allowed
// (running as root, apt-get present, EV_TARIFF_NO_APT unset); otherwise stop with how to install it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const APT = "/usr/bin/apt-get";

if (existsSync(CHROMIUM)) process.exit(0);

const howTo =
  `npm test needs Debian's Chromium at ${CHROMIUM} (the preview page's test drives it).\n` +
  "Install it, then run npm test again:\n" +
  "    sudo apt-get update && sudo apt-get install -y chromium\n" +
  "(npm test installs it itself when it runs as root on a machine with apt-get; set EV_TARIFF_NO_APT=1 to stop that.)";

const root = typeof process.getuid === "function" && process.getuid() === 0;
if (!root || !existsSync(APT) || process.env.EV_TARIFF_NO_APT) {
  console.error(`ev-tariff: ${CHROMIUM} is missing.\n${howTo}`);
  process.exit(1);
}

console.error(`ev-tariff: ${CHROMIUM} is missing; installing Debian's chromium with apt-get (for the preview page's test)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["-qq", "update"], ["-qq", "install", "-y", "chromium"]]) {
  const r = spawnSync(APT, args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (r.status !== 0) {
    console.error(`ev-tariff: apt-get ${args.slice(1).join(" ")} failed (exit ${r.status ?? r.signal}).\n${howTo}`);
    process.exit(1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`ev-tariff: apt-get installed chromium, but ${CHROMIUM} is still missing.\n${howTo}`);
  process.exit(1);
}
console.error(`ev-tariff: installed ${CHROMIUM}.`);
