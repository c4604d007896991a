'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { type Cohort, type CohortFilter, type CreateCohortBody, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { Field } from '@/components/ui/field';
import { ErrorState } from '@/components/ui/states';

import { FilterBuilder } from './filter-builder';
import { PreviewPanel } from './preview-panel';
import { emptyFilter } from './types';

/** The cohort builder: name, who (users or accounts), the filter with its live preview, schedule and notification options. */
export function CohortForm({
  environmentSlug,
  initial,
  onSaved,
}: {
  environmentSlug: string;
  initial?: Cohort;
  onSaved: (cohort: Cohort) => void;
}) {
  const editing = initial !== undefined;
  const [name, setName] = useState(initial?.name ?? '');
  const [filter, setFilter] = useState<CohortFilter>(initial?.filter ?? emptyFilter('users'));
  const [scheduleMinutes, setScheduleMinutes] = useState(String(initial?.scheduleMinutes ?? 15));
  const [notifyOn, setNotifyOn] = useState(initial?.notifyOn ?? 'both');
  const [notifyTraits, setNotifyTraits] = useState(initial?.notifyTraits.join(', ') ?? '');
  const [notifyFirstRun, setNotifyFirstRun] = useState(initial?.notifyFirstRun ?? false);

  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: CreateCohortBody) =>
      editing ? endpoints.cohorts.update(environmentSlug, initial.id, body) : endpoints.cohorts.create(environmentSlug, body),
    onSuccess: (r) => {
      // The lists (cohorts, and the triggers connections can subscribe to) show it at once, not
      // when their cached copy goes stale.
      void queryClient.invalidateQueries({ queryKey: queryKeys.cohortList(environmentSlug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.triggers(environmentSlug) });
      onSaved(r.cohort);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const issue = (path: string) => error?.issueFor(path);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name,
      filter,
      scheduleMinutes: scheduleMinutes.trim() === '' ? undefined : Number(scheduleMinutes),
      notifyOn,
      notifyTraits: notifyTraits
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      notifyFirstRun,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="cohort-form">
      <div className="card">
        <div className="form-grid">
          <Field
            id="cohort-name"
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={issue('name')}
            maxLength={100}
            placeholder="e.g. First API call failed today"
          />
          <div className="field">
            <label htmlFor="cohort-entity">Members are</label>
            <select
              id="cohort-entity"
              value={filter.entity}
              disabled={editing}
              onChange={(e) => setFilter(emptyFilter(e.target.value as 'users' | 'accounts'))}
            >
              <option value="users">Users</option>
              <option value="accounts">Accounts</option>
            </select>
            {editing ? <span className="hint">Fixed once saved.</span> : null}
          </div>
        </div>
        <FilterBuilder environmentSlug={environmentSlug} filter={filter} onChange={setFilter} issue={issue} />
      </div>
      <PreviewPanel environmentSlug={environmentSlug} filter={filter} />
      <div className="card">
        <h2>Evaluation and notifications</h2>
        <div className="form-grid">
          <Field
            id="cohort-schedule"
            label="Re-evaluate every (minutes)"
            type="number"
            min={1}
            max={1440}
            value={scheduleMinutes}
            onChange={(e) => setScheduleMinutes(e.target.value)}
            error={issue('scheduleMinutes')}
            hint="1 minute to 1,440 (a day)."
          />
          <div className="field">
            <label htmlFor="cohort-notify-on">Notify about</label>
            <select id="cohort-notify-on" value={notifyOn} onChange={(e) => setNotifyOn(e.target.value as typeof notifyOn)}>
              <option value="both">members added and removed</option>
              <option value="added">members added</option>
              <option value="removed">members removed</option>
            </select>
          </div>
          <Field
            id="cohort-notify-traits"
            label="Traits to include (comma-separated)"
            value={notifyTraits}
            onChange={(e) => setNotifyTraits(e.target.value)}
            error={issue('notifyTraits')}
            placeholder="e.g. email, plan"
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={notifyFirstRun} onChange={(e) => setNotifyFirstRun(e.target.checked)} /> Notify about
          the members found by the first run too (otherwise it only records them)
        </label>
      </div>
      {error && error.issues.length > 0 ? (
        <p className="field-error" role="alert">
          {error.issues.length === 1 ? 'One field needs' : `${error.issues.length} fields need`} fixing: {error.message}
        </p>
      ) : null}
      {save.error && !(error && error.issues.length > 0) ? <ErrorState error={save.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : editing ? 'Save cohort' : 'Save cohort'}
      </button>
    </form>
  );
}
