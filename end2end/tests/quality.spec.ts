// Quality control, end to end, on the phone and the desktop, in both
// languages: the planner records an inspection of a confirmed order with
// its certificate (a file that is not a PDF or an image is refused,
// translated, beside its field); the buyer sees the result and downloads
// the certificate, served as the PDF it is with nosniff; another
// account's buyer gets "not found" for the same file.

import { USERS, confirmedOrder, expect, screenshot, signIn, test, visit } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

for (const lang of ['en', 'zh'] as const) {
  test(`a planner records an inspection and the buyer downloads its certificate (${lang})`, async ({ page, newContext, request, baseURL, problems }, testInfo) => {
    problems.allow(/status of 422.*\/sf\/record_inspection/);
    const key = `qc-${testInfo.project.name}-${lang}-${Date.now().toString(36)}`;
    const order = await confirmedOrder(request, key);

    const staff = await (await newContext()).newPage();
    await staff.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(staff, USERS.planner.email);
    await visit(staff, `/orders/${order.id}`);
    const quality = staff.locator('[data-testid=quality]');
    const form = quality.locator('[data-testid=inspection-form]');
    await form.locator('summary').click();
    await form.locator('input[name=sample_size]').fill('125');
    await form.locator('input[name="defects.surface"]').fill('2');
    await form.locator('input[name=lot]').fill('L-7');
    // a script named like a certificate: refused by its content, translated
    await form.locator('input[type=file]').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('#!/bin/sh\necho hi\n') });
    await form.locator('button[type=submit]').click();
    await expect(form.locator('.field.has-error .field-error')).toHaveText(lang === 'zh' ? '请选择 PDF、PNG、JPEG 或 WebP 文件。' : 'Choose a PDF, PNG, JPEG or WebP file.');
    await expect(quality.locator('[data-testid=inspection]')).toHaveCount(0);
    // the real certificate: recorded once
    await form.locator('input[type=file]').setInputFiles({ name: 'SGS report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.locator('button[type=submit]').click();
    await expect(quality.locator('[data-testid=inspection]')).toHaveCount(1);
    await expect(quality.locator('[data-testid=inspection-result]')).toHaveText(lang === 'zh' ? '合格' : 'Pass');
    await screenshot(staff, testInfo, `quality-planner-${lang}`);

    await page.context().addCookies([{ name: 'kp_lang', value: lang, url: baseURL! }]);
    await signIn(page, USERS.acmeBuyer.email);
    await visit(page, `/orders/${order.id}`);
    const seen = page.locator('[data-testid=quality]');
    await expect(seen.locator('[data-testid=inspection]')).toHaveCount(1);
    await expect(seen.locator('[data-testid=inspection-form]')).toHaveCount(0);
    const link = seen.locator('[data-testid=certificate]');
    await expect(link).toContainText('SGS report.pdf');
    const href = (await link.getAttribute('href'))!;
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(file.headers()['x-content-type-options']).toBe('nosniff');
    expect(file.headers()['content-disposition']).toContain('attachment');
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, testInfo, `quality-buyer-${lang}`);

    // NOVA's buyer: the same link is "not found"
    const nova = await (await newContext()).newPage();
    await signIn(nova, USERS.novaBuyer.email);
    expect((await nova.request.get(href)).status()).toBe(404);
  });
}
