import type { accountListParams, getAccount, listAccounts } from '@/lib/accounts/queries';

import { api } from '../api';
import { type Answer, environmentPath, type Query, withQuery } from './shared';

// app/api/v1/environments/[slug]/accounts/**

/** A page of accounts (the route adds the page asked for and the page size). */
export type AccountPage = Answer<typeof listAccounts> & { page: number; pageSize: number };
export type AccountSummary = AccountPage['accounts'][number];
export type AccountDetail = Answer<typeof getAccount>;
export type AccountsQuery = Query<typeof accountListParams>;

export const accountEndpoints = {
  /** Accounts by most recently seen; `search` matches the id or the name. */
  list: (slug: string, query: AccountsQuery) => api<AccountPage>(withQuery(environmentPath(slug, '/accounts'), query)),
  get: (slug: string, accountId: string) =>
    api<{ account: AccountDetail }>(environmentPath(slug, `/accounts/${encodeURIComponent(accountId)}`)),
};
