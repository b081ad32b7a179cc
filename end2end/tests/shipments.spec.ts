// Shipments, end to end, on the phone and the desktop, in both languages:
// a planner ships part of an order from the order page; the buyer finds it
// on the Shipments page and watches it move — without a reload — while the
// carrier simulator posts signed events to the webhook, until delivered.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { USERS, apiAuth, expect, screenshot, signIn, submittedOrder, test, visit } from './helpers';

const SERVER = path.resolve(__dirname, '../../target/release/server');

/** Runs the carrier simulator against the test server; resolves with what it printed. */
function simulate(tracking: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sim = spawn(SERVER, ['simulate-carrier', '--url', 'http://127.0.0.1:3100', '--carrier', 'sf-express', '--tracking', tracking, '--interval', '1.5']);
    let out = '';
    sim.stdout.on('data', (d) => (out += d));
    sim.stderr.on('data', (d) => (out += d));
    sim.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`simulator exited ${code}: ${out}`))));
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`a planner ships part of an order and the buyer watches it arrive (${lang})`, async ({ page, newContext, request, baseURL, problems }, testInfo) => {
    // the form is sent once without a tracking number on purpose
    problems.allow(/create_shipment/);
    const key = `sh-${testInfo.project.name}-${lang}-${Date.now().toString(36)}`;
    const order = await submittedOrder(request, key);
    const am = await apiAuth(request, USERS.accountManager.email, `e2e ${key}`);
    expect((await request.post(`/api/v1/orders/${order.id}/confirm`, { headers: am, data: { promised_date: null, message: '' } })).status()).toBe(200);
    const planner = await apiAuth(request, USERS.planner.email, `e2e ${key}`);
    expect((await request.post(`/api/v1/orders/${order.id}/start-production`, { headers: planner })).status()).toBe(200);

    // the planner ships 400 of 1000 from the order page
    const tracking = `E2E${Date.now().toString(36).toUpperCase()}${lang.toUpperCase()}`;
    const staff = await (await newContext()).newPage();
    await staff.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(staff, USERS.planner.email);
    await visit(staff, `/orders/${order.id}`);
    const form = staff.locator('[data-testid=ship-form]');
    const qty = form.locator('input[type=number][name^=ship_]').first();
    await form.locator('select[name=carrier]').selectOption('sf-express');
    await form.locator('input[name=weight_grams]').fill('12.5');
    // no tracking number: the server names the field, nothing is shipped
    await form.locator('[data-testid=ship]').click();
    await expect(form.locator('.field-error').filter({ hasText: /\S/ }).first()).toBeVisible();
    await expect(staff.locator('[data-testid=order-shipment]')).toHaveCount(0);
    // more than remains: the browser holds the form back (max = remaining)
    await form.locator('input[name=tracking_number]').fill(tracking);
    await qty.fill('1001');
    await form.locator('[data-testid=ship]').click();
    expect(await qty.evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
    await qty.fill('400');
    await form.locator('[data-testid=ship]').click();
    await expect(staff.locator('[data-testid=order-shipment]')).toHaveCount(1);
    await screenshot(staff, testInfo, `shipment-form-${lang}`);

    // the buyer finds it by its tracking number and opens it
    await page.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/shipments?q=${tracking}`);
    const rows = page.locator('[data-testid=shipment-row]');
    await expect(rows).toHaveCount(1);
    await rows.first().locator('a').first().click();
    await expect(page).toHaveURL(/\/shipments\/\d+$/);
    const status = page.locator('[data-testid=shipment-status]');
    await expect(status).toHaveAttribute('data-status', 'ready');
    await expect(page.locator('[data-testid=journey-empty]')).toBeVisible();

    // the carrier's events arrive through the webhook; the page follows by itself
    const simulated = simulate(tracking);
    await expect(status).toHaveAttribute('data-status', 'in_transit', { timeout: 15_000 });
    await screenshot(page, testInfo, `shipment-in-transit-${lang}`);
    await expect(status).toHaveAttribute('data-status', 'delivered', { timeout: 20_000 });
    await expect(page.locator('[data-testid=journey] li')).toHaveCount(5);
    expect(await simulated).toContain('delivered → applied');
    await expect(status).toHaveText(lang === 'zh' ? '已送达' : 'Delivered');
    await screenshot(page, testInfo, `shipment-delivered-${lang}`);

    // the order is partly shipped; the rest is still to ship
    await visit(page, `/orders/${order.id}`);
    await expect(page.locator('[data-status=partially_shipped]').first()).toBeVisible();
    await expect(page.locator('[data-testid=order-shipment]')).toHaveCount(1);
    await expect(page.locator('[data-testid=ship-form]')).toHaveCount(0);
  });
}
