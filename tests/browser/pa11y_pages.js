// pa11y (HTML_CodeSniffer) on many pages with one Chromium: tests/browser/test_validators.py.
//
//   node tests/browser/pa11y_pages.js CONFIG.json PAGES.json
//
// PAGES.json lists {"url": ..., "file": ...}: a page with a file is the HTML the server gave
// a form's post or a signed-in session, saved; it is served again at its own URL (the rest of
// the page's requests go to the server), so the checker sees the page people saw, styles
// and all. Prints each page's errors, in the list's order, as JSON: [[error, ...], ...]. The browser is CONFIG's chromeLaunchConfig
// (Debian's Chromium); nothing is downloaded.
'use strict';

const fs = require('fs');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

const TABS = 4;

async function check(browser, options, {url, file}) {
	const page = await browser.newPage();
	await page.setViewport({width: 1280, height: 1024});
	if (file) {
		const body = fs.readFileSync(file);
		await page.setRequestInterception(true);
		page.on('request', request => {
			if (request.isNavigationRequest() && request.url() === url) {
				request.respond({status: 200, contentType: 'text/html; charset=utf-8', body});
			} else {
				request.continue();
			}
		});
	}
	await page.goto(url, {waitUntil: 'load', timeout: options.timeout});
	const results = await pa11y(url, {...options, browser, page, ignoreUrl: true});
	await page.close();
	return results.issues.filter(issue => issue.type === 'error');
}

async function main() {
	const [configPath, pagesPath] = process.argv.slice(2);
	const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
	const pages = JSON.parse(fs.readFileSync(pagesPath, 'utf8'));
	const {chromeLaunchConfig, ...options} = config;
	const browser = await puppeteer.launch(chromeLaunchConfig);
	const found = new Array(pages.length);
	let next = 0;
	async function worker() {
		while (next < pages.length) {
			const index = next++;
			found[index] = await check(browser, options, pages[index]);
		}
	}
	try {
		// A few tabs at once: HTML_CodeSniffer is slow on long pages, Chromium is not busy.
		await Promise.all(Array.from({length: TABS}, worker));
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(found, null, 1));
}

main().catch(error => {
	console.error(error);
	process.exit(1);
});
