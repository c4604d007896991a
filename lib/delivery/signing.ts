import { randomBytes } from 'node:crypto';

import { SignJWT } from 'jose';
import { Webhook } from 'standardwebhooks';

// Every webhook carries two signatures, so receivers can use whichever they already verify:
// - Standard Webhooks: webhook-id (stable across retries), webhook-timestamp and webhook-signature
//   ("v1,<base64 HMAC-SHA256 of id.timestamp.body>", several separated by spaces while rotating);
// - x-webhook-secret: a JWT (HS256) signed with the secret, as Frontegg sends it.

export type SigningSecrets = {
  current: string;
  /** Still signed with until it expires, after a rotation (24 h). */
  previous?: { secret: string; expiresAt: string };
};

export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
export const SECRET_PREFIX = 'whsec_';

export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

// whsec_ secrets are base64 keys (the Standard Webhooks convention); any other secret an admin
// entered is used as its raw UTF-8 bytes (receivers pass { format: 'raw' } to the verifier).
function webhookFor(secret: string): Webhook {
  return secret.startsWith(SECRET_PREFIX) ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

export function activeSecrets(secrets: SigningSecrets, now = new Date()): string[] {
  const previous = secrets.previous && new Date(secrets.previous.expiresAt) > now ? [secrets.previous.secret] : [];
  return [secrets.current, ...previous];
}

export async function signatureHeaders(
  secrets: SigningSecrets,
  messageId: string,
  timestamp: Date,
  body: string,
): Promise<Record<string, string>> {
  const signatures = activeSecrets(secrets, timestamp).map((secret) => webhookFor(secret).sign(messageId, timestamp, body));
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const jwt = await new SignJWT({ webhookId: messageId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('signalboard')
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 5 * 60)
    .sign(new TextEncoder().encode(secrets.current));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures.join(' '),
    'x-webhook-secret': jwt,
  };
}
