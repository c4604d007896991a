import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite has no lock of its own, and two processes on one data folder lose committed rows
// silently. So whoever opens the folder first takes this lock; anyone else fails with a message
// naming the holder. A lock whose process is gone (kill -9, crash) is taken over.

export type LockHolder = { pid: number; hostname: string; startedAt: string; command: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} ` +
        `(${holder.command}, since ${holder.startedAt}). Stop that process, or point DATA_DIR at ` +
        `another folder, or set DATABASE_URL to share a Postgres database between processes.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = { release(): void };

const LOCK_FILE = 'signalboard.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    // Unreadable or half-written: treated as stale below only if still unreadable after a pause.
    return undefined;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ') || 'node',
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' fails if the file exists: creation is the atomic test-and-set.
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readHolder(lockPath);
        if (holder?.pid === me.pid && holder.hostname === me.hostname) fs.rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder && holder.hostname !== me.hostname) throw new DataDirLockedError(dir, holder);
    if (holder && processIsAlive(holder.pid) && holder.pid !== process.pid) throw new DataDirLockedError(dir, holder);
    if (holder?.pid === process.pid) {
      throw new Error(`The data folder ${dir} is already open in this process; open it once and share the client.`);
    }
    if (!holder) {
      // A writer may be between creating and filling the file; give it a moment before taking over.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      if (readHolder(lockPath)) continue;
    }
    // Take over a stale lock only if it is still the one we judged stale (another starter may
    // have taken it over meanwhile).
    const again = readHolder(lockPath);
    if (again && holder && (again.pid !== holder.pid || again.startedAt !== holder.startedAt)) continue;
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not lock the data folder ${dir}: ${lockPath} keeps reappearing.`);
}
