// Accessibility: every page, signed out, as a buyer and as staff, in both
// languages and at both widths (the desktop and phone projects), checked by
// axe-core against WCAG 2.1 A and AA after hydration. Any violation fails.

import AxeBuilder from '@axe-core/playwright';
import { USERS, expect, signIn, switchLanguage, test, visit } from './helpers';
import type { Page, TestInfo } from '@playwright/test';

async function expectAccessible(page: Page, testInfo: TestInfo, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  if (found.length > 0) await testInfo.attach(`axe-${where}.txt`, { body: found.join('\n'), contentType: 'text/plain' });
  expect(found, `axe violations on ${where}`).toEqual([]);
}

/** The first order of the list, as the signed-in user sees it. */
async function firstOrder(page: Page): Promise<string> {
  await visit(page, '/orders');
  const href = await page.locator('[data-testid=orders-table] tbody tr a').first().getAttribute('href');
  expect(href).toMatch(/^\/orders\/\d+$/);
  return href!;
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the sign-in page has no axe violations (${lang})`, async ({ page }, testInfo) => {
    await visit(page, '/login');
    if (lang === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await expectAccessible(page, testInfo, `login-${lang}`);
  });

  test(`a buyer's pages have no axe violations (${lang})`, async ({ page }, testInfo) => {
    await signIn(page, USERS.acmeBuyer.email);
    if (lang === 'zh-CN') await switchLanguage(page, 'zh-CN');
    const order = await firstOrder(page);
    for (const path of ['/', '/orders', '/orders/new', order, `${order}/versions`, '/notifications', '/shipments', '/complaints', '/account', '/settings']) {
      await visit(page, path);
      await expectAccessible(page, testInfo, `buyer ${path} ${lang}`);
    }
  });

  test(`staff pages have no axe violations (${lang})`, async ({ page }, testInfo) => {
    await signIn(page, USERS.staffAdmin.email);
    if (lang === 'zh-CN') await switchLanguage(page, 'zh-CN');
    const order = await firstOrder(page);
    await visit(page, '/changes');
    const request = await page.locator('[data-testid=change-queue] tbody tr a').first().getAttribute('href');
    expect(request).toMatch(/^\/changes\/\d+$/);
    for (const path of ['/', '/orders', order, '/changes', request!, '/console/plans', '/console/rates', '/notifications', '/console/accounts', '/console/accounts/1', '/console/staff', '/settings']) {
      await visit(page, path);
      await expectAccessible(page, testInfo, `staff ${path} ${lang}`);
    }
  });
}
