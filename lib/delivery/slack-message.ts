import {
  cohortChangesUrl,
  cohortCount,
  cohortLabel,
  type CohortMember,
  cohortMembers,
  type DeliveryPayload,
  isCohortEvent,
  isSignalEvent,
  show,
  summaryLine,
} from './payload';

// Slack incoming-webhook messages in Block Kit. Slack refuses a message of more than 50 blocks or a
// section text over 3,000 characters, so long content is split into sections and then messages.
//
// Slack reads <…> as a mention or a link (<!channel>, <http://x|Click>) in every text it gets,
// the top-level `text` as well, so every value from the payload goes through `inline` and the one
// link is built here, on the app's own origin.

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;

// verbatim: Slack must not turn bare URLs or "@channel" in the data into links or mentions.
type Text = { type: 'mrkdwn'; text: string; verbatim: true } | { type: 'plain_text'; text: string };
export type Block =
  | { type: 'header'; text: Text }
  | { type: 'section'; text?: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' };
export type SlackMessage = { text: string; blocks: Block[]; unfurl_links: false; unfurl_media: false };

/** Slack's escaping (only these three are control characters); line breaks would let data fake lines of ours. */
const inline = (value: unknown) =>
  show(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*[\r\n]+\s*/g, ' ');
const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text, verbatim: true });
/** A section field (Slack allows 2,000 characters). */
const field = (label: string, value: unknown): Text => mrkdwn(clip(`*${label}*\n${inline(value)}`, 2000));

/** Cuts escaped text to `max` characters without leaving half an entity (&am…). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}

/** Lines grouped into sections of at most MAX_SECTION_CHARS; a single over-long line is cut. */
export function sectionsOf(lines: string[]): Block[] {
  const sections: Block[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, MAX_SECTION_CHARS);
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
  if (isCohortEvent(payload.eventKey)) return `Cohort ${cohortLabel(payload.data)}`.trim();
  return payload.eventKey;
}

function memberLines(label: string, members: CohortMember[], total: number): string[] {
  if (!members.length) return [];
  const lines = [`*${label} (${total.toLocaleString('en')})*`];
  for (const m of members) {
    const traits = Object.entries(m.traits ?? {})
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(', ');
    lines.push(`• \`${inline(m.id)}\`${traits ? ` — ${inline(traits)}` : ''}`);
  }
  return lines;
}

const SIGNAL_NUMBERS = [
  ['current', 'current', ''],
  ['previous', 'previous', ''],
  ['changePct', 'change', '%'],
  ['windowDays', 'window', ' days'],
] as const;

function bodyLines(payload: DeliveryPayload, appOrigin: string): string[] {
  const data = payload.data;
  if (isSignalEvent(payload.eventKey)) {
    const lines = [typeof data.reason === 'string' ? `*${inline(data.reason)}*` : ''];
    const numbers = SIGNAL_NUMBERS.filter(([key]) => data[key] !== undefined && data[key] !== null).map(
      ([key, label, unit]) => `${label} ${inline(data[key])}${unit}`,
    );
    if (numbers.length) lines.push(numbers.join(' · '));
    return lines.filter(Boolean);
  }
  if (isCohortEvent(payload.eventKey)) {
    const added = cohortMembers(data.added);
    const removed = cohortMembers(data.removed);
    const lines = [
      ...memberLines('Added', added, cohortCount(data.addedCount, added)),
      ...memberLines('Removed', removed, cohortCount(data.removedCount, removed)),
    ];
    const more = cohortChangesUrl(data, appOrigin);
    if (more) lines.push(`<${inline(more)}|See every change>`);
    return lines;
  }
  return Object.entries(data).map(([k, v]) => `*${inline(k)}*: ${inline(v)}`);
}

/**
 * The messages for one delivery: usually one, more when the content passes Slack's limits.
 * `appOrigin` is where links point (APP_URL).
 */
export function slackMessages(payload: DeliveryPayload, appOrigin: string): SlackMessage[] {
  const fields = [
    payload.eventContext.tenantId ? field('Account', payload.eventContext.tenantId) : null,
    payload.eventContext.userId ? field('User', payload.eventContext.userId) : null,
    field('Environment', payload.environment),
    field('Event', payload.eventKey),
  ].filter((f): f is Text => f !== null);
  const title = inline(titleOf(payload));
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    { type: 'section', fields },
  ];
  const body = sectionsOf(bodyLines(payload, appOrigin));
  const footer: Block = { type: 'context', elements: [mrkdwn(`Signalboard · ${inline(payload.timestamp)}`)] };
  const message = (blocks: Block[]): SlackMessage => ({
    text: clip(inline(summaryLine(payload)), 3000),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });

  const messages: SlackMessage[] = [];
  let blocks: Block[] = [...head];
  for (const section of body) {
    if (blocks.length + 1 >= MAX_BLOCKS) {
      messages.push(message(blocks));
      blocks = [{ type: 'context', elements: [mrkdwn(`${clip(title, 2000)} (continued)`)] }];
    }
    blocks.push(section);
  }
  blocks.push(footer);
  messages.push(message(blocks));
  return messages;
}
