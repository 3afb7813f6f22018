import { planBatches } from '../../nodes/Eigi/helpers/batching';
import { findRepeatedNumbers } from '../../nodes/Eigi/helpers/duplicates';
import type { PreparedCall } from '../../nodes/Eigi/helpers/types';

function call(
	itemIndex: number,
	agentId = 'a',
	telephonyProvider: 'PLIVO' | 'TWILIO' = 'PLIVO',
	phoneNumber?: string,
): PreparedCall {
	return {
		itemIndex,
		agentId,
		telephonyProvider,
		phoneNumber: phoneNumber ?? `+1415555${String(1000 + itemIndex)}`,
		phoneNumberInput: '',
	};
}

describe('planBatches', () => {
	it('makes 200 requests of 50 for 10,000 calls to one agent', () => {
		const calls = Array.from({ length: 10_000 }, (_, index) => call(index));
		const batches = planBatches(calls, 50);
		expect(batches).toHaveLength(200);
		expect(batches.every((batch) => batch.calls.length === 50)).toBe(true);
		expect(batches.flatMap((batch) => batch.calls.map((entry) => entry.itemIndex))).toEqual(
			calls.map((_, index) => index),
		);
	});

	it('keeps agents and providers apart, in the order they first appear', () => {
		const calls = [
			call(0, 'a'),
			call(1, 'b'),
			call(2, 'a', 'TWILIO'),
			call(3, 'a'),
			call(4, 'b'),
			call(5, 'a'),
		];
		const batches = planBatches(calls, 2);
		expect(
			batches.map((batch) => [
				batch.agentId,
				batch.telephonyProvider,
				batch.calls.map((entry) => entry.itemIndex),
			]),
		).toEqual([
			['a', 'PLIVO', [0, 3]],
			['a', 'PLIVO', [5]],
			['b', 'PLIVO', [1, 4]],
			['a', 'TWILIO', [2]],
		]);
	});

	it('treats a batch size below 1 as 1 and cuts fractions', () => {
		expect(planBatches([call(0), call(1)], 0)).toHaveLength(2);
		expect(planBatches([call(0), call(1), call(2)], 2.9)).toHaveLength(2);
	});

	it('makes no request for no calls', () => {
		expect(planBatches([], 50)).toEqual([]);
	});
});

describe('findRepeatedNumbers', () => {
	it('points each repeat at the first item calling that number, whatever the agent', () => {
		const calls = [
			call(0, 'a', 'PLIVO', '+14155552671'),
			call(1, 'a', 'PLIVO', '+14155550000'),
			call(2, 'b', 'PLIVO', '+14155552671'),
			call(3, 'a', 'TWILIO', '+14155552671'),
		];
		expect([...findRepeatedNumbers(calls)]).toEqual([
			[2, 0],
			[3, 0],
		]);
	});
});
