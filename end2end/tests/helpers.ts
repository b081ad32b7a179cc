// Shared fixtures and steps for the Keyport browser tests.
//
// Every browser context a test uses is watched: a console message of type
// "error" or an uncaught page error fails the test when it ends (this is how
// hydration failures, WASM panics and CSP violations show up). A test that
// provokes an error on purpose (a refused sign-in answers 401, which Chromium
// logs as "Failed to load resource") says so with `problems.allow(/…/)`.

import {
  test as base,
  expect,
  type BrowserContext,
  type APIRequestContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';

export { expect };

/** The password of every demo user (seeded by the server in demo mode). */
export const PASSWORD = 'keyport-demo-2026';

/** Demo users the tests sign in as. */
export const USERS = {
  acmeAdmin: { email: 'admin@acme.example', name: 'Alice Admin' },
  acmeBuyer: { email: 'buyer@acme.example', name: 'Bob Buyer' },
  novaBuyer: { email: 'buyer@nova.example', name: 'Sun Li 孙丽' },
  staffAdmin: { email: 'admin@keyport.example', name: 'Wang Fang 王芳' },
  accountManager: { email: 'am@keyport.example', name: 'Li Wei 李伟' },
  planner: { email: 'planner@keyport.example', name: '' },
} as const;

export const ACCOUNTS = {
  acme: { id: 1, code: 'ACME', name: 'ACME Motors 艾克米汽车' },
  nova: { id: 2, code: 'NOVA', name: 'NOVA Electronics 诺瓦电子' },
} as const;

export const NAV = {
  customer: {
    en: ['Dashboard', 'Orders', 'Shipments', 'Complaints', 'Account'],
    zh: ['概览', '订单', '发货', '投诉', '账户'],
  },
  staff: {
    en: ['Queues', 'Orders', 'Change requests', 'Shipments', 'Plans', 'Accounts', 'Settings'],
    enAdmin: ['Queues', 'Orders', 'Change requests', 'Shipments', 'Plans', 'Accounts', 'Rates', 'Staff', 'Settings'],
    zh: ['工作队列', '订单', '变更申请', '发货', '排程', '客户账户', '设置'],
  },
} as const;

/** One browser problem: a console error or an uncaught exception. */
export interface Problem {
  kind: 'console' | 'pageerror';
  text: string;
  page: string;
}

/** Collects the console errors and page errors of the contexts it watches. */
export class ProblemLog {
  readonly seen: Problem[] = [];
  private readonly allowed: RegExp[] = [];

  /** Tolerates problems whose text matches (for errors a test provokes on purpose). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  watch(context: BrowserContext): void {
    context.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location();
      const at = where.url ? ` (at ${where.url}:${where.lineNumber})` : '';
      this.seen.push({ kind: 'console', text: `${msg.text()}${at}`, page: msg.page()?.url() ?? '' });
    });
    context.on('weberror', (webError) => {
      const error = webError.error();
      this.seen.push({ kind: 'pageerror', text: error.stack || error.message || String(error), page: webError.page()?.url() ?? '' });
    });
  }

  unexpected(): Problem[] {
    return this.seen.filter((p) => !this.allowed.some((re) => re.test(p.text)));
  }
}

type Fixtures = {
  /** The console/page errors seen so far; checked automatically after each test. */
  problems: ProblemLog;
  /**
   * A fresh, watched browser context with this project's viewport, touch,
   * locale and base URL (plus `options`), closed after the test: a second
   * person, or a visitor with no cookies.
   */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

export const test = base.extend<Fixtures>({
  problems: [
    async ({ context }, use, testInfo) => {
      const log = new ProblemLog();
      log.watch(context);
      await use(log);
      const bad = log.unexpected();
      if (bad.length > 0) {
        await testInfo.attach('browser-errors.txt', {
          body: bad.map((p) => `[${p.kind}] on ${p.page}\n${p.text}`).join('\n\n'),
          contentType: 'text/plain',
        });
      }
      expect(bad, 'the browser reported console errors or page errors').toEqual([]);
    },
    { auto: true },
  ],

  newContext: async ({ browser, problems, baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, locale }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options?: BrowserContextOptions) => {
      const context = await browser.newContext({
        baseURL,
        viewport,
        isMobile,
        hasTouch,
        deviceScaleFactor,
        locale,
        ...options,
      });
      problems.watch(context);
      opened.push(context);
      return context;
    });
    for (const context of opened) await context.close();
  },
});

/** Waits until the WASM has hydrated the current document. */
export async function waitHydrated(page: Page): Promise<void> {
  await page.waitForSelector('body[data-hydrated="true"]');
}

/** Opens a path and waits for hydration. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitHydrated(page);
}

/** Fills and submits the sign-in form of the current (hydrated) page. */
export async function submitSignIn(page: Page, email: string, password: string = PASSWORD): Promise<void> {
  const form = page.locator('[data-testid=login-form]');
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
}

/** Signs in on `/login` and waits for the start page. */
export async function signIn(page: Page, email: string, password: string = PASSWORD): Promise<void> {
  await visit(page, '/login');
  await submitSignIn(page, email, password);
  await page.waitForURL('/');
  await waitHydrated(page);
  await expect(page.locator('[data-testid=who]')).toBeVisible();
}

/** Signs out with the header button; lands on the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('[data-testid=sign-out]').click();
  await page.waitForURL('/login');
  await expect(page.locator('[data-testid=login-form]')).toBeVisible();
}

/**
 * Switches the language with the header's switch (a plain form post that
 * reloads the page) and waits for the new document to hydrate.
 */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('[data-testid=lang-switch]').click();
  // `lang` changes only in the reloaded document, so once it shows, the
  // hydration mark we wait for is the new document's.
  await expect(page.locator('html')).toHaveAttribute('lang', to);
  await waitHydrated(page);
}

/** True when this page is laid out for a phone (the bottom navigation). */
export function isPhoneLayout(page: Page): boolean {
  return (page.viewportSize()?.width ?? 1280) < 900;
}

/** The navigation shown at this width, and the one hidden. */
export function navigation(page: Page): { shown: Locator; hidden: Locator } {
  const side = page.locator('nav.sidenav');
  const bottom = page.locator('nav.bottomnav');
  return isPhoneLayout(page) ? { shown: bottom, hidden: side } : { shown: side, hidden: bottom };
}

/** Asserts the visible navigation has exactly these labels, and the other nav is hidden. */
export async function expectNav(page: Page, labels: readonly string[]): Promise<void> {
  const { shown, hidden } = navigation(page);
  await expect(shown).toBeVisible();
  await expect(hidden).toBeHidden();
  await expect(shown.getByRole('link')).toHaveText([...labels]);
}

/** Saves a full-page screenshot to test-results/screens/<project>-<name>.png for people to review. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `${testInfo.project.outputDir}/screens/${testInfo.project.name}-${name}.png`;
  // From the top, so the sticky header is drawn where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
}

/** An address no other test run or project uses. */
export function uniqueEmail(testInfo: TestInfo, domain: string): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return `e2e-${testInfo.project.name}-${stamp}@${domain}`;
}

/** A date `days` from today (UTC), as forms and the API write it. */
export function isoDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A bearer header for a demo user, from the REST API's token endpoint. */
export async function apiAuth(request: APIRequestContext, email: string, name: string): Promise<Record<string, string>> {
  const auth = await request.post('/api/v1/auth/token', { data: { email, password: PASSWORD, name } });
  expect(auth.status()).toBe(201);
  return { authorization: `Bearer ${(await auth.json()).token}` };
}

/** A submitted ACME order of FST-010 × 1000 made over the REST API: its id and number. */
export async function submittedOrder(request: APIRequestContext, key: string): Promise<{ id: number; number: string }> {
  const headers = await apiAuth(request, USERS.acmeBuyer.email, `e2e ${key}`);
  const sites = await (await request.get('/api/v1/orders?search=SO', { headers })).json();
  const site = sites.orders?.[0]?.site_id ?? 1;
  const created = await request.post('/api/v1/orders', {
    headers: { ...headers, 'idempotency-key': key },
    data: { site_id: site, requested_date: isoDays(60), po_number: `E2E-${key}`.slice(0, 60), notes: '', lines: [{ sku: 'FST-010', quantity: 1000, requested_date: null }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const order = await created.json();
  const submitted = await request.post(`/api/v1/orders/${order.id}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return { id: order.id, number: order.number };
}

/** The same order, confirmed by the account manager: it has a plan, and goods to inspect and ship. */
export async function confirmedOrder(request: APIRequestContext, key: string): Promise<{ id: number; number: string }> {
  const order = await submittedOrder(request, key);
  const am = await apiAuth(request, USERS.accountManager.email, `e2e ${key}`);
  const confirmed = await request.post(`/api/v1/orders/${order.id}/confirm`, { headers: am, data: { promised_date: null, message: '' } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  return order;
}
