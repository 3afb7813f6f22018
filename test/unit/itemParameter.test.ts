import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameter } from '../../nodes/Eigi/actions/call/initiate/itemParameter';

/** A context whose parameters resolve to `<saved value>@<item>`, counting each resolution. */
function fakeContext(parameters: Record<string, unknown>) {
	const reads: string[] = [];
	const context = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number) => {
			reads.push(name);
			return `${JSON.stringify(parameters[name.split('.')[0]])}@${itemIndex}`;
		},
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

describe('itemParameter', () => {
	it('reads a parameter without an expression once per run', () => {
		const { context, reads } = fakeContext({ telephonyProvider: 'PLIVO' });
		const values = [0, 1, 2].map((item) => itemParameter(context, 'telephonyProvider', item, ''));
		expect(values).toEqual(['"PLIVO"@0', '"PLIVO"@0', '"PLIVO"@0']);
		expect(reads).toEqual(['telephonyProvider']);
	});

	it('reads a parameter holding an expression, even deep inside, for every item', () => {
		const { context, reads } = fakeContext({
			phoneNumber: '={{ $json.phone }}',
			agentId: { __rl: true, mode: 'id', value: '={{ $json.agent }}' },
			metadataFields: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
		});
		for (const item of [0, 1]) {
			expect(itemParameter(context, 'phoneNumber', item, '')).toBe(`"={{ $json.phone }}"@${item}`);
			itemParameter(context, 'agentId', item, '', { extractValue: true });
			itemParameter(context, 'metadataFields.field', item, []);
		}
		expect(reads).toHaveLength(6);
	});

	it('keeps reads with different options apart, and starts afresh for the next run', () => {
		const parameters = { agentId: { __rl: true, mode: 'id', value: 'agent-1' } };
		const first = fakeContext(parameters);
		itemParameter(first.context, 'agentId', 0, '', { extractValue: true });
		itemParameter(first.context, 'agentId', 1, '');
		itemParameter(first.context, 'agentId', 2, '', { extractValue: true });
		expect(first.reads).toHaveLength(2);
		const next = fakeContext(parameters);
		itemParameter(next.context, 'agentId', 0, '', { extractValue: true });
		expect(next.reads).toHaveLength(1);
	});

	it('does not keep a read that failed: the next item tries again', () => {
		const { context } = fakeContext({ telephonyProvider: 'PLIVO' });
		let calls = 0;
		(context as unknown as { getNodeParameter: () => never }).getNodeParameter = () => {
			calls++;
			throw new Error('bad parameter');
		};
		expect(() => itemParameter(context, 'telephonyProvider', 0, '')).toThrow('bad parameter');
		expect(() => itemParameter(context, 'telephonyProvider', 1, '')).toThrow('bad parameter');
		expect(calls).toBe(2);
	});
});
