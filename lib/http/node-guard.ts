import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import ipaddr from 'ipaddr.js';

import { AppError } from '@/lib/errors';

import { errorAnswer, sendAnswer } from './error-response';
import { cutAfterAnswer } from './read-body';

// What server.ts checks of a request before Next sees it. Route handlers read bodies as streams
// with limits of their own (lib/http/read-body.ts); this refuses, without reading a byte of it,
// a body that says it is larger than anything but ingestion accepts, and it settles the client's
// address once, where the socket is known (Next's route handlers never see the socket).

/** No page, form or management request comes near this; ingestion has its own, smaller limits. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** Set by the server on every request it hands to Next; a value sent by the client is replaced. */
export const CLIENT_ADDRESS_HEADER = 'x-signalboard-client-address';

function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(trimmed)) return 'unknown';
  const parsed = ipaddr.parse(trimmed);
  // ::ffff:203.0.113.9 and 203.0.113.9 are one client.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address().toString()
    : parsed.toString();
}

/**
 * The client's address: the socket's peer, or — behind `trustedHops` reverse proxies that each
 * append the address they saw to X-Forwarded-For — the entry that many places from the right.
 * Entries further left were written by the client and prove nothing.
 */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedHops === 0) return normalise(peer);
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = chain[chain.length - trustedHops];
  return normalise(entry ?? chain[0] ?? peer);
}

/**
 * Settles the client address header, and answers itself a URL holding a NUL (400) or a body
 * declared larger than MAX_REQUEST_BYTES (413); what a client still sends after its answer is cut (cutAfterAnswer). Returns
 * true when it answered.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, trustedHops: number): boolean {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, trustedHops);
  // A body a route answered without reading in full (401, 413…) is not read to its end.
  cutAfterAnswer(req, res);
  // A NUL can be neither stored nor looked up: no path or query of this app ever holds one.
  if (/%00/.test(req.url ?? '')) {
    sendAnswer(res, errorAnswer(new AppError('bad_request', 'The address contains a NUL character (%00).')));
    return true;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) {
    const message = `The body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB, the limit.`;
    sendAnswer(res, errorAnswer(new AppError('payload_too_large', message)));
    return true;
  }
  return false;
}

/**
 * How long a client may take: 15 s for its headers and 30 s for the whole request (Node waits
 * 60 s and 5 minutes), so that slow or never-finished uploads cannot pile up.
 */
export function limitRequestTime(server: Server): Server {
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return server;
}
