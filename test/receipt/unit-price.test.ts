/**
 * Issue 15, deliverable 7: a receipt printed `"unitPrice": "0"` for a line no rate priced beside
 * `"24.00"`. A free line's unit price is 0 in the settlement digits of the currency billed, like the
 * money strings beside it; a priced line keeps the tariff's price as written.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, startMeter } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(ROOT + file, "utf8"));
const athens = () => parseTariff(read("tariffs/gr/athens-dc-150.json"));
const blockedBay = () => parseSession(read("tariffs/gr/sessions/blocked-bay-capped.json"));
const santiago = () => parseTariff(read("tariffs/cl/santiago-dc-60.json"));
const winterIdle = () => parseSession(read("tariffs/cl/sessions/winter-card-idle.json"));

describe("unit prices of receipt lines", () => {
  it("the idle grace period (no rate) prints 0.00 beside the idle rate's 24.00 (EUR)", () => {
    const idle = priceSession(athens(), blockedBay()).lines.filter((l) => l.component === "idle");
    expect(idle.map((l) => [l.rate, l.unitPrice, l.net])).toEqual([
      [null, "0.00", "0.00"],
      ["/idle/0", "24.00", "67.74"],
    ]);
  });

  it("a currency without decimals prints a free line's unit price as 0 (CLP)", () => {
    const free = priceSession(santiago(), winterIdle()).lines.filter((l) => l.rate === null && l.component !== "rounding");
    expect(free.length).toBeGreaterThan(0);
    for (const l of free) expect([l.unitPrice, l.net]).toEqual(["0", "0"]);
  });

  it("billed in another currency, a free line's unit price has that currency's digits", () => {
    const [t, s] = [athens(), blockedBay()];
    const receipt = priceSession(t, s, { currency: "JPY", rate: "160" });
    const idle = receipt.lines.filter((l) => l.component === "idle");
    expect(idle.map((l) => l.unitPrice)).toEqual(["0", "3840"]);
    expect(priceSession(t, s, { currency: "USD", rate: "1.1" }).lines.find((l) => l.component === "idle")!.unitPrice).toBe("0.00");
  });

  it("the price table prints the same text", () => {
    const { code, out } = runCli(["price", ROOT + "tariffs/gr/athens-dc-150.json", ROOT + "tariffs/gr/sessions/blocked-bay-capped.json"]);
    expect(code).toBe(0);
    expect(out.join("\n")).toMatch(/^idle .* 0\.25 h +0\.00 +0\.00 +0\.00$/m);
  });

  it("a live meter's free price is 0.00 too", () => {
    const meter = startMeter(athens(), { start: "2026-06-01T13:50:00Z" });
    meter.stopCharging("2026-06-01T14:20:00Z", "30");
    expect(meter.prices()).toEqual({ phase: "idle", idle: { price: "0.00", rate: null } });
  });
});
