import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const pg = await b.newPage({ viewport: { width: 800, height: 800 }, colorScheme: process.argv[4] || 'light' });
await pg.goto(process.argv[2]);
await pg.waitForTimeout(2000);
await pg.screenshot({ path: process.argv[3], fullPage: true });
await b.close();
