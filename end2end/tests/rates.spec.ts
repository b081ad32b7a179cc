// Shipping modes compared, end to end, on the phone and the desktop, in
// both languages: the planner sorts a confirmed order's options by cost
// and by arrival and chooses one with a reason; the buyer sees the chosen
// mode and its ETA (not the cost); the staff admin's CSV import names a
// bad line by its number and changes nothing.

import { USERS, apiAuth, confirmedOrder, expect, screenshot, signIn, test, visit } from './helpers';

for (const lang of ['en', 'zh'] as const) {
  test(`a planner compares shipping options and chooses one; the buyer sees it (${lang})`, async ({ page, newContext, request, baseURL, problems }, testInfo) => {
    problems.allow(/status of 422.*\/sf\/choose_shipping/);
    const key = `ship-${testInfo.project.name}-${lang}-${Date.now().toString(36)}`;
    const order = await confirmedOrder(request, key);

    const staff = await (await newContext()).newPage();
    await staff.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(staff, USERS.planner.email);
    await visit(staff, `/orders/${order.id}`);
    const panel = staff.locator('[data-testid=shipping]');
    const rows = panel.locator('[data-testid=shipping-option]');
    expect(await rows.count()).toBeGreaterThan(1);
    const costs = async () => (await rows.locator('td.num').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')));
    const byCost = await costs();
    expect([...byCost].sort((a, b) => a - b)).toEqual(byCost);
    await panel.locator('[data-testid=sort-arrival]').click();
    const arrivals = await rows.locator('td:nth-child(6)').allInnerTexts();
    expect([...arrivals].sort()).toEqual(arrivals);
    // no reason: refused, translated
    await panel.locator('button[type=submit]').click();
    await expect(panel.locator('.field.has-error .field-error')).toHaveText(lang === 'zh' ? '必填。' : 'Required.');
    const mode = await rows.first().getAttribute('data-mode');
    await rows.first().locator('input[type=radio]').check();
    await panel.locator('textarea[name=reason]').fill(lang === 'zh' ? '最快到达' : 'Fastest to arrive');
    await panel.locator('button[type=submit]').click();
    await expect(panel.locator('[data-testid=shipping-choice]')).toBeVisible();
    await screenshot(staff, testInfo, `shipping-planner-${lang}`);

    await page.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${order.id}`);
    const seen = page.locator('[data-testid=shipping-choice]');
    await expect(seen).toBeVisible();
    await expect(page.locator('[data-testid=shipping-option]')).toHaveCount(0);
    await expect(seen).not.toContainText('¥');
    const api = await apiAuth(request, USERS.acmeBuyer.email, `e2e buyer ${key}`);
    const choice = (await (await request.get(`/api/v1/orders/${order.id}/shipping-options`, { headers: api })).json()).choice;
    expect(choice.mode).toBe(mode);
    expect(choice.cost_minor).toBeNull();
    await screenshot(page, testInfo, `shipping-buyer-${lang}`);
  });
}

test('the staff admin imports rates; a bad line is named and changes nothing', async ({ page, problems }, testInfo) => {
  problems.allow(/status of 422.*\/sf\/import_rates/);
  await signIn(page, USERS.staffAdmin.email);
  await visit(page, '/console/rates');
  const rows = page.locator('[data-testid=rate-row]');
  const before = await rows.count();
  expect(before).toBeGreaterThan(10);
  const box = page.locator('[data-testid=rate-import] textarea');
  const good = await box.inputValue();
  await box.fill(`${good}road,SUZHOU,EAST,0,10,1.00,1.00,1,Someday\n`);
  await page.locator('[data-testid=rate-import] button[type=submit]').click();
  const lines = good.trim().split('\n').length;
  await expect(page.locator('[data-testid=rate-errors] li')).toContainText([`Line ${lines + 1}: pickup_days`]);
  await expect(rows).toHaveCount(before);
  await screenshot(page, testInfo, 'rates-import-error');
});
