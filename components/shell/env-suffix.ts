/** `?env=<slug>` for links in client components that keep the page's environment ('' for the default). */
export function envSuffix(envParam: string): string {
  return envParam ? `?env=${encodeURIComponent(envParam)}` : '';
}
