// Finding orders: filters and sorts in the URL (a plain GET form), staff
// narrowing to one account, and lines from a CSV file.

import { ACCOUNTS, USERS, expect, screenshot, signIn, test, visit } from './helpers';

/** The order numbers the list shows, top to bottom. */
async function numbers(page: import('@playwright/test').Page): Promise<string[]> {
  const rows = page.locator('[data-testid=orders-table] tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.locator('td:first-child').allTextContents();
}

test('buyer filters by status and site and sorts; the URL keeps the choice', async ({ page }, testInfo) => {
  await signIn(page, USERS.acmeBuyer.email);
  await visit(page, '/orders');
  const newest = await numbers(page);
  expect(newest.length).toBe(25);
  expect([...newest].sort().reverse()).toEqual(newest);

  const form = page.locator('[data-testid=order-filters]');
  await form.locator('select[name=sort]').selectOption('oldest');
  await form.locator('select[name=status]').selectOption('closed');
  const site = form.locator('[data-testid=filter-site]');
  await expect(site.locator('option')).not.toHaveCount(1);
  await site.selectOption({ index: 1 });
  const siteName = (await site.locator('option:checked').textContent())!.trim();
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page).toHaveURL(/sort=oldest/);
  await expect(page).toHaveURL(/site=\d+/);

  const oldest = await numbers(page);
  expect([...oldest].sort()).toEqual(oldest);
  const badges = page.locator('[data-testid=orders-table] tbody tr [data-status]');
  await expect(badges.first()).toHaveText('Closed');
  for (const status of await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
    expect(status).toBe('closed');
  }
  // after a reload the form shows what the list is filtered by
  await page.reload();
  await expect(form.locator('select[name=status]')).toHaveValue('closed');
  await expect(form.locator('[data-testid=filter-site] option:checked')).toHaveText(siteName);
  await screenshot(page, testInfo, 'orders-filtered');

  // a date range nobody ordered in shows the empty state
  await visit(page, '/orders?from=2001-01-01&to=2001-12-31');
  await expect(page.locator('main')).toContainText('No orders match.');
});

test('staff narrow the list to one account', async ({ page }, testInfo) => {
  await signIn(page, USERS.accountManager.email);
  await visit(page, '/orders');
  const form = page.locator('[data-testid=order-filters]');
  await form.locator('[data-testid=filter-account]').selectOption(String(ACCOUNTS.nova.id));
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`account=${ACCOUNTS.nova.id}`));
  const accounts = await page.locator('[data-testid=orders-table] tbody tr td:nth-child(2)').allTextContents();
  expect(accounts.length).toBeGreaterThan(0);
  expect(new Set(accounts)).toEqual(new Set([ACCOUNTS.nova.code]));
  // the account's sites are offered once an account is chosen
  await expect(form.locator('[data-testid=filter-site] option')).not.toHaveCount(1);
  await screenshot(page, testInfo, 'orders-staff-account');
});

test('buyer adds lines from a CSV file; a bad file adds nothing and names its rows', async ({ page }) => {
  await signIn(page, USERS.acmeBuyer.email);
  await visit(page, '/orders/new');
  await page.locator('[data-testid=paste] summary').click();
  const file = page.locator('[data-testid=csv-file]');
  const rows = page.locator('[data-testid=lines] tbody tr');

  await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('SKU,Qty\nFST-010,100\nBRG-020,lots\n') });
  await expect(page.locator('[data-testid=paste-errors] li')).toHaveText(['Row 3: the quantity must be a whole number above 0.']);
  await expect(rows).toHaveCount(0);

  // as Excel saves it: a BOM, a Chinese header, CRLF and a quoted "1,000"
  const excel = '\ufeff物料编码,数量,交货日期\r\n"FST-010","1,000",\r\nBRG-020,200,2030-01-15\r\n';
  await file.setInputFiles({ name: 'order.csv', mimeType: 'text/csv', buffer: Buffer.from(excel) });
  await expect(page.locator('[data-testid=paste-errors]')).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('FST-010');
  await expect(rows.nth(0).locator('input.qty')).toHaveValue('1000');
  await expect(rows.nth(1)).toContainText('BRG-020');
});
