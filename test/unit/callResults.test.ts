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

	it('copes with an empty or non-JSON body', () => {
		expect(outcomesFromResponse(calls, '').map((outcome) => outcome.status)).toEqual([
			'initiated',
			'initiated',
			'initiated',
		]);
	});
});
