// Why the server refused a sign-in, from better-auth's status and error code: the login form shows this reason and
// never "wrong password" for something else (an untrusted origin, a rate limit, a deactivated account).
export type SignInFailure = "invalid" | "rateLimited" | "originRefused" | "deactivated" | "unreachable" | "unexpected";

const ORIGIN_CODES = new Set(["INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN", "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED"]);

export function signInFailure(failure: { status: number; code?: string }): SignInFailure {
  if (failure.status === 429) return "rateLimited";
  if (failure.code && ORIGIN_CODES.has(failure.code)) return "originRefused";
  if (failure.code === "ACCOUNT_DEACTIVATED") return "deactivated";
  if (failure.code === "INVALID_EMAIL_OR_PASSWORD" || failure.status === 401) return "invalid";
  if (failure.status === 0) return "unreachable";
  return "unexpected";
}
