import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../harness/runNode';
import { contacts, e164, initiate, resultOf, useFakeEigi } from './support';

// "Never twice" across runs that overlap in one n8n process: a CRM that posts each lead twice,
// a schedule that overlaps a manual run, two workflows with one key. The runs below truly overlap:
// each is started on its own timer and all of them are in flight at once, as n8n runs executions.

const fake = useFakeEigi();

const LIMIT_PER_SECOND = 5;
/** The second post of a lead comes this long after the first (a CRM's retry, a double save). */
const GAPS_MS = [0, 50, 300, 1000, 3000];

const SKIP_RECENT: INodeParameters = {
	contactPolicy: 'skipRecent',
	skipCalledWithinHours: 24,
	options: { defaultCountry: 'US' },
};
const REDIAL: INodeParameters = {
	contactPolicy: 'redial',
	maxAttempts: 3,
	hoursBetweenAttempts: 2,
	options: { defaultCountry: 'US' },
};

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each lead posted twice, the second post `GAPS_MS[i % 5]` after the first; one run per post. */
async function postEachLeadTwice(
	leads: IDataObject[],
	parameters: INodeParameters,
): Promise<Array<[NodeRun, NodeRun]>> {
	let execution = 0;
	const run = (lead: IDataObject, afterMs: number) =>
		later(afterMs).then(
			async () => await initiate(fake, [lead], { parameters, executionId: String(++execution) }),
		);
	return await Promise.all(
		leads.map(async (lead, index) => {
			const first = index * 100;
			return (await Promise.all([
				run(lead, first),
				run(lead, first + GAPS_MS[index % GAPS_MS.length]),
			])) as [NodeRun, NodeRun];
		}),
	);
}

function itemOf(run: NodeRun): IDataObject {
	expect(run.error).toBeUndefined();
	return resultOf(run.outputs[0][0]);
}

function timesCalled(number: string): number {
	return fake.calledNumbers().filter((called) => called === number).length;
}

describe('a lead posted twice, under the rate limit, with the runs overlapping', () => {
	it('Skip Numbers Called Recently: every lead called exactly once; the other run is skipped and names the call', async () => {
		fake.setOptions({ rateLimit: { requestsPerSecond: LIMIT_PER_SECOND } });
		const leads = contacts(20);

		const pairs = await postEachLeadTwice(leads, SKIP_RECENT);

		for (const [index, pair] of pairs.entries()) {
			const number = e164(leads[index]);
			expect(timesCalled(number)).toBe(1);
			const items = pair.map(itemOf);
			expect(items.map((item) => item.status).sort()).toEqual(['initiated', 'skipped']);
			const skipped = items.find((item) => item.status === 'skipped')!;
			expect(skipped.callPlaced).toBe('no');
			expect(skipped.message).toContain(number);
			// The earlier call: listed by eigi, or still being placed by the other run.
			const earlier = skipped.earlierCall as IDataObject;
			expect(earlier.conversationId ?? earlier.placedByExecution).toBeTruthy();
		}
		// The runs truly overlapped: the limit made eigi refuse some requests.
		expect(fake.outboundRequests().some((request) => request.status === 429)).toBe(true);
	});

	it('Redial Until Reached: every lead called exactly once; the other run is held, callable after the minimum time', async () => {
		fake.setOptions({ rateLimit: { requestsPerSecond: LIMIT_PER_SECOND } });
		const leads = contacts(20, 100);
		const started = Date.now();

		const pairs = await postEachLeadTwice(leads, REDIAL);

		for (const [index, pair] of pairs.entries()) {
			expect(timesCalled(e164(leads[index]))).toBe(1);
			const items = pair.map(itemOf);
			expect(items.map((item) => item.status).sort()).toEqual(['held', 'initiated']);
			const held = items.find((item) => item.status === 'held')!;
			expect(held.heldBy).toBe('contactPolicy');
			expect(Date.parse(String(held.callableFrom))).toBeGreaterThanOrEqual(
				started + 120 * 60_000 - 1000,
			);
			expect(items.find((item) => item.status === 'initiated')!.attempts).toBe(1);
		}
	});
});

describe('who sees whose calls', () => {
	it('two workflows with one credential, and two credentials with the same key: one call', async () => {
		const [lead] = contacts(1, 200);
		fake.setOptions({ rateLimit: { requestsPerSecond: 1 } });

		const runs = await Promise.all([
			initiate(fake, [lead], {
				parameters: SKIP_RECENT,
				workflow: { id: 'wf-crm', name: 'CRM leads' },
				executionId: '11',
			}),
			initiate(fake, [lead], {
				parameters: SKIP_RECENT,
				workflow: { id: 'wf-manual', name: 'Manual follow-up' },
				executionId: '12',
			}),
			initiate(fake, [lead], {
				parameters: SKIP_RECENT,
				workflow: { id: 'wf-other', name: 'Another team' },
				credentialId: 'cred-2',
				executionId: '13',
			}),
		]);

		expect(timesCalled(e164(lead))).toBe(1);
		const items = runs.map(itemOf);
		expect(items.filter((item) => item.status === 'initiated')).toHaveLength(1);
		for (const skipped of items.filter((item) => item.status === 'skipped')) {
			const placedBy = (skipped.earlierCall as IDataObject).placedByExecution as IDataObject;
			// The run that called is named, whichever of the three it was.
			if (placedBy) {
				expect(['11', '12', '13']).toContain(placedBy.executionId);
				expect(skipped.message).toContain(`execution ${String(placedBy.executionId)}`);
			}
		}
	});

	it('a call eigi refused frees the number at once; one that may have reached eigi never does', async () => {
		const [refused, uncertain] = contacts(2, 300);
		fake.injectFault({ nth: 1, kind: { status: 400 } });
		const first = itemOf(
			await initiate(fake, [refused], {
				parameters: SKIP_RECENT,
				onError: 'continueRegularOutput',
			}),
		);
		expect(first.status).toBe('failed');
		expect(itemOf(await initiate(fake, [refused], { parameters: SKIP_RECENT })).status).toBe(
			'initiated',
		);

		// A 500 that placed nothing eigi lists: only the claim knows the call may have been placed.
		fake.injectFault({ nth: 1, kind: { status: 500 } });
		const maybe = itemOf(
			await initiate(fake, [uncertain], {
				parameters: SKIP_RECENT,
				onError: 'continueRegularOutput',
			}),
		);
		expect(maybe.status).toBe('uncertain');
		const again = itemOf(await initiate(fake, [uncertain], { parameters: SKIP_RECENT }));
		expect(again.status).toBe('skipped');
		expect(timesCalled(e164(uncertain))).toBe(0);
		expect(
			fake
				.outboundRequests()
				.filter((request) => JSON.stringify(request.body).includes(e164(uncertain))),
		).toHaveLength(1);
	});

	it('a dry run claims nothing, and shows a number another run is calling as skipped', async () => {
		const [lead] = contacts(1, 400);
		const dry = { ...SKIP_RECENT, options: { defaultCountry: 'US', dryRun: true } };
		expect(itemOf(await initiate(fake, [lead], { parameters: dry })).status).toBe('dryRun');

		// The real run waits behind a 429 while the dry run looks.
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 1 } });
		const real = initiate(fake, [lead], { parameters: SKIP_RECENT, executionId: '21' });
		await waitFor(() => fake.outboundRequests().length === 1);
		const duringIt = itemOf(await initiate(fake, [lead], { parameters: dry }));
		expect(itemOf(await real).status).toBe('initiated');

		expect(duringIt.status).toBe('skipped');
		expect(timesCalled(e164(lead))).toBe(1);
	});

	it('Skip Numbers Called Recently: a repeat of a number another run is calling is skipped without asking eigi', async () => {
		const [lead] = contacts(1, 450);
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 1 } });
		const first = initiate(fake, [lead], { parameters: SKIP_RECENT, executionId: '31' });
		await waitFor(() => fake.outboundRequests().length === 1);
		const before = fake.requests.length;

		const repeat = itemOf(await initiate(fake, [lead], { parameters: SKIP_RECENT }));

		expect(fake.requests.length).toBe(before);
		expect(repeat.status).toBe('skipped');
		expect((repeat.earlierCall as IDataObject).placedByExecution).toMatchObject({
			executionId: '31',
		});
		expect(itemOf(await first).status).toBe('initiated');
	});

	it('Call Every Item claims nothing and is not held back by claims', async () => {
		const [lead] = contacts(1, 500);
		// The run under the policy has claimed the number and sent its request; eigi answers late.
		fake.injectFault({ nth: 1, kind: { delayMs: 1500 } });
		const withPolicy = initiate(fake, [lead], { parameters: SKIP_RECENT });
		await waitFor(() => fake.outboundRequests().length === 1);
		const everyItem = itemOf(
			await initiate(fake, [lead], { parameters: { options: { defaultCountry: 'US' } } }),
		);
		expect(everyItem.status).toBe('initiated');
		expect(itemOf(await withPolicy).status).toBe('initiated');
		expect(timesCalled(e164(lead))).toBe(2);
	});
});

describe('a call another n8n places while this run waits in line (queue-mode workers)', () => {
	it('the last look before sending finds it: nothing is sent, the item names that call', async () => {
		const [lead] = contacts(1, 600);
		const number = e164(lead);
		// eigi refuses the first send; the request waits in line for 2 s.
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 2 } });
		const run = initiate(fake, [lead], { parameters: SKIP_RECENT });
		await waitFor(() => fake.outboundRequests().length === 1);
		// Meanwhile another worker (another process: no claim here) calls the number.
		const other = fake.addPastCall({ mobileNumber: number, ageMs: 0, status: 'IN_PROGRESS' });

		const item = itemOf(await run);

		expect(item.status).toBe('skipped');
		expect((item.earlierCall as IDataObject).conversationId).toBe(other.conversation_id);
		expect(fake.outboundRequests()).toHaveLength(1);
	});

	it('Redial Until Reached: the item is held, with the attempt the other worker made counted', async () => {
		const [lead] = contacts(1, 700);
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 2 } });
		const run = initiate(fake, [lead], { parameters: REDIAL });
		await waitFor(() => fake.outboundRequests().length === 1);
		fake.addPastCall({ mobileNumber: e164(lead), ageMs: 0, status: 'IN_PROGRESS' });

		const item = itemOf(await run);

		expect(item.status).toBe('held');
		expect(item.heldBy).toBe('contactPolicy');
		expect(item.attempts).toBe(1);
		expect(fake.outboundRequests()).toHaveLength(1);
	});

	it('a request that did not wait is sent without a second read', async () => {
		const [lead] = contacts(1, 800);
		expect(itemOf(await initiate(fake, [lead], { parameters: SKIP_RECENT })).status).toBe(
			'initiated',
		);
		const reads = fake.requests.filter((request) => request.method === 'GET');
		expect(reads).toHaveLength(1);
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('timed out waiting for the fake eigi');
		await later(10);
	}
}
