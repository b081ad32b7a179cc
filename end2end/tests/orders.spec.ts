// Order negotiation, end to end, at both widths: a buyer pastes lines, sees
// an infeasible date flagged, takes the offered date and submits; the
// account manager counter-proposes another date and a smaller quantity; the
// buyer accepts (the order's second version); both see the timeline.
//
// The database lives for the whole run (desktop, then phone), so nothing here
// counts orders or guesses their numbers: it reads what the pages show.

import { type Page } from '@playwright/test';
import { USERS, expect, screenshot, signIn, signOut, switchLanguage, test, visit } from './helpers';

/** A UTC date as `YYYY-MM-DD`, the way the server and the pages write dates. */
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `days` after today (UTC: the server's "today" is UTC too). */
function fromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** `days` after a `YYYY-MM-DD` date. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The order's timeline as both sides should see it once the buyer accepted. */
async function expectFullTimeline(page: Page, message: string): Promise<void> {
  const items = page.locator('[data-testid=timeline] > li');
  await expect(items.locator('strong')).toHaveText(['Created', 'Submitted', 'Counter-proposed', 'Confirmed']);
  await expect(items.nth(0)).toContainText(USERS.acmeBuyer.name);
  await expect(items.nth(1)).toContainText(USERS.acmeBuyer.name);
  await expect(items.nth(2)).toContainText(USERS.accountManager.name);
  await expect(items.nth(2).locator('p.reason')).toHaveText(message);
  await expect(items.nth(2).locator('.changes li')).toHaveText(['#2 FST-010: 1000 → 950']);
  await expect(items.nth(3)).toContainText(USERS.acmeBuyer.name);
  await expect(items.nth(3).locator('.changes li')).toHaveText(['#2 FST-010: 1000 → 950']);
}

test('buyer orders, account manager counter-proposes, buyer accepts; both see the timeline', async ({ page, problems }, testInfo) => {
  // the refused counter-proposal (a quantity off the pack) answers 422
  problems.allow(/status of 422.*\/sf\/counter_order/);
  // Four sign-ins (argon2 each) and many server round trips.
  test.setTimeout(120_000);

  const project = testInfo.project.name;
  // HSG-050: lead time 43 days, MOQ 500, pack 50. FST-010: lead time 10 days.
  const tooSoon = fromToday(14);
  const leadTimeDate = fromToday(43);
  const po = `PO-E2E-${project}-${Date.now()}`;

  let orderId = '';
  let orderNumber = '';
  let offered = '';

  await test.step('buyer enters an order with an infeasible date and takes the offered one', async () => {
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, '/orders');
    await page.locator('[data-testid=new-order]').click();
    await expect(page).toHaveURL('/orders/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New order');

    const header = page.locator('[data-testid=order-header]');
    await header.locator('select#site').selectOption({ index: 1 });
    await header.locator('input#date').fill(tooSoon);
    await header.locator('input#date').press('Tab');
    await expect(header.locator('input#date')).toHaveValue(tooSoon);

    const lines = page.locator('[data-testid=lines]');
    const feasibility = page.locator('[data-testid=feasibility]');

    // A bad paste adds nothing and says which row is wrong.
    await page.locator('[data-testid=paste] summary').click();
    const paste = page.locator('textarea[name=paste]');
    await paste.fill('HSG-050,500\nFST-010');
    await page.locator('[data-testid=add-pasted]').click();
    const pasteErrors = page.locator('[data-testid=paste-errors]');
    await expect(pasteErrors).toContainText('Nothing was added; correct the rows and paste again.');
    await expect(pasteErrors.locator('li')).toHaveText(['Row 2: the quantity is missing.']);
    await expect(lines.locator('tbody tr')).toHaveCount(0);

    // A good paste adds both lines and clears the errors.
    await paste.fill('HSG-050,500\nFST-010,1000');
    await page.locator('[data-testid=add-pasted]').click();
    await expect(pasteErrors).toHaveCount(0);
    await expect(lines.locator('tbody tr')).toHaveCount(2);
    const hsg = lines.locator('tr[data-line="1"]');
    const fst = lines.locator('tr[data-line="2"]');
    await expect(hsg).toContainText('HSG-050');
    await expect(fst).toContainText('FST-010');

    // The live check flags the housing line (lead time) and not the bolts.
    await expect(hsg.locator('td.issues')).toContainText('Too soon for the lead time.');
    await expect(hsg.locator('[data-testid=use-line-date]')).toBeVisible();
    await expect(fst.locator('td.issues')).toHaveText('');
    await expect(fst.locator('[data-testid=use-line-date]')).toHaveCount(0);
    // Without a PO number the order may not be submitted yet.
    await expect(feasibility).toContainText('Enter your PO number.');

    const earliest = feasibility.locator('[data-testid=order-earliest]');
    await expect(earliest).toContainText(/Earliest date for the whole order: \d{4}-\d{2}-\d{2}/);
    offered = /(\d{4}-\d{2}-\d{2})/.exec((await earliest.textContent()) ?? '')![1];
    expect(offered >= leadTimeDate, `offered date ${offered} is at least today + 43 days (${leadTimeDate})`).toBe(true);
    await screenshot(page, testInfo, 'new-order-flagged');

    await header.locator('input#po').fill(po);
    await header.locator('input#po').press('Tab');
    await expect(feasibility).not.toContainText('Enter your PO number.');

    // Take the offered date: it becomes the header date and every line fits.
    await earliest.locator('[data-testid=use-order-date]').click();
    await expect(header.locator('input#date')).toHaveValue(offered);
    await expect(feasibility).toContainText('All lines can be delivered on their dates.');
    await expect(feasibility.locator('[data-testid=order-earliest]')).toHaveCount(0);
    await expect(hsg.locator('td.issues')).toHaveText('');
    await expect(lines.locator('[data-testid=use-line-date]')).toHaveCount(0);
    await screenshot(page, testInfo, 'new-order-fixed');
  });

  await test.step('buyer submits', async () => {
    await page.locator('[data-testid=submit-order]').click();
    await expect(page).toHaveURL(/\/orders\/\d+$/);
    orderId = /\/orders\/(\d+)$/.exec(new URL(page.url()).pathname)![1];

    const number = page.locator('h1[data-testid=order-number]');
    await expect(number).toHaveText(new RegExp(`^SO-${new Date().getUTCFullYear()}-\\d{6}$`));
    orderNumber = ((await number.textContent()) ?? '').trim();
    await expect(page.locator('[data-status=submitted]')).toHaveText('Submitted');
    await expect(page.locator('main')).toContainText(po);
    await expect(page.locator('[data-testid=timeline] li strong')).toHaveText(['Created', 'Submitted']);
  });

  const counterDate = addDays(offered, 10);
  const message = `The die-casting line is booked; we can deliver on ${counterDate} (${project}).`;

  await test.step('account manager finds the order in the review list and counter-proposes', async () => {
    await signOut(page);
    await signIn(page, USERS.accountManager.email);

    const review = page.locator('[data-testid=review-list]');
    const link = review.getByRole('link', { name: orderNumber, exact: true });
    await expect(link).toHaveAttribute('href', `/orders/${orderId}`);
    await link.click();
    await expect(page).toHaveURL(`/orders/${orderId}`);
    await expect(page.locator('h1[data-testid=order-number]')).toHaveText(orderNumber);
    await expect(page.locator('[data-status=submitted]')).toHaveText('Submitted');
    const actions = page.locator('[data-testid=actions]');
    await expect(actions).toBeVisible();
    await screenshot(page, testInfo, 'order-am');

    await actions.locator('details > summary', { hasText: 'Counter-propose' }).click();
    const form = actions.locator('[data-testid=counter-form]');
    await expect(form).toBeVisible();
    await form.locator('input[name=counter_date]').fill(counterDate);
    await form.locator('input[name=message]').fill(message);
    // a quantity off the pack multiple is refused on its line, nothing saved
    await form.locator('[data-testid=counter-qty-2]').fill('975');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('td .field-error')).toHaveText(['Use at least the minimum order quantity, in whole packs.']);
    await expect(page.locator('[data-status=submitted]')).toHaveText('Submitted');
    await form.locator('[data-testid=counter-qty-2]').fill('950');
    await form.locator('button[type=submit]').click();

    await expect(page.locator('[data-status=countered]')).toHaveText('Counter-proposed');
    const items = page.locator('[data-testid=timeline] > li');
    await expect(items.locator('strong')).toHaveText(['Created', 'Submitted', 'Counter-proposed']);
    await expect(items.nth(2)).toContainText(USERS.accountManager.name);
    await expect(items.nth(2)).toContainText(message);
    await screenshot(page, testInfo, 'order-am-countered');
  });

  await test.step('buyer sees the proposal and accepts it', async () => {
    await signOut(page);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${orderId}`);
    await expect(page.locator('h1[data-testid=order-number]')).toHaveText(orderNumber);
    await expect(page.locator('[data-status=countered]')).toHaveText('Counter-proposed');

    const proposal = page.locator('[data-testid=counter-proposal]');
    await expect(proposal).toContainText(`The account manager proposes ${counterDate}:`);
    await expect(proposal).toContainText(message);
    const lines = page.locator('[data-testid=order-lines] tbody tr');
    await expect(lines.nth(0).locator('td.changed')).toHaveCount(0);
    await expect(lines.nth(1).locator('td.changed')).toHaveText('950');
    await screenshot(page, testInfo, 'order-buyer-countered');

    await page.locator('[data-testid=actions] button[type=submit]', { hasText: 'Accept proposal' }).click();
    await expect(page.locator('[data-status=confirmed]')).toHaveText('Confirmed');
    await expect(page.locator('[data-testid=promised-date]')).toHaveText(counterDate);
    await expect(page.locator('[data-testid=counter-proposal]')).toHaveCount(0);
    await expect(page.locator('[data-testid=order-version]')).toHaveText('2');
    await expect(lines.nth(1).locator('td').nth(2)).toHaveText('950');
    await expectFullTimeline(page, message);
    await screenshot(page, testInfo, 'order-confirmed');
  });

  await test.step('account manager sees the same timeline, in both languages', async () => {
    await signOut(page);
    await signIn(page, USERS.accountManager.email);
    await visit(page, `/orders/${orderId}`);
    await expect(page.locator('h1[data-testid=order-number]')).toHaveText(orderNumber);
    await expect(page.locator('[data-status=confirmed]')).toHaveText('Confirmed');
    await expect(page.locator('[data-testid=promised-date]')).toHaveText(counterDate);
    await expectFullTimeline(page, message);
    // No longer waiting for review.
    await visit(page, '/');
    const queue = page.locator('[data-testid=review-queue]');
    await expect(queue).toBeVisible();
    await expect(queue).not.toContainText('Loading…');
    await expect(queue).not.toContainText(orderNumber);

    await visit(page, `/orders/${orderId}`);
    await switchLanguage(page, 'zh-CN');
    await expect(page).toHaveURL(`/orders/${orderId}`);
    await expect(page.locator('[data-status=confirmed]')).toHaveText('已确认');
    await expect(page.locator('[data-testid=timeline] li strong')).toHaveText(['已创建', '已提交', '已还价', '已确认']);
    await screenshot(page, testInfo, 'order-confirmed-zh');
    await switchLanguage(page, 'en');
  });

  await test.step('buyer reorders: a new order starts from the same lines', async () => {
    await signOut(page);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${orderId}`);
    await page.locator('[data-testid=reorder]').click();
    await expect(page).toHaveURL(`/orders/new?from=${orderId}`);
    await page.waitForSelector('body[data-hydrated="true"]');
    const rows = page.locator('[data-testid=lines] tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('HSG-050');
    await expect(rows.nth(1)).toContainText('FST-010');
    await expect(page.locator('select#site')).not.toHaveValue('');
  });
});

test('buyer finds a product by name and adds it at its minimum quantity', async ({ page }) => {
  await signIn(page, USERS.acmeBuyer.email);
  await visit(page, '/orders/new');
  await page.locator('[data-testid=finder] input').fill('bearing');
  const first = page.locator('[data-testid=finder] li').first();
  await expect(first).toContainText('BRG-');
  await first.getByRole('button', { name: 'Add' }).click();
  const rows = page.locator('[data-testid=lines] tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('BRG-');
  await expect(rows.first().locator('input.qty')).not.toHaveValue('');
});
