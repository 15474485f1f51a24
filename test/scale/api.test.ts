/**
 * The library API of `ev-tariff/scale` (issue 13), in this process against a real redis-server:
 * createPricingWorker prices what submitBatch submits, and the records handed back, in input order,
 * are those of the local batch's pricer (src/cli/batch-lines.ts); tariffs are stored once, by hash.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceLines, splitLines, tariffBook } from "../../src/cli/batch-lines.js";
import { createPricingWorker, submitBatch, type BlockResult } from "../../src/scale/index.js";
import { startRedis, type RedisServer } from "../helpers/redis.js";

const ATHENS = fileURLToPath(new URL("../../tariffs/gr/athens-dc-150.json", import.meta.url));
const tariffs = [{ file: ATHENS, text: readFileSync(ATHENS, "utf8") }];

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
}, 20_000);
afterAll(async () => {
  await redis?.close();
});

/** 250 lines: sessions, a blank line, a line that is not JSON and one naming no valid session. */
const lines = Array.from({ length: 250 }, (_, i) => {
  if (i === 17) return "";
  if (i === 40) return "{not json";
  if (i === 41) return JSON.stringify({ id: "bad", start: "2026-05-01T10:00:00Z" });
  const start = Date.UTC(2026, 4, 1 + (i % 28), (i * 5) % 24, (i * 7) % 60);
  return JSON.stringify({ id: `s${i}`, start: new Date(start).toISOString(), end: new Date(start + (20 + (i % 90)) * 60_000).toISOString(), energyKWh: `${(i % 60) + 0.5}` });
});

describe("ev-tariff/scale", () => {
  it("a worker in this process prices what submitBatch submits: the local batch's records, in input order, in blocks", async () => {
    const logs: string[] = [];
    const worker = createPricingWorker({ connection: redis.url, queue: "api-test", log: (l) => logs.push(l) });
    const results: BlockResult[] = [];
    try {
      // Input in pieces that cut lines in the middle, as a stream brings it.
      const text = lines.join("\n") + "\n";
      const pieces = Array.from({ length: Math.ceil(text.length / 777) }, (_, i) => text.slice(i * 777, (i + 1) * 777));
      for await (const r of submitBatch({ connection: redis.url, queue: "api-test", tariffs, input: pieces, blockLines: 60 })) results.push(r);
    } finally {
      await worker.close();
    }
    expect(results.map((r) => [r.first, r.last])).toEqual([[1, 60], [61, 120], [121, 180], [181, 240], [241, 250]]);
    const local = priceLines(tariffBook(tariffs, false).book, splitLines(lines.join("\n") + "\n"), 1);
    expect(results.map((r) => r.out).join("")).toBe(local.out);
    expect(results.reduce((n, r) => n + r.sessions, 0)).toBe(local.sessions);
    expect(results.reduce((n, r) => n + r.errors, 0)).toBe(2);
    expect(logs.filter((l) => l.startsWith("worker: job "))).toHaveLength(5);
    expect(worker.done).toEqual({ jobs: 5, sessions: local.sessions, errors: 2 });

    // The tariff is in Redis once, under its content hash; the blocks and records were taken out.
    const client = new Redis(redis.url);
    try {
      const hash = createHash("sha256").update(tariffs[0]!.text).digest("hex");
      expect(await client.keys("bull:api-test:evt:tariff:*")).toEqual([`bull:api-test:evt:tariff:${hash}`]);
      expect(await client.keys("bull:api-test:evt:in:*")).toEqual([]);
      expect(await client.keys("bull:api-test:evt:out:*")).toEqual([]);
    } finally {
      client.disconnect();
    }
  }, 30_000);
});
