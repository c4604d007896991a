'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api } from '@/components/query/api';
import { queryKeys } from '@/components/query/keys';

type AccountOption = { accountId: string; name: string | null };

/** Accounts matching what is typed in an account picker (by id or name). */
export function useAccountSearch(environmentSlug: string) {
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const query = useQuery({
    queryKey: queryKeys.accounts(environmentSlug, { search, page: 1 }),
    queryFn: () =>
      api<{ accounts: AccountOption[] }>(
        `/api/v1/environments/${encodeURIComponent(environmentSlug)}/accounts?${new URLSearchParams({ search })}`,
      ).then((r) => r.accounts),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { options: query.data ?? [], setText };
}
