'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';

/** Accounts matching what is typed in an account picker (by id or name). */
export function useAccountSearch(environmentSlug: string) {
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const query = useQuery({
    queryKey: queryKeys.accounts(environmentSlug, { search, page: 1 }),
    queryFn: () => endpoints.accounts.list(environmentSlug, { search }).then((r) => r.accounts),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { options: query.data ?? [], setText };
}
