// Where sign-in sends someone afterwards comes from the URL (?callbackUrl=), so anyone can craft
// it: only a path on this app is followed. Browsers forgive a lot — a tab or newline inside
// "/\t/evil.example" is dropped, "\" is read as "/", and "/x/..//evil.example" resolves to
// "//evil.example" — so the path is checked as written and again as the browser will resolve it.

const PLACEHOLDER_ORIGIN = 'http://signalboard.invalid';
// Control characters (tab, CR, LF…), DEL, backslashes, and Unicode line/paragraph separators.
const REFUSED_CHARACTER = /[\u0000-\u001f\u007f\\\u2028\u2029]/;
const MAX_LENGTH = 2000;

const isProtocolRelative = (path: string) => path.startsWith('//') || path.startsWith('/\\');

/** A same-origin relative path to follow after sign-in, or `fallback` for anything else. */
export function safeCallbackUrl(value: unknown, fallback = '/signals'): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith('/') || isProtocolRelative(value) || REFUSED_CHARACTER.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const resolved = `${url.pathname}${url.search}${url.hash}`;
  return isProtocolRelative(resolved) ? fallback : resolved;
}
