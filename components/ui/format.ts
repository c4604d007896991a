const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(value: string | Date | null | undefined, empty = '—'): string {
  if (!value) return empty;
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}
