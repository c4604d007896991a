import nodemailer, { type Transporter } from 'nodemailer';

import { getEnv } from '@/lib/env';

import type { EmailMessage } from './email-message';

// Outgoing mail through the SMTP server configured in SMTP_* (nodemailer does the protocol).

export type MailOutcome =
  { ok: true; response: string; latencyMs: number } | { ok: false; permanent: boolean; message: string; latencyMs: number };

export function smtpConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.SMTP_HOST && env.SMTP_FROM);
}

const globalKey = Symbol.for('signalboard.mailer');
type GlobalWithMailer = typeof globalThis & { [globalKey]?: Transporter };

function transporter(): Transporter {
  const g = globalThis as GlobalWithMailer;
  if (!g[globalKey]) {
    const env = getEnv();
    g[globalKey] = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : env.SMTP_PORT === 465,
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    });
  }
  return g[globalKey];
}

export async function sendMail(to: string[], message: EmailMessage): Promise<MailOutcome> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  if (!smtpConfigured()) {
    return { ok: false, permanent: true, message: 'SMTP is not configured: set SMTP_HOST and SMTP_FROM', latencyMs: 0 };
  }
  try {
    const info = await transporter().sendMail({ from: getEnv().SMTP_FROM, to, ...message });
    return { ok: true, response: String(info.response ?? 'accepted'), latencyMs: latencyMs() };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx SMTP replies are permanent refusals; 4xx and connection trouble may pass later.
    return { ok: false, permanent: code !== undefined && code >= 500, message: (error as Error).message, latencyMs: latencyMs() };
  }
}
