import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

// Servers under test run as child processes, so that they never share a core's event loop with
// the load generator. Only 127.0.0.1 and the ports set aside for this benchmark are used.

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTS = { first: 3201, last: 3220 };
const READY_TIMEOUT_MS = 180_000; // a PGlite first start runs initdb (5–8 s) and Next must prepare
const STOP_GRACE_MS = 10_000;
const KEPT_OUTPUT_LINES = 40;

const portsHandedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port of 3201–3220 that is free now and not handed out earlier in this run. */
export async function freePort(): Promise<number> {
  for (let port = PORTS.first; port <= PORTS.last; port++) {
    if (!portsHandedOut.has(port) && (await canListen(port))) {
      portsHandedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port in ${PORTS.first}–${PORTS.last} on 127.0.0.1.`);
}

export type Server = { port: number; stop(): Promise<void>; outputTail(): string };

/**
 * Starts `node --import tsx <script>` (what `npx tsx` runs, without the wrapper process that would
 * stand between our signals and the server), with `env` (or the env for the port it gets), and waits until GET /api/health answers 200 on its
 * port and on `alsoHealthyOn` (INGEST_PORT, served by another process).
 */
export async function startServer(
  script: string,
  env: NodeJS.ProcessEnv | ((port: number) => NodeJS.ProcessEnv),
  label: string,
  alsoHealthyOn?: number,
): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...(typeof env === 'function' ? env(port) : env), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The output is drained continuously (a full pipe would stall the server) and its end kept for
  // error messages.
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_OUTPUT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const outputTail = () => lines.map((l) => `    | ${l}`).join('\n');
  const server: Server = { port, outputTail, stop: () => stopChild(child) };

  try {
    await waitForHealth(child, port, label);
    if (alsoHealthyOn !== undefined) await waitForHealth(child, alsoHealthyOn, `${label} (port ${alsoHealthyOn})`);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n  Last output of ${label}:\n${outputTail()}`);
  }
  return server;
}

async function waitForHealth(child: ChildProcess, port: number, label: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited before it was ready (${child.exitCode ?? child.signalCode}).`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${label} did not answer /api/health within ${READY_TIMEOUT_MS / 1000} s.`);
}

/** SIGTERM, then SIGKILL if it is still running after 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS)));
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    console.log(`  ! pid ${child.pid} ignored SIGTERM for ${STOP_GRACE_MS / 1000} s: SIGKILL`);
    child.kill('SIGKILL');
    await exited;
  }
}
