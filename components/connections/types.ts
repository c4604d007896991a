import type { Connection } from '@/components/query/endpoints';

export const kindLabel = { webhook: 'Webhook', slack: 'Slack', email: 'Email' } as const;

export function connectionTarget(c: Connection): string {
  if (c.kind === 'webhook') return c.url ?? '';
  if (c.kind === 'slack') return c.slackUrlHint ?? 'Slack incoming webhook';
  return c.recipients.join(', ');
}
