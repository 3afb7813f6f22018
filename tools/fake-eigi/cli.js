#!/usr/bin/env node
// @ts-check
'use strict';
// Runs the fake eigi API as its own process (end-to-end suite, sandbox). Prints one line with the
// base URL once listening; stops cleanly on SIGINT/SIGTERM.
const { parseArgs } = require('node:util');

const { createFakeEigi, DEFAULT_API_KEY } = require('./server');

const USAGE = `Usage: node tools/fake-eigi/cli.js [options]

  --port N                  port on 127.0.0.1 (default 5680; 0 = any free port)
  --api-key KEY             the key requests must send in X-API-Key (default ${DEFAULT_API_KEY})
  --sandbox                 friendly mode: calls end after a few seconds with a made-up
                            transcript, webhooks are delivered, activity is logged
  --webhook-url URL         deliver webhooks here (repeatable)
  --webhook-method M        POST (default), GET, PUT or PATCH
  --send-started-events     also send conversation.started when a call is accepted
  --complete-after-ms N     calls end N ms after they start (0 = only when told; sandbox: 5000)
  --complete-after-reads N  calls end after N reads of the conversation
  --answer-on-attempt LIST  ten numbers, by a number's last digit: the attempt on which it
                            answers (0 = never), e.g. 1,1,2,2,3,3,0,0,1,2; earlier attempts
                            ring out (DISCONNECTED, no transcript)
  --response-shape S        plain (default, as documented), results (per-number results)
                            or fastapi (results with every field, null where unset)
  --echo-numbers S          asSent (default), noPlus or spaced: mobile_number in results
  --list-shape S            pagination (default) or topLevel
  --list-numbers-without-plus
                            conversation answers write numbers without their '+'
  --no-dynamic-variables-endpoint
                            answer 404 to GET /v1/public/agents/{id}/dynamic-variables
                            (an older eigi without that route)
  --latency-ms N            answer every API request N ms late
  --rate-limit-rps N        allow N API requests per second, then 429 with Retry-After
  --rate-limit-rpm N        allow N API requests per minute, then 429 with Retry-After
  --max-params N            most numbers accepted in one request (default 100)
  --failing-number E164     eigi rejects this number individually (repeatable)
  --quiet                   print only the listening line
  --help                    show this help`;

/** @param {string | undefined} value @param {string} flag */
function number(value, flag) {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0)
		throw new Error(`${flag} should be a number >= 0, got "${value}"`);
	return parsed;
}

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'api-key': { type: 'string' },
			sandbox: { type: 'boolean' },
			'webhook-url': { type: 'string', multiple: true },
			'webhook-method': { type: 'string' },
			'send-started-events': { type: 'boolean' },
			'complete-after-ms': { type: 'string' },
			'complete-after-reads': { type: 'string' },
			'answer-on-attempt': { type: 'string' },
			'response-shape': { type: 'string' },
			'echo-numbers': { type: 'string' },
			'list-shape': { type: 'string' },
			'list-numbers-without-plus': { type: 'boolean' },
			'no-dynamic-variables-endpoint': { type: 'boolean' },
			'latency-ms': { type: 'string' },
			'rate-limit-rps': { type: 'string' },
			'rate-limit-rpm': { type: 'string' },
			'max-params': { type: 'string' },
			'failing-number': { type: 'string', multiple: true },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
		strict: true,
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = values.sandbox === true;
	const verbose = sandbox && !values.quiet;
	const rps = number(values['rate-limit-rps'], '--rate-limit-rps');
	const rpm = number(values['rate-limit-rpm'], '--rate-limit-rpm');
	const fake = await createFakeEigi({
		port: number(values.port, '--port') ?? 5680,
		apiKey: values['api-key'] ?? process.env.FAKE_EIGI_API_KEY ?? DEFAULT_API_KEY,
		completeAfterMs:
			number(values['complete-after-ms'], '--complete-after-ms') ?? (sandbox ? 5000 : 0),
		completeAfterReads: number(values['complete-after-reads'], '--complete-after-reads'),
		answerOnAttempt: values['answer-on-attempt']
			?.split(',')
			.map((value) => number(value.trim(), '--answer-on-attempt')),
		responseShape: /** @type {any} */ (values['response-shape']),
		echoNumbers: /** @type {any} */ (values['echo-numbers']),
		listShape: /** @type {any} */ (values['list-shape']),
		listNumbersWithoutPlus: values['list-numbers-without-plus'],
		dynamicVariablesEndpoint: values['no-dynamic-variables-endpoint'] ? false : undefined,
		latencyMs: number(values['latency-ms'], '--latency-ms'),
		rateLimit:
			rps !== undefined || rpm !== undefined
				? { requestsPerSecond: rps, requestsPerMinute: rpm }
				: undefined,
		maxParams: number(values['max-params'], '--max-params'),
		failingNumbers: values['failing-number'],
		webhookUrls: values['webhook-url'],
		webhookMethod: /** @type {any} */ (values['webhook-method']?.toUpperCase()),
		sendStartedEvents: values['send-started-events'],
		log: verbose ? (line) => process.stdout.write(`[fake eigi] ${line}\n`) : undefined,
	});
	process.stdout.write(`fake eigi listening on ${fake.baseUrl}\n`);
	if (verbose) {
		const { completeAfterMs, webhookUrls, webhookMethod } = fake.options;
		const ending =
			completeAfterMs > 0
				? `calls end ${completeAfterMs / 1000} s after they start`
				: 'calls stay in progress until ended';
		const hooks = webhookUrls.length
			? `webhooks (${webhookMethod}) go to ${webhookUrls.join(', ')}`
			: 'no webhook URL given';
		process.stdout.write(`[fake eigi] sandbox: ${ending}; ${hooks}\n`);
	}

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await fake.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`fake eigi: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
});
