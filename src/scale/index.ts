/**
 * `ev-tariff/scale` (Node only): pricing on a BullMQ queue over Redis, for services and for
 * `ev-tariff batch --redis` / `ev-tariff worker` (issue 13; docs/scaling.md).
 *
 * - createPricingWorker({ connection, queue }): a worker in your own process; prices blocks of
 *   NDJSON sessions with the same engine as everywhere else.
 * - submitBatch({ connection, queue, tariffs, input }): submits NDJSON sessions as jobs and hands back
 *   each block's records, in input order.
 */
export { createPricingWorker, type PricingWorker, type PricingWorkerOptions } from "./worker.js";
export { submitBatch, SubmitStopped, type BlockResult, type SubmitOptions, type Submission } from "./submit.js";
export { checkRedis, RedisUnavailable, type Connection } from "./connection.js";
export { DEFAULT_QUEUE, type JobAnswer, type JobData } from "./protocol.js";
export type { TariffSource } from "../cli/batch-lines.js";
