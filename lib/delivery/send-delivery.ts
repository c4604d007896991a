import { appOrigin } from '@/lib/env';

import type { AllowList } from './address-guard';
import type { ClaimedDelivery } from './claims';
import { type ConnectionConfig, openSecrets } from './connections/stored';
import { emailMessage } from './email-message';
import { outcomeOfError, postJson, type SendOutcome } from './http-send';
import { sendMail } from './mailer';
import { judgeAttempt, type RetryOptions, type Verdict } from './retry-policy';
import { signatureHeaders } from './signing';
import { slackMessages } from './slack-message';

// One attempt of one delivery, whatever its connection's kind, judged by the delivery contract.

export type SendContext = {
  allow: AllowList;
  retry?: RetryOptions;
  /** Pause between the messages of one Slack delivery (Slack allows about one a second). */
  slackSpacingMs?: number;
  /** The contract's 10 s to connect and 15 s in all, unless a test needs them shorter. */
  timeouts?: { connectMs: number; totalMs: number };
  /** Headers and body as sent, for the test-send panel. */
  onRequest?: (request: { url: string; headers: Record<string, string>; body: string }) => void;
};

export type AttemptResult = { outcome: SendOutcome; verdict: Verdict };

const sendOptions = (context: SendContext) => ({
  allow: context.allow,
  ...(context.timeouts ? { connectTimeoutMs: context.timeouts.connectMs, totalTimeoutMs: context.timeouts.totalMs } : {}),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendWebhook(delivery: ClaimedDelivery, context: SendContext): Promise<SendOutcome> {
  const secrets = openSecrets(delivery);
  const url = (delivery.config as ConnectionConfig).url;
  if (!url || !secrets.signing)
    return { ok: false, error: 'refused', message: 'the connection has no URL or secret', latencyMs: 0 };
  const body = JSON.stringify(delivery.payload);
  const headers = {
    ...secrets.headers,
    'user-agent': 'Signalboard-Webhooks/1',
    ...(await signatureHeaders(secrets.signing, delivery.messageId, new Date(), body)),
  };
  context.onRequest?.({ url, headers: { 'content-type': 'application/json', ...headers }, body });
  return postJson(url, headers, body, sendOptions(context));
}

async function sendSlack(delivery: ClaimedDelivery, context: SendContext): Promise<SendOutcome> {
  const url = openSecrets(delivery).slackUrl;
  if (!url) return { ok: false, error: 'refused', message: 'the connection has no Slack URL', latencyMs: 0 };
  let last: SendOutcome = { ok: false, error: 'network', message: 'nothing sent', latencyMs: 0 };
  const messages = slackMessages(delivery.payload, appOrigin());
  for (const [i, message] of messages.entries()) {
    if (i > 0) await sleep(context.slackSpacingMs ?? 1100);
    const body = JSON.stringify(message);
    context.onRequest?.({ url: '(Slack incoming webhook)', headers: { 'content-type': 'application/json' }, body });
    last = await postJson(url, { 'user-agent': 'Signalboard-Slack/1' }, body, sendOptions(context));
    if (!last.ok || last.status < 200 || last.status >= 300) return last;
  }
  return last;
}

async function sendEmail(delivery: ClaimedDelivery, context: SendContext): Promise<AttemptResult> {
  const recipients = (delivery.config as ConnectionConfig).recipients ?? [];
  const message = emailMessage(delivery.payload, appOrigin());
  context.onRequest?.({ url: `mailto:${recipients.join(',')}`, headers: { subject: message.subject }, body: message.text });
  const mail = await sendMail(recipients, message);
  if (mail.ok)
    return {
      outcome: { ok: true, status: 250, headers: {}, body: mail.response, latencyMs: mail.latencyMs },
      verdict: { kind: 'succeeded' },
    };
  const outcome: SendOutcome = { ok: false, error: 'network', message: mail.message, latencyMs: mail.latencyMs };
  return { outcome, verdict: mail.permanent ? { kind: 'failed' } : judgeAttempt(outcome, delivery.attempts, context.retry) };
}

/**
 * Never throws: whatever goes wrong while building or sending a request (a secret that will not
 * open, a header Node refuses…) is a failed attempt like a network error, recorded and retried on
 * the schedule. A throw would leave the claim to expire unrecorded and be retried forever.
 */
export async function attemptDelivery(delivery: ClaimedDelivery, context: SendContext): Promise<AttemptResult> {
  try {
    if (delivery.kind === 'email') return await sendEmail(delivery, context);
    const outcome = delivery.kind === 'webhook' ? await sendWebhook(delivery, context) : await sendSlack(delivery, context);
    return { outcome, verdict: judgeAttempt(outcome, delivery.attempts, context.retry) };
  } catch (error) {
    const outcome = outcomeOfError(error, 0);
    return { outcome, verdict: judgeAttempt(outcome, delivery.attempts, context.retry) };
  }
}
