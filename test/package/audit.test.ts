import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("runtime dependencies (npm run audit:runtime)", () => {
  it("are only the reviewed ones, and none is in a recorded high-severity advisory's range", () => {
    const r = spawnSync(process.execPath, ["scripts/audit.mjs", "--offline"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout).toMatch(/^audit: runtime dependencies [^;]+; none affected by the advisories recorded on \d{4}-\d{2}-\d{2}\n$/);
    // The core's two, and the queue's (issue 13: only ev-tariff/scale and the CLI's worker and batch --redis load them).
    for (const name of ["decimal.js-light", "zod", "bullmq", "ioredis"]) expect(r.stdout).toMatch(new RegExp(`[ ,]${name.replace(".", "\\.")}@[\\d.]+[,;]`));
    expect(r.status).toBe(0);
  });
});
