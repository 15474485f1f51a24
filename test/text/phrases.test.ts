/**
 * Every phrase of every language is used and shows in the text: each language's table is wrapped
 * so that each phrase records what it returned, fixtures that need every phrase are rendered, and
 * each recorded piece must appear in the rendered text.
 */
import { describe, expect, it } from "vitest";
import { describeTariff, renderReceipt, TEXT_LANGUAGES, type Phrases } from "../../src/index.js";
import { LANGUAGES } from "../../src/text/lang/index.js";
import { makeAthensReceipt, makeCashReceipt, makeEveryPhrase, makeFreeTariff, makeMaxReceipt } from "./fixtures.js";

function recording(base: Phrases) {
  const seen = new Map<string, string[]>();
  const note = (key: string, out: string) => seen.set(key, [...(seen.get(key) ?? []), out]);
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    if (typeof value === "function")
      wrapped[key] = (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => string)(...args);
        note(key, out);
        return out;
      };
    else if (typeof value === "string")
      Object.defineProperty(wrapped, key, {
        enumerable: true,
        get: () => {
          note(key, value);
          return value;
        },
      });
    else wrapped[key] = value;
  }
  return { phrases: wrapped as unknown as Phrases, seen };
}

describe("phrase tables", () => {
  it("all six languages have the same phrases", () => {
    const keys = Object.keys(LANGUAGES.en.phrases).sort();
    for (const lang of TEXT_LANGUAGES) {
      expect(Object.keys(LANGUAGES[lang].phrases).sort(), lang).toEqual(keys);
      expect(LANGUAGES[lang].phrases.dayNames, lang).toHaveLength(7);
      expect(LANGUAGES[lang].code).toBe(lang);
    }
  });

  for (const lang of TEXT_LANGUAGES) {
    it(`${lang}: every phrase is used by some text and shows in it`, () => {
      const athensReceipt = makeAthensReceipt();
      const cashReceipt = makeCashReceipt();
      const everyPhrase = makeEveryPhrase();
      const maxReceipt = makeMaxReceipt();
      const freeTariff = makeFreeTariff();
      const { phrases, seen } = recording(LANGUAGES[lang].phrases);
      const texts = [
        describeTariff(everyPhrase, lang, { phrases }),
        describeTariff(freeTariff, lang, { phrases }),
        renderReceipt(athensReceipt, lang, { phrases }),
        renderReceipt(cashReceipt, lang, { phrases }),
        renderReceipt(maxReceipt, lang, { phrases }),
      ];
      const all = texts.join("\n");
      for (const key of Object.keys(LANGUAGES[lang].phrases)) {
        if (key === "dayNames") {
          for (const day of LANGUAGES[lang].phrases.dayNames) expect(all, `${lang} day ${day}`).toContain(day);
          continue;
        }
        const outputs = seen.get(key);
        expect(outputs, `${lang}.${key} is never used`).toBeDefined();
        for (const out of outputs!) expect(all, `${lang}.${key}`).toContain(out);
      }
      // Nothing left untranslated from the English table (other than words shared by the languages).
      if (lang !== "en") {
        for (const english of ["otherwise", "per minute", "Blocking fee", "Session fee", "Paid", "receipt"]) expect(all).not.toContain(english);
      }
    });
  }
});
