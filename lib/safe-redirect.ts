/**
 * Where to go after sign-in (issue 10, "Open redirect"): only a path on the app's own origin.
 * `value` is parsed with the URL API against `origin` (so backslashes, tabs and `//host` are read
 * the way a browser reads them) and kept only when the result has the same origin.
 * @param value the requested target (a callbackUrl: relative path or absolute URL), or null.
 * @param origin the app's origin, e.g. "https://countersign.example" (a full URL is reduced to its origin).
 * @returns a path starting with a single "/" (path + query + fragment), or "/" when the target is
 *   missing, unparsable or on another origin.
 */
export function safeRedirectPath(value: string | null | undefined, origin: string): string {
  if (!value) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base.origin);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path like "//evil.example" (from "/.//evil.example") would be read as another host.
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
