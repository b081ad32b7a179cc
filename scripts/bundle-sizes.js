// Per-route bundle sizes, as a browser fetches them: for each route, a fresh
// browser context (empty cache) signs in where the route needs it, opens the
// route, waits for hydration, and sums the bytes on the wire (brotli, as the
// server sends them) of every .wasm and .js response. Prints a Markdown table.
//
//   node scripts/bundle-sizes.js [base-url]      (default http://127.0.0.1:3100)
//
// Run against the release build in demo mode (scripts/e2e-server.sh, or
// `make sizes`, which starts one).
const { chromium } = require('../end2end/node_modules/playwright-core');

const base = process.argv[2] || 'http://127.0.0.1:3100';
const PASSWORD = 'keyport-demo-2026';
const routes = [
  ['sign-in', '/login', null],
  ['customer start page', '/', 'buyer@acme.example'],
  ['orders list', '/orders', 'buyer@acme.example'],
  ['order entry', '/orders/new', 'buyer@acme.example'],
  ['order detail', '/orders/1', 'buyer@acme.example'],
  ['account', '/account', 'admin@acme.example'],
  ['settings', '/settings', 'buyer@acme.example'],
  ['staff console', '/', 'am@keyport.example'],
  ['accounts (staff)', '/console/accounts', 'admin@keyport.example'],
  ['account admin (staff)', '/console/accounts/1', 'admin@keyport.example'],
  ['staff users', '/console/staff', 'admin@keyport.example'],
];

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows = [];
  for (const [name, path, user] of routes) {
    const ctx = await browser.newContext({ locale: 'en-US' });
    const page = await ctx.newPage();
    if (user) {
      // sign in through the API-free form post, so the sign-in page's own code is not counted here
      const res = await ctx.request.post(base + '/sf/sign_in', { form: { email: user, password: PASSWORD }, headers: { origin: base }, maxRedirects: 0 });
      if (res.status() >= 400) throw new Error(`sign-in of ${user}: ${res.status()}`);
    }
    const sizes = [];
    page.on('response', async (r) => {
      const url = new URL(r.url());
      if (/\.(wasm|js)$/.test(url.pathname)) {
        const len = Number(r.headers()['content-length'] || (await r.body()).length);
        sizes.push([url.pathname, len, r.headers()['content-encoding'] || 'identity']);
      }
    });
    await page.goto(base + path);
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    const total = sizes.reduce((a, [, n]) => a + n, 0);
    rows.push([name, path, sizes.length, total, sizes.every(([, , e]) => e === 'br')]);
    await ctx.close();
  }
  await browser.close();
  console.log('| route | path | files | WASM + JS on the wire (KB, brotli) |');
  console.log('|---|---|---:|---:|');
  for (const [name, path, files, total, br] of rows) {
    console.log(`| ${name} | \`${path}\` | ${files} | ${(total / 1000).toFixed(1)}${br ? '' : ' (not all brotli)'} |`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
