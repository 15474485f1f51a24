import * as z from "zod/mini";
import { sessionSchema } from "../src/schema/session.js";
import { tariffSchema } from "../src/schema/tariff.js";

/** The JSON Schemas of the file formats, generated from the parser's zod schemas. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodMiniType, id: string, title: string, description: string) => ({
    ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
    $id: `https://ev-tariff.dev/schema/${id}`,
    title,
    description,
  });
  return {
    "tariff.schema.json": make(
      tariffSchema,
      "tariff.schema.json",
      "ev-tariff tariff v1",
      "A tariff: prices per kWh, per hour charging, per hour idle and per session, with conditions. Cross-field rules (market, currency, zone, ranges) are checked by `ev-tariff validate`.",
    ),
    "session.schema.json": make(sessionSchema, "session.schema.json", "ev-tariff session v1", "A charging session to price."),
  };
}
