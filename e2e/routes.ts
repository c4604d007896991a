import fs from 'node:fs';
import path from 'node:path';

// Every page and route handler in app/, found on disk, so that a new route is covered by the
// access tests the day it is added, without anyone remembering to list it.

export type AppRoute = { kind: 'page' | 'api'; file: string; path: string; methods: string[] };

const appDir = path.resolve('app');
const PUBLIC = [
  /^\/signin$/,
  /^\/setup$/,
  /^\/api\/health$/,
  /^\/api\/auth\//,
  /^\/api\/v1\/setup$/,
  // Ingestion: authenticated by a write key (its own tests cover that), never by a session.
  /^\/api\/v1\/(track|identify|group|page|screen|alias|batch)$/,
  /^\/api\/v1\/inbound\//,
];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function urlPath(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    // Dynamic segments get a plausible value: access must be refused before anything is looked up.
    .map((s) =>
      s.startsWith('[...') ? 'x' : s === '[slug]' ? 'production' : s.startsWith('[') ? '00000000-0000-4000-8000-000000000000' : s,
    );
  return `/${segments.join('/')}`;
}

export function appRoutes(): AppRoute[] {
  return walk(appDir)
    .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f))
    .map((file) => {
      const kind = file.endsWith('page.tsx') ? ('page' as const) : ('api' as const);
      const source = fs.readFileSync(file, 'utf8');
      const methods =
        kind === 'page'
          ? ['GET']
          : [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? '');
      return { kind, file: path.relative(process.cwd(), file), path: urlPath(file), methods };
    });
}

export function isPublic(route: AppRoute): boolean {
  return PUBLIC.some((re) => re.test(route.path));
}
