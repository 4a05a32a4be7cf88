import { type APIResponse, type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { signIn, USERS } from "./fixtures";

/*
 * Issue 10 "Requests and headers": security headers on every kind of response, no framing, a
 * nonce CSP that Next's own scripts satisfy, validated query parameters, real 404s and real
 * sign-in redirects.
 */

test.describe.configure({ mode: "serial" });

const DEMO_TITLE = "GeoNames city de-duplication release";

/** The headers every response must carry (served over plain http here: no HSTS). */
function expectSecurityHeaders(res: APIResponse, what: string): string {
  const h = res.headers();
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("no-referrer");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["strict-transport-security"], what).toBeUndefined();
  const csp = h["content-security-policy"];
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  return csp;
}

/** Collects browser console messages about Content Security Policy violations on `page`. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("[HEADERS]: /login has the nonce CSP and cannot be framed; HSTS only over https", async ({ request, page }) => {
  const res = await request.get("/login");
  expect(res.status()).toBe(200);
  const csp = expectSecurityHeaders(res, "/login");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("form-action 'self'");
  // Next puts the request's nonce on its own scripts.
  expect(await res.text()).toContain(`nonce="${nonce}"`);
  // A fresh nonce per request.
  expect((await request.get("/login")).headers()["content-security-policy"]).not.toBe(csp);
  // Behind an https reverse proxy: HSTS.
  const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);

  // Another site framing /login gets nothing: the browser refuses the frame.
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors|X-Frame-Options|Refused to (frame|display)/i.test(m.text())) refusals.push(m.text());
  });
  await page.setContent(`<iframe id="f" src="${new URL("/login", res.url()).href}" width="600" height="400"></iframe>`);
  await expect.poll(() => refusals.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.frameLocator("#f").getByRole("button", { name: "Sign in" })).toHaveCount(0);
});

test("[HEADERS]: static files, schemas and API answers carry the headers too", async ({ request }) => {
  const login = await (await request.get("/login")).text();
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(login)?.[1];
  expect(script).toBeTruthy();
  const files = [script!, "/icon.svg", "/schemas/summary-metrics.schema.json", "/robots.txt"];
  for (const path of files) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expectSecurityHeaders(res, path);
  }
  const api = await request.get("/api/audits/anything/progress");
  expect(api.status()).toBe(401);
  expect(expectSecurityHeaders(api, "API")).toContain("default-src 'none'");
});

test("[HEADERS]: a signed-out request to a page is a real redirect to sign-in", async ({ request }) => {
  for (const [path, back] of [
    ["/", "%2F"],
    ["/audits/anything/sample?page=2", "%2Faudits%2Fanything%2Fsample%3Fpage%3D2"],
    ["/admin/users", "%2Fadmin%2Fusers"],
  ] as const) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([302, 307], path).toContain(res.status());
    expect(new URL(res.headers()["location"], "http://x").pathname + new URL(res.headers()["location"], "http://x").search).toBe(`/login?callbackUrl=${back}`);
    expectSecurityHeaders(res, `redirect of ${path}`);
  }
  // Public paths are not redirected.
  expect((await request.get("/login", { maxRedirects: 0 })).status()).toBe(200);
  expect((await request.get("/r/no-such-token", { maxRedirects: 0 })).status()).toBe(404);
});

test("[HEADERS]: sign-in, the audit list and an audit page run under the CSP without a violation; bad query parameters and unknown audits do not crash", async ({ page, browser }) => {
  const violations = cspViolations(page);
  await signIn(page, USERS.operator);
  const list = await page.goto("/");
  expect(list!.status()).toBe(200);
  expect(await list!.headerValue("content-security-policy")).toContain("'strict-dynamic'");
  await page.getByRole("link", { name: DEMO_TITLE }).click();
  await expect(page.getByRole("heading", { name: DEMO_TITLE })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2];
  const overview = await page.goto(`/audits/${slug}`);
  expect(overview!.status()).toBe(200);
  expectSecurityHeaders((await page.request.get(`/audits/${slug}`))!, "audit page");
  // The client router works under the CSP: a client-side navigation to the manifest and back.
  await page.getByRole("link", { name: /manifest/i }).first().click();
  await expect(page.getByRole("heading", { name: "Sample manifest" })).toBeVisible();
  await page.goto(`/audits/${slug}/metrics`);
  await expect(page.getByRole("heading").first()).toBeVisible();

  // Out-of-range and junk page numbers give a page, never a crash; past the end is the last page.
  for (const q of ["?page=99999999999999999999", "?page=-1", "?page=abc", "?page=1.5"]) {
    const res = await page.goto(`/${q}`);
    expect(res!.status(), q).toBe(200);
    await expect(page.getByRole("link", { name: DEMO_TITLE })).toBeVisible();
  }
  const manifest = await page.goto(`/audits/${slug}/sample?page=99999999999999999999&status=nonsense`);
  expect(manifest!.status()).toBe(200);
  const summary = await page.getByRole("navigation", { name: "Pagination" }).locator("p").textContent();
  const m = /^Rows (\d[\d,]*)–(\d[\d,]*) of (\d[\d,]*) · page (\d+) of (\d+)$/.exec(summary!.trim());
  expect(m, summary!).not.toBeNull();
  expect(m![2]).toBe(m![3]); // the last row shown is the last row
  expect(m![4]).toBe(m![5]); // on the last page
  expect((await page.goto(`/audits/${slug}?events=99999999999999999999`))!.status()).toBe(200);

  // Unknown audits and pages are 404s.
  expect((await page.goto("/audits/no-such-audit-2026-01-01"))!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await page.goto("/audits/no-such-audit-2026-01-01/sample"))!.status()).toBe(404);
  expect((await page.goto("/no/such/page"))!.status()).toBe(404);

  // The shared report: strict headers on the fast path of scripts/start.ts, and it renders without a violation.
  await page.goto(`/audits/${slug}`);
  await page.getByLabel("Label (optional)").fill("headers e2e");
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByTestId("new-share-link").inputValue();
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  const readerViolations = cspViolations(reader);
  const shared = await reader.goto(link);
  expect(shared!.status()).toBe(200);
  const sharedRes = await anonymous.request.get(link);
  const csp = expectSecurityHeaders(sharedRes, "/r/<token>");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain("script-src");
  await expect(reader.getByTestId("verdict")).toBeVisible();
  const snapshot = await anonymous.request.get(`${link}/snapshot.json`);
  expect(snapshot.status()).toBe(200);
  expectSecurityHeaders(snapshot, "snapshot.json");
  await anonymous.close();

  expect(violations).toEqual([]);
  expect(readerViolations).toEqual([]);
});
