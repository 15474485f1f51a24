/**
 * The documentation's links: every relative link (and image) in README.md and docs/*.md points to a file
 * that exists, and an anchor into a Markdown file names one of its headings. README.md and docs/*.md are
 * published (package.json "files"), so their links must also resolve inside the packed file list
 * (`npm pack --dry-run`): the package must not link to a file it lacks. The README stays short.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const docs = readdirSync(join(root, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`)
  .sort();
const pages = ["README.md", ...docs];

/** Markdown without fenced code blocks and inline code, where link syntax is only text. */
function prose(md: string): string {
  return md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The link targets of a Markdown page: inline links and images, and reference definitions. */
function linkTargets(md: string): string[] {
  const text = prose(md);
  const inline = [...text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const refs = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!);
  return [...inline, ...refs];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(md).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

const external = (t: string) => /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith("//");

/** Every relative link of a page, as [the link, the repository path it names, its anchor]. */
function relativeLinks(page: string): Array<{ link: string; path: string; anchor: string | undefined }> {
  return linkTargets(readFileSync(join(root, page), "utf8"))
    .filter((t) => !external(t))
    .map((link) => {
      const [file, anchor] = link.split("#", 2) as [string, string | undefined];
      const path = file ? posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(file))) : page;
      return { link, path, anchor };
    });
}

describe("documentation links", () => {
  let packed: Set<string>;

  beforeAll(() => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    packed = new Set((JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
  }, 60_000);

  it("finds the pages and their links", () => {
    expect(docs.length).toBeGreaterThanOrEqual(10);
    expect(linkTargets("[a](x.md) ![b](img.png) `[c](not-a-link.md)`\n```\n[d](nor-this.md)\n```\n[e]: ref.md")).toEqual(["x.md", "img.png", "ref.md"]);
  });

  it.each(pages)("every relative link of %s resolves in the repository", (page) => {
    const broken: string[] = [];
    for (const { link, path, anchor } of relativeLinks(page)) {
      const file = join(root, path);
      if (path.startsWith("..") || !existsSync(file)) broken.push(`${link}: no such file`);
      else if (anchor && path.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${path}`);
      else if (anchor && !path.endsWith(".md") && statSync(file).isDirectory()) broken.push(`${link}: anchor into a folder`);
    }
    expect(broken).toEqual([]);
  });

  it.each(pages)("every relative link of %s resolves inside the published package", (page) => {
    expect(packed.has(page), `${page} is not in package.json "files"`).toBe(true);
    const missing = relativeLinks(page)
      .filter(({ path }) => !packed.has(path) && ![...packed].some((f) => f.startsWith(`${path.replace(/\/$/, "")}/`)))
      .map(({ link }) => link);
    expect(missing, `${page} links to files the package lacks`).toEqual([]);
  });

  it("docs/index.md lists every page of docs/", () => {
    const listed = new Set(relativeLinks("docs/index.md").map((l) => l.path));
    expect(docs.filter((d) => d !== "docs/index.md" && !listed.has(d))).toEqual([]);
  });

  it("the README is short (at most 8 kB) and starts with the two set-up commands", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(8192);
    const first = /^# [^\n]+\n\n```sh\n([^`]*)```/.exec(readme)?.[1]?.trim().split("\n");
    expect(first).toEqual([
      "npm ci && npm run build && node dist/cli.js price tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json",
      "npm test",
    ]);
  });
});
