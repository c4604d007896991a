import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { getEnv } from '@/lib/env';

// Secrets at rest (webhook signing secrets, Slack URLs, header values, the Frontegg secret) are
// sealed with AES-256-GCM under a key from the environment, so a database dump alone reveals none.
// Format: "sb1:<key id>:<iv>:<tag>:<ciphertext>" (base64url), the key id naming which key sealed it.

const PREFIX = 'sb1';
type Key = { id: string; bytes: Buffer };

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

function keyFrom(material: string): Key {
  const bytes = createHash('sha256').update(material).digest();
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

/** SECRETS_KEY, or a key generated once into DATA_DIR/secrets.key (embedded and single-host installs). */
function loadKeyMaterial(): string {
  const env = getEnv();
  if (env.SECRETS_KEY) return env.SECRETS_KEY;
  const file = path.resolve(env.DATA_DIR, 'secrets.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      // 'wx': if another process wrote it first, read theirs instead of overwriting it.
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(file, 'utf8').trim();
  }
}

const globalKey = Symbol.for('signalboard.secretKeys');
type GlobalWithKeys = typeof globalThis & { [globalKey]?: Key[] };

function keys(): Key[] {
  const g = globalThis as GlobalWithKeys;
  if (!g[globalKey]) {
    const previous = getEnv().SECRETS_KEY_PREVIOUS;
    g[globalKey] = [keyFrom(loadKeyMaterial()), ...(previous ? [keyFrom(previous)] : [])];
  }
  return g[globalKey];
}

/** Loads (and, the first time, creates) the key now, so a problem shows at start-up. */
export function ensureSecretsKey(): void {
  keys();
}

export function sealSecret(plain: string): string {
  const [key] = keys();
  if (!key) throw new SecretKeyError('no secrets key');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    ':',
  );
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

export function openSecret(sealed: string): string {
  const [prefix, keyId, iv, tag, body] = sealed.split(':');
  if (prefix !== PREFIX || !keyId || !iv || !tag || body === undefined) throw new SecretKeyError('not a sealed secret');
  const key = keys().find((k) => k.id === keyId);
  if (!key) {
    throw new SecretKeyError(
      `a secret was sealed with key ${keyId}, which this process does not have: set SECRETS_KEY (or SECRETS_KEY_PREVIOUS) to the key used when it was saved, the same on every process`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function sealJson(value: unknown): string {
  return sealSecret(JSON.stringify(value));
}

export function openJson<T>(sealed: string): T {
  return JSON.parse(openSecret(sealed)) as T;
}
