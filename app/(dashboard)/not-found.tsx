import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="card">
      <h1>Not found</h1>
      <p className="muted">This environment or page does not exist, or it was deleted.</p>
      <Link href="/signals">Go to Signals in Production</Link>
    </div>
  );
}
