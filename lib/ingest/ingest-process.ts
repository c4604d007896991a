import { type ChildProcess, spawn } from 'node:child_process';

const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A process that ran this long was healthy: the next restart waits the first delay again. */
const HEALTHY_AFTER_MS = 30_000;
const STOP_GRACE_MS = 10_000;

export type IngestProcess = { stop(): Promise<void> };

/** How ingest-server.ts exits when its port cannot be listened on (EX_CONFIG). */
export const CANNOT_LISTEN_EXIT_CODE = 78;

/** The one message for a port that cannot be listened on, from either process. */
export function cannotListenMessage(setting: string, host: string, port: number, error: NodeJS.ErrnoException): string {
  const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.message;
  return `Signalboard cannot start: ${setting} ${host}:${port} cannot be listened on (${why}).`;
}

/**
 * Runs `entry` (ingest-server.ts: INGEST_PORT on Postgres) as a child of the app process, with the
 * app's Node flags (tsx's loader) and environment. Started once the app has migrated the database;
 * started again after it dies (1 s, doubling up to 30 s while it keeps dying); stopped with the
 * app. The child leaves by itself when the app is gone, even after kill -9: its IPC channel closes.
 * If the first one cannot listen on its port (it said why), `onCannotListen` is called instead of
 * starting it again: a port that was never free is a configuration error, not a crash.
 */
export function startIngestProcess(
  entry: string,
  callbacks: { onListening: (port: number) => void; onCannotListen: () => void },
): IngestProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let delay = FIRST_RESTART_DELAY_MS;
  let restartTimer: NodeJS.Timeout | undefined;
  let listenedOnce = false;

  const start = () => {
    const startedAt = Date.now();
    const current = spawn(process.execPath, [...process.execArgv, entry], {
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = current;
    current.on('message', (message: { listening?: number }) => {
      if (typeof message.listening !== 'number') return;
      listenedOnce = true;
      callbacks.onListening(message.listening);
    });
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined;
      if (stopping) return;
      if (!listenedOnce && code === CANNOT_LISTEN_EXIT_CODE) {
        callbacks.onCannotListen();
        return;
      }
      if (Date.now() - startedAt >= HEALTHY_AFTER_MS) delay = FIRST_RESTART_DELAY_MS;
      console.error(`The ingest process exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s.`);
      restartTimer = setTimeout(start, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  };
  start();

  return {
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      // It answers the requests it has (their events commit first), then exits.
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
