/**
 * Summarises a V8 .cpuprofile (written by `node --cpu-prof`, which the benchmarks
 * pass to the OneWindow child with --cpu-prof): self time by function, inclusive
 * time of the project's and libraries' functions, and time by package.
 * Standalone: `npm run bench -- profile <file.cpuprofile>`.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT_DIR, fmt, printTable } from "./support.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function short(url: string): string {
  if (!url) return "";
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(ROOT_DIR)) u = path.relative(ROOT_DIR, u);
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) u = u.slice(nm + "node_modules/".length);
  return u;
}

/** The package (or project folder) a frame belongs to. */
function groupOf(frame: ProfileNode["callFrame"]): string {
  const name = frame.functionName;
  if (name === "(garbage collector)" || name === "(idle)" || name === "(program)" || name === "(root)") return name;
  const u = frame.url.replace(/^file:\/\//, "");
  if (!u) return "(native)";
  if (u.startsWith("node:")) return "node: " + u.slice(5).split("/")[0];
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = u.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (u.startsWith(ROOT_DIR)) return path.relative(ROOT_DIR, u).split("/").slice(0, 2).join("/");
  return u;
}

const keyOf = (f: ProfileNode["callFrame"]) => `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;

export function summarizeProfile(file: string, top = 25): void {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(p.samples[i]);
    if (!node) continue;
    total += dt;
    if (node.callFrame.functionName === "(idle)") {
      idle += dt;
      continue;
    }
    const k = keyOf(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    const g = groupOf(node.callFrame);
    groups.set(g, (groups.get(g) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url || f.url.startsWith("node:")) continue;
      const key = keyOf(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const busy = total - idle;
  console.log(`\nCPU profile ${file}: ${fmt.n(total, 0)} ms sampled, ${fmt.n(busy, 0)} ms busy (${fmt.pct(busy / total)}), idle ${fmt.n(idle, 0)} ms`);
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => [k, fmt.n(ms, 0), fmt.pct(ms / busy)]);
  printTable("Busy time by package / folder", ["group", "ms", "of busy"], rows(groups, 20));
  printTable("Self time by function", ["function", "ms", "of busy"], rows(self, top));
  const project = new Map([...inclusive.entries()].filter(([k]) => /\s(server|routes|models)\//.test(k)));
  printTable("Inclusive time, project functions", ["function", "ms", "of busy"], rows(project, top));
}

/** The main thread's .cpuprofile in a directory (the largest: tsx's loader thread writes a small one too). */
export function newestProfile(dir: string): string | null {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => ({ f: path.join(dir, f), size: statSync(path.join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  return files[0]?.f ?? null;
}
