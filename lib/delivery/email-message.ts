import { type CohortChange, type DeliveryPayload, isCohortEvent, summaryLine } from './payload';

// Email connections get one message per delivery, in plain text and HTML with the same content.

export type EmailMessage = { subject: string; text: string; html: string };

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function rows(payload: DeliveryPayload): [string, string][] {
  const base: [string, string][] = [
    ['Event', payload.eventKey],
    ['Environment', payload.environment],
    ...(payload.eventContext.tenantId ? [['Account', payload.eventContext.tenantId] as [string, string]] : []),
    ...(payload.eventContext.userId ? [['User', payload.eventContext.userId] as [string, string]] : []),
    ['Time', payload.timestamp],
  ];
  if (isCohortEvent(payload.eventKey)) {
    const c = payload.data as CohortChange;
    const list = (members: CohortChange['added']) => (members ?? []).map((m) => m.id).join(', ');
    return [
      ...base,
      ['Cohort', c.cohortName ?? c.cohortId ?? ''],
      ['Added', `${c.addedCount ?? c.added?.length ?? 0}${c.added?.length ? `: ${list(c.added)}` : ''}`],
      ['Removed', `${c.removedCount ?? c.removed?.length ?? 0}${c.removed?.length ? `: ${list(c.removed)}` : ''}`],
      ...(c.moreUrl ? [['Every change', c.moreUrl] as [string, string]] : []),
    ];
  }
  return [...base, ...Object.entries(payload.data).map(([k, v]) => [k, show(v)] as [string, string])];
}

export function emailMessage(payload: DeliveryPayload): EmailMessage {
  const summary = summaryLine(payload);
  const table = rows(payload);
  const text = [summary, '', ...table.map(([k, v]) => `${k}: ${v}`), '', '— Signalboard'].join('\n');
  const htmlBody = [
    `<p style="font:15px sans-serif">${html(summary)}</p>`,
    '<table style="font:14px sans-serif;border-collapse:collapse">',
    ...table.map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${html(k)}</th><td style="padding:4px 0">${html(v)}</td></tr>`,
    ),
    '</table>',
    '<p style="font:12px sans-serif;color:#666">Sent by Signalboard</p>',
  ].join('\n');
  return { subject: `[Signalboard] ${summary}`.slice(0, 200), text, html: htmlBody };
}
