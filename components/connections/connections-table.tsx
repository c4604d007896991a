import Link from 'next/link';

import type { ConnectionWithStats } from '@/components/query/endpoints';
import { envSuffix } from '@/components/shell/env-suffix';
import { formatDateTime } from '@/components/ui/format';

import { connectionTarget, kindLabel } from './types';

export function ConnectionsTable({ connections, envParam }: { connections: ConnectionWithStats[]; envParam: string }) {
  const suffix = envSuffix(envParam);
  return (
    <table className="table" aria-label="Connections">
      <thead>
        <tr>
          <th>Name</th>
          <th>Kind</th>
          <th>Target</th>
          <th>Triggers</th>
          <th>Status</th>
          <th>Last 24 hours</th>
        </tr>
      </thead>
      <tbody>
        {connections.map((c) => (
          <tr key={c.id}>
            <td>
              <Link href={`/connections/${c.id}${suffix}`}>{c.name}</Link>
            </td>
            <td>{kindLabel[c.kind]}</td>
            <td className="truncate" title={connectionTarget(c)}>
              {connectionTarget(c)}
            </td>
            <td title={c.eventKeys.join('\n')}>
              {c.eventKeys.length === 1 ? <code>{c.eventKeys[0]}</code> : `${c.eventKeys.length} triggers`}
            </td>
            <td>
              {c.enabled ? (
                c.failingSince ? (
                  <span className="badge badge-danger">Failing since {formatDateTime(c.failingSince)}</span>
                ) : (
                  <span className="badge">On</span>
                )
              ) : (
                <span className={c.disabledReason ? 'badge badge-danger' : 'badge badge-muted'}>
                  {c.disabledReason ? 'Turned off' : 'Off'}
                </span>
              )}
            </td>
            <td>
              {c.last24h.succeeded} sent · {c.last24h.failed} failed{c.last24h.pending ? ` · ${c.last24h.pending} pending` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
