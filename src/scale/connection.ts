/**
 * Redis connections for the queue: from a URL or ioredis options, with the settings BullMQ needs
 * (commands wait for a reconnect instead of failing), and a quick check that answers in one line
 * when Redis cannot be reached or refuses the password.
 */
import { Redis, type RedisOptions } from "ioredis";
import { redactUrl, redisProblem } from "./protocol.js";

/** Where Redis is: a URL (redis://[:password@]host:port[/db]) or ioredis options. */
export type Connection = string | RedisOptions;

/** Redis cannot be used: the message says where and why, in one line. */
export class RedisUnavailable extends Error {
  override readonly name = "RedisUnavailable";
}

/** Where a connection goes, for messages (no password). */
export function describeConnection(connection: Connection): string {
  if (typeof connection === "string") return redactUrl(connection);
  const host = connection.host ?? "127.0.0.1";
  return `redis://${host.includes(":") ? `[${host}]` : host}:${connection.port ?? 6379}${connection.db ? `/${connection.db}` : ""}`;
}

/** A new client; errors are passed to `onError` (never printed by ioredis itself). */
export function connect(connection: Connection, options: RedisOptions = {}, onError: (e: Error) => void = () => {}): Redis {
  const client = typeof connection === "string" ? new Redis(connection, { maxRetriesPerRequest: null, disconnectTimeout: 200, ...options }) : new Redis({ maxRetriesPerRequest: null, disconnectTimeout: 200, ...connection, ...options });
  client.on("error", onError);
  return client;
}

/**
 * Connects once, without retrying, and sends PING: resolves when Redis answers, rejects with
 * RedisUnavailable ("cannot use Redis at redis://host:port: connection refused…") otherwise.
 */
export async function checkRedis(connection: Connection, timeoutMs = 5000): Promise<void> {
  let failure: unknown;
  const client = connect(connection, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: timeoutMs, reconnectOnError: () => false }, (e) => (failure ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new RedisUnavailable(`cannot use Redis at ${describeConnection(connection)}: ${redisProblem(failure ?? e)}`);
  } finally {
    client.disconnect();
  }
}
