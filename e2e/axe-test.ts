import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

/*
 * Every page an e2e test visits is checked with axe-core (issue 11, "Every page, for everyone"):
 * each navigation of the main frame queues one analysis, and the test fails at its end when any found a
 * serious or critical violation. Use this module's `test` instead of @playwright/test's; pages of
 * the extra browser contexts a test opens (`browser.newContext()`) are watched the same way.
 */

type Finding = { url: string; id: string; impact: string; help: string; targets: string[] };

const watched = new WeakMap<Page, { pending: Promise<void>; findings: Finding[]; checked: Set<string> }>();

/**
 * Starts checking `page`: every navigation of its main frame is analysed once per distinct URL
 * (query strings kept, fragments dropped), one analysis at a time. An analysis that a navigation
 * interrupts is retried on the next visit.
 */
export function watchAxe(page: Page): void {
  if (watched.has(page)) return;
  const state = { pending: Promise.resolve(), findings: [] as Finding[], checked: new Set<string>() };
  watched.set(page, state);
  // framenavigated also fires for the app's client-side navigations (history API), which fire no load event.
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    state.pending = state.pending.then(async () => {
      const url = page.url().split("#")[0];
      if (page.isClosed() || state.checked.has(url) || !url.startsWith("http")) return;
      try {
        await page.waitForLoadState("load", { timeout: 10_000 });
        await page.waitForTimeout(250); // let a client-side navigation render
        // Next streams metadata: after a client-side navigation the <title> can land a moment later.
        await page.waitForFunction(() => document.title !== "", null, { timeout: 3_000 }).catch(() => undefined);
        const { violations } = await new AxeBuilder({ page }).analyze();
        state.checked.add(url);
        // Next streams metadata: a <title> missing mid-navigation that is there once it settles is no finding.
        const titled = await page.evaluate(() => document.title !== "").catch(() => false);
        for (const v of violations) {
          if (v.id === "document-title" && titled) continue;
          if (v.impact === "serious" || v.impact === "critical") state.findings.push({ url, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) });
        }
      } catch {
        // The page navigated or closed mid-analysis: the next load is analysed instead.
      }
    });
  });
}

/**
 * Runs axe-core on the page as it is now, after the watch's queued analyses (two analyses at once
 * on one page fail). For specs that assert on a particular state.
 */
export async function analyzeNow(page: Page) {
  const state = watched.get(page);
  const run = (state?.pending ?? Promise.resolve()).then(() => new AxeBuilder({ page }).analyze());
  if (state) state.pending = run.then(() => undefined, () => undefined);
  return run;
}

/**
 * Waits for the queued analyses of `page` and fails on any serious or critical violation found.
 * A page already closed (its context closed by the test) is judged on the analyses that finished:
 * one cut off by the close can hang, so it is not waited for.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const state = watched.get(page);
  if (!state) return;
  if (!page.isClosed()) await state.pending;
  const listed = state.findings.map((f) => `${f.impact} ${f.id} on ${f.url}: ${f.help} [${f.targets.slice(0, 3).join(" | ")}]`);
  expect(listed, "axe-core: serious or critical violations").toEqual([]);
}

export const test = base.extend<{ page: Page; axeOnEveryContext: void }>({
  page: async ({ page }, provide) => {
    watchAxe(page);
    await provide(page);
    await expectNoAxeViolations(page);
  },
  // Pages of the test's extra browser contexts (a second user, a signed-out reader) are watched too.
  axeOnEveryContext: [
    async ({ browser }, provide) => {
      const pages: Page[] = [];
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const context = await newContext.apply(browser, args);
        context.on("page", (page) => {
          watchAxe(page);
          pages.push(page);
        });
        return context;
      };
      await provide();
      browser.newContext = newContext;
      for (const page of pages) await expectNoAxeViolations(page);
    },
    { auto: true },
  ],
});

export { expect };
