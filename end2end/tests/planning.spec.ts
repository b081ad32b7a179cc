// The production plan, end to end, on the phone and the desktop, in both
// languages: a confirmed order has its plan as a Gantt chart; the planner
// moves quality control past the promised date; the order is at risk, and
// the buyer sees the revised plan (read-only).

import { USERS, apiAuth, expect, screenshot, signIn, submittedOrder, test, visit } from './helpers';

for (const lang of ['en', 'zh'] as const) {
  test(`a planner moves a milestone past the promise and the buyer sees the risk (${lang})`, async ({ page, newContext, request, baseURL }, testInfo) => {
    const key = `plan-${testInfo.project.name}-${lang}-${Date.now().toString(36)}`;
    const order = await submittedOrder(request, key);
    const am = await apiAuth(request, USERS.accountManager.email, `e2e ${key}`);
    const confirmed = await request.post(`/api/v1/orders/${order.id}/confirm`, { headers: am, data: { promised_date: null, message: '' } });
    expect(confirmed.status()).toBe(200);
    const promised: string = (await confirmed.json()).promised_date;

    const staff = await (await newContext()).newPage();
    await staff.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(staff, USERS.planner.email);
    await visit(staff, `/orders/${order.id}`);
    const plan = staff.locator('[data-testid=plan]');
    await expect(plan.locator('[data-testid=gantt] g.row')).toHaveCount(6);
    await expect(plan.locator('[data-testid=plan-ok]')).toBeVisible();
    const qc = plan.locator('[data-testid=edit-qc]');
    await qc.locator('summary').click();
    const later = new Date(Date.parse(promised) + 5 * 86_400_000).toISOString().slice(0, 10);
    await qc.locator('input[name=planned_end]').fill(later);
    await qc.locator('input[name=note]').fill(lang === 'zh' ? '盐雾试验重做' : 'Salt-spray test rerun');
    await qc.locator('button[type=submit]').click();
    await expect(plan.locator('[data-testid=plan-risk]')).toBeVisible();
    await expect(plan.locator('g.row.late')).toHaveCount(1);
    await screenshot(staff, testInfo, `plan-staff-${lang}`);

    await page.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${order.id}`);
    const seen = page.locator('[data-testid=plan]');
    await expect(seen.locator('[data-testid=plan-risk]')).toBeVisible();
    await expect(seen.locator('g.row.late')).toHaveAttribute('data-stage', 'qc');
    await expect(seen.locator('details')).toHaveCount(0);
    if (testInfo.project.name === 'phone') {
      // the chart keeps its scale and scrolls sideways inside its card
      const wrap = seen.locator('.gantt-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    }
    await screenshot(page, testInfo, `plan-buyer-${lang}`);
  });
}
