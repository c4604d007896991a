'use client';

import Link from 'next/link';

import type { OccurrencePage } from '@/components/query/endpoints';
import { formatDateTime } from '@/components/ui/format';
import { EmptyState } from '@/components/ui/states';

import { formatChange, isRisk } from './types';

export type Sort = 'since' | 'change' | 'current' | 'previous' | 'signal' | 'account';
type Props = {
  data: OccurrencePage;
  sort: Sort;
  dir: 'asc' | 'desc';
  /** Without it the columns are not sortable: the rows stay in the order `sort` and `dir` say. */
  onSort?: (sort: Sort) => void;
  onPage: (page: number) => void;
  accountHref: (accountId: string) => string;
  showAccount?: boolean;
  emptyText: string;
};

/** Accounts in signals: paged, and sortable by any column when the page can sort them. */
export function OccurrencesTable({ data, sort, dir, onSort, onPage, accountHref, showAccount = true, emptyText }: Props) {
  if (data.total === 0) return <EmptyState title="No accounts in a signal">{emptyText}</EmptyState>;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const header = (key: Sort, label: string) => (
    <th aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {onSort ? (
        <button type="button" className="sort-button" onClick={() => onSort(key)}>
          {label} {sort === key ? (dir === 'asc' ? '▲' : '▼') : ''}
        </button>
      ) : (
        label
      )}
    </th>
  );
  return (
    <>
      <table className="table" aria-label="Accounts in signals">
        <thead>
          <tr>
            {showAccount ? header('account', 'Account') : null}
            {header('signal', 'Signal')}
            <th>Window</th>
            {header('current', 'Current')}
            {header('previous', 'Previous')}
            {header('change', 'Change')}
            {header('since', 'Since')}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((o) => (
            <tr key={o.id}>
              {showAccount ? (
                <td>
                  <Link href={accountHref(o.accountId)}>{o.accountName ?? o.accountId}</Link>
                  {o.accountName ? <div className="muted">{o.accountId}</div> : null}
                </td>
              ) : null}
              <td>
                <span className={`badge${isRisk(o) ? ' badge-danger' : ''}`}>{o.signalLabel}</span>
                {/* Why it fired, as its trigger event said it; the columns beside it are the latest figures. */}
                <div className="muted">When it fired: {o.reason}</div>
              </td>
              <td>{o.windowDays} days</td>
              <td>{o.current.toLocaleString('en')}</td>
              <td>{o.previous.toLocaleString('en')}</td>
              <td className={o.changePct !== null && o.changePct < 0 ? 'change-down' : 'change-up'}>
                {formatChange(o.changePct)}
              </td>
              <td>
                {formatDateTime(o.startedAt)}
                {o.endedAt ? <div className="muted">ended {formatDateTime(o.endedAt)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted">
          Page {data.page} of {pages} · {data.total.toLocaleString('en')} in all
        </span>
        <button type="button" className="btn" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
          Previous
        </button>
        <button type="button" className="btn" disabled={data.page >= pages} onClick={() => onPage(data.page + 1)}>
          Next
        </button>
      </div>
    </>
  );
}
