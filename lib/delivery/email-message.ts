import {
  cohortChangesUrl,
  cohortCount,
  cohortLabel,
  type CohortMember,
  cohortMembers,
  type DeliveryPayload,
  isCohortEvent,
  show,
  summaryLine,
} from './payload';

// Email connections get one message per delivery, in plain text and HTML with the same content.
// Every value comes from the payload (untrusted): HTML-escaped in the HTML part, and kept to one
// line in the subject.

export type EmailMessage = { subject: string; text: string; html: string };

const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

function rows(payload: DeliveryPayload, appOrigin: string): [string, string][] {
  const base: [string, string][] = [
    ['Event', payload.eventKey],
    ['Environment', payload.environment],
    ...(payload.eventContext.tenantId ? [['Account', show(payload.eventContext.tenantId)] as [string, string]] : []),
    ...(payload.eventContext.userId ? [['User', show(payload.eventContext.userId)] as [string, string]] : []),
    ['Time', payload.timestamp],
  ];
  if (isCohortEvent(payload.eventKey)) {
    const data = payload.data;
    const change = (members: CohortMember[], count: unknown) =>
      `${cohortCount(count, members)}${members.length ? `: ${members.map((m) => m.id).join(', ')}` : ''}`;
    const more = cohortChangesUrl(data, appOrigin);
    return [
      ...base,
      ['Cohort', cohortLabel(data)],
      ['Added', change(cohortMembers(data.added), data.addedCount)],
      ['Removed', change(cohortMembers(data.removed), data.removedCount)],
      ...(more ? [['Every change', more] as [string, string]] : []),
    ];
  }
  return [...base, ...Object.entries(payload.data).map(([k, v]) => [k, show(v)] as [string, string])];
}

/** `appOrigin` is where links point (APP_URL). */
export function emailMessage(payload: DeliveryPayload, appOrigin: string): EmailMessage {
  const summary = summaryLine(payload);
  const table = rows(payload, appOrigin);
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
  return { subject: oneLine(`[Signalboard] ${summary}`).slice(0, 200), text, html: htmlBody };
}
