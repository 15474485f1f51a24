/**
 * The CLI's start time, as a user meets it: `node dist/cli.js price <tariff> <session>` against
 * `node -e 0`, each spawned `runs` times, interleaved (so other load on the machine weighs on both
 * alike), and the medians compared. The built CLI (npm run build) is what is measured.
 *
 * Standalone: npx tsx scripts/bench/cli-start.ts [runs]
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the bench and issue 12 time: a bundled session through `ev-tariff price`. */
export const CLI_START_ARGS = ["dist/cli.js", "price", "tariffs/gr/athens-dc-150.json", "tariffs/gr/sessions/evening-fast-charge.json"] as const;

/** Goal of issue 12: the CLI's run at most this many ms over `node -e 0`. */
export const CLI_START_GOAL_MS = 60;

export interface CliStart {
  readonly runs: number;
  /** Median wall-clock ms of `node -e 0`. */
  readonly node: number;
  /** Median wall-clock ms of the CLI pricing the session. */
  readonly cli: number;
  /** cli − node: what the CLI itself costs. */
  readonly overNode: number;
  /** Fastest CLI run minus fastest `node -e 0` run (less sensitive to other load). */
  readonly bestOverNode: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timed(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export function measureCliStart(runs = 21): CliStart {
  // One untimed run of each: the files are then in the page cache, as for a user's second run.
  timed(["-e", "0"]);
  timed(CLI_START_ARGS);
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(["-e", "0"]));
    cli.push(timed(CLI_START_ARGS));
  }
  return {
    runs,
    node: median(node),
    cli: median(cli),
    overNode: median(cli) - median(node),
    bestOverNode: Math.min(...cli) - Math.min(...node),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const r = measureCliStart(Number(process.argv[2] ?? 31));
  console.log(
    `node ${CLI_START_ARGS.join(" ")}: median ${r.cli.toFixed(1)} ms, node -e 0: ${r.node.toFixed(1)} ms; ` +
      `${r.overNode.toFixed(1)} ms over node -e 0 (best runs: ${r.bestOverNode.toFixed(1)} ms), ${r.runs} runs each; goal ≤ ${CLI_START_GOAL_MS} ms`,
  );
}
