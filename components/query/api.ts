// The client's one way to call the management API: JSON in, JSON out, and a typed error that
// carries the server's message and field issues so forms can show them next to the field.

export type FieldIssue = { path: string; message: string };

/** A server type as it arrives over JSON: dates become ISO strings, the rest is unchanged. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  issueFor(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
}

/** A 404 from the API: the thing is gone or belongs elsewhere, so it is shown, not retried. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** TanStack Query's `retry` for one-thing pages: twice for passing trouble, never for a 404. */
export const retryUnlessNotFound = (count: number, error: Error) => !isNotFound(error) && count < 2;

export async function api<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let response: Response;
  const method = init?.method ?? 'GET';
  // Every change is sent as JSON, with or without a body: the server refuses anything else from a
  // browser (lib/http/same-origin.ts), so a forged HTML form can never pass for the app.
  const changes = method !== 'GET' && method !== 'HEAD';
  try {
    response = await fetch(url, {
      method,
      headers: changes ? { 'content-type': 'application/json' } : undefined,
      body: changes ? JSON.stringify(init?.body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; issues?: FieldIssue[] };
  } | null;
  if (!response.ok) {
    if (response.status === 401) {
      // A full load of the sign-in page, not a client navigation: the session is over, and nothing
      // cached for it should outlive it.
      const signIn = new URL('/signin', window.location.origin);
      signIn.searchParams.set('callbackUrl', window.location.pathname + window.location.search);
      window.location.assign(signIn.href);
    }
    throw new ApiError(
      response.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? `The server answered ${response.status}.`,
      json?.error?.issues,
    );
  }
  return json as T;
}
