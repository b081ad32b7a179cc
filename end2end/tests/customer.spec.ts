// The customer's side: sign-in, the frame and navigation at both widths,
// the language switch, sign-out, the way back after sign-in, and that one
// account never sees another's data.

import {
  ACCOUNTS,
  NAV,
  USERS,
  expect,
  expectNav,
  navigation,
  screenshot,
  signIn,
  signOut,
  submitSignIn,
  switchLanguage,
  test,
  visit,
  waitHydrated,
} from './helpers';

test('buyer signs in, uses the portal in both languages and signs out', async ({ page }, testInfo) => {
  // The sign-in page, in English for an en-US browser.
  await visit(page, '/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Keyport');
  await expect(page.locator('[data-testid=demo-hint]')).toContainText('keyport-demo-2026');
  await screenshot(page, testInfo, 'login-en');

  await submitSignIn(page, USERS.acmeBuyer.email);
  await page.waitForURL('/');
  await waitHydrated(page);

  // The customer's frame and dashboard.
  await expect(page.locator('[data-testid=who]')).toContainText(USERS.acmeBuyer.name);
  await expect(page.locator('[data-testid=sign-out]')).toBeVisible();
  await expectNav(page, NAV.customer.en);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Bob Buyer');
  const card = page.locator('[data-testid=account-card]');
  await expect(card).toBeVisible();
  await expect(card.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.acme.code);
  await expect(card).toContainText(ACCOUNTS.acme.name);
  await expect(page.locator('body')).not.toContainText('NOVA');
  await screenshot(page, testInfo, 'customer-dashboard');

  // Chinese: the page reloads in the other language on the same path.
  await switchLanguage(page, 'zh-CN');
  await expect(page).toHaveURL('/');
  await expectNav(page, NAV.customer.zh);
  await expect(navigation(page).shown.getByRole('link', { name: '订单' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('欢迎,Bob Buyer');
  await expect(page.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.acme.code);
  await screenshot(page, testInfo, 'customer-dashboard-zh');

  // The choice is remembered for the next page load.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'kp_lang')?.value).toMatch(/^zh/);
  await visit(page, '/orders');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNav(page, NAV.customer.zh);

  // And back to English, still on the same page.
  await switchLanguage(page, 'en');
  await expect(page).toHaveURL('/orders');
  await expectNav(page, NAV.customer.en);

  // The navigation moves between pages without a reload.
  await navigation(page).shown.getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account');
  await expect(page.locator('[data-testid=sites]')).toContainText('Shanghai Assembly Plant');
  // A buyer is not the customer admin: no user list, no invitations.
  await expect(page.locator('[data-testid=users]')).toHaveCount(0);
  await expect(page.locator('details.invite')).toHaveCount(0);
  await navigation(page).shown.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Bob Buyer');

  // Sign out: back on the sign-in page, and the start page needs a sign-in again.
  await signOut(page);
  await visit(page, '/');
  await expect(page).toHaveURL('/login');
  await expect(page.locator('[data-testid=login-form]')).toBeVisible();
  await expect(page.locator('[data-testid=who]')).toHaveCount(0);
});

test('the navigation fits the screen: bottom bar on a phone, side bar on a desktop', async ({ page }) => {
  await signIn(page, USERS.acmeBuyer.email);
  const side = page.locator('nav.sidenav');
  const bottom = page.locator('nav.bottomnav');
  if (test.info().project.name === 'phone') {
    await expect(bottom).toBeVisible();
    await expect(side).toBeHidden();
    // Fixed at the bottom of the screen.
    expect(await bottom.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    const box = await bottom.boundingBox();
    const viewport = page.viewportSize();
    expect(box).not.toBeNull();
    expect(viewport).not.toBeNull();
    expect(Math.round(box!.y + box!.height)).toBe(viewport!.height);
  } else {
    await expect(side).toBeVisible();
    await expect(bottom).toBeHidden();
  }
  await expectNav(page, NAV.customer.en);
});

test('a signed-out visit goes to sign-in and comes back after it', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL('/login?next=/account');
  await waitHydrated(page);
  await expect(page.locator('[data-testid=login-form]')).toBeVisible();

  await submitSignIn(page, USERS.acmeAdmin.email);
  await page.waitForURL('/account');
  await waitHydrated(page);
  await expect(page.locator('[data-testid=who]')).toContainText(USERS.acmeAdmin.name);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account');
  await expect(page.locator('[data-testid=users]')).toContainText(USERS.acmeAdmin.email);
});

test('a customer never sees another account', async ({ page }) => {
  await signIn(page, USERS.acmeBuyer.email);

  await visit(page, `/console/accounts/${ACCOUNTS.nova.id}`);
  const banner = page.locator('.banner.error');
  await expect(banner).toHaveText('Not found. It may not exist, or it is not yours to see.');
  await expect(page.locator('main')).not.toContainText('NOVA');
  // Nor in the data sent along for hydration.
  const html = await page.content();
  expect(html).not.toContain('NOVA');
  expect(html).not.toContain('诺瓦');

  // The start page still shows the customer's own account only.
  await visit(page, '/');
  await expect(page.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.acme.code);
  await expect(page.locator('body')).not.toContainText('NOVA');
});
