import { releaseConnection } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { createIngestOnlyServer } from '@/lib/ingest/ingest-only-server';
import { CANNOT_LISTEN_EXIT_CODE, cannotListenMessage } from '@/lib/ingest/ingest-process';
import { getIngestHandler } from '@/lib/ingest/service';
import { scrubConsole } from '@/lib/log';

// The ingest process of INGEST_PORT on Postgres, started by server.ts once it has migrated the
// database and provisioned INIT_WRITE_KEYS. It runs the same ingest code as the app's own port,
// without Next in the process: Next patches process-wide globals and turns on Node's promise hooks,
// which every ingest request then pays (bench/RESULTS.md, session 8). No scheduler, no delivery
// worker: the app process runs those, and a write wakes its delivery worker through Postgres.

function main(): void {
  scrubConsole();
  const env = getEnv();
  const port = env.INGEST_PORT;
  if (port === undefined) {
    console.error('ingest-server.ts is started by server.ts when INGEST_PORT is set.');
    process.exit(1);
  }
  const server = createIngestOnlyServer(getIngestHandler);
  server.once('error', (error) => {
    console.error(cannotListenMessage('INGEST_PORT', env.HOST, port, error));
    process.exit(CANNOT_LISTEN_EXIT_CODE);
  });
  server.listen(port, env.HOST, () => process.send?.({ listening: port }));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    // Requests being written are answered first (a 2xx only after the commit), then the pool closes.
    server.close(() => void releaseConnection().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The app process is gone (even killed with -9): so is the reason to serve.
  process.on('disconnect', stop);
}

main();
