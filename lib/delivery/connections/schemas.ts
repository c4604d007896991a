import { z } from 'zod';

// What an admin sends to create or edit a connection. Every message names the field to fix.

const name = z.string({ error: 'expected a name' }).trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

const targetUrl = z
  .string({ error: 'expected a URL' })
  .trim()
  .max(2000, 'must be at most 2,000 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }));

const eventKeys = z
  .array(
    z.string({ error: 'expected an event key' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    {
      error: 'expected a list of event keys',
    },
  )
  .min(1, 'choose at least one trigger')
  .max(500, 'at most 500 triggers')
  .transform((keys) => [...new Set(keys)]);

// Headers the product sets itself, or that would change how the request is framed or sent,
// cannot be set by an admin.
const RESERVED_HEADERS =
  /^(host|content-type|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|expect|user-agent|webhook-id|webhook-timestamp|webhook-signature|x-webhook-secret)$/i;

// A name Node accepts is an RFC 9110 token; a value must hold no CR, LF or NUL (printable ASCII).
const headerName = z
  .string({ error: 'expected a header name' })
  .trim()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "expected a header name (letters, digits and !#$%&'*+-.^_`|~)")
  .refine((n) => !RESERVED_HEADERS.test(n), 'is set by Signalboard and cannot be overridden');
const headerValue = z
  .string({ error: 'expected a header value' })
  .max(2000, 'must be at most 2,000 characters')
  .regex(/^[\t\x20-\x7e]*$/, 'must be printable ASCII');

/** The extra headers of a webhook, the same rules on create and on edit (where a value may be null: keep it). */
function headerList<V extends z.ZodType<string | null>>(value: V) {
  return z
    .array(z.object({ name: headerName, value }), { error: 'expected a list of { name, value }' })
    .max(20, 'at most 20 headers')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [i, h] of list.entries()) {
        const key = h.name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'each header name once' });
        seen.add(key);
      }
    });
}

const signingSecret = z
  .string({ error: 'expected a secret' })
  .trim()
  .min(16, 'must be at least 16 characters')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .refine(
    (s) => !s.startsWith('whsec_') || /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(s),
    'a whsec_ secret must be base64 after the prefix',
  );

const recipients = z
  .array(z.email({ error: 'expected an email address' }), { error: 'expected a list of email addresses' })
  .min(1, 'add at least one recipient')
  .max(50, 'at most 50 recipients')
  .transform((list) => [...new Set(list.map((r) => r.toLowerCase()))]);

export const createConnectionInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('webhook'),
      name,
      url: targetUrl,
      // Generated (whsec_…) when left out.
      secret: signingSecret.optional(),
      eventKeys,
      headers: headerList(headerValue).default([]),
      enabled: z.boolean({ error: 'expected true or false' }).default(true),
    }),
    z.object({
      kind: z.literal('slack'),
      name,
      url: targetUrl,
      eventKeys,
      enabled: z.boolean({ error: 'expected true or false' }).default(true),
    }),
    z.object({
      kind: z.literal('email'),
      name,
      recipients,
      eventKeys,
      enabled: z.boolean({ error: 'expected true or false' }).default(true),
    }),
  ],
  { error: 'expected kind to be webhook, slack or email' },
);
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

/** Any subset; fields that do not apply to the connection's kind are refused by updateConnection. */
export const updateConnectionInput = z
  .object({
    name,
    url: targetUrl,
    eventKeys,
    // Replaces the whole list; a header sent with value null keeps its stored value.
    headers: headerList(headerValue.nullable()),
    recipients,
    enabled: z.boolean({ error: 'expected true or false' }),
  })
  .partial()
  .strict();
export type UpdateConnectionInput = z.infer<typeof updateConnectionInput>;

export const testSendInput = z.object({
  eventKey: z
    .string({ error: 'expected an event key' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});
