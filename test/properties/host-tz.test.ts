import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { explainSession, parseSession, parseTariff, priceSession } from "../../src/index.js";
import { sessionDoc, tariffDoc } from "./arbitraries.js";
import { runs } from "../helpers/runs.js";

const HOST_ZONES = ["UTC", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham", "Europe/Paris", "America/New_York"];
const original = process.env.TZ;

describe("independence from the host time zone (property)", () => {
  afterEach(() => {
    process.env.TZ = original;
  });

  it("gives identical receipts and explanations whatever the process TZ", () => {
    fc.assert(
      fc.property(tariffDoc(), sessionDoc(), (t, s) => {
        const tariff = parseTariff(t);
        const session = parseSession(s);
        process.env.TZ = "UTC";
        const reference = JSON.stringify([priceSession(tariff, session), explainSession(tariff, session)]);
        for (const tz of HOST_ZONES) {
          process.env.TZ = tz;
          expect(JSON.stringify([priceSession(tariff, session), explainSession(tariff, session)])).toBe(reference);
        }
      }),
      { numRuns: runs(40) },
    );
  });
});
