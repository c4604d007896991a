import type { IncomingMessage } from 'node:http';

export type ReadBody = string | { tooLarge: true };

/** Reads a Node request body, stopping (without buffering the rest) once it passes `limit` bytes. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

// After a body passes its limit, the rest is read and dropped for a little while before the
// connection is cut: a client still sending when it is cut gets a reset, often before it has read
// the 413 (the "lingering close" of web servers). Dropped, the rest costs no memory.
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 5_000;

async function lingerThenCancel(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const cut = setTimeout(() => void reader.cancel().catch(() => {}), LINGER_MS);
  try {
    for (let dropped = 0; dropped < LINGER_BYTES;) {
      const { done, value } = await reader.read();
      if (done) return;
      dropped += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // Cancelled by the timer, or the client went away: either way it is over.
  } finally {
    clearTimeout(cut);
  }
}

/** The same for a Web Request (Next route handlers). */
export async function readWebBody(request: Request, limit: number): Promise<ReadBody> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { tooLarge: true };
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void lingerThenCancel(reader);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
