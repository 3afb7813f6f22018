import type { INodeExecutionData } from 'n8n-workflow';

import type { FaultKind } from '../../tools/fake-eigi';
import type { OnError } from '../harness/runNode';
import {
	contacts,
	e164,
	initiate,
	pairedIndexes,
	resultOf,
	useFakeEigi,
	statusesOf,
} from './support';

// "Nobody is called twice by accident", whatever eigi answers and whatever n8n does around the
// node. Each case runs 10 numbers in 4 requests (3, 3, 3, 1) through n8n's engine.

const fake = useFakeEigi();

const COUNT = 10;
const BATCH_SIZE = 3;
const REQUESTS = Math.ceil(COUNT / BATCH_SIZE);

function numbersOf(request: { body: unknown }): string[] {
	const params = (request.body as { params?: Array<{ mobile_number: string }> }).params ?? [];
	return params.map((param) => param.mobile_number);
}

/**
 * Requests that may have placed calls: everything eigi did not refuse with a 4xx (a refusal
 * places nothing; a 429 comes before eigi does anything at all).
 */
function numbersInRequestsThatMayHavePlacedCalls(): string[] {
	return fake
		.outboundRequests()
		.filter((request) => request.status === null || request.status < 400 || request.status >= 500)
		.flatMap(numbersOf);
}

function allItems(outputs: INodeExecutionData[][]): INodeExecutionData[] {
	return outputs.flat();
}

const FAULTS: Array<[string, FaultKind]> = [
	['500 with an HTML body', { status: 500, html: true, placeCalls: true }],
	['502 with an HTML body', { status: 502, html: true }],
	['503 with an HTML body', { status: 503, html: true }],
	['504 with an HTML body', { status: 504, html: true, placeCalls: true }],
	['429 without Retry-After', { status: 429 }],
	['403 quota exceeded', { status: 403 }],
	['200 with an HTML body', { status: 200, html: true, placeCalls: true }],
	['200 with truncated JSON', { status: 200, truncated: true, placeCalls: true }],
	['200 with an empty body', { status: 200, empty: true, placeCalls: true }],
	['a connection reset after the request was read', { reset: true, placeCalls: true }],
	['no answer until the node times out', { hang: true, placeCalls: true }],
];
const POSITIONS: Array<[string, number]> = [
	['first', 1],
	['middle', 2],
	['last', REQUESTS],
];
const MODES: Array<[string, { onError?: OnError; retryOnFail?: boolean }]> = [
	['On Error = stop, Retry On Fail on (3 tries)', { retryOnFail: true }],
	['On Error = continue', { onError: 'continueRegularOutput' }],
];

describe.each(MODES)('fault matrix, %s', (_mode, settings) => {
	describe.each(FAULTS)('%s', (_fault, kind) => {
		it.each(POSITIONS)('at the %s request', async (_position, nth) => {
			const items = contacts(COUNT);
			fake.injectFault({ nth, kind });

			const { outputs, error } = await initiate(fake, items, {
				...settings,
				parameters: { options: { defaultCountry: 'US', batchSize: BATCH_SIZE, timeout: 5 } },
			});

			// No number appears in two requests that may have placed calls; nobody is called twice.
			const mayHavePlaced = numbersInRequestsThatMayHavePlacedCalls();
			expect(new Set(mayHavePlaced).size).toBe(mayHavePlaced.length);
			const called = fake.calledNumbers();
			expect(new Set(called).size).toBe(called.length);

			// The node stops only while nobody can have been called.
			if (error) {
				expect(mayHavePlaced).toEqual([]);
				expect(called).toEqual([]);
				return;
			}

			// Every input item comes out exactly once.
			const out = allItems(outputs);
			expect(pairedIndexes(out).sort((a, b) => a - b)).toEqual(items.map((_, index) => index));

			// An item whose request may have placed its call never says it is safe to run again.
			for (const item of out) {
				const result = resultOf(item);
				if (mayHavePlaced.includes(String(result.phoneNumber))) {
					expect(result.safeToRetry).not.toBe(true);
					expect(result.callPlaced).not.toBe('no');
				}
			}
		});
	});
});

describe('Retry On Fail with a failure at the first request', () => {
	it("reports the earlier attempt's outcome on the rerun and sends nothing again", async () => {
		const items = contacts(COUNT);
		fake.injectFault({ nth: 1, kind: { status: 502, html: true, placeCalls: true } });

		const { outputs, error } = await initiate(fake, items, {
			retryOnFail: true,
			parameters: { options: { defaultCountry: 'US', batchSize: BATCH_SIZE } },
		});

		expect(error).toBeUndefined();
		expect(fake.outboundRequests()).toHaveLength(REQUESTS);
		expect(fake.calledNumbers()).toHaveLength(COUNT);
		const out = outputs[0];
		expect(statusesOf(out)).toEqual([
			...Array(BATCH_SIZE).fill('uncertain'),
			...Array(COUNT - BATCH_SIZE).fill('initiated'),
		]);
		expect(String(out[0].json.error)).toContain('from an earlier attempt of this node');
	});

	it('stops again without sending when the earlier attempt stopped on a refusal', async () => {
		const { error } = await initiate(fake, contacts(3), {
			retryOnFail: true,
			parameters: { agentId: { __rl: true, mode: 'id', value: 'ffffffffffffffffffffffff' } },
		});

		expect(error?.message).toContain('eigi could not find it (404)');
		expect(fake.outboundRequests()).toHaveLength(1);
	});

	it('sends again what surely reached nobody: a 429', async () => {
		const items = contacts(2);
		// A Retry-After beyond what the node waits for: the first attempt gives up at once.
		fake.injectFault({ nth: 1, kind: { status: 429, retryAfter: 121 } });

		const { outputs, error } = await initiate(fake, items, { retryOnFail: true });

		expect(error).toBeUndefined();
		expect(statusesOf(outputs[0])).toEqual(['initiated', 'initiated']);
		expect(fake.calledNumbers()).toEqual(items.map(e164));
	});
});

describe("eigi's per-number results as its FastAPI backend sends them", () => {
	it.each([
		['echoed as sent', 'asSent'],
		['echoed without the +', 'noPlus'],
		['echoed with spaces', 'spaced'],
	] as const)('maps placed and failed calls to their items, numbers %s', async (_how, echo) => {
		const items = contacts(4);
		const failing = e164(items[2]);
		fake.setOptions({ responseShape: 'fastapi', echoNumbers: echo, failingNumbers: [failing] });

		const { outputs } = await initiate(fake, items, { onError: 'continueRegularOutput' });

		const out = outputs[0];
		expect(statusesOf(out)).toEqual(['initiated', 'initiated', 'failed', 'initiated']);
		for (const index of [0, 1, 3]) {
			expect(out[index].json).toMatchObject({ callPlaced: 'yes' });
			expect(out[index].json.conversationId).toEqual(expect.any(String));
		}
		expect(resultOf(out[2])).toMatchObject({ callPlaced: 'no', safeToRetry: true });
		expect(fake.calledNumbers()).toEqual([0, 1, 3].map((index) => e164(items[index])));
	});
});
