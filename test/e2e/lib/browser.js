'use strict';
// n8n's editor in a real browser: Debian's Chromium (not a browser downloaded by Playwright),
// driven by playwright-core, headless, with a new empty profile. One page for the whole editor
// check: it records what went wrong in the browser (uncaught errors, console errors, failed calls
// to n8n's REST API, error toasts) and takes numbered screenshots into one folder.
const fs = require('node:fs');
const path = require('node:path');

const { detail } = require('../../../tools/n8n-launcher/log');
const { OWNER, login } = require('../../../tools/n8n-launcher/owner');

const CHROMIUM = process.env.EIGI_E2E_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
// Generous: n8n's editor loads about 20 MB of scripts on a two-core machine.
const TIMEOUT_MS = 30000;
const NAVIGATION_TIMEOUT_MS = 60000;

/** Why Chromium cannot be used here, or null when it can. */
function chromiumProblem() {
	try {
		fs.accessSync(CHROMIUM, fs.constants.X_OK);
		return null;
	} catch {
		return (
			`Chromium was not found at ${CHROMIUM}: the editor check runs n8n's editor in it. ` +
			'Install it with: sudo apt-get install -y chromium (Debian), ' +
			'or set EIGI_E2E_CHROMIUM to a Chromium or Chrome binary.'
		);
	}
}

function playwright() {
	try {
		return require('playwright-core');
	} catch (error) {
		throw new Error(
			`playwright-core is not installed (${error.message}): run npm install in the repository`,
		);
	}
}

async function launchChromium() {
	const problem = chromiumProblem();
	if (problem) throw new Error(problem);
	// launch() gives the browser a new temporary profile and deletes it at close.
	return playwright().chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: NAVIGATION_TIMEOUT_MS,
	});
}

/**
 * What n8n's own editor reports about n8n's own features (seen on n8n 2.0: banners fetched from
 * n8n's servers, the AI assistant's sessions without a licence, a workflow never run): not the package's.
 */
const N8N_OWN_NOISE = [
	/^Failed to fetch dynamic banners/,
	/^Failed to fetch sessions metadata: ResponseError: Plan lacks license/,
	/^POST \S+\/rest\/ai\/sessions\/metadata: 403$/,
	// n8n 2.0 asks for a workflow's last successful execution and gets 404 while there is none.
	/^GET \S+\/rest\/workflows\/[^/]+\/executions\/last-successful: 404$/,
];

function isN8nOwnNoise(text) {
	return N8N_OWN_NOISE.some((pattern) => pattern.test(text));
}

/** Resources outside n8n that the editor asks for and a test machine may not reach. */
function isExternal(url, baseUrl) {
	return !url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:');
}

class EditorSession {
	/** `shotsDir`: where the screenshots go (created). */
	constructor({ baseUrl, shotsDir }) {
		this.baseUrl = baseUrl;
		this.shotsDir = shotsDir;
		this.browser = null;
		this.page = null;
		this.loggedIn = false;
		this.shots = 0;
		this.problems = [];
		this.ignored = [];
	}

	async start() {
		fs.mkdirSync(this.shotsDir, { recursive: true });
		this.browser = await launchChromium();
		const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 } });
		context.setDefaultTimeout(TIMEOUT_MS);
		context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
		const page = await context.newPage();
		this.page = page;
		page.on('pageerror', (error) => this.problem('uncaught error in the page', error.message));
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const url = message.location()?.url ?? '';
			// Failed requests are judged by the response listener below, with their URL.
			if (message.text().startsWith('Failed to load resource')) {
				if (isExternal(url, this.baseUrl)) this.ignored.push(`${message.text()} (${url})`);
				return;
			}
			this.problem('console error', `${message.text()}${url ? ` (${url})` : ''}`);
		});
		page.on('response', (response) => {
			const url = response.url();
			if (!url.startsWith(`${this.baseUrl}/rest/`) || response.status() < 400) return;
			// Before logging in, the editor asks who is logged in and gets 401: expected.
			if (!this.loggedIn && response.status() === 401) return;
			this.problem('n8n API error', `${response.request().method()} ${url}: ${response.status()}`);
		});
		// A page left while n8n still saves asks "Leave site?": leave.
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	}

	problem(kind, text) {
		if (isN8nOwnNoise(text)) this.ignored.push(text.split('\n')[0]);
		else this.problems.push(`${kind}: ${text}`);
	}

	/**
	 * Logs in through n8n's sign-in page as the owner the suite set up (made first through the API
	 * where n8n takes no owner from the environment, with the password that then works).
	 */
	async login(owner = OWNER) {
		const { page } = this;
		const { password } = await login(this.baseUrl, owner);
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
		await page.locator('input[name=password]').fill(password);
		await this.screenshot('sign-in');
		await page.locator('[data-test-id=form-submit-button]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		this.loggedIn = true;
	}

	/** Opens a workflow in the editor and waits until its canvas shows `nodeName`. */
	async openWorkflow(id, nodeName) {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.canvasNode(nodeName).waitFor();
	}

	canvasNode(name) {
		return this.page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`);
	}

	/** The next numbered screenshot, e.g. 03-nodes-panel.png; returns its path. */
	async screenshot(name) {
		this.shots += 1;
		const file = path.join(this.shotsDir, `${String(this.shots).padStart(2, '0')}-${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/** Where `problems` stood, to check later that a step added none. */
	mark() {
		return this.problems.length;
	}

	/** The texts of the error and warning toasts on screen. */
	async errorToasts() {
		const toasts = this.page
			.locator('.el-notification')
			.filter({ has: this.page.locator('.el-notification--error, .el-notification--warning') });
		return (await toasts.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
	}

	/** Throws when the browser reported a problem since `mark`, or an error toast is on screen. */
	async assertClean(mark, step) {
		const toasts = await this.errorToasts();
		const problems = [
			...this.problems.slice(mark),
			...toasts.map((text) => `error toast: ${text}`),
		];
		if (problems.length)
			throw new Error(`${step}: the editor reported problems:\n- ${problems.join('\n- ')}`);
	}

	async close() {
		const browser = this.browser;
		this.browser = null;
		if (!browser) return;
		if (this.ignored.length)
			detail(
				`Ignored ${this.ignored.length} failed loads outside n8n or of n8n's own online features, e.g. ${this.ignored[0]}`,
			);
		await browser.close().catch(() => {});
	}
}

module.exports = { EditorSession, chromiumProblem, CHROMIUM };
