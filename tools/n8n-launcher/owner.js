'use strict';
// n8n's owner account, set from the environment (N8N_INSTANCE_OWNER_MANAGED_BY_ENV, documented in
// n8n's "Manage settings using environment variables"), so no setup screen appears and the suite
// can log in to read what n8n loaded.
const path = require('node:path');

const OWNER = {
	email: 'owner@example.com',
	password: 'eigi-sandbox-1',
	firstName: 'eigi',
	lastName: 'Sandbox',
};
const BROWSER_ID = 'n8n-nodes-eigi-e2e';

/** Environment variables that create (or update) the owner at every n8n start. */
function ownerEnv(runtime, owner = OWNER) {
	// bcryptjs ships with n8n (pure JS), so hashing needs nothing extra.
	const bcrypt = require(path.join(runtime.n8nDir, 'node_modules', 'bcryptjs'));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
	};
}

async function postJson(url, body) {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(15000),
	});
}

/**
 * The password the owner gets where n8n takes no owner from the environment (1.x, and 2.0.x,
 * which predates N8N_INSTANCE_OWNER_MANAGED_BY_ENV) and its set-up screen requires an uppercase
 * letter: the same with its first letter upper.
 */
function setupPassword(password) {
	return /[A-Z]/.test(password) ? password : password.charAt(0).toUpperCase() + password.slice(1);
}

/**
 * A logged-in session against n8n's REST API (the one its editor uses). n8n 1.x has no owner from
 * the environment: when the login is refused there, the owner is created through the set-up
 * screen's endpoint (open only while there is no owner) with setupPassword(), and used.
 */
async function login(baseUrl, owner = OWNER) {
	let password = owner.password;
	let response = await postJson(`${baseUrl}/rest/login`, {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	if (response.status === 401) {
		const refused = await response.text();
		password = setupPassword(owner.password);
		const loginAgain = () =>
			postJson(`${baseUrl}/rest/login`, { emailOrLdapLoginId: owner.email, password });
		response = await loginAgain();
		if (response.status === 401) {
			await response.arrayBuffer();
			const { email, firstName, lastName } = owner;
			const setup = await postJson(`${baseUrl}/rest/owner/setup`, {
				email,
				firstName,
				lastName,
				password,
			});
			if (!setup.ok)
				throw new Error(
					`Logging in to n8n as ${owner.email} failed (401 ${refused.slice(0, 200)}), and so did creating the owner: ${setup.status} ${(await setup.text()).slice(0, 300)}`,
				);
			await setup.arrayBuffer();
			response = await loginAgain();
		}
	}
	if (!response.ok)
		throw new Error(
			`Logging in to n8n as ${owner.email} failed: ${response.status} ${await response.text()}`,
		);
	const cookie = response.headers
		.getSetCookie()
		.map((value) => value.split(';')[0])
		.join('; ');
	const request = async (method, urlPath, body) => {
		const answer = await fetch(`${baseUrl}${urlPath}`, {
			method,
			headers: {
				cookie,
				'browser-id': BROWSER_ID,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30000),
		});
		const text = await answer.text();
		if (!answer.ok) throw new Error(`${method} ${urlPath}: ${answer.status} ${text.slice(0, 300)}`);
		return text ? JSON.parse(text) : null;
	};
	return {
		/** The password that logged in (see setupPassword), for the editor's sign-in form. */
		password,
		get: (urlPath) => request('GET', urlPath),
		post: (urlPath, body = {}) => request('POST', urlPath, body),
	};
}

module.exports = { OWNER, ownerEnv, login };
