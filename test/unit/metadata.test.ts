import {
	metadataFromAgentVariables,
	metadataFromFields,
	metadataFromItem,
	metadataFromJson,
} from '../../nodes/Eigi/helpers/metadata';

describe('metadata', () => {
	it('parses a JSON object and refuses anything else with a reason', () => {
		expect(metadataFromJson('{"customer_name": "Ann"}')).toEqual({
			valid: true,
			metadata: { customer_name: 'Ann' },
		});
		expect(metadataFromJson({ a: 1 })).toEqual({ valid: true, metadata: { a: 1 } });
		expect(metadataFromJson('')).toEqual({ valid: true });
		expect(metadataFromJson('{}')).toEqual({ valid: true, metadata: undefined });
		expect(metadataFromJson('[1]')).toMatchObject({
			valid: false,
			reason: expect.stringContaining('not a list'),
		});
		expect(metadataFromJson('"text"')).toMatchObject({
			valid: false,
			reason: expect.stringContaining('not a string'),
		});
		expect(metadataFromJson('{"a": ')).toMatchObject({
			valid: false,
			reason: expect.stringContaining('not valid JSON'),
		});
	});

	it('builds named fields and refuses nameless or repeated names', () => {
		expect(
			metadataFromFields([
				{ name: ' customer_name ', value: 'Ann' },
				{ name: 'amount', value: 12 },
			]),
		).toEqual({
			valid: true,
			metadata: { customer_name: 'Ann', amount: 12 },
		});
		expect(metadataFromFields([{ name: '', value: 'x' }])).toMatchObject({
			reason: expect.stringContaining('field 1 has no name'),
		});
		expect(metadataFromFields([{ name: 'a' }, { name: 'a' }])).toMatchObject({
			reason: expect.stringContaining('"a" is defined twice'),
		});
	});

	it('drops empty agent variables and names the required ones that are missing', () => {
		expect(
			metadataFromAgentVariables({ customer_name: 'Ann', company: '' }, ['customer_name']),
		).toEqual({
			valid: true,
			metadata: { customer_name: 'Ann' },
		});
		expect(metadataFromAgentVariables({ company: 'Acme' }, ['customer_name', 'due'])).toMatchObject(
			{
				valid: false,
				reason: expect.stringContaining('"customer_name", "due", which are empty'),
			},
		);
	});

	it('copies the whole item so later changes do not alter what was sent', () => {
		const json = { nested: { a: 1 } };
		const result = metadataFromItem(json);
		json.nested.a = 2;
		expect(result).toEqual({ valid: true, metadata: { nested: { a: 1 } } });
	});
});
