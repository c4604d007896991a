'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { type Connection, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { QueryView } from '@/components/ui/query-view';
import { ErrorState } from '@/components/ui/states';

/** Shows the example payload of a trigger, sends it, and shows what the receiver answered. */
export function TestSendPanel({
  environmentSlug,
  connection,
  canEdit,
}: {
  environmentSlug: string;
  connection: Connection;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [chosen, setEventKey] = useState(connection.eventKeys[0] ?? '');
  // A trigger removed from the connection since it was chosen is not offered any more.
  const eventKey = connection.eventKeys.includes(chosen) ? chosen : (connection.eventKeys[0] ?? '');
  const example = useQuery({
    queryKey: queryKeys.triggerExample(environmentSlug, eventKey),
    queryFn: () => endpoints.triggers.example(environmentSlug, { eventKey }),
    enabled: eventKey !== '',
  });
  const send = useMutation({
    mutationFn: () => endpoints.connections.testSend(environmentSlug, connection.id, { eventKey }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(environmentSlug) }),
  });
  const result = send.data;

  return (
    <section className="card" aria-labelledby="test-send-title">
      <div className="card-header">
        <h2 id="test-send-title">Send a test</h2>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="test-trigger">Trigger</label>
          <select id="test-trigger" value={eventKey} onChange={(e) => setEventKey(e.target.value)}>
            {connection.eventKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canEdit || !eventKey || send.isPending}
          onClick={() => send.mutate()}
        >
          {send.isPending ? 'Sending…' : 'Send test'}
        </button>
      </div>
      {!canEdit ? <p className="alert alert-info">Viewers can see the example but not send it.</p> : null}
      <details>
        <summary>Payload that will be sent</summary>
        <QueryView query={example} loadingLabel="Loading the example payload">
          {(data) => (
            <pre className="code-block" data-testid="example-payload">
              {JSON.stringify(data.payload, null, 2)}
            </pre>
          )}
        </QueryView>
      </details>
      {send.error ? <ErrorState error={send.error} /> : null}
      {result ? (
        <div className="test-result" role="status" aria-live="polite" data-testid="test-result">
          {result.outcome.ok ? (
            <p>
              <span className={result.status === 'succeeded' ? 'badge' : 'badge badge-danger'}>
                {result.status === 'succeeded' ? 'Delivered' : 'Failed'}
              </span>{' '}
              The receiver answered <strong>{result.outcome.status}</strong> in {result.outcome.latencyMs} ms.
            </p>
          ) : (
            <p>
              <span className="badge badge-danger">Failed</span> {result.outcome.error}: {result.outcome.message}
            </p>
          )}
          {result.request ? (
            <details>
              <summary>Request sent</summary>
              <pre className="code-block">
                {`POST ${result.request.url}\n${Object.entries(result.request.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}\n\n${result.request.body}`}
              </pre>
            </details>
          ) : null}
          {result.outcome.ok ? (
            <details open>
              <summary>Response</summary>
              <pre className="code-block" data-testid="test-response">
                {`${Object.entries(result.outcome.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}\n\n${result.outcome.body || '(empty body)'}`}
              </pre>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
