import { type CohortChange, type DeliveryPayload, isCohortEvent, isSignalEvent, summaryLine } from './payload';

// Slack incoming-webhook messages in Block Kit. Slack refuses a message of more than 50 blocks or a
// section text over 3,000 characters, so long content is split into sections and then messages.

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;

type Text = { type: 'mrkdwn' | 'plain_text'; text: string };
export type Block =
  | { type: 'header'; text: Text }
  | { type: 'section'; text?: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' };
export type SlackMessage = { text: string; blocks: Block[] };

/** Slack's mrkdwn escapes only these three. */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });

/** Lines grouped into sections of at most MAX_SECTION_CHARS; a single over-long line is cut. */
export function sectionsOf(lines: string[]): Block[] {
  const sections: Block[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > MAX_SECTION_CHARS ? `${raw.slice(0, MAX_SECTION_CHARS - 1)}…` : raw;
    if (current && current.length + 1 + line.length > MAX_SECTION_CHARS) {
      sections.push({ type: 'section', text: mrkdwn(current) });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push({ type: 'section', text: mrkdwn(current) });
  return sections;
}

function titleOf(payload: DeliveryPayload): string {
  if (payload.eventKey === 'signal.riskForAbandonment') return 'Risk for abandonment';
  if (payload.eventKey === 'signal.engagementLevel') return 'Engagement level';
  if (isCohortEvent(payload.eventKey)) {
    const c = payload.data as CohortChange;
    return `Cohort ${c.cohortName ?? c.cohortId ?? ''}`.trim();
  }
  return payload.eventKey;
}

function memberLines(label: string, members: CohortChange['added'], total: number | undefined): string[] {
  if (!members?.length) return [];
  const lines = [`*${label} (${(total ?? members.length).toLocaleString('en')})*`];
  for (const m of members) {
    const traits = Object.entries(m.traits ?? {})
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
    lines.push(`• \`${escape(m.id)}\`${traits ? ` — ${escape(traits)}` : ''}`);
  }
  return lines;
}

function bodyLines(payload: DeliveryPayload): string[] {
  const data = payload.data;
  if (isSignalEvent(payload.eventKey)) {
    const lines = [typeof data.reason === 'string' ? `*${escape(data.reason)}*` : ''];
    const numbers = [
      data.current !== undefined ? `current ${String(data.current)}` : null,
      data.previous !== undefined ? `previous ${String(data.previous)}` : null,
      data.changePct !== undefined && data.changePct !== null ? `change ${String(data.changePct)}%` : null,
      data.windowDays !== undefined ? `window ${String(data.windowDays)} days` : null,
    ].filter(Boolean);
    if (numbers.length) lines.push(numbers.join(' · '));
    return lines.filter(Boolean);
  }
  if (isCohortEvent(payload.eventKey)) {
    const c = data as CohortChange;
    const lines = [...memberLines('Added', c.added, c.addedCount), ...memberLines('Removed', c.removed, c.removedCount)];
    if (c.moreUrl) lines.push(`<${c.moreUrl}|See every change>`);
    return lines;
  }
  const entries = Object.entries(data);
  if (entries.length === 0) return [];
  return entries.map(([k, v]) => `*${escape(k)}*: ${escape(typeof v === 'string' ? v : JSON.stringify(v))}`);
}

/** The messages for one delivery: usually one, more when the content passes Slack's limits. */
export function slackMessages(payload: DeliveryPayload): SlackMessage[] {
  const fields = [
    payload.eventContext.tenantId ? mrkdwn(`*Account*\n${escape(payload.eventContext.tenantId)}`) : null,
    payload.eventContext.userId ? mrkdwn(`*User*\n${escape(payload.eventContext.userId)}`) : null,
    mrkdwn(`*Environment*\n${escape(payload.environment)}`),
    mrkdwn(`*Event*\n\`${escape(payload.eventKey)}\``),
  ].filter((f): f is Text => f !== null);
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: titleOf(payload).slice(0, 150) } },
    { type: 'section', fields },
  ];
  const body = sectionsOf(bodyLines(payload));
  const footer: Block = { type: 'context', elements: [mrkdwn(`Signalboard · ${escape(payload.timestamp)}`)] };
  const text = summaryLine(payload).slice(0, 3000);

  const messages: SlackMessage[] = [];
  let blocks: Block[] = [...head];
  for (const section of body) {
    if (blocks.length + 1 >= MAX_BLOCKS) {
      messages.push({ text, blocks });
      blocks = [{ type: 'context', elements: [mrkdwn(`${escape(titleOf(payload))} (continued)`)] }];
    }
    blocks.push(section);
  }
  blocks.push(footer);
  messages.push({ text, blocks });
  return messages;
}
