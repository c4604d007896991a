import { closeConnection, openConnection, wrapConnection } from '@/lib/db/client';
import { parseAllowList } from '@/lib/delivery/address-guard';
import { DeliveryWorker } from '@/lib/delivery/worker';

// A delivery worker in a process of its own, for the tests that run several against one Postgres
// or kill one mid-send:  tsx lib/testing/delivery-worker-process.ts <postgres url> [lease seconds]
// It prints "ready", then on SIGTERM "recorded <n>" (attempts it recorded) and exits.

async function main(): Promise<void> {
  const [url, lease] = process.argv.slice(2);
  if (!url) throw new Error('usage: delivery-worker-process.ts <postgres url> [lease seconds]');
  const connection = await openConnection({ kind: 'postgres', url });
  let recorded = 0;
  const worker = new DeliveryWorker(wrapConnection(connection), connection, {
    allow: parseAllowList(['127.0.0.0/8']),
    concurrency: 32,
    pollMs: 200,
    leaseSeconds: lease ? Number(lease) : undefined,
    onRecorded: () => recorded++,
    onError: (error) => console.error(error),
  });
  await worker.start();
  console.log('ready');
  process.on('SIGTERM', () => {
    void worker
      .stop()
      .then(() => closeConnection(connection))
      .finally(() => {
        console.log(`recorded ${recorded}`);
        process.exit(0);
      });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
