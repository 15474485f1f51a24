import * as z from "zod/mini";
import { numberProblem } from "../common.js";

/** OCPP 2.1 `DayOfWeekEnumType`. */
export const OCPP_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type OcppDay = (typeof OCPP_DAYS)[number];

/** OCPP 2.1 `TariffConditionsType` (energy, time and idle prices). */
export interface OcppTariffConditions {
  startTimeOfDay?: string;
  endTimeOfDay?: string;
  dayOfWeek?: OcppDay[];
  validFromDate?: string;
  validToDate?: string;
  evseKind?: "AC" | "DC";
  minEnergy?: number;
  maxEnergy?: number;
  minCurrent?: number;
  maxCurrent?: number;
  minPower?: number;
  maxPower?: number;
  minTime?: number;
  maxTime?: number;
  minChargingTime?: number;
  maxChargingTime?: number;
  minIdleTime?: number;
  maxIdleTime?: number;
}

/** OCPP 2.1 `TariffConditionsFixedType` (fixed fees). */
export interface OcppTariffConditionsFixed {
  startTimeOfDay?: string;
  endTimeOfDay?: string;
  dayOfWeek?: OcppDay[];
  validFromDate?: string;
  validToDate?: string;
  evseKind?: "AC" | "DC";
  paymentBrand?: string;
  paymentRecognition?: string;
}

/** OCPP 2.1 `TaxRateType`: `tax` is a percentage; `stack` 0 is on the net, 1 on top of stack 0. */
export interface OcppTaxRate {
  type: string;
  tax: number;
  stack?: number;
}

/** OCPP 2.1 `PriceType`. */
export interface OcppPrice {
  exclTax?: number;
  inclTax?: number;
  taxRates?: OcppTaxRate[];
}

export interface OcppMessageContent {
  format: "ASCII" | "HTML" | "URI" | "UTF8" | "QRCODE";
  language?: string;
  content: string;
}

/** OCPP 2.1 `TariffType`. */
export interface OcppTariff {
  tariffId: string;
  description?: OcppMessageContent[];
  currency: string;
  energy?: { prices: { priceKwh: number; conditions?: OcppTariffConditions }[]; taxRates?: OcppTaxRate[] };
  validFrom?: string;
  chargingTime?: { prices: { priceMinute: number; conditions?: OcppTariffConditions }[]; taxRates?: OcppTaxRate[] };
  idleTime?: { prices: { priceMinute: number; conditions?: OcppTariffConditions }[]; taxRates?: OcppTaxRate[] };
  fixedFee?: { prices: { priceFixed: number; conditions?: OcppTariffConditionsFixed }[]; taxRates?: OcppTaxRate[] };
  reservationTime?: { prices: { priceMinute: number; conditions?: OcppTariffConditions }[]; taxRates?: OcppTaxRate[] };
  reservationFixed?: { prices: { priceFixed: number; conditions?: OcppTariffConditionsFixed }[]; taxRates?: OcppTaxRate[] };
  minCost?: OcppPrice;
  maxCost?: OcppPrice;
}

/** OCPP 2.1 `PriceType` of a cost total. */
export interface OcppTotalPrice {
  exclTax?: number;
  inclTax?: number;
}

/** OCPP 2.1 `CostDetailsType`: a charger's report of a transaction's cost. */
export interface OcppCostDetails {
  chargingPeriods?: {
    tariffId?: string;
    startPeriod: string;
    dimensions?: { type: "Energy" | "MaxCurrent" | "MinCurrent" | "MaxPower" | "MinPower" | "IdleTIme" | "ChargingTime"; volume: number }[];
  }[];
  totalCost: {
    currency: string;
    typeOfCost: "NormalCost" | "MinCost" | "MaxCost";
    fixed?: OcppTotalPrice;
    energy?: OcppTotalPrice;
    chargingTime?: OcppTotalPrice;
    idleTime?: OcppTotalPrice;
    reservationTime?: OcppTotalPrice;
    reservationFixed?: OcppTotalPrice;
    total: OcppTotalPrice;
  };
  totalUsage: { energy: number; chargingTime: number; idleTime: number; reservationTime?: number };
  failureToCalculate?: boolean;
  failureReason?: string;
}

// Schemas (zod/mini), strict like the official ones (additionalProperties: false), customData allowed.
/** A JSON number read exactly: at most 1e9 in size and 15 significant digits (see numberProblem). */
const exact = z.superRefine((n: number, ctx) => {
  const problem = numberProblem(n);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: n });
});
const num = z.number({ error: "must be a number" }).check(exact);
const int = z.int({ error: "must be a whole number" }).check(exact);
const customData = z.optional(z.looseObject({ vendorId: z.string({ error: "must be a string" }) }));
const hhmm = z.string({ error: 'must be a time "HH:MM"' }).check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'must be a time "HH:MM"' }));
const date = z.string({ error: 'must be a date "YYYY-MM-DD"' }).check(z.regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { error: 'must be a date "YYYY-MM-DD"' }));
const days = z.array(z.enum(OCPP_DAYS, { error: `must be one of ${OCPP_DAYS.join(", ")}` })).check(z.minLength(1, { error: "must name a day" }), z.maxLength(7, { error: "names more than 7 days" }));
const evseKind = z.enum(["AC", "DC"], { error: "must be AC or DC" });
const conditions = z.strictObject({
  startTimeOfDay: z.optional(hhmm),
  endTimeOfDay: z.optional(hhmm),
  dayOfWeek: z.optional(days),
  validFromDate: z.optional(date),
  validToDate: z.optional(date),
  evseKind: z.optional(evseKind),
  minEnergy: z.optional(num),
  maxEnergy: z.optional(num),
  minCurrent: z.optional(num),
  maxCurrent: z.optional(num),
  minPower: z.optional(num),
  maxPower: z.optional(num),
  minTime: z.optional(int),
  maxTime: z.optional(int),
  minChargingTime: z.optional(int),
  maxChargingTime: z.optional(int),
  minIdleTime: z.optional(int),
  maxIdleTime: z.optional(int),
  customData,
});
const fixedConditions = z.strictObject({
  startTimeOfDay: z.optional(hhmm),
  endTimeOfDay: z.optional(hhmm),
  dayOfWeek: z.optional(days),
  validFromDate: z.optional(date),
  validToDate: z.optional(date),
  evseKind: z.optional(evseKind),
  paymentBrand: z.optional(z.string().check(z.maxLength(20))),
  paymentRecognition: z.optional(z.string().check(z.maxLength(20))),
  customData,
});
const taxRates = z.optional(
  z
    .array(z.strictObject({ type: z.string({ error: "must be a string" }).check(z.maxLength(20, { error: "is longer than 20 characters" })), tax: num.check(z.gte(0, { error: "must be a percentage from 0 to 100" }), z.lte(100, { error: "must be a percentage from 0 to 100" })), stack: z.optional(int.check(z.nonnegative())), customData }))
    .check(z.minLength(1, { error: "must not be empty" }), z.maxLength(5, { error: "has more than 5 tax rates" })),
);
const timePrices = z.strictObject({
  prices: z.array(z.strictObject({ priceMinute: num, conditions: z.optional(conditions), customData })).check(z.minLength(1, { error: "needs at least one price" })),
  taxRates,
  customData,
});
const fixedPrices = z.strictObject({
  prices: z.array(z.strictObject({ priceFixed: num, conditions: z.optional(fixedConditions), customData })).check(z.minLength(1, { error: "needs at least one price" })),
  taxRates,
  customData,
});
const price = z.strictObject({ exclTax: z.optional(num), inclTax: z.optional(num), taxRates, customData });

export const ocppTariffSchema = z.strictObject({
  tariffId: z.string({ error: "must be a string" }).check(z.minLength(1, { error: "must not be empty" }), z.maxLength(60, { error: "is longer than 60 characters" })),
  description: z.optional(
    z
      .array(
        z.strictObject({
          format: z.enum(["ASCII", "HTML", "URI", "UTF8", "QRCODE"], { error: "must be ASCII, HTML, URI, UTF8 or QRCODE" }),
          language: z.optional(z.string().check(z.maxLength(8, { error: "is longer than 8 characters" }))),
          content: z.string({ error: "must be a string" }).check(z.maxLength(1024, { error: "is longer than 1024 characters" })),
          customData,
        }),
      )
      .check(z.minLength(1, { error: "must not be empty" }), z.maxLength(10, { error: "has more than 10 texts" })),
  ),
  currency: z.string({ error: "must be a string" }).check(z.regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' })),
  energy: z.optional(
    z.strictObject({
      prices: z.array(z.strictObject({ priceKwh: num, conditions: z.optional(conditions), customData })).check(z.minLength(1, { error: "needs at least one price" })),
      taxRates,
      customData,
    }),
  ),
  validFrom: z.optional(z.string({ error: "must be a date-time string" })),
  chargingTime: z.optional(timePrices),
  idleTime: z.optional(timePrices),
  fixedFee: z.optional(fixedPrices),
  reservationTime: z.optional(timePrices),
  reservationFixed: z.optional(fixedPrices),
  minCost: z.optional(price),
  maxCost: z.optional(price),
  customData,
});
