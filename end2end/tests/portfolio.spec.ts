// The staff portfolio, end to end, on the phone and the desktop, in both
// languages: every planned order as a bar, filtered to those at risk or
// late, zoomed to months; on a phone the chart scrolls sideways.

import { USERS, expect, screenshot, signIn, test, visit } from './helpers';

for (const lang of ['en', 'zh'] as const) {
  test(`the planner reads the portfolio, filters it and zooms out (${lang})`, async ({ page, baseURL }, testInfo) => {
    await page.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(page, USERS.planner.email);
    await visit(page, '/console/plans');
    const rows = page.locator('[data-testid=portfolio-row]');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=portfolio-count]')).toContainText(lang === 'zh' ? '个订单' : 'orders');
    await expect(page.locator('[data-testid=portfolio] line.today')).toHaveCount(1);
    await screenshot(page, testInfo, `portfolio-${lang}`);

    // at risk or late only: every bar left says so
    const filters = page.locator('[data-testid=portfolio-filters]');
    await filters.locator('input[name=at_risk]').check();
    await filters.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/at_risk=on/);
    const risky = page.locator('[data-testid=portfolio-row]');
    const n = await risky.count();
    for (let i = 0; i < n; i++) {
      const row = risky.nth(i);
      expect((await row.getAttribute('data-risk')) === 'true' || (await row.getAttribute('data-late')) === 'true').toBe(true);
    }

    // by month: ticks are months
    await visit(page, '/console/plans?zoom=month');
    await expect(page.locator('[data-testid=portfolio] .tick-label').first()).toHaveText(/^\d{4}-\d{2}$/);
    if (testInfo.project.name === 'phone') {
      const wrap = page.locator('[data-testid=portfolio]');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    }
    await screenshot(page, testInfo, `portfolio-month-${lang}`);
  });
}
