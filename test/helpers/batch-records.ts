/** Generated batch input and the records a batch writes, for the batch and queue fault tests. */

/** Plain sessions of varied length and energy, `count` of them, one JSON text each. */
export function sessionLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(2026, 10, 1 + (i % 28), (i * 5) % 24, (i * 7) % 60);
    const minutes = 10 + ((i * 13) % 170);
    return JSON.stringify({
      id: `s${i}`,
      start: new Date(start).toISOString(),
      chargingEnd: new Date(start + minutes * 60_000).toISOString(),
      end: new Date(start + (minutes + (i % 50)) * 60_000).toISOString(),
      energyKWh: `${(i % 90) + 0.25}`,
    });
  });
}

/** One record of a batch's output. */
export type BatchRecord = { line: number; receipt?: unknown; error?: unknown; notDone?: string };

/** The records of a batch's output text. */
export const records = (text: string): BatchRecord[] => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as BatchRecord);
