import { outcomesFromResponse } from '../../nodes/Eigi/helpers/callResults';
import type { PreparedCall } from '../../nodes/Eigi/helpers/types';

const calls: PreparedCall[] = ['+14155550001', '+14155550002', '+14155550003'].map(
	(phoneNumber, itemIndex) => ({
		itemIndex,
		agentId: 'a',
		telephonyProvider: 'PLIVO',
		phoneNumber,
		phoneNumberInput: phoneNumber,
	}),
);

describe('outcomesFromResponse', () => {
	it('gives every call the request-level status when eigi answers as documented', () => {
		const body = { status: 'success', message: 'Outbound calls initiated successfully' };
		expect(outcomesFromResponse(calls, body)).toEqual(
			calls.map(() => ({
				status: 'initiated',
				message: 'Outbound calls initiated successfully',
				eigiResponse: body,
			})),
		);
	});

	it('maps per-number results by number, whatever their order', () => {
		const body = {
			status: 'success',
			results: [
				{ mobile_number: '+14155550003', status: 'initiated', conversation_id: 'c3' },
				{ mobile_number: '+14155550001', status: 'initiated', conversation_id: 'c1' },
				{ mobile_number: '+14155550002', status: 'failed', error: 'Number not reachable' },
			],
		};
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['initiated', 'failed', 'initiated']);
		expect(outcomes[0]).toMatchObject({ conversationId: 'c1' });
		expect(outcomes[2]).toMatchObject({ conversationId: 'c3' });
		expect(outcomes[1]).toMatchObject({
			placed: 'no',
			message: 'eigi did not place this call: Number not reachable',
		});
	});

	it('reads a list nested under data and entries matched by position when they carry no number', () => {
		const body = {
			data: {
				calls: [
					{ conversationId: 'x' },
					{ success: false, message: 'busy' },
					{ conversation_id: 'z' },
				],
			},
		};
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['initiated', 'failed', 'initiated']);
		expect(outcomes[0]).toMatchObject({ conversationId: 'x' });
	});

	it('says so when the list has no entry for a number', () => {
		const body = { results: [{ mobile_number: '+14155550001', conversation_id: 'c1' }] };
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes[1]).toMatchObject({ status: 'initiated' });
		expect(outcomes[1].message).toContain('no result of its own for this number');
	});

	it('fails every call when a 200 answer itself says the request failed', () => {
		const outcomes = outcomesFromResponse(calls, {
			status: 'error',
			message: 'Agent has no phone number',
		});
		expect(outcomes.every((outcome) => outcome.status === 'failed')).toBe(true);
		expect(outcomes[0].message).toContain('Agent has no phone number');
	});

	it('reports a success without a readable body (HTML, cut or empty) as maybe placed, never as not placed', () => {
		for (const body of [
			'',
			'<html><body>502 Bad Gateway</body></html>',
			'{"status":"succ',
			undefined,
		]) {
			const outcomes = outcomesFromResponse(calls, body);
			expect(outcomes.map((outcome) => outcome.status)).toEqual([
				'uncertain',
				'uncertain',
				'uncertain',
			]);
			expect(outcomes[0]).toMatchObject({ placed: 'maybe' });
		}
	});
});

describe('outcomesFromResponse: eigi as FastAPI sends it (every field, null where unset)', () => {
	const fastApi = (entries: Array<Record<string, unknown>>) => ({
		status: 'success',
		message: 'Outbound calls initiated successfully',
		results: entries.map((entry) => ({
			mobile_number: null,
			conversation_id: null,
			status: null,
			error: null,
			...entry,
		})),
	});

	it('takes a null error on a placed call for what it is: nothing', () => {
		const body = fastApi([
			{ mobile_number: '+14155550001', conversation_id: 'c1', status: 'initiated' },
			{ mobile_number: '+14155550002', conversation_id: 'c2', status: 'initiated' },
			{ mobile_number: '+14155550003', status: 'failed', error: 'Invalid number' },
		]);
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['initiated', 'initiated', 'failed']);
		expect(
			outcomes.map((outcome) => 'conversationId' in outcome && outcome.conversationId),
		).toEqual(['c1', 'c2', false]);
		expect(outcomes[2].message).toBe('eigi did not place this call: Invalid number');
	});

	it.each([
		['without the +', (n: string) => n.slice(1)],
		[
			'with spaces',
			(n: string) => `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 8)} ${n.slice(8)}`,
		],
	])('matches numbers eigi echoes %s', (_form, echo) => {
		const body = fastApi([
			{ mobile_number: echo('+14155550002'), status: 'failed', error: 'Unreachable' },
			{ mobile_number: echo('+14155550001'), conversation_id: 'c1', status: 'initiated' },
			{ mobile_number: echo('+14155550003'), conversation_id: 'c3', status: 'initiated' },
		]);
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['initiated', 'failed', 'initiated']);
		expect(outcomes[0]).toMatchObject({ conversationId: 'c1' });
		expect(outcomes[2]).toMatchObject({ conversationId: 'c3' });
	});

	it('lets an explicit status decide over an error text, and an error without a status fail the call', () => {
		const body = fastApi([
			{
				mobile_number: '+14155550001',
				conversation_id: 'c1',
				status: 'initiated',
				error: 'slow carrier',
			},
			{ mobile_number: '+14155550002', error: 'Number not reachable' },
		]);
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes[0]).toMatchObject({ status: 'initiated', conversationId: 'c1' });
		expect(outcomes[1]).toMatchObject({ status: 'failed', placed: 'no' });
	});

	it('never reports a number without an entry of its own as not placed', () => {
		const body = fastApi([{ mobile_number: '+19995550000', status: 'failed', error: 'Unknown' }]);
		const outcomes = outcomesFromResponse(calls, body);
		expect(outcomes.every((outcome) => outcome.status === 'initiated')).toBe(true);
	});
});
