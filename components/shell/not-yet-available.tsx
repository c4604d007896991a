import { EmptyState } from '@/components/ui/states';

/** An honest placeholder for a section whose feature has not shipped in this build. */
export function NotYetAvailable({ feature, description }: { feature: string; description: string }) {
  return (
    <div className="card">
      <EmptyState title={`${feature} is not available in this build yet`}>{description}</EmptyState>
    </div>
  );
}
