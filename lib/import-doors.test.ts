import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// The doors of lib/ open one way (docs/architecture.md): no domain imports, however indirectly,
// one that imports it, and nothing in lib/ imports app/ or components/. A domain is a folder of
// lib/; a file directly in lib/ (env.ts, errors.ts, log.ts, boot.ts) is one of its own.

const LIB = path.resolve(__dirname);
const IMPORT = /(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** What each file of lib/ imports, as paths relative to the project (without extension). */
function importsOf(): Map<string, string[]> {
  const root = path.dirname(LIB);
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(LIB)) {
    const from = path.relative(root, file).replace(/\.tsx?$/, '');
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => m[1] as string)
      .map((spec) => (spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.join(path.dirname(from), spec) : null))
      .filter((t): t is string => t !== null)
      .map((t) => t.replace(/\/index$/, ''));
    graph.set(from, targets);
  }
  return graph;
}

const domainOf = (file: string) => {
  const [, first, second] = file.split('/');
  return second === undefined ? first!.replace(/\.tsx?$/, '') : first!;
};

/** Groups of nodes that reach each other (Tarjan), of more than one node. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the doors of lib/', () => {
  const graph = importsOf();

  it('never open back into app/ or components/', () => {
    const back = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => t.startsWith('app/') || t.startsWith('components/')).map((t) => `${from} → ${t}`),
    );
    expect(back).toEqual([]);
  });

  it('open one way between domains', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, targets] of graph) {
      const a = domainOf(from);
      for (const target of targets.filter((t) => t.startsWith('lib/'))) {
        const b = domainOf(target);
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    expect(cycles(edges)).toEqual([]);
  });

  it('open one way between files', () => {
    const edges = new Map([...graph].map(([from, targets]) => [from, new Set(targets.filter((t) => graph.has(t)))]));
    expect(cycles(edges)).toEqual([]);
  });
});
