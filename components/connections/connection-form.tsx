'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import {
  type Connection,
  type CreateConnectionBody,
  endpoints,
  type SavedConnection,
  type UpdateConnectionBody,
} from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { Field } from '@/components/ui/field';
import { ErrorState } from '@/components/ui/states';

import { TriggerPicker } from './trigger-picker';

type Kind = Connection['kind'];
type HeaderRow = { name: string; value: string; stored: boolean };
/** A new connection, or the changes to one. */
type Change = { id?: undefined; body: CreateConnectionBody } | { id: string; body: UpdateConnectionBody };

/** Creates a connection, or edits one (kind fixed; stored secrets are kept unless replaced). */
export function ConnectionForm({
  environmentSlug,
  initial,
  onSaved,
  smtpConfigured = true,
}: {
  environmentSlug: string;
  initial?: Connection;
  onSaved: (saved: SavedConnection) => void;
  /** False shows that email connections cannot send until SMTP_HOST and SMTP_FROM are set. */
  smtpConfigured?: boolean;
}) {
  const editing = initial !== undefined;
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'webhook');
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.kind === 'webhook' ? (initial.url ?? '') : '');
  const [secret, setSecret] = useState('');
  const [headers, setHeaders] = useState<HeaderRow[]>(
    initial?.headerNames.map((n) => ({ name: n, value: '', stored: true })) ?? [],
  );
  const [recipients, setRecipients] = useState(initial?.recipients.join(', ') ?? '');
  const [eventKeys, setEventKeys] = useState<string[]>(initial?.eventKeys ?? []);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);

  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (change: Change): Promise<SavedConnection> =>
      change.id === undefined
        ? endpoints.connections.create(environmentSlug, change.body)
        : endpoints.connections.update(environmentSlug, change.id, change.body),
    onSuccess: (saved) => {
      // The list shows it at once, not when its cached copy goes stale.
      void queryClient.invalidateQueries({ queryKey: queryKeys.connections(environmentSlug), exact: true });
      onSaved(saved);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const issue = (path: string) => error?.issueFor(path);
  const prefixIssue = (prefix: string) =>
    error?.issues.find((i) => i.path === prefix || i.path.startsWith(`${prefix}.`))?.message;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const list = recipients
      .split(/[\s,;]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const common = { name, eventKeys, enabled };
    const named = headers.filter((h) => h.name.trim() || h.value);
    if (editing) {
      save.mutate({
        id: initial.id,
        body: {
          ...common,
          // A Slack URL is a secret: it is sent only if a new one was typed.
          ...(kind === 'webhook' || (kind === 'slack' && url.trim()) ? { url } : {}),
          // A stored header left empty keeps its value (null).
          ...(kind === 'webhook'
            ? { headers: named.map((h) => ({ name: h.name.trim(), value: h.stored && h.value === '' ? null : h.value })) }
            : {}),
          ...(kind === 'email' ? { recipients: list } : {}),
        },
      });
    } else if (kind === 'webhook') {
      const headerList = named.map((h) => ({ name: h.name.trim(), value: h.value }));
      save.mutate({ body: { kind, ...common, url, headers: headerList, ...(secret.trim() ? { secret: secret.trim() } : {}) } });
    } else {
      save.mutate({ body: kind === 'slack' ? { kind, ...common, url } : { kind, ...common, recipients: list } });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="connection-form">
      {!editing ? (
        <fieldset className="segmented-field">
          <legend>Kind</legend>
          {(['webhook', 'slack', 'email'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {k === 'webhook' ? 'Webhook' : k === 'slack' ? 'Slack' : 'Email'}
            </label>
          ))}
        </fieldset>
      ) : null}
      {kind === 'email' && !smtpConfigured ? (
        <p className="alert alert-warn" role="status">
          This server has no mail server configured: email deliveries will fail until SMTP_HOST and SMTP_FROM are set (see the
          README).
        </p>
      ) : null}
      <div className="form-grid">
        <Field
          id="connection-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={issue('name')}
          maxLength={80}
          placeholder="e.g. Customer success alerts"
          required
        />
        {kind !== 'email' ? (
          <Field
            id="connection-url"
            label={kind === 'slack' ? 'Slack incoming-webhook URL' : 'Endpoint URL'}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={issue('url')}
            placeholder={
              kind === 'slack'
                ? editing
                  ? `unchanged (${initial?.slackUrlHint ?? ''})`
                  : 'https://hooks.slack.com/services/…'
                : 'https://example.com/webhooks/signalboard'
            }
            hint={kind === 'slack' ? 'Stored encrypted; never shown again.' : undefined}
            required={!editing || kind === 'webhook'}
          />
        ) : (
          <div className="field">
            <label htmlFor="connection-recipients">Recipients</label>
            <textarea
              id="connection-recipients"
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
              aria-invalid={prefixIssue('recipients') ? true : undefined}
              aria-describedby="connection-recipients-hint"
              rows={2}
              placeholder="ops@example.com, cs@example.com"
            />
            <span id="connection-recipients-hint" className="hint">
              Separated by commas or new lines. Mail goes through the SMTP server in SMTP_HOST.
            </span>
            {prefixIssue('recipients') ? (
              <span className="field-error" role="alert">
                {prefixIssue('recipients')}
              </span>
            ) : null}
          </div>
        )}
        {kind === 'webhook' && !editing ? (
          <Field
            id="connection-secret"
            label="Signing secret (optional)"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={issue('secret')}
            placeholder="Leave empty to generate a whsec_… secret"
            autoComplete="off"
          />
        ) : null}
      </div>

      {kind === 'webhook' ? (
        <fieldset>
          <legend>Extra headers</legend>
          <p className="hint">Sent with every request, e.g. an Authorization header. Values are stored encrypted.</p>
          {headers.map((h, i) => (
            <div className="form-row" key={i}>
              <Field
                id={`header-name-${i}`}
                label="Header name"
                value={h.name}
                onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, name: e.target.value, stored: false } : x)))}
                error={issue(`headers.${i}.name`)}
              />
              <Field
                id={`header-value-${i}`}
                label="Value"
                value={h.value}
                placeholder={h.stored ? 'unchanged' : ''}
                onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                error={issue(`headers.${i}.value`)}
                autoComplete="off"
              />
              <button type="button" className="btn" onClick={() => setHeaders(headers.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          {prefixIssue('headers') && !headers.some((_, i) => issue(`headers.${i}.name`) || issue(`headers.${i}.value`)) ? (
            <span className="field-error" role="alert">
              {prefixIssue('headers')}
            </span>
          ) : null}
          <button type="button" className="btn" onClick={() => setHeaders([...headers, { name: '', value: '', stored: false }])}>
            Add header
          </button>
        </fieldset>
      ) : null}

      <TriggerPicker
        environmentSlug={environmentSlug}
        value={eventKeys}
        onChange={setEventKeys}
        error={prefixIssue('eventKeys')}
      />

      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>

      {error && error.issues.length === 0 ? <ErrorState error={error} /> : null}
      {error && error.issues.length > 0 ? (
        <p className="field-error" role="alert">
          {error.issues.length === 1 ? 'One field needs' : `${error.issues.length} fields need`} fixing: see the messages above.
        </p>
      ) : null}
      {save.error && !error ? <ErrorState error={save.error} /> : null}
      <div className="form-row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : editing ? 'Save changes' : 'Create connection'}
        </button>
      </div>
    </form>
  );
}
