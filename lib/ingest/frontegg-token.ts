import { decodeJwt, jwtVerify } from 'jose';

// A Frontegg delivery is authenticated by the JWT in x-webhook-secret alone, so a token that never
// expired would let one captured header replay events forever. Frontegg documents the token only
// as signed with the hook's secret, to be checked with jsonwebtoken's verify; signing libraries
// (jsonwebtoken among them) set iat by default, so iat is what a genuine delivery is expected to
// carry, exp being accepted in its place. The rule, also in the README's Frontegg section:
// - the token carries iat, exp or both; neither is refused;
// - iat is at most 5 minutes old and at most 1 minute ahead of our clock, clocks being allowed to
//   differ by that minute either way (so by our clock: issued between 6 minutes ago and 1 minute
//   from now);
// - exp is not past by more than that minute, and is at most 5 minutes and the minute of skew
//   after iat (after now, for a token without iat): a token "valid for ten years" is refused
//   even when fresh, since nothing else would bound an exp-only one.
// jose checks iat (maxTokenAge), exp and nbf with the skew (clockTolerance); only "iat or exp" and
// the bound on exp are ours.

export const FRONTEGG_TOKEN_MAX_AGE_SECONDS = 5 * 60;
export const FRONTEGG_CLOCK_SKEW_SECONDS = 60;

/** True when `token` is a fresh JWT signed (HMAC) with `secret`, by the rule above. */
export async function verifyFronteggToken(token: string, secret: string, now: number): Promise<boolean> {
  let hasIssuedAt: boolean;
  try {
    // Read unverified only to choose the checks: jose's maxTokenAge requires iat, so a token
    // without one must carry exp instead. jwtVerify then checks the signature and every claim.
    hasIssuedAt = decodeJwt(token).iat !== undefined;
  } catch {
    return false;
  }
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256', 'HS384', 'HS512'],
      currentDate: new Date(now),
      clockTolerance: FRONTEGG_CLOCK_SKEW_SECONDS,
      ...(hasIssuedAt ? { maxTokenAge: FRONTEGG_TOKEN_MAX_AGE_SECONDS } : { requiredClaims: ['exp'] }),
    });
    if (payload.exp === undefined) return true;
    const from = payload.iat ?? Math.floor(now / 1000);
    return payload.exp <= from + FRONTEGG_TOKEN_MAX_AGE_SECONDS + FRONTEGG_CLOCK_SKEW_SECONDS;
  } catch {
    return false;
  }
}
