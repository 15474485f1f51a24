/**
 * What the submitter and the workers of a queue agree on (issue 13): the keys beside BullMQ's own, the
 * job data, content hashes, and Redis errors in words. Node only: never part of the browser core.
 *
 * Keys (prefix "bull" and queue "ev-tariff" by default; all of one queue share BullMQ's "{prefix}:{queue}:"):
 *   {prefix}:{queue}:evt:tariff:{sha256}   a tariff file's text, stored once by its content hash
 *   {prefix}:{queue}:evt:set:{sha256}      a batch's tariffs and options: {"folder":bool,"tariffs":[sha256…],"options":{…}}
 *   {prefix}:{queue}:evt:in:{jobId}        a job's block of NDJSON session lines (bytes as read)
 *   {prefix}:{queue}:evt:out:{jobId}       its records, as the local batch writes them
 */
import { createHash } from "node:crypto";
import type { LineOptions } from "../cli/batch-lines.js";

/** The queue a submitter and its workers use when none is named. */
export const DEFAULT_QUEUE = "ev-tariff";
/** BullMQ's key prefix. */
export const DEFAULT_PREFIX = "bull";
/** The job name BullMQ stores with each job. */
export const JOB_NAME = "price-lines";
/** How long blocks, records and tariffs stay in Redis when nobody collects them: 7 days. */
export const KEEP_SECONDS = 7 * 24 * 3600;

/** A job: a block of whole input lines, the first being line `first`, priced with tariff set `set`. */
export interface JobData {
  readonly v: 1;
  readonly set: string;
  readonly first: number;
  readonly count: number;
}

/** What a worker answers for a job (its records are in the `out` key). */
export interface JobAnswer {
  readonly sessions: number;
  readonly errors: number;
  /** Gross totals per currency: [code, settlement digits, minor units as a decimal string]. */
  readonly totals: [string, number, string][];
}

/** The set of tariffs a batch prices with, and the options every line is priced with. */
export interface TariffSet {
  readonly folder: boolean;
  readonly tariffs: readonly string[];
  readonly options?: LineOptions;
}

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** The keys of one queue. */
export function keys(queue: string, prefix = DEFAULT_PREFIX) {
  const base = `${prefix}:${queue}:evt:`;
  return {
    tariff: (hash: string) => `${base}tariff:${hash}`,
    set: (hash: string) => `${base}set:${hash}`,
    input: (jobId: string) => `${base}in:${jobId}`,
    output: (jobId: string) => `${base}out:${jobId}`,
    /** BullMQ's own hash of a job. */
    job: (jobId: string) => `${prefix}:${queue}:${jobId}`,
  };
}

/** A Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** Why Redis could not be used, in a few words. */
export function redisProblem(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = err?.message ?? String(e);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) return "it refused the password";
  if (/NOAUTH/i.test(message)) return "it needs a password: give it in the URL, redis://:PASSWORD@host:port";
  switch (err?.code) {
    case "ECONNREFUSED":
      return "connection refused: is redis-server running there?";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "no such host";
    case "ETIMEDOUT":
      return "timed out";
    case "ECONNRESET":
      return "the connection was reset";
  }
  if (/Connection is closed|connect ETIMEDOUT/i.test(message)) return "timed out";
  return message;
}
