'use client';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card">
      <h1>This page could not be loaded</h1>
      <p className="muted">
        The error was logged on the server{error.digest ? ` (reference ${error.digest})` : ''}. Try again, and if it keeps
        happening check the server log.
      </p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
