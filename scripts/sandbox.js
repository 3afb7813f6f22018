'use strict';
// npm start: a real n8n on http://localhost:5678 with this package, the example workflows and an
// eigi credential, talking to a local fake eigi API in sandbox mode (calls end after a few seconds,
// answered or not by the number's last digit, and their webhooks are delivered to the examples'
// eigi Triggers). The payment-reminder campaign runs every minute on an "Invoices" data table.
// With EIGI_API_KEY (and optionally EIGI_BASE_URL) set, the credential points at the real eigi API
// instead and no fake is started. Ctrl-C stops everything.
//
// Usage: npm start [-- --port 5678] [-- --reset]
//   --port N   n8n's port (default 5678)
//   --reset    forget the sandbox's n8n data (workflows, executions) and start over
const fs = require('node:fs');
const path = require('node:path');

const { step } = require('../tools/n8n-launcher/log');
const proc = require('../tools/n8n-launcher/proc');
const { ensureRuntime, cacheRoot } = require('../tools/n8n-launcher/runtime');
const pkg = require('../tools/n8n-launcher/package');
const { N8n } = require('../tools/n8n-launcher/n8n');
const { freePort, isPortTaken } = require('../tools/n8n-launcher/ports');
const { OWNER, ownerEnv } = require('../tools/n8n-launcher/owner');
const { loadExamples, exampleCredentialRef, withAgent } = require('../tools/n8n-launcher/examples');
const { waitFor } = require('../tools/n8n-launcher/wait');
const wf = require('../tools/n8n-launcher/workflows');
const { writeJson } = require('../tools/n8n-launcher/files');
const campaign = require('./lib/sandboxCampaign');

const FAKE_CLI = path.join(pkg.REPO, 'tools', 'fake-eigi', 'cli.js');
// The survey example is two workflows: the calls (Manual Trigger) and the results (eigi Trigger,
// published here, so the fake's webhooks start it).
const SURVEY_RESULTS = {
	id: 'eigiExampleSurveyResults',
	webhook: 'eigi-example-survey-results/webhook',
};
const LEAD = { id: 'eigiExampleLead1', webhook: 'new-lead' };

function parseArgs(argv) {
	const args = { port: 5678, reset: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--reset') args.reset = true;
		else if (argv[i] === '--port') args.port = Number(argv[++i]);
		else throw new Error(`Unknown argument ${argv[i]} (known: --port N, --reset)`);
	}
	if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535)
		throw new Error('--port needs a port number');
	return args;
}

/** The real eigi API when EIGI_API_KEY is set, otherwise null (use the fake). */
function realEigi() {
	const apiKey = process.env.EIGI_API_KEY?.trim();
	if (!apiKey) return null;
	if (!apiKey.startsWith('vk_'))
		throw new Error('EIGI_API_KEY must be an eigi API key, which starts with vk_');
	return { apiKey, baseUrl: process.env.EIGI_BASE_URL?.trim() || 'https://api.eigi.ai' };
}

/** The fake eigi API in sandbox mode, as its own process; resolves with its base URL and key. */
async function startFake(webhookUrls) {
	const port = await freePort();
	const apiKey = 'vk_sandbox_fake_key_0123456789';
	const child = proc.start(
		process.execPath,
		[
			FAKE_CLI,
			'--sandbox',
			'--port',
			String(port),
			'--api-key',
			apiKey,
			'--answer-on-attempt',
			campaign.ANSWER_ON_ATTEMPT.join(','),
			...webhookUrls.flatMap((url) => ['--webhook-url', url]),
		],
		{ prefix: '  ', name: 'fake eigi' },
	);
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitFor(
		async () => {
			if (child.exitCode !== null)
				throw new Error(`The fake eigi API exited (code ${child.exitCode})`);
			try {
				return (await fetch(`${baseUrl}/__admin/health`, { signal: AbortSignal.timeout(2000) })).ok;
			} catch {
				return false;
			}
		},
		{ timeoutMs: 15000, message: `the fake eigi API on ${baseUrl}` },
	);
	return { baseUrl, apiKey };
}

/** Agent ids of the fake, by the names the examples suggest. */
function fakeAgentFor() {
	const { defaultAgents } = require(path.join(pkg.REPO, 'tools', 'fake-eigi'));
	const agents = defaultAgents();
	return (name) => (agents.find((agent) => agent.agent_name === name) ?? agents[0]).id;
}

function printWelcome({ n8n, real, fakeUrl, userFolder, port }) {
	const site = `http://localhost:${port}`;
	const lines = [
		'',
		'================================================================================',
		` eigi sandbox: n8n is running on ${site}`,
		'================================================================================',
		` Open ${site} and log in as ${OWNER.email}, password ${OWNER.password}`,
		' (a local owner account made for the sandbox).',
		'',
	];
	if (real) {
		lines.push(
			` eigi API: the REAL one at ${real.baseUrl}, with the key in EIGI_API_KEY.`,
			' Executing a workflow places real phone calls.',
			'',
			' Try it:',
			' 1. Open "eigi example: customer satisfaction survey calls".',
			'    In "Survey call" pick your agent from the list, in "Customers to survey" put your own number.',
			'    Click "Execute workflow": eigi calls you.',
			' 2. eigi sends call results only to URLs it can reach: for the eigi Trigger examples, open a',
			'    tunnel to this n8n (cloudflared, ngrok), start with WEBHOOK_URL=https://<tunnel host>/ set,',
			'    publish the workflow and paste its Production URL into eigi (account menu → Webhooks).',
		);
	} else {
		lines.push(
			` eigi API: a local fake at ${fakeUrl} (no account, no real calls). Calls end after 5 s with`,
			' a made-up transcript, or ring out unanswered: by the last digit of the number, a number',
			` answers on attempt ${campaign.ANSWER_ON_ATTEMPT.map((attempt, digit) => `${digit}:${attempt || 'never'}`).join(' ')}.`,
			" eigi's webhooks go to the examples' eigi Triggers (published, so they are live).",
			'',
			' Try it:',
			' 1. Open "eigi example: customer satisfaction survey calls" and click "Execute workflow".',
			'    "Survey call" shows the three calls placed (status initiated), or, for a customer for whom',
			'    it is not between 08:00 and 21:00 in their own time zone, held with when to call them',
			'    (Calling Hours; set them to Any Time in the node to call anyway).',
			' 2. About 5 s later the calls end: open "eigi example: customer satisfaction survey results"',
			'    and its "Executions" tab: one run per call, started by "Survey call completed", with the',
			'    transcript, and the score and comment in "Survey result".',
			' 3. Post a lead to the CRM example (published, so its webhook is live):',
			`    curl -X POST ${site}/webhook/${LEAD.webhook} -H 'content-type: application/json' \\`,
			'      -d \'{"name": "Ada Lovelace", "phone": "(415) 555-0142", "company": "Acme"}\'',
			'    and see the call in the "eigi example: qualify every new CRM lead" executions (held',
			'    with when to call, as in 1, while it is night in California). When the call ends,',
			'    "eigi example: lead call outcomes back to the CRM" runs (its "CRM" here is the fake).',
			` 4. Watch a campaign converge: "${campaign.TABLE_NAME}" (Overview → Data tables) has sample overdue`,
			'    invoices, and "eigi example: payment reminder campaign (sandbox: every minute)" runs them',
			'    every minute (Redial Until Reached: 3 attempts, 2 minutes apart: minutes stand for hours).',
			'    Refresh the table: call_status goes initiated → held → initiated, call_attempts 1 → 2...',
			'    until each row is reached or gaveUp; customers where it is night stay held until their',
			'    morning. outcome, outcome_attempt and summary come from "eigi example: payment reminder',
			'    results", started by eigi\'s webhook and matched by the invoice number (Reference).',
			'    A number not reached is called again by the first run at least 2 minutes after its last',
			'    call (3 minutes later here: see "Contact policy" in docs/initiating-calls.md); after about 10',
			'    minutes every row is settled. Unpublish the campaign to stop it.',
			' The call results to Slack example needs a Slack account.',
			' Lines starting with "[fake eigi]" below show what the fake API receives and sends.',
		);
	}
	lines.push(
		'',
		` n8n data is kept in ${userFolder} (npm start -- --reset starts over); n8n log: ${n8n.logFile}`,
		' Press Ctrl-C to stop n8n and everything else the sandbox started.',
		'================================================================================',
		'',
	);
	console.log(lines.join('\n'));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	proc.installExitHandlers();
	const real = realEigi();

	if (await isPortTaken(args.port)) {
		throw new Error(
			`Port ${args.port} is in use (another n8n?). Stop it, or run: npm start -- --port <another port>`,
		);
	}
	const runtime = await ensureRuntime();
	await pkg.buildIfNeeded();

	const userFolder = path.join(cacheRoot(), 'sandbox');
	if (args.reset) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	await pkg.packInto(userFolder);

	const n8n = new N8n(runtime, {
		userFolder,
		port: args.port,
		brokerPort: await freePort(),
		host: 'localhost',
		// A real API key may be stored: let n8n make a private encryption key for this folder.
		fixedKey: false,
		// A tunnel's public URL, for eigi to reach the triggers (real API only).
		extra: {
			...ownerEnv(runtime),
			...(real && process.env.WEBHOOK_URL ? { WEBHOOK_URL: process.env.WEBHOOK_URL } : {}),
		},
	});
	proc.onCleanup(() => n8n.stop());

	let eigi = real;
	if (!real) {
		// 127.0.0.1, not localhost: n8n listens on IPv4 only.
		step('Starting the fake eigi API in sandbox mode');
		eigi = await startFake(
			[SURVEY_RESULTS.webhook, ...Object.values(campaign.WEBHOOKS)].map(
				(webhook) => `http://127.0.0.1:${args.port}/webhook/${webhook}`,
			),
		);
	}

	step('Importing the eigi credential and the example workflows');
	const examples = loadExamples();
	const ref = exampleCredentialRef(examples);
	await n8n.importCredentials(
		writeJson(path.join(userFolder, 'credentials.json'), [
			wf.credential({ ...eigi, id: ref.id, name: ref.name }),
		]),
	);
	const agentFor = real ? null : fakeAgentFor();
	let workflows = examples.map((example) =>
		agentFor ? withAgent(example, agentFor) : withAgent(example, () => ''),
	);
	if (!real) {
		// The campaign's data table lives in n8n's database: the first start makes it (n8n running),
		// later starts reuse it.
		step(`Preparing the "${campaign.TABLE_NAME}" data table for the payment-reminder campaign`);
		const tableRunning = !campaign.hasTable(userFolder);
		if (tableRunning) await n8n.start({ timeoutMs: 120000 });
		const tableId = await campaign.ensureInvoicesTable(n8n, userFolder);
		if (tableRunning) await n8n.stop();
		const sinkUrl = (name) => `${eigi.baseUrl}/sink/${encodeURIComponent(name)}`;
		workflows = campaign.sandboxExamples(workflows, { tableId, agentFor, sinkUrl });
	}
	await n8n.importWorkflows(writeJson(path.join(userFolder, 'workflows.json'), workflows));
	// With the real API nothing is published: eigi cannot reach localhost, and a live lead webhook
	// or campaign would place real calls.
	const live = real ? [] : [SURVEY_RESULTS, LEAD, ...campaign.LIVE];
	for (const { id } of live) await n8n.publish(id);

	await n8n.start({ timeoutMs: 120000 });
	for (const { webhook } of live) if (webhook) await n8n.waitForWebhook(webhook);
	printWelcome({ n8n, real, fakeUrl: eigi.baseUrl, userFolder, port: args.port });

	// Runs until Ctrl-C (handled by proc) or until n8n stops by itself.
	const { code, signal } = await n8n.server.exited;
	if (proc.isStopping()) return new Promise(() => {}); // Ctrl-C: the signal handler exits
	throw new Error(
		`n8n stopped (exit ${code ?? signal}); its log: ${n8n.logFile}\n${n8n.logTail(20)}`,
	);
}

main().catch(async (error) => {
	console.error(`\nnpm start: ${error.message}`);
	await proc.runCleanup();
	process.exit(1);
});
