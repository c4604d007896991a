/** Only same-site paths are followed after sign-in, never another origin ("//evil.example"). */
export function safeCallbackUrl(value: unknown, fallback = '/signals'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
