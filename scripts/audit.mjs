#!/usr/bin/env node
/**
 * `npm run audit`: no high or critical advisory in the runtime dependencies (what a user installs).
 *
 * It runs `npm audit --omit=dev` first. Where the registry's audit endpoint cannot be reached (this
 * build machine's registry proxy answers 405), it says so and checks the installed runtime packages
 * against the advisories recorded below instead, which were read from the GitHub Advisory Database
 * on the date given. Either way a runtime dependency that is not in the table fails the check: a new
 * one must be reviewed and recorded here. `--offline` skips `npm audit`.
 */
import { execFileSync } from "node:child_process";

const CHECKED = "2026-11-25";
/** Every runtime dependency, with the high/critical advisories known for it (affected: [from, before)). */
const ADVISORIES = {
  "decimal.js-light": [],
  zod: [{ id: "GHSA-m95q-7qp3-xv42 (CVE-2023-4316, ReDoS in the e-mail check)", severity: "high", from: "3.22.0", before: "3.22.3" }],
  // The queue (issue 13, added 2026-12-03): bullmq and ioredis, and what they bring. Only
  // `ev-tariff/scale`, `ev-tariff worker` and `batch --redis` load them; the core never does.
  bullmq: [],
  "cron-parser": [],
  luxon: [{ id: "GHSA-3xq5-wjfh-ppjc (CVE-2023-22467, ReDoS in DateTime.fromRFC2822)", severity: "high", from: "3.0.0", before: "3.2.1" }],
  ioredis: [],
  "@ioredis/commands": [],
  msgpackr: [{ id: "GHSA-7hpj-7hhx-2fgx (CVE-2023-52079, infinite recursion decoding property names)", severity: "high", from: "0.0.0", before: "1.10.1" }],
  "msgpackr-extract": [],
  "@msgpackr-extract/msgpackr-extract-linux-x64": [],
  "@msgpackr-extract/msgpackr-extract-linux-arm64": [],
  "@msgpackr-extract/msgpackr-extract-linux-arm": [],
  "@msgpackr-extract/msgpackr-extract-darwin-x64": [],
  "@msgpackr-extract/msgpackr-extract-darwin-arm64": [],
  "@msgpackr-extract/msgpackr-extract-win32-x64": [],
  "node-gyp-build-optional-packages": [],
  "detect-libc": [],
  "node-abort-controller": [],
  semver: [],
  tslib: [],
  debug: [{ id: "debug 4.4.2 (published by a hijacked maintainer account, September 2025: malware)", severity: "critical", from: "4.4.2", before: "4.4.3" }],
  ms: [],
  denque: [],
  "redis-errors": [],
  "redis-parser": [],
  "standard-as-callback": [],
  "cluster-key-slot": [],
};

const npm = (args) => {
  try {
    return execFileSync("npm", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return e.stdout ?? "";
  }
};

const parts = (v) => v.split("-")[0].split(".").map(Number);
const compare = (a, b) => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

/** Runtime packages as installed, with their own dependencies. */
function installed() {
  const out = new Map();
  const walk = (deps) => {
    for (const [name, info] of Object.entries(deps ?? {})) {
      // An optional package not installed here (another platform's binary, an optional peer) has no version.
      if (info.version === undefined) continue;
      out.set(name, info.version);
      walk(info.dependencies);
    }
  };
  walk(JSON.parse(npm(["ls", "--omit=dev", "--all", "--json"]) || "{}").dependencies);
  return out;
}

let failed = false;
const packages = installed();
for (const [name, version] of packages) {
  const known = ADVISORIES[name];
  if (!known) {
    console.log(`audit: ${name}@${version} is a runtime dependency not reviewed in scripts/audit.mjs`);
    failed = true;
    continue;
  }
  for (const a of known) {
    if (compare(version, a.from) >= 0 && compare(version, a.before) < 0) {
      console.log(`audit: ${name}@${version} is affected by ${a.id} (${a.severity})`);
      failed = true;
    }
  }
}
console.log(`audit: runtime dependencies ${[...packages].map(([n, v]) => `${n}@${v}`).join(", ")}; none affected by the advisories recorded on ${CHECKED}`.replace("; none", failed ? "; see above" : "; none"));

if (!process.argv.includes("--offline")) {
  const report = JSON.parse(npm(["audit", "--omit=dev", "--json"]) || "{}");
  const counts = report.metadata?.vulnerabilities;
  if (counts) {
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    console.log(`audit: npm audit --omit=dev: ${serious} high or critical, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
    if (serious > 0) failed = true;
  } else {
    console.log(`audit: npm audit could not reach the advisory endpoint (${report.message ?? "no answer"}); the recorded advisories above are the check`);
  }
}
process.exit(failed ? 1 : 0);
