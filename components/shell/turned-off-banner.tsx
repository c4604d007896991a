import Link from 'next/link';

/**
 * On every dashboard page while the product has turned a connection off (its receiver answered 410
 * or failed for five days): nothing is sent to it until someone turns it back on.
 */
export function TurnedOffBanner({
  connections,
}: {
  connections: { id: string; name: string; environmentSlug: string; reason: string }[];
}) {
  if (connections.length === 0) return null;
  return (
    <div className="alert alert-warn" role="alert" data-testid="turned-off-banner">
      <strong>
        {connections.length === 1 ? 'A connection was turned off' : `${connections.length} connections were turned off`}:
      </strong>{' '}
      {connections.map((c, i) => (
        <span key={c.id}>
          {i > 0 ? '; ' : ''}
          <Link
            href={`/connections/${c.id}${c.environmentSlug === 'production' ? '' : `?env=${encodeURIComponent(c.environmentSlug)}`}`}
          >
            {c.name}
          </Link>{' '}
          ({c.reason})
        </span>
      ))}
      . Nothing is sent to {connections.length === 1 ? 'it' : 'them'} until turned back on.
    </div>
  );
}
