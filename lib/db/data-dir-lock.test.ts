import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a process that holds a lock file of its own and waits to be killed. */
function holdLockInChild(dir: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const script = `
    const fs = require('node:fs'); const os = require('node:os');
    fs.writeFileSync(${JSON.stringify(path.join(dir, 'signalboard.lock'))},
      JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command: 'holder' }), { flag: 'wx' });
    console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () =>
      resolve({
        pid: child.pid ?? -1,
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      }),
    );
  });
}

describe('data folder lock', () => {
  it('refuses a second holder and names the first', async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir);
    try {
      let caught: unknown;
      try {
        lockDataDir(dir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataDirLockedError);
      expect((caught as Error).message).toContain(`in use by process ${holder.pid}`);
      expect((caught as Error).message).toContain('holder');
    } finally {
      await holder.kill();
    }
  });

  it('takes over the lock of a process that died without releasing it (kill -9)', async () => {
    const dir = tempDir();
    const holder = await holdLockInChild(dir);
    await holder.kill();
    const lock = lockDataDir(dir);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'signalboard.lock'), 'utf8'));
    expect(written.pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'signalboard.lock'))).toBe(false);
  });

  it('creates the folder and can be taken again after release', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    lockDataDir(dir).release();
    lockDataDir(dir).release();
    expect(fs.existsSync(dir)).toBe(true);
  });

  it('refuses to open the same folder twice in one process', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    } finally {
      lock.release();
    }
  });
});
