import { describe, expect, it } from "vitest";
import { parseSession, safeParseSession, TariffError } from "../../src/index.js";
import { issueHarness } from "../helpers/issues.js";

/** 23:30Z → 02:30Z, charging until 02:00Z. */
const START = "2026-03-28T23:30:00Z";
const END = "2026-03-29T02:30:00Z";
const CHARGING_END = "2026-03-29T02:00:00Z";
const BASE = { start: START, end: END, energyKWh: "22.5" } as const;

const { issuesOf, expectOneIssue } = issueHarness(safeParseSession, "session");

const DECIMAL = "must be a non-negative decimal with at most 6 decimals";

function sessionWith(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...BASE, ...patch };
}

describe("the base fixture", () => {
  it("is valid", () => {
    expect(safeParseSession(BASE).ok).toBe(true);
  });
});

describe("safeParseSession: not an object", () => {
  it.each([
    ["a number", 1],
    ["a string", START],
    ["null", null],
    ["an array", [BASE]],
  ])("rejects %s at the root pointer", (_what, input) => {
    expect(issuesOf(input)).toEqual([{ path: "", message: "must be a JSON object" }]);
  });
});

describe("safeParseSession: required and unknown fields", () => {
  it.each(["start", "end", "energyKWh"])("reports /%s as required", (field) => {
    const input: Record<string, unknown> = { ...BASE };
    delete input[field];
    expect(issuesOf(input)).toEqual([{ path: `/${field}`, message: "is required" }]);
  });

  it("reports all three of an empty object", () => {
    expect(issuesOf({})).toEqual([
      { path: "/start", message: "is required" },
      { path: "/end", message: "is required" },
      { path: "/energyKWh", message: "is required" },
    ]);
  });

  it("reports a meter reading without kWh as required", () => {
    expect(issuesOf(sessionWith({ meter: [{ at: START }] }))).toEqual([{ path: "/meter/0/kWh", message: "is required" }]);
  });

  it("reports unknown fields at the top and inside readings", () => {
    expect(issuesOf(sessionWith({ kwh: "22.5" }))).toEqual([{ path: "/kwh", message: "is not a known field" }]);
    expect(issuesOf(sessionWith({ meter: [{ at: START, kWh: "0", kw: 50 }] }))).toEqual([
      { path: "/meter/0/kw", message: "is not a known field" },
    ]);
  });

  it("reports a start that is not a string without calling it missing", () => {
    expectOneIssue(sessionWith({ start: 1774740600000 }), "/start", "RFC 3339");
  });
});

describe("safeParseSession: instants", () => {
  it("rejects an instant without offset", () => {
    expectOneIssue(sessionWith({ start: "2026-03-28T23:30:00" }), "/start", "offset");
  });

  it.each([
    ["a space instead of T", "2026-03-28 23:30:00Z"],
    ["a date only", "2026-03-28"],
    ["no seconds", "2026-03-28T23:30Z"],
    ["an offset without colon", "2026-03-28T23:30:00+0200"],
    ["free text", "yesterday evening"],
  ])("rejects %s", (_what, start) => {
    expectOneIssue(sessionWith({ start }), "/start", "RFC 3339");
  });

  it("rejects a date that does not exist (2026-02-30)", () => {
    expectOneIssue(sessionWith({ start: "2026-02-30T10:00:00Z", end: "2026-03-01T10:00:00Z" }), "/start", "no day 30 in 2026-02");
  });

  it("rejects hour 24 and an offset beyond 23:59", () => {
    expectOneIssue(sessionWith({ end: "2026-03-29T24:00:00Z" }), "/end", "time of day out of range");
    expectOneIssue(sessionWith({ end: "2026-03-29T02:30:00+24:00" }), "/end", "offset out of range");
  });

  it("rejects sub-millisecond precision", () => {
    expectOneIssue(sessionWith({ start: "2026-03-28T23:30:00.0001Z" }), "/start", "more precision than milliseconds");
    expectOneIssue(sessionWith({ end: "2026-03-29T02:30:00.123456789Z" }), "/end", "more precision than milliseconds");
  });

  it("accepts trailing zeros beyond milliseconds, which lose nothing", () => {
    expect(safeParseSession(sessionWith({ start: "2026-03-28T23:30:00.120000Z" })).ok).toBe(true);
  });

  it("rejects years before 1970", () => {
    expectOneIssue(sessionWith({ start: "1969-12-31T23:00:00Z" }), "/start", "1970");
  });

  it("rejects a huge string without a second, redundant issue", () => {
    expectOneIssue(sessionWith({ start: "2".repeat(100) }), "/start", "too long");
  });

  it("checks meter reading instants too", () => {
    expectOneIssue(sessionWith({ meter: [{ at: "2026-03-29T00:00:00", kWh: "1" }] }), "/meter/0/at", "offset");
    expectOneIssue(sessionWith({ meter: [{ at: "2026-02-30T00:00:00Z", kWh: "1" }] }), "/meter/0/at", "no day 30");
  });
});

describe("safeParseSession: order of start, chargingEnd and end", () => {
  it("rejects end before start", () => {
    expectOneIssue(sessionWith({ end: "2026-03-28T23:29:59Z" }), "/end", "must not be before start");
  });

  it("compares instants, not text, across offsets", () => {
    // 00:10+02:00 is 22:10Z, before the 23:30Z start, though it sorts after it as text.
    expectOneIssue(sessionWith({ end: "2026-03-29T00:10:00+02:00" }), "/end", "must not be before start");
  });

  it("rejects chargingEnd before start", () => {
    expectOneIssue(sessionWith({ chargingEnd: "2026-03-28T23:00:00Z" }), "/chargingEnd", "must not be before start");
  });

  it("rejects chargingEnd after end", () => {
    expectOneIssue(sessionWith({ chargingEnd: "2026-03-29T02:30:01Z" }), "/chargingEnd", "must not be after end");
  });

  it("rejects energy > 0 with zero charging time, whether chargingEnd = start or end = start", () => {
    expectOneIssue(sessionWith({ chargingEnd: START }), "/energyKWh", "charging time", "zero");
    expectOneIssue(sessionWith({ end: START }), "/energyKWh", "charging time", "zero");
  });

  it("accepts zero energy with zero charging time, and a zero-length session", () => {
    expect(safeParseSession(sessionWith({ chargingEnd: START, energyKWh: "0" })).ok).toBe(true);
    expect(safeParseSession(sessionWith({ end: START, energyKWh: 0 })).ok).toBe(true);
  });
});

describe("safeParseSession: energy, payment, id", () => {
  it.each([
    ["negative", "-1"],
    ["negative number", -0.5],
    ["text", "lots"],
    ["7 decimals", "1.0000001"],
    ["a number with 7 decimals", 1.0000001],
  ])("rejects energyKWh that is %s", (_what, energyKWh) => {
    expectOneIssue(sessionWith({ energyKWh }), "/energyKWh", DECIMAL);
  });

  it("a decimal given as a list is only the shape's issue, even when its text is a decimal", () => {
    // Read as its text, ["5"] would be 5 kWh over zero charging time, and ["99"] more than energyKWh.
    expect(issuesOf(sessionWith({ end: START, energyKWh: ["5"] }))).toEqual([{ path: "/energyKWh", message: `${DECIMAL}, e.g. "0.45"` }]);
    expect(issuesOf(sessionWith({ meter: [{ at: "2026-03-29T01:00:00Z", kWh: ["99"] }] }))).toEqual([{ path: "/meter/0/kWh", message: `${DECIMAL}, e.g. "0.45"` }]);
  });

  it.each(["bitcoin", "Card", "", 1])("rejects payment %j", (payment) => {
    expectOneIssue(sessionWith({ payment }), "/payment", '"card", "app" or "cash"');
  });

  it("rejects an empty id with a message that says so", () => {
    expectOneIssue(sessionWith({ id: "" }), "/id", "must not be empty");
  });

  it("rejects an id that is not a string", () => {
    expectOneIssue(sessionWith({ id: 42 }), "/id", "must be a string");
  });
});

describe("safeParseSession: meter readings", () => {
  const at = (hhmm: string) => `2026-03-29T${hhmm}:00Z`;

  it("rejects readings out of time order", () => {
    expectOneIssue(
      sessionWith({ meter: [{ at: at("01:00"), kWh: "5" }, { at: at("00:30"), kWh: "6" }] }),
      "/meter/1/at",
      "must be later than the reading before it",
    );
  });

  it("rejects two readings at the same instant, even written with different offsets", () => {
    expectOneIssue(
      sessionWith({ meter: [{ at: at("01:00"), kWh: "5" }, { at: "2026-03-29T03:00:00+02:00", kWh: "6" }] }),
      "/meter/1/at",
      "must be later than the reading before it",
    );
  });

  it("rejects decreasing kWh", () => {
    expectOneIssue(
      sessionWith({ meter: [{ at: at("00:00"), kWh: "6" }, { at: at("01:00"), kWh: "5.999" }] }),
      "/meter/1/kWh",
      "must not be less than the reading before it",
    );
  });

  it("compares kWh as decimals, not text", () => {
    // "9" > "10" as text.
    expect(safeParseSession(sessionWith({ meter: [{ at: at("00:00"), kWh: "9" }, { at: at("01:00"), kWh: 10 }] })).ok).toBe(true);
  });

  it("rejects a reading before start", () => {
    expectOneIssue(sessionWith({ meter: [{ at: "2026-03-28T23:29:00Z", kWh: "0" }] }), "/meter/0/at", "before the session start");
  });

  it("rejects a reading after end", () => {
    expectOneIssue(sessionWith({ meter: [{ at: "2026-03-29T02:31:00Z", kWh: "22.5" }] }), "/meter/0/at", "after the session end");
  });

  it("rejects a reading above energyKWh", () => {
    expectOneIssue(sessionWith({ meter: [{ at: at("00:00"), kWh: "22.6" }] }), "/meter/0/kWh", "more than the session's energyKWh", "22.5");
  });

  it("rejects a nonzero reading at start", () => {
    expectOneIssue(sessionWith({ meter: [{ at: START, kWh: "0.1" }] }), "/meter/0/kWh", "must be 0 at the session start");
  });

  it("rejects a reading after chargingEnd whose kWh is not energyKWh", () => {
    expectOneIssue(
      sessionWith({ chargingEnd: CHARGING_END, meter: [{ at: at("02:10"), kWh: "20" }] }),
      "/meter/0/kWh",
      "must equal energyKWh (22.5) from chargingEnd on",
    );
  });

  it("treats end as chargingEnd when chargingEnd is absent", () => {
    expectOneIssue(sessionWith({ meter: [{ at: END, kWh: "20" }] }), "/meter/0/kWh", "must equal energyKWh");
  });

  it("rejects a reading that is not an object", () => {
    const issues = issuesOf(sessionWith({ meter: [5] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("/meter/0");
    expect(issues[0]!.message).toContain("object");
  });

  it("accepts readings that agree with the session, and normalises their numbers", () => {
    const r = safeParseSession(
      sessionWith({
        chargingEnd: CHARGING_END,
        meter: [
          { at: START, kWh: 0 },
          { at: "2026-03-29T02:00:00+01:00", kWh: 10.25 },
          { at: CHARGING_END, kWh: "22.5" },
          { at: END, kWh: 22.5 },
        ],
      }),
    );
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
    if (r.ok) expect(r.value.meter).toEqual([
      { at: START, kWh: "0" },
      { at: "2026-03-29T02:00:00+01:00", kWh: "10.25" },
      { at: CHARGING_END, kWh: "22.5" },
      { at: END, kWh: "22.5" },
    ]);
  });
});

describe("safeParseSession: several problems", () => {
  it("reports every problem, with its path", () => {
    const input = {
      id: "",
      start: "2026-03-28T23:30:00Z",
      end: "2026-03-28T23:00:00Z",
      chargingEnd: "2026-03-28T23:00:00Z",
      energyKWh: "10",
      payment: "bitcoin",
      colour: "red",
      meter: [
        { at: "2026-03-28T23:30:00Z", kWh: "1" },
        { at: "2026-03-28T23:20:00Z", kWh: "0.5" },
        { at: "2026-03-29T00:00:00", kWh: "11" },
      ],
    };
    const issues = issuesOf(input);
    const expected: Array<[string, string]> = [
      ["/id", "must not be empty"],
      ["/payment", '"card", "app" or "cash"'],
      ["/colour", "is not a known field"],
      ["/meter/2/at", "offset"],
      ["/end", "must not be before start"],
      ["/chargingEnd", "must not be before start"],
      ["/meter/0/at", "after the session end"], // end (23:00) is before start
      ["/meter/0/kWh", "must be 0 at the session start"],
      ["/meter/0/kWh", "must equal energyKWh"], // 23:30 is after chargingEnd (23:00)
      ["/meter/1/at", "before the session start"],
      ["/meter/1/at", "after the session end"],
      ["/meter/1/at", "must be later than the reading before it"],
      ["/meter/1/kWh", "must not be less than the reading before it"],
      ["/meter/1/kWh", "must equal energyKWh"],
      ["/meter/2/kWh", "more than the session's energyKWh"],
    ];
    for (const [path, fragment] of expected) {
      expect(
        issues.some((i) => i.path === path && i.message.includes(fragment)),
        `missing ${path}: …${fragment}… in ${JSON.stringify(issues, null, 1)}`,
      ).toBe(true);
    }
    expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(expected.length);
  });
});

describe("parseSession", () => {
  it("throws a TariffError listing every issue", () => {
    const input = sessionWith({ end: "2026-03-28T00:00:00Z", payment: "iou" });
    let caught: unknown;
    try {
      parseSession(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TariffError);
    const err = caught as TariffError;
    expect(err.issues).toEqual(issuesOf(input));
    expect(err.issues.map((i) => i.path).sort()).toEqual(["/end", "/payment"]);
    expect(err.message).toMatch(/^invalid session: .+ \(and 1 more\)$/);
  });

  it("returns a frozen session with numbers normalised to strings", () => {
    const s = parseSession({ id: "s-1", start: START, end: END, chargingEnd: CHARGING_END, energyKWh: 22.5, payment: "cash", $schema: "x" });
    expect(s).toEqual({ id: "s-1", start: START, end: END, chargingEnd: CHARGING_END, energyKWh: "22.5", payment: "cash" });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it("keeps a valid decimal string as given", () => {
    expect(parseSession(sessionWith({ energyKWh: "48.0" })).energyKWh).toBe("48.0");
  });

  it("parses the bundled Athens session", async () => {
    const { readFileSync } = await import("node:fs");
    const json = JSON.parse(readFileSync(new URL("../../tariffs/gr/sessions/evening-fast-charge.json", import.meta.url), "utf8"));
    expect(parseSession(json).energyKWh).toBe("48.0");
  });
});

describe("safeParseSession: a reading that cannot be read", () => {
  it("leaves the reading before it as the one the next is compared with", () => {
    // Reading 1 names a day that does not exist; reading 2 is earlier than reading 0.
    const meter = [
      { at: "2026-03-29T00:30:00Z", kWh: "5" },
      { at: "2026-02-30T01:00:00Z", kWh: "6" },
      { at: "2026-03-29T00:15:00Z", kWh: "7" },
    ];
    expect(issuesOf(sessionWith({ meter }))).toEqual([
      { path: "/meter/1/at", message: "has no day 30 in 2026-02" },
      { path: "/meter/2/at", message: "must be later than the reading before it (readings in time order, one per instant)" },
    ]);
  });

  it("an instant that is not a date-time at all is reported once, by the schema, whichever field it is in", () => {
    for (const field of ["start", "end", "chargingEnd"]) {
      const issues = issuesOf(sessionWith({ chargingEnd: CHARGING_END, [field]: "at noon" }));
      expect(issues, field).toEqual([{ path: `/${field}`, message: "must be an RFC 3339 date-time with offset (Z or ±hh:mm), e.g. 2026-03-28T23:30:00Z" }]);
    }
  });
});

describe("safeParseSession: decimals beyond 2^53 millionths", () => {
  // 99999999999 kWh is 10^17 millionths: valid, but past what the fast reader reads as a number.
  const huge = "99999999999";
  const at = (hhmm: string) => `2026-03-29T${hhmm}:00Z`;

  it("a reading above energyKWh, and a reading below the one before it, are found when one of the two is that large", () => {
    expect(issuesOf(sessionWith({ meter: [{ at: at("01:00"), kWh: huge }] }))).toEqual([
      { path: "/meter/0/kWh", message: "is more than the session's energyKWh (22.5)" },
    ]);
    expect(issuesOf(sessionWith({ energyKWh: huge, meter: [{ at: at("00:30"), kWh: huge }, { at: at("01:00"), kWh: "1" }] }))).toEqual([
      { path: "/meter/1/kWh", message: "must not be less than the reading before it (readings are cumulative)" },
    ]);
  });

  it("equal large values are equal", () => {
    const r = safeParseSession(sessionWith({ energyKWh: huge, meter: [{ at: at("00:30"), kWh: "1" }, { at: at("01:00"), kWh: huge }, { at: END, kWh: huge }] }));
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
  });
});
