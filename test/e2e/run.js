'use strict';
// npm run test:e2e: this package in a real n8n (2.40.7 on Node 24, cached outside the repository),
// against the fake eigi API, ending with the editor in Chromium (scenarios/editor.js; needs
// /usr/bin/chromium, Debian's package). Usage: node test/e2e/run.js [--keep] [--only <text>]
//   --keep         keep the temp n8n user folder (logs, database) even when everything passes
//   --only <text>  run only the tests whose name contains <text> (setup still runs; the campaign
//                  phase only when <text> contains "campaign")
const path = require('node:path');

const { step, detail } = require('../../tools/n8n-launcher/log');
const proc = require('../../tools/n8n-launcher/proc');
const { ensureRuntime } = require('../../tools/n8n-launcher/runtime');
const pkg = require('../../tools/n8n-launcher/package');
const { N8n } = require('../../tools/n8n-launcher/n8n');
const { freePorts } = require('../../tools/n8n-launcher/ports');
const { runFolder } = require('../../tools/n8n-launcher/runFolder');
const { ownerEnv } = require('../../tools/n8n-launcher/owner');
const { startFake, AGENT } = require('../../tools/fake-eigi/client');
const { startFakeOpenAi } = require('./lib/fakeOpenAi');
const wf = require('../../tools/n8n-launcher/workflows');
const suite = require('./lib/suite');
const calls = require('./scenarios/calls');
const trigger = require('./scenarios/trigger');
const examples = require('./scenarios/examples');
const editor = require('./scenarios/editor');
const agent = require('./scenarios/agent');
const campaign = require('./scenarios/campaign');
const duplicates = require('./scenarios/duplicates');
const { chromiumProblem } = require('./lib/browser');
const { writeJson } = require('../../tools/n8n-launcher/files');

function parseArgs(argv) {
	const args = { keep: false, only: '' };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--keep') args.keep = true;
		else if (argv[i] === '--only') args.only = argv[++i] ?? '';
		else throw new Error(`Unknown argument ${argv[i]} (known: --keep, --only <text>)`);
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	proc.installExitHandlers();
	const started = Date.now();

	// Said first, so nobody waits minutes to learn it; the editor tests then fail with it.
	const noChromium = chromiumProblem();
	if (noChromium) step(`WARNING: ${noChromium}`);

	const runtime = await ensureRuntime();
	await pkg.buildIfNeeded();

	const { folder: userFolder, succeeded } = runFolder('n8n-nodes-eigi-e2e-', {
		label: 'n8n user folder for this run',
		kept: 'n8n log: n8n-server.log',
		keep: args.keep,
	});
	await pkg.packInto(userFolder);

	const fake = await startFake();
	proc.onCleanup(() => fake.close());
	step(`Fake eigi API on ${fake.baseUrl}`);
	const openAi = await startFakeOpenAi();
	proc.onCleanup(() => openAi.close());
	step(`Fake OpenAI API (for the AI Agent) on ${openAi.baseUrl}`);

	const [port, brokerPort] = await freePorts(2);
	const n8n = new N8n(runtime, { userFolder, port, brokerPort, extra: ownerEnv(runtime) });
	proc.onCleanup(() => n8n.stop());
	const ctx = { n8n, fake, openAi, agentId: AGENT.id };

	step('Importing the credential and the workflows (e2e fixtures and examples/)');
	const credentials = [
		wf.credential({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }),
		...examples.credentials(fake),
		...agent.credentials(ctx),
	];
	await n8n.importCredentials(writeJson(path.join(userFolder, 'credentials.json'), credentials));
	const workflows = [
		...calls.workflows(ctx),
		...trigger.workflows(ctx),
		...examples.workflows(ctx),
		...editor.workflows(ctx),
		...agent.workflows(ctx),
		...duplicates.workflows(ctx),
	];
	await n8n.importWorkflows(writeJson(path.join(userFolder, 'workflows.json'), workflows));
	detail(`${workflows.length} workflows imported`);

	step('Action node: workflows run with n8n execute --id');
	await suite.runTests([...calls.tests(ctx), ...examples.executeTests(ctx)], args.only);

	step('Action node as an AI Agent tool (fake OpenAI API): workflows run with n8n execute --id');
	await suite.runTests([...agent.tests(ctx), ...duplicates.executeTests(ctx)], args.only);

	step('Trigger node: publishing, starting n8n, sending deliveries');
	for (const id of [...trigger.PUBLISH, ...examples.PUBLISH, ...duplicates.PUBLISH])
		await n8n.publish(id);
	await n8n.start();
	for (const webhookPath of [
		...trigger.WEBHOOK_PATHS,
		...examples.WEBHOOK_PATHS,
		...duplicates.WEBHOOK_PATHS,
	])
		await n8n.waitForWebhook(webhookPath);
	detail('webhooks registered');
	await suite.runTests([...examples.liveTests(ctx), ...trigger.tests(ctx)], args.only);

	step(
		'Duplicate leads (issue 21): each lead posted twice to published webhooks, eigi limited to 5 requests a second',
	);
	await suite.runTests(duplicates.tests(ctx), args.only);

	step(
		`Editor: n8n's editor in Chromium (screenshots: ${path.join(userFolder, 'editor-screenshots')})`,
	);
	await suite.runTests(editor.tests(ctx), args.only);
	await editor.close();

	// Last: it restarts n8n with a published schedule, which would call during the tests above.
	if (!args.only || /campaign/i.test(args.only)) {
		step('Campaign: the payment-reminder and lead examples on a shortened clock');
		const run = await campaign.prepare({ ...ctx, userFolder });
		await suite.runTests(campaign.tests(ctx, run), args.only);
	}

	return suite.finish(started, succeeded);
}

suite.runMain(main, 'e2e');
