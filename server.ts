import { createServer } from 'node:http';
import path from 'node:path';

import { bootInstance } from '@/lib/boot';
import { releaseConnection } from '@/lib/db/client';
import { DataDirLockedError } from '@/lib/db/data-dir-lock';
import { startDeliveryWorker } from '@/lib/delivery/service';
import { appOrigin, ConfigError, getEnv } from '@/lib/env';
import { guardRequest, limitRequestTime } from '@/lib/http/node-guard';
import { handleIngestFastPath } from '@/lib/ingest/fast-path';
import { createIngestOnlyServer } from '@/lib/ingest/ingest-only-server';
import { cannotListenMessage, startIngestProcess } from '@/lib/ingest/ingest-process';
import { getIngestHandler } from '@/lib/ingest/service';
import { startScheduler } from '@/lib/jobs/scheduler';
import { scrubConsole } from '@/lib/log';

// The process entry point (`npm start`, `npm run dev`, the e2e suite). It validates configuration,
// opens and migrates the database before Next handles a single request, and closes it on exit.
// A custom server rather than `next start` so that start-up order is ours and the ingest fast
// path sits in front of Next's request handler (and, with INGEST_PORT, on a port of its own).

async function main(): Promise<void> {
  scrubConsole();
  const dev = process.argv.includes('--dev');
  // Next and React pick their production or development builds from NODE_ENV when first loaded,
  // so it is settled before Next is imported.
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
  const { default: next } = await import('next');
  const env = getEnv();
  const { connection, authSecret, ownerSeeded } = await bootInstance(env);
  const appUrl = appOrigin(env);
  // next-auth reads these two from the process environment; both are settled here, once.
  process.env.NEXTAUTH_SECRET = authSecret;
  process.env.NEXTAUTH_URL = appUrl;

  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = limitRequestTime(
    createServer((req, res) => {
      if (handleIngestFastPath(req, res, getIngestHandler)) return;
      if (guardRequest(req, res, env.TRUST_PROXY_HOPS)) return;
      void handle(req, res);
    }),
  );
  const cannotListen = (setting: string, port: number) => (error: NodeJS.ErrnoException) => {
    console.error(cannotListenMessage(setting, env.HOST, port, error));
    process.exit(1);
  };
  server.once('error', cannotListen('PORT', env.PORT));
  server.listen(env.PORT, env.HOST, () => {
    const where = connection.kind === 'pglite' ? `embedded PGlite in ${connection.dataDir}` : 'Postgres (DATABASE_URL)';
    console.log(`Signalboard ${dev ? '(dev) ' : ''}listening on ${appUrl} — database: ${where}`);
    if (ownerSeeded) console.log(`Owner account created for ${env.ADMIN_EMAIL} from ADMIN_EMAIL / ADMIN_PASSWORD.`);
  });

  // INGEST_PORT: ingestion only, on a port of its own. On Postgres from a process without Next
  // (ingest-server.ts); embedded PGlite belongs to this process, so it serves the port itself.
  let stopIngestPort = async () => {};
  const ingestPort = env.INGEST_PORT;
  if (ingestPort !== undefined) {
    const announce = (how: string) => console.log(`Ingestion also on ${env.HOST}:${ingestPort} (${how}).`);
    if (connection.kind === 'postgres') {
      const child = startIngestProcess(path.join(__dirname, 'ingest-server.ts'), {
        onListening: () => announce('its own process'),
        // It said why; the app does not run half configured.
        onCannotListen: () => process.exit(1),
      });
      stopIngestPort = () => child.stop();
    } else {
      const ingestServer = createIngestOnlyServer(getIngestHandler);
      ingestServer.once('error', cannotListen('INGEST_PORT', ingestPort));
      ingestServer.listen(ingestPort, env.HOST, () => announce('this process: embedded PGlite has one'));
      stopIngestPort = async () => {
        ingestServer.close();
        ingestServer.closeAllConnections();
      };
    }
  }

  const stopScheduler = startScheduler({ signalsEveryMs: env.SIGNALS_EVERY_MINUTES * 60_000 });
  const deliveryWorker = await startDeliveryWorker(connection);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing.`);
    // Never hang on shutdown: exit after 10 s whatever is still open.
    setTimeout(() => process.exit(1), 10_000).unref();
    stopScheduler();
    server.close();
    server.closeAllConnections();
    // Sends in flight are recorded before the database closes; an unrecorded one is sent again later.
    void Promise.all([deliveryWorker.stop(5_000), stopIngestPort()])
      .then(() => releaseConnection())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`Signalboard cannot start.\n${error.message}`);
  } else {
    console.error('Signalboard cannot start:', error);
  }
  process.exit(1);
});
