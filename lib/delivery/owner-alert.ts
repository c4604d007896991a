import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { adminUsers, connections, environments } from '@/lib/db/schema';
import { appOrigin } from '@/lib/env';

import { sendMail, smtpConfigured } from './mailer';

/**
 * Tells the owners that the product turned a connection off: by email when SMTP is configured
 * (the Connections page shows a banner either way), and in the log.
 */
export async function alertOwnersConnectionDisabled(db: Queryable, connectionId: string, reason: string): Promise<void> {
  const [row] = await db
    .select({ name: connections.name, environment: environments.name, slug: environments.slug })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(eq(connections.id, connectionId));
  if (!row) return;
  console.warn(`Connection "${row.name}" in ${row.environment} was turned off: ${reason}.`);
  if (!smtpConfigured()) return;
  const owners = await db.select({ email: adminUsers.email }).from(adminUsers).where(eq(adminUsers.role, 'owner'));
  if (owners.length === 0) return;
  const link = `${appOrigin()}/connections/${connectionId}?env=${row.slug}`;
  const text = `Signalboard turned off the connection "${row.name}" in ${row.environment}: ${reason}.\n\nNo more deliveries are sent to it until it is turned back on:\n${link}\n`;
  const result = await sendMail(
    owners.map((o) => o.email),
    {
      subject: `[Signalboard] Connection "${row.name}" was turned off`,
      text,
      html: `<p style="font:15px sans-serif">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`,
    },
  );
  if (!result.ok) console.error(`Could not email the owners about connection "${row.name}": ${result.message}`);
}
