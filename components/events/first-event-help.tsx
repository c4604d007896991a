import Link from 'next/link';

/** The empty state of the live tail: how to send the first event. */
export function FirstEventHelp({ environmentSlug, origin }: { environmentSlug: string; origin: string }) {
  const settings = environmentSlug === 'production' ? '/settings' : `/settings?env=${environmentSlug}`;
  return (
    <div className="empty" role="status">
      <h3>No events yet</h3>
      <p>
        Create a write key in <Link href={settings}>Settings</Link>, then send an event — from any Segment SDK pointed at this
        host, or:
      </p>
      <pre className="code-block">
        {`curl -X POST ${origin}/v1/track \\
  -H "Authorization: Bearer <write key>" \\
  -H "Content-Type: application/json" \\
  -d '{"userId":"user-1","event":"frontegg.user.authenticated","context":{"groupId":"acme"}}'`}
      </pre>
    </div>
  );
}
