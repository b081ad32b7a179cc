// Change requests, end to end, on the phone and the desktop, in both
// languages: a buyer asks for more of a line and a later date, sees the
// impact before sending; the account manager hears of it, approves; the
// buyer sees version 2, the diff and the notification.

import { USERS, expect, isoDays, screenshot, signIn, submittedOrder, test, visit } from './helpers';

for (const lang of ['en', 'zh'] as const) {
  test(`a buyer's change request is approved and becomes version 2 (${lang})`, async ({ page, newContext, request, baseURL }, testInfo) => {
    const cookie = { name: 'kp_lang', value: lang, url: baseURL! };
    await page.context().addCookies([cookie]);
    const order = await submittedOrder(request, `cr-${testInfo.project.name}-${lang}-${Date.now().toString(36)}`);

    // the buyer edits a copy of the order and sees the impact as they type
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${order.id}`);
    await page.locator('[data-testid=request-change]').click();
    await expect(page).toHaveURL(`/orders/${order.id}/change`);
    await expect(page.locator('[data-testid=change-lines]')).toBeVisible();
    await page.locator('[data-testid=change-qty-1]').fill('1500');
    await page.locator('[data-testid=change-order-date]').fill(isoDays(75));
    await expect(page.locator('[data-testid=impact-delta]')).toContainText('+');
    await expect(page.locator('[data-testid=diff-line-1]')).toContainText('1000 → 1500');
    await page.locator('[data-testid=change-reason]').fill(lang === 'zh' ? '下游客户追加需求' : 'Our customer raised the forecast');
    await screenshot(page, testInfo, `change-request-${lang}`);
    await page.locator('[data-testid=send-change]').click();
    await expect(page).toHaveURL(/\/changes\/\d+$/);
    const requestUrl = new URL(page.url()).pathname;
    await expect(page.locator('[data-testid=change-status]')).toHaveText(lang === 'zh' ? '待处理' : 'Pending');
    // the order shows the pending request
    await visit(page, `/orders/${order.id}`);
    await expect(page.locator('[data-testid=change-banner]')).toBeVisible();
    await expect(page.locator('[data-testid=request-change]')).toHaveCount(0);

    // the account manager hears of it, opens it from the notification, approves
    const staff = await (await newContext()).newPage();
    await staff.context().addCookies([cookie]);
    await signIn(staff, USERS.accountManager.email);
    await expect(staff.locator('[data-testid=bell-count]')).toBeVisible();
    await visit(staff, '/notifications');
    const note = staff.locator('[data-testid=notification]').filter({ hasText: order.number });
    await expect(note).toHaveCount(1);
    await note.getByRole('link').click();
    await expect(staff).toHaveURL(requestUrl);
    await expect(staff.locator('[data-testid=impact]')).toBeVisible();
    await screenshot(staff, testInfo, `change-decision-${lang}`);
    await staff.locator('[data-testid=approve-form] button[type=submit]').click();
    await expect(staff.locator('[data-testid=change-status]')).toHaveText(lang === 'zh' ? '已批准' : 'Approved');

    // the buyer sees version 2, the diff, and the notification
    await visit(page, `/orders/${order.id}`);
    await expect(page.locator('[data-testid=order-version]')).toHaveText('2');
    await page.locator('[data-testid=versions-link]').click();
    await expect(page).toHaveURL(new RegExp(`/orders/${order.id}/versions`));
    await expect(page.locator('[data-testid=diff-line-1]')).toContainText('1000 → 1500');
    await expect(page.locator('[data-testid=version-2]')).toBeVisible();
    await screenshot(page, testInfo, `change-versions-${lang}`);
    await expect(page.locator('[data-testid=bell-count]')).toBeVisible();
    await visit(page, '/notifications');
    await expect(page.locator('[data-testid=notification]').filter({ hasText: order.number })).toHaveCount(1);
    await screenshot(page, testInfo, `change-notifications-${lang}`);
  });
}
