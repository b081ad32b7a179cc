// The staff's side: the console, the account list and one account's page.

import { ACCOUNTS, NAV, USERS, expect, expectNav, navigation, screenshot, signIn, signOut, test, visit } from './helpers';

test('account manager sees the staff console and opens an account', async ({ page }, testInfo) => {
  await signIn(page, USERS.accountManager.email);

  await expect(page.locator('[data-testid=who]')).toContainText(USERS.accountManager.name);
  await expectNav(page, NAV.staff.en);
  const nav = navigation(page).shown;
  await expect(nav).not.toContainText('Complaints');
  await expect(nav).not.toContainText('Dashboard');
  // Only the staff admin manages the staff.
  await expect(nav.getByRole('link', { name: 'Staff' })).toHaveCount(0);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${USERS.accountManager.name}`);
  await expect(page.locator('[data-testid=review-queue]')).toBeVisible();
  const list = page.locator('[data-testid=account-list]');
  await expect(list).toContainText(ACCOUNTS.acme.name);
  await expect(list).toContainText(ACCOUNTS.nova.name);
  await expect(page.locator('[data-testid=account-card]')).toHaveCount(0);
  await screenshot(page, testInfo, 'staff-console');

  await list.getByRole('link', { name: ACCOUNTS.acme.name }).click();
  await expect(page).toHaveURL(`/console/accounts/${ACCOUNTS.acme.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ACCOUNTS.acme.name);
  await expect(page.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.acme.code);
  await expect(page.locator('[data-testid=sites]')).toContainText('Shanghai Assembly Plant');
  await expect(page.locator('.banner.error')).toHaveCount(0);
  await screenshot(page, testInfo, 'staff-account');

  // The same page opened directly (rendered on the server) shows the same.
  await visit(page, `/console/accounts/${ACCOUNTS.nova.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ACCOUNTS.nova.name);
  await expect(page.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.nova.code);

  await signOut(page);
});

test('staff admin also gets the staff page in the navigation', async ({ page }) => {
  await signIn(page, USERS.staffAdmin.email);
  await expect(page.locator('[data-testid=who]')).toContainText(USERS.staffAdmin.name);
  await expectNav(page, NAV.staff.enAdmin);
  const list = page.locator('[data-testid=account-list]');
  await expect(list).toContainText(ACCOUNTS.acme.name);
  await expect(list).toContainText(ACCOUNTS.nova.name);
});
