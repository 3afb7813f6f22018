import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OUTPUT_FIELDS } from '../../nodes/Eigi/actions/call/initiate/outputItems';
import { contacts, e164, initiate, LEAD_AGENT, pinClock, resultOf, useFakeEigi } from './support';

// One output shape for every Initiate item, whatever its status (README, "Output"): the same
// fields in the same order, at the top of a success item and under `details` of an error item,
// then the status's own fields. Each status is produced here through n8n's engine.

const fake = useFakeEigi();
afterEach(() => jest.useRealTimers());

const NOW = '2026-12-03T15:00:00Z'; // 10:00 in New York, 07:00 in San Francisco
const MINUTE = 60_000;

/** The fields each status adds after the common ones (the README's table, last column). */
const OWN_FIELDS: Record<string, string[][]> = {
	initiated: [['batch', 'eigiResponse']],
	dryRun: [['batch', 'request']],
	skipped: [['repeatOfItem'], ['earlierCall']],
	reached: [['reachedBy', 'earlierAttempts']],
	gaveUp: [['earlierAttempts']],
	held: [
		['heldBy', 'earlierAttempts'],
		['heldBy', 'rules', 'calleeTimeZones', 'calleeLocalTimes'],
		['heldBy', 'rules', 'countedCalls'],
	],
	optedOut: [[]],
	invalid: [['safeToRetry']],
	notAttempted: [['safeToRetry']],
	uncertain: [
		['safeToRetry', 'batch', 'httpCode', 'eigiResponse'],
		['safeToRetry', 'batch', 'httpCode'],
		['safeToRetry', 'batch'],
	],
	failed: [
		['safeToRetry', 'batch', 'httpCode', 'eigiResponse'],
		['safeToRetry', 'batch', 'httpCode'],
	],
};

const seen = new Set<string>();

function checkShape(item: INodeExecutionData): IDataObject {
	const facts = resultOf(item);
	if (item.json.details) {
		// The error output takes only items whose JSON holds nothing but these.
		expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		expect(item.json.error).toBe(facts.message);
	}
	const keys = Object.keys(facts);
	expect(keys.slice(0, OUTPUT_FIELDS.length)).toEqual([...OUTPUT_FIELDS]);
	const own = keys.slice(OUTPUT_FIELDS.length);
	expect(OWN_FIELDS[String(facts.status)]).toContainEqual(own);
	expect(['yes', 'no', 'maybe']).toContain(facts.callPlaced);
	for (const field of OUTPUT_FIELDS) expect(facts[field]).not.toBeUndefined();
	seen.add(String(facts.status));
	return facts;
}

function redial(extra: INodeParameters = {}): INodeParameters {
	return {
		contactPolicy: 'redial',
		maxAttempts: 3,
		hoursBetweenAttempts: 2,
		callingHours: 'calleeDaytime',
		reference: '={{ $json.ref }}',
		...extra,
	};
}

function pastCall(contact: IDataObject, minutesAgo: number, status: string) {
	return fake.addPastCall({
		mobileNumber: e164(contact),
		ageMs: minutesAgo * MINUTE,
		status: status as 'COMPLETED',
		agentId: LEAD_AGENT.id,
	});
}

describe('every Initiate item has the same fields, whatever its status', () => {
	it('initiated, reached, gave up, held by the policy and by Calling Hours, skipped, invalid', async () => {
		pinClock(NOW);
		const [reached, gaveUp, notDue, fresh] = contacts(4).map((contact, index) => ({
			...contact,
			ref: `R-${index}`,
		}));
		pastCall(reached, 200, 'COMPLETED');
		for (const minutesAgo of [600, 400, 200]) pastCall(gaveUp, minutesAgo, 'DISCONNECTED');
		pastCall(notDue, 30, 'DISCONNECTED');
		const newYork = { phone: '+12125550100', ref: 'NY' };
		const night = { phone: '+81312345678', ref: 'TOKYO' }; // 00:00 in Tokyo
		const unknownZone = { phone: '+12125550101', ref: 'SOMEWHERE', tz: '' };
		const repeat = { ...newYork, ref: 'NY-AGAIN' };
		const invalid = { phone: 'not a number', ref: 'BAD' };

		const { outputs } = await initiate(
			fake,
			[reached, gaveUp, notDue, fresh, newYork, night, repeat, invalid, unknownZone],
			{
				onError: 'continueRegularOutput',
				parameters: redial({
					options: { defaultCountry: 'US', skipRepeatedNumbers: true },
				}),
			},
		);
		const items = outputs[0].map(checkShape);

		expect(items.map((item) => item.status)).toEqual([
			'reached',
			'gaveUp',
			'held',
			'held',
			'initiated',
			'held',
			'skipped',
			'invalid',
			'initiated',
		]);
		// One meaning of attempts for every status: the calls counted, this item's own if placed.
		expect(items.map((item) => item.attempts)).toEqual([1, 3, 1, 0, 1, 0, null, null, 1]);
		// Only a held item says when it may be called; never before the run.
		for (const item of items) {
			if (item.status !== 'held') expect(item.callableFrom).toBeNull();
			else expect(Date.parse(String(item.callableFrom))).toBeGreaterThanOrEqual(Date.parse(NOW));
		}
		expect(items[7]).toMatchObject({ reference: null, phoneNumber: null, callPlaced: 'no' });
	});

	it('skipped by Skip Numbers Called Recently, a dry run, and a failed request', async () => {
		pinClock(NOW);
		const [called, other] = contacts(2, 10);
		pastCall(called, 60, 'COMPLETED');
		const skip = await initiate(fake, [called, other], {
			parameters: { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 },
		});
		const [skipped] = skip.outputs[0].map(checkShape);
		expect(skipped).toMatchObject({ status: 'skipped', attempts: 1, callPlaced: 'no' });

		const dry = await initiate(fake, [other], {
			parameters: { options: { defaultCountry: 'US', dryRun: true } },
		});
		dry.outputs[0].map(checkShape);

		fake.injectFault({ nth: 1, kind: { status: 400 } });
		const failed = await initiate(fake, [other], { onError: 'continueRegularOutput' });
		expect(failed.outputs[0].map(checkShape)[0]).toMatchObject({ status: 'failed' });
	});

	it('opted out, and held by a call limit and by a state rule', async () => {
		pinClock('2026-12-04T01:30:00Z'); // 20:30 in Miami, 17:30 in San Francisco
		const [limited, optedOut] = contacts(2, 30);
		pastCall(limited, 60, 'DISCONNECTED');
		const run = await initiate(
			fake,
			[limited, { ...optedOut, optedOut: true }, { phone: '+13055550142' }],
			{
				parameters: {
					callingHours: 'usTelephoneSolicitation',
					callLimits: 'custom',
					maxCalls: 1,
					maxCallsWindowHours: 24,
					optedOut: '={{ $json.optedOut ?? false }}',
				},
			},
		);
		const items = run.outputs[0].map(checkShape);
		expect(items.map((item) => [item.status, item.heldBy])).toEqual([
			['held', 'callLimits'],
			['optedOut', undefined],
			['held', 'callingRules'],
		]);
	});

	it('not attempted: the call history could not be read', async () => {
		pinClock(NOW);
		fake.injectFault({ match: 'GET /v1/public/conversations', times: 10, kind: { status: 500 } });
		const run = await initiate(fake, contacts(1, 20), {
			onError: 'continueRegularOutput',
			parameters: { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 },
		});
		expect(run.outputs[0].map(checkShape)[0]).toMatchObject({ status: 'notAttempted' });
	});

	it('uncertain, reported again by a Retry On Fail attempt: with the count the policy made when it was sent', async () => {
		pinClock(NOW);
		const newYork = [
			{ phone: '+12125550110', ref: 'A' },
			{ phone: '+12125550111', ref: 'B' },
		];
		fake.injectFault({ nth: 1, kind: { status: 502, html: true, placeCalls: true } });
		const run = await initiate(fake, newYork, {
			retryOnFail: true,
			parameters: redial({ options: { defaultCountry: 'US', batchSize: 1 } }),
		});
		const items = run.outputs[0].map(checkShape);
		expect(items.map((item) => [item.status, item.callPlaced, item.attempts])).toEqual([
			['uncertain', 'maybe', 0],
			['initiated', 'yes', 1],
		]);
		expect(fake.outboundRequests()).toHaveLength(2);
	});

	afterAll(() => {
		expect([...seen].sort()).toEqual(
			[
				'dryRun',
				'failed',
				'gaveUp',
				'held',
				'initiated',
				'invalid',
				'notAttempted',
				'optedOut',
				'reached',
				'skipped',
				'uncertain',
			].sort(),
		);
	});
});
