/**
 * The shape of the import graph, checked on every `npm test`: no circles (not even ones closed
 * by types), and every import points to the same layer or a lower one. A new module in a folder
 * that no layer names fails here until it is given a place, so the layering stays a decision.
 *
 * Imports are read with a regular expression over `import … from`, `export … from` and
 * `import()`, which is all this codebase writes; only Dossier's own modules (relative or `@/`)
 * are edges.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Layers, lowest first. A module may import its own layer or a lower one.
 * - vocabulary: the nouns and rules everything shares, importing nothing of Dossier's above it;
 * - core: pure logic on text, documents and the database, no browser APIs;
 * - protocol: every message and reply (types may come from the core's results);
 * - services: what the background and the views do with the core (notes, sync, view interfaces);
 * - components: Preact views, which see the browser only through the services' interfaces;
 * - runtime: the code bound to one context (content script, browser calls, the CLI);
 * - shells: WXT entrypoints and the scripts behind npm commands;
 * - tests.
 */
const LAYERS: { name: string; match: RegExp }[] = [
  {
    name: 'vocabulary',
    match:
      /^lib\/(annotation\/|url\.ts$|format\.ts$|steps\.ts$|sites\.ts$|settings\.ts$|badge\.ts$|motion\.ts$)/,
  },
  {
    name: 'core',
    match:
      /^lib\/((dom|detect|article|anchoring|highlight|export|store|analysis|library)\/|pdf\/(text-model|load|redirect|running)\.ts$)/,
  },
  { name: 'protocol', match: /^lib\/protocol\.ts$/ },
  { name: 'services', match: /^lib\/(notes\/|sync\/|view-api\.ts$)/ },
  { name: 'components', match: /^components\// },
  { name: 'runtime', match: /^lib\/(content|platform|cli|pdf)\// },
  { name: 'shells', match: /^(entrypoints|scripts)\// },
  { name: 'tests', match: /^tests\// },
];

const SOURCE = /\.(ts|tsx)$/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    try {
      if (statSync(path.join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      // Not this candidate.
    }
  }
  return null;
}

/** Every Dossier module and the Dossier modules it imports. */
function importGraph(): Map<string, string[]> {
  const files = ['lib', 'components', 'entrypoints', 'scripts', 'tests'].flatMap(sourceFiles);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? '');
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The strongly connected groups of more than one module (Tarjan's algorithm): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function layerOf(file: string): number {
  return LAYERS.findIndex((layer) => layer.match.test(file));
}

describe('the import graph', () => {
  const graph = importGraph();

  it('reads the real modules (a parser that found nothing would pass everything)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('lib/protocol.ts')).toContain('lib/annotation/index.ts');
  });

  it('has no circles, not even ones closed by types', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('gives every module a layer', () => {
    expect([...graph.keys()].filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it('has no arrow from a lower layer to a higher one', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to > from)
          upward.push(`${file} (${LAYERS[from]?.name}) → ${target} (${LAYERS[to]?.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps the bottom floor self-contained: the vocabulary imports only itself', () => {
    const vocabulary = [...graph].filter(([file]) => layerOf(file) === 0);
    expect(vocabulary.length).toBeGreaterThan(3);
    for (const [file, targets] of vocabulary) {
      for (const target of targets) expect(`${file} → ${layerOf(target)}`).toBe(`${file} → 0`);
    }
  });

  it('finds a circle and an upward arrow when there is one (the checks can fail)', () => {
    const bad = new Map([
      ['lib/a.ts', ['lib/b.ts']],
      ['lib/b.ts', ['lib/a.ts']],
    ]);
    expect(circles(bad)).toEqual([['lib/a.ts', 'lib/b.ts']]);
    expect(layerOf('lib/store/pages.ts')).toBeLessThan(layerOf('lib/notes/service.ts'));
  });
});
