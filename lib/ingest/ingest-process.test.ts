import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { CANNOT_LISTEN_EXIT_CODE, startIngestProcess } from './ingest-process';

// The supervisor of INGEST_PORT's process, with small stand-in entry scripts (plain JavaScript).

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function script(body: string): { entry: string; log: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'signalboard-ingest-process-'));
  folders.push(folder);
  const log = path.join(folder, 'starts.log');
  const entry = path.join(folder, 'entry.js');
  fs.writeFileSync(entry, `require('node:fs').appendFileSync(${JSON.stringify(log)}, process.pid + '\\n');\n${body}\n`);
  return { entry, log };
}
const starts = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').length : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the ingest process supervisor', () => {
  it('reports the port the process listens on, and stops it', async () => {
    const { entry, log } = script(`process.send({ listening: 4321 }); setInterval(() => {}, 1000);`);
    const ports: number[] = [];
    const child = startIngestProcess(entry, { onListening: (port) => ports.push(port), onCannotListen: () => {} });
    await expect.poll(() => ports, { timeout: 10_000 }).toEqual([4321]);
    const pid = Number(fs.readFileSync(log, 'utf8').trim());
    await child.stop();
    expect(alive(pid)).toBe(false);
  });

  it('starts a process that died again, waiting longer each time it keeps dying', async () => {
    const { entry, log } = script(`process.exit(3);`);
    const child = startIngestProcess(entry, { onListening: () => {}, onCannotListen: () => {} });
    try {
      // Starts at 0 s, then after 1 s, then after 2 s more.
      await expect.poll(() => starts(log), { timeout: 10_000 }).toBe(2);
      const second = Date.now();
      await expect.poll(() => starts(log), { timeout: 10_000 }).toBe(3);
      expect(Date.now() - second).toBeGreaterThanOrEqual(1_500);
    } finally {
      await child.stop();
    }
    const after = starts(log);
    await sleep(4_500);
    expect(starts(log)).toBe(after);
  });

  it('does not start again a first process that could not listen on its port: it calls that a configuration error', async () => {
    const { entry, log } = script(`process.exit(${CANNOT_LISTEN_EXIT_CODE});`);
    let cannotListen = 0;
    const child = startIngestProcess(entry, { onListening: () => {}, onCannotListen: () => cannotListen++ });
    await expect.poll(() => cannotListen, { timeout: 10_000 }).toBe(1);
    await sleep(1_500);
    expect(starts(log)).toBe(1);
    await child.stop();
  });
});
