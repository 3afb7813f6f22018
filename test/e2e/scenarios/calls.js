'use strict';
// eigi Outbound Call in a real n8n, run with `n8n execute --id`: Manual Trigger → a Code node
// producing contacts → eigi Outbound Call, checked against what the fake eigi API received.
const assert = require('node:assert/strict');

const wf = require('../../../tools/n8n-launcher/workflows');
const { nodeOutput, nodeRunCount, runError, assertSucceeded, resultOf } = require('../lib/runData');
const { errorOutputTakesDetails } = require('../lib/n8nVersions');

const IDS = {
	bulk: 'e2eBulkCalls0001',
	mixed: 'e2eMixedItems001',
	stop: 'e2eStopOnBad0001',
	conversation: 'e2eConversation1',
	retry: 'e2eRetryOnFail01',
	hours: 'e2eCallingHours1',
};

// A Code node that gives each contact a time zone in which it is now about `hour` o'clock, so the
// test holds at any hour of the day: Etc/GMT-N is N hours east of UTC.
const ZONE_AT_HOUR = `const zoneAt = (hour) => {
	let offset = (hour - new Date().getUTCHours() + 24) % 24;
	if (offset > 14) offset -= 24;
	return offset >= 0 ? \`Etc/GMT-\${offset}\` : \`Etc/GMT+\${-offset}\`;
};
return [
	{ name: 'Noon', phone: '+14155551201', tz: zoneAt(12) },
	{ name: 'Three at night', phone: '+14155551202', tz: zoneAt(3) },
	{ name: 'Afternoon', phone: '+14155551203', tz: zoneAt(15) },
].map((json) => ({ json }));`;

const OUTBOUND = '/v1/public/calls/outbound';

/** Contacts written the ways CRMs export US numbers, all distinct; `e164` is what eigi must get. */
function usContacts(count, first = 1000) {
	const forms = [
		(line) => `(415) 555-${line}`,
		(line) => `415.555.${line}`,
		(line) => `+1 415 555 ${line}`,
		(line) => `1-415-555-${line}`,
	];
	return Array.from({ length: count }, (_, index) => {
		const line = String(first + index);
		return {
			name: `Contact ${index + 1}`,
			phone: forms[index % forms.length](line),
			e164: `+1415555${line}`,
		};
	});
}

function strip(contacts) {
	return contacts.map(({ e164, ...rest }) => rest);
}

function workflows(ctx) {
	const { agentId } = ctx;
	const list = [];

	// 120 contacts at batch size 50: three requests; named-field metadata.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.codeItems('Contacts', strip(usContacts(120)));
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, {
				metadataMode: 'fields',
				metadataFields: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
				options: { batchSize: 50, defaultCountry: 'US' },
			}),
		);
		list.push(wf.chain(IDS.bulk, 'e2e: 120 calls in batches of 50', [trigger, contacts, call]));
	}

	// Good, bad and repeated numbers with "On Error: continue (using error output)"; JSON metadata.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.codeItems('Contacts', MIXED);
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, {
				metadataMode: 'json',
				metadataJson: '={ "customer_name": "{{ $json.name }}", "plan": "{{ $json.plan }}" }',
				options: { defaultCountry: 'US' },
			}),
			{ onError: 'continueErrorOutput' },
		);
		const called = wf.noOp('Called');
		const notCalled = wf.noOp('Not Called');
		list.push(
			wf.workflow(
				IDS.mixed,
				'e2e: bad items to the error output',
				[trigger, contacts, call, called, notCalled],
				wf.connect([trigger, contacts, call, called], [[call, 1, notCalled]]),
			),
		);
	}

	// The same kind of input with "On Error: stop": the run stops before anyone is called.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.codeItems('Contacts', [MIXED[0], MIXED[1]]);
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, { options: { defaultCountry: 'US' } }),
		);
		list.push(wf.chain(IDS.stop, 'e2e: a bad item stops the run', [trigger, contacts, call]));
	}

	// Place one call with all input fields as metadata, then read the conversation it created.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.codeItems('Contact', [
			{ phone: '+44 20 7946 0958', name: 'Grace', company: 'Hopper & Co' },
		]);
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, { metadataMode: 'allFields' }),
		);
		const get = wf.callNode('Get Call Result', {
			resource: 'callResult',
			operation: 'get',
			conversationId: '={{ $json.conversationId }}',
		});
		list.push(
			wf.chain(IDS.conversation, 'e2e: call then get the conversation', [
				trigger,
				contacts,
				call,
				get,
			]),
		);
	}

	// Retry On Fail on; the fake fails the 2nd of 3 requests once.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.codeItems('Contacts', strip(usContacts(150, 3000)));
		const call = wf.callNode(
			'eigi Outbound Call',
			wf.initiateParameters(agentId, { options: { batchSize: 50, defaultCountry: 'US' } }),
			{ retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
		);
		list.push(
			wf.chain(IDS.retry, 'e2e: Retry On Fail with a failure mid-run', [trigger, contacts, call]),
		);
	}
	// Calling Hours on (the default), each contact's time zone from the item; with and without Dry Run.
	{
		const trigger = wf.manualTrigger();
		const contacts = wf.node('Contacts', 'n8n-nodes-base.code', 2, { jsCode: ZONE_AT_HOUR });
		const parameters = (dryRun) => ({
			...wf.initiateParameters(agentId, {
				options: { calleeTimeZone: '={{ $json.tz }}', dryRun, batchSize: 1 },
			}),
			callingHours: 'calleeDaytime',
		});
		const dry = wf.callNode('Dry run', parameters(true));
		const call = wf.callNode('eigi Outbound Call', parameters(false));
		list.push(
			wf.workflow(
				IDS.hours,
				'e2e: calling hours, dry run first',
				[trigger, contacts, dry, call],
				wf.connect([trigger, contacts, dry], [[contacts, 0, call]]),
			),
		);
	}
	return list;
}

const MIXED = [
	{ name: 'Ada', phone: '(415) 555-2671', plan: 'gold' },
	{ name: 'Bob', phone: '12', plan: 'silver' },
	{ name: 'Cy', phone: '+44 20 7946 0958', plan: 'gold' },
	{ name: 'Dee', phone: 'call me maybe', plan: 'bronze' },
	{ name: 'Ada again', phone: '415-555-2671', plan: 'gold' },
	{ name: 'Eve', phone: '+91 98765 43210', plan: 'silver' },
];

async function outboundPosts(fake) {
	return (await fake.requests()).filter(
		(request) => request.method === 'POST' && request.path === OUTBOUND,
	);
}

function tests(ctx) {
	const { n8n, fake, agentId } = ctx;
	return [
		[
			'Initiate: 120 contacts at batch size 50 make 3 requests, numbers in E.164, metadata from fields',
			async () => {
				await fake.reset();
				const result = await n8n.execute(IDS.bulk);
				assertSucceeded(result);
				const expected = usContacts(120);
				const items = nodeOutput(result.run, 'eigi Outbound Call');
				assert.equal(items.length, 120, 'one output item per input item');
				items.forEach((item, index) => {
					assert.equal(item.status, 'initiated', `item ${index}: ${JSON.stringify(item)}`);
					assert.equal(item.callPlaced, 'yes');
					assert.equal(item.phoneNumber, expected[index].e164);
					assert.equal(item.phoneNumberInput, expected[index].phone);
					assert.deepEqual(item.metadata, { customer_name: expected[index].name });
				});
				const posts = await outboundPosts(fake);
				assert.deepEqual(
					posts.map((post) => post.body.params.length),
					[50, 50, 20],
					'batch sizes',
				);
				const sent = posts.flatMap((post) => post.body.params);
				assert.deepEqual(
					sent.map((param) => param.mobile_number),
					expected.map((contact) => contact.e164),
				);
				assert.deepEqual(
					sent.map((param) => param.metadata),
					expected.map((contact) => ({ customer_name: contact.name })),
				);
				for (const post of posts) {
					assert.equal(post.body.agent_id, agentId);
					assert.equal(post.body.telephony_provider, 'PLIVO');
				}
			},
		],
		[
			'Initiate: bad numbers go to the error output (n8n 2.35.3 and later), repeats are skipped, the rest are called once',
			async () => {
				await fake.reset();
				const result = await n8n.execute(IDS.mixed);
				assertSucceeded(result);
				const success = nodeOutput(result.run, 'Called');
				const errorOutput = nodeOutput(result.run, 'Not Called');
				// Before n8n 2.35.3 the error items stay on the success output (README: Supported n8n
				// versions): every item is still there once, in order, with its error.
				const routed = errorOutputTakesDetails(n8n.runtime.n8nVersion);
				if (!routed) assert.deepEqual(errorOutput, [], 'nothing on the error output');
				const called = routed ? success : success.filter((item) => item.error === undefined);
				const notCalled = routed ? errorOutput : success.filter((item) => item.error !== undefined);
				if (!routed) assert.equal(success.length, 6, 'one item out per item in');
				assert.deepEqual(
					called.map((item) => item.status),
					['initiated', 'initiated', 'skipped', 'initiated'],
				);
				assert.deepEqual(
					called.map((item) => item.phoneNumber),
					['+14155552671', '+442079460958', '+14155552671', '+919876543210'],
				);
				assert.deepEqual(called[0].metadata, { customer_name: 'Ada', plan: 'gold' });
				assert.equal(notCalled.length, 2, `error output: ${JSON.stringify(notCalled)}`);
				assert.match(String(notCalled[0].error), /item 2 of 6/i);
				assert.match(String(notCalled[1].error), /item 4 of 6/i);
				for (const item of notCalled) assert.equal(resultOf(item).status, 'invalid');
				const posts = await outboundPosts(fake);
				assert.equal(posts.length, 1);
				assert.deepEqual(posts[0].body.params, [
					{ mobile_number: '+14155552671', metadata: { customer_name: 'Ada', plan: 'gold' } },
					{ mobile_number: '+442079460958', metadata: { customer_name: 'Cy', plan: 'gold' } },
					{ mobile_number: '+919876543210', metadata: { customer_name: 'Eve', plan: 'silver' } },
				]);
			},
		],
		[
			'Initiate: with On Error "stop", a bad number stops the run before anyone is called',
			async () => {
				await fake.reset();
				const result = await n8n.execute(IDS.stop);
				const error = runError(result.run);
				assert.ok(error, 'the run must fail');
				assert.notEqual(result.exitCode, 0);
				assert.match(`${error.message} ${error.description ?? ''}`, /item 2 of 2/i);
				assert.match(`${error.message} ${error.description ?? ''}`, /nobody was called/i);
				assert.equal((await outboundPosts(fake)).length, 0);
			},
		],
		[
			'Initiate with all input fields as metadata, then Get Call Result for the conversation created',
			async () => {
				// eigi's documented answer has no per-number results; the fake's other shape gives conversation ids.
				await fake.reset({ responseShape: 'results' });
				const result = await n8n.execute(IDS.conversation);
				assertSucceeded(result);
				const [placed] = nodeOutput(result.run, 'eigi Outbound Call');
				assert.equal(placed.status, 'initiated');
				assert.ok(
					placed.conversationId,
					`the fake returns a conversation id per number: ${JSON.stringify(placed)}`,
				);
				const [posted] = await outboundPosts(fake);
				assert.deepEqual(posted.body.params, [
					{
						mobile_number: '+442079460958',
						metadata: { phone: '+44 20 7946 0958', name: 'Grace', company: 'Hopper & Co' },
					},
				]);
				const [conversation] = nodeOutput(result.run, 'Get Call Result');
				assert.ok(conversation, 'Get Call Result gave an item');
				const text = JSON.stringify(conversation);
				assert.ok(
					text.includes(placed.conversationId),
					`the conversation ${placed.conversationId} was read: ${text.slice(0, 400)}`,
				);
				const gets = (await fake.requests()).filter(
					(request) =>
						request.method === 'GET' && request.path.startsWith('/v1/public/conversations/'),
				);
				assert.equal(gets.length, 1);
				assert.equal(gets[0].path, `/v1/public/conversations/${placed.conversationId}`);
			},
		],
		[
			'Retry On Fail with eigi failing once mid-run (500 on the 2nd of 3 requests): no number is called twice',
			async () => {
				await fake.reset();
				await fake.failOutboundRequest(2, 500);
				const result = await n8n.execute(IDS.retry);
				assertSucceeded(result);
				assert.equal(
					nodeRunCount(result.run, 'eigi Outbound Call'),
					1,
					'n8n did not retry the node',
				);
				const items = nodeOutput(result.run, 'eigi Outbound Call').map(resultOf);
				assert.equal(items.length, 150);
				const statuses = (from, to) => [
					...new Set(items.slice(from, to).map((item) => item.status)),
				];
				assert.deepEqual(statuses(0, 50), ['initiated']);
				assert.deepEqual(statuses(100, 150), ['initiated']);
				assert.deepEqual(statuses(50, 100), ['uncertain'], 'the failed batch may have been placed');
				for (const item of items.slice(50, 100)) assert.equal(item.safeToRetry, false);
				const posts = await outboundPosts(fake);
				assert.equal(posts.length, 3, 'each batch sent exactly once');
				const numbers = await fake.calls();
				assert.ok(
					numbers.every((number) => typeof number === 'string'),
					`the fake lists called numbers: ${JSON.stringify(numbers.slice(0, 3))}`,
				);
				assert.equal(
					numbers.length,
					150,
					'the failed batch placed its calls before answering 500 (the worst case)',
				);
				const twice = [
					...new Set(numbers.filter((number, index) => numbers.indexOf(number) !== index)),
				];
				assert.equal(
					twice.length,
					0,
					`numbers called more than once: ${twice.slice(0, 5).join(', ')}`,
				);
			},
		],
		[
			'Retry On Fail with a 502 HTML page at the first request (calls placed): the rerun sends nothing again',
			async () => {
				await fake.reset();
				await fake.injectFault({ nth: 1, kind: { status: 502, html: true, placeCalls: true } });
				const result = await n8n.execute(IDS.retry);
				assertSucceeded(result);
				const items = nodeOutput(result.run, 'eigi Outbound Call').map(resultOf);
				assert.equal(items.length, 150);
				assert.deepEqual(
					[...new Set(items.slice(0, 50).map((item) => item.status))],
					['uncertain'],
				);
				assert.deepEqual([...new Set(items.slice(50).map((item) => item.status))], ['initiated']);
				for (const item of items.slice(0, 50)) assert.equal(item.safeToRetry, false);
				assert.equal((await outboundPosts(fake)).length, 3, 'each batch sent exactly once');
				const numbers = await fake.calls();
				assert.equal(numbers.length, 150);
				assert.equal(new Set(numbers).size, 150, 'nobody called twice');
			},
		],
		[
			'eigi answering 200 with JSON cut in half mid-run: that batch may have been placed, nobody is called twice',
			async () => {
				await fake.reset();
				await fake.injectFault({
					nth: 2,
					kind: { status: 200, truncated: true, placeCalls: true },
				});
				const result = await n8n.execute(IDS.retry);
				assertSucceeded(result);
				const items = nodeOutput(result.run, 'eigi Outbound Call').map(resultOf);
				assert.deepEqual(
					[...new Set(items.slice(50, 100).map((item) => item.status))],
					['uncertain'],
				);
				assert.equal((await outboundPosts(fake)).length, 3);
				const numbers = await fake.calls();
				assert.equal(new Set(numbers).size, numbers.length, 'nobody called twice');
			},
		],
		[
			'Calling Hours and Dry Run: the dry run sends nothing; the real run holds the contact at 03:00 local time with when to call, and calls the others',
			async () => {
				await fake.reset();
				const result = await n8n.execute(IDS.hours);
				assertSucceeded(result);
				const dry = nodeOutput(result.run, 'Dry run').map(resultOf);
				const real = nodeOutput(result.run, 'eigi Outbound Call').map(resultOf);
				assert.deepEqual(
					dry.map((item) => item.status),
					['dryRun', 'held', 'dryRun'],
				);
				assert.deepEqual(
					dry.map((item) => item.batch),
					[1, undefined, 2],
				);
				assert.deepEqual(dry[0].request.params, [{ mobile_number: '+14155551201' }]);
				assert.deepEqual(
					real.map((item) => item.status),
					['initiated', 'held', 'initiated'],
				);
				assert.ok(
					Date.parse(real[1].callableFrom) > Date.now(),
					`callableFrom: ${real[1].callableFrom}`,
				);
				// An instant in UTC to compare, and 08:00 in the callee's own time.
				assert.match(real[1].callableFrom, /T\d\d:\d\d:\d\dZ$/);
				assert.match(real[1].callableFromLocal, /T08:00:00[+-]\d\d:\d\d$/);
				assert.equal(Date.parse(real[1].callableFromLocal), Date.parse(real[1].callableFrom));
				// Only the real run's two calls reached eigi: the dry run sent nothing.
				assert.deepEqual(await fake.calls(), ['+14155551201', '+14155551203']);
				assert.equal((await outboundPosts(fake)).length, 2);
			},
		],
	];
}

module.exports = { IDS, workflows, tests };
