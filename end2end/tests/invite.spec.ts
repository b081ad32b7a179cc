// The customer admin invites a user; the one-time link signs the new user in.

import { ACCOUNTS, NAV, USERS, expect, expectNav, screenshot, signIn, signOut, submitSignIn, test, uniqueEmail, visit, waitHydrated } from './helpers';

test('customer admin invites a buyer who sets a password and is signed in', async ({ page, newContext }, testInfo) => {
  const email = uniqueEmail(testInfo, 'acme.example');
  const name = `E2E Buyer ${testInfo.project.name}`;
  const password = 'first-e2e-password-1';

  // The customer admin's account page.
  await signIn(page, USERS.acmeAdmin.email);
  await visit(page, '/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account');
  await expect(page.locator('[data-testid=sites]')).toContainText('Shanghai Assembly Plant');
  const users = page.locator('[data-testid=users]');
  await expect(users).toContainText(USERS.acmeAdmin.email);
  await expect(users).toContainText(USERS.acmeBuyer.name);
  await expect(users).not.toContainText('nova.example');
  await screenshot(page, testInfo, 'account-page');

  // Invite.
  await page.locator('details.invite > summary').click();
  const form = page.locator('[data-testid=invite-form]');
  await expect(form).toBeVisible();
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=name]').fill(name);
  await form.locator('select[name=role]').selectOption('buyer');
  await form.locator('button[type=submit]').click();

  const linkBox = page.locator('[data-testid=invite-link]');
  await expect(linkBox).toContainText(email);
  const code = linkBox.locator('code');
  await expect(code).toHaveText(/^http:\/\/127\.0\.0\.1:3100\/invite\/[A-Za-z0-9_-]{16,}$/);
  const link = (await code.textContent())!.trim();
  // The list now has the invited user, waiting.
  const row = users.locator('li', { hasText: email });
  await expect(row).toContainText(name);
  await expect(row).toContainText('Invited');
  await screenshot(page, testInfo, 'account-page-invited');

  // The new user opens the link in their own browser.
  const theirs = await (await newContext()).newPage();
  await visit(theirs, link);
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Set your password');
  await expect(theirs.locator('main')).toContainText(email);
  await theirs.locator('input[name=password]').fill(password);
  await theirs.locator('input[name=confirm]').fill(password);
  await theirs.locator('main button[type=submit]').click();
  await theirs.waitForURL('/');
  await waitHydrated(theirs);
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`);
  await expect(theirs.locator('[data-testid=who]')).toContainText(name);
  await expect(theirs.locator('[data-testid=account-code]')).toHaveText(ACCOUNTS.acme.code);
  await expectNav(theirs, NAV.customer.en);

  // The link works once only.
  await visit(theirs, link);
  await expect(theirs.locator('.banner.error')).toContainText('This invitation link is invalid, used or expired.');
  await expect(theirs.locator('input[name=password]')).toHaveCount(0);

  // The admin sees the user active now.
  await visit(page, '/account');
  await expect(page.locator('[data-testid=users] li', { hasText: email })).toContainText('Active');

  // The new user changes their password (never a demo user's: other tests use them)...
  const changed = 'second-e2e-password-2';
  await visit(theirs, '/settings');
  const pw = theirs.locator('[data-testid=password-form]');
  await pw.locator('input[name=current]').fill(password);
  await pw.locator('input[name=password]').fill(changed);
  await pw.locator('input[name=confirm]').fill(changed);
  await pw.locator('button[type=submit]').click();
  await expect(theirs.locator('.banner.ok')).toHaveText('Password changed. Your other sessions were signed out.');

  // ...and signs in with it.
  await signOut(theirs);
  await submitSignIn(theirs, email, changed);
  await theirs.waitForURL('/');
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`);
});
