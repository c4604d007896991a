import Link from 'next/link';

import type { TopAccount } from '@/components/query/endpoints';
import { EmptyState } from '@/components/ui/states';

export function TopAccounts({ top, accountHref }: { top: TopAccount[]; accountHref: (accountId: string) => string }) {
  if (top.length === 0) return <EmptyState title="No invites in this period" />;
  return (
    <table className="table" aria-label="Top accounts by invites">
      <thead>
        <tr>
          <th>#</th>
          <th>Account</th>
          <th>Invites</th>
        </tr>
      </thead>
      <tbody>
        {top.map((t, i) => (
          <tr key={t.accountId}>
            <td>{i + 1}</td>
            <td>
              <Link href={accountHref(t.accountId)}>{t.name ?? t.accountId}</Link>
            </td>
            <td>{t.invites.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
