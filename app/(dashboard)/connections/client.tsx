'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { ConnectionsTable } from '@/components/connections/connections-table';
import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { envSuffix } from '@/components/shell/env-suffix';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

export function ConnectionsClient({
  environmentSlug,
  envParam,
  canEdit,
}: {
  environmentSlug: string;
  envParam: string;
  canEdit: boolean;
}) {
  const list = useQuery({
    queryKey: queryKeys.connections(environmentSlug),
    queryFn: () => endpoints.connections.list(environmentSlug).then((r) => r.connections),
    refetchInterval: 10_000,
  });
  const suffix = envSuffix(envParam);
  return (
    <QueryView query={list} loadingLabel="Loading connections">
      {(connections) => {
        return (
          <>
            {connections.length === 0 ? (
              <EmptyState
                title="No connections yet"
                action={
                  canEdit ? (
                    <Link className="btn btn-primary" href={`/connections/new${suffix}`}>
                      Create a connection
                    </Link>
                  ) : undefined
                }
              >
                A connection sends chosen events — signals, cohort changes, Frontegg events or your own — to a webhook, a Slack
                channel or email recipients.
              </EmptyState>
            ) : (
              <div className="card">
                <ConnectionsTable connections={connections} envParam={envParam} />
              </div>
            )}
          </>
        );
      }}
    </QueryView>
  );
}
