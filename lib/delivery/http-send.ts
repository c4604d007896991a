import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

import { type AllowList, refusedAddressReason } from './address-guard';

// One HTTP POST to a receiver, as the delivery contract wants it: redirects are not followed, the
// connection must open within 10 s and the whole exchange end within 15 s, and the address
// connected to must pass the SSRF guard. Keep-alive agents let a busy worker reuse sockets.

export type SendOutcome =
  | { ok: true; status: number; headers: Record<string, string>; body: string; latencyMs: number }
  | { ok: false; error: 'timeout' | 'network' | 'refused'; message: string; latencyMs: number };

export type SendOptions = {
  allow: AllowList;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** How much of the response body to keep. */
  maxBodyBytes?: number;
};

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

class RefusedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedAddressError';
  }
}

type LookupAddress = { address: string; family: number };

/** dns.lookup that drops refused addresses, so the socket can only connect to an allowed one. */
function guardedLookup(allow: AllowList): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((a) => refusedAddressReason(a.address, allow) === null);
      if (allowed.length === 0) {
        const reason = addresses[0] ? refusedAddressReason(addresses[0].address, allow) : `${hostname} has no address`;
        return callback(new RefusedAddressError(reason ?? 'refused'), '', 0);
      }
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const first = allowed[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

export function postJson(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { allow, connectTimeoutMs = 10_000, totalTimeoutMs = 15_000, maxBodyBytes = 4096 } = options;

  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    // Set once the request is under way; cleared by whichever outcome comes first.
    const timers: { connect?: NodeJS.Timeout; total?: NodeJS.Timeout } = {};
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.total);
      clearTimeout(timers.connect);
      resolve(outcome);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return finish({ ok: false, error: 'refused', message: 'the URL is not valid', latencyMs: 0 });
    }
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(hostname)) {
      const reason = refusedAddressReason(hostname, allow);
      if (reason) return finish({ ok: false, error: 'refused', message: reason, latencyMs: 0 });
    }
    const secure = target.protocol === 'https:';
    let request: http.ClientRequest;
    try {
      request = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), ...headers },
        lookup: guardedLookup(allow),
      });
    } catch (error) {
      // Node checks headers here (ERR_INVALID_HTTP_TOKEN, ERR_INVALID_CHAR): an attempt that failed.
      return finish(outcomeOfError(error, elapsed()));
    }
    timers.connect = setTimeout(
      () =>
        request.destroy(
          Object.assign(new Error(`no connection within ${connectTimeoutMs / 1000} s`), { code: 'CONNECT_TIMEOUT' }),
        ),
      connectTimeoutMs,
    );
    timers.total = setTimeout(
      () =>
        request.destroy(
          Object.assign(new Error(`no complete answer within ${totalTimeoutMs / 1000} s`), { code: 'TOTAL_TIMEOUT' }),
        ),
      totalTimeoutMs,
    );
    request.on('socket', (socket) => {
      const check = () => {
        clearTimeout(timers.connect);
        // Belt and braces: the address actually connected to, whatever resolved it.
        const reason = socket.remoteAddress ? refusedAddressReason(socket.remoteAddress, allow) : null;
        if (reason) request.destroy(new RefusedAddressError(reason));
      };
      if (socket.remoteAddress && !socket.connecting) check();
      else socket.once('connect', check);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < maxBodyBytes) {
          chunks.push(chunk.subarray(0, maxBodyBytes - kept));
          kept += Math.min(chunk.length, maxBodyBytes - kept);
        }
      });
      response.on('end', () => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        finish({
          ok: true,
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
          latencyMs: elapsed(),
        });
      });
      response.on('error', (error) => finish(outcomeOfError(error, elapsed())));
    });
    request.on('error', (error) => finish(outcomeOfError(error, elapsed())));
    request.end(body);
  });
}

/** The outcome of an attempt that ended in an error, whatever threw it. */
export function outcomeOfError(error: unknown, latencyMs: number): SendOutcome {
  if (!(error instanceof Error)) return { ok: false, error: 'network', message: String(error), latencyMs };
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof RefusedAddressError) return { ok: false, error: 'refused', message: error.message, latencyMs };
  if (code === 'CONNECT_TIMEOUT' || code === 'TOTAL_TIMEOUT')
    return { ok: false, error: 'timeout', message: error.message, latencyMs };
  return { ok: false, error: 'network', message: code ? `${code}: ${error.message}` : error.message, latencyMs };
}
