import { describeHours } from '../../nodes/Eigi/helpers/durations';

describe('describeHours: the hours of a setting as an item message says them', () => {
	it.each([
		[168, '7 days'],
		[24, '1 day'],
		[36, '36 hours'],
		[2, '2 hours'],
		[1, '1 hour'],
		[1.5, '1.5 hours'],
		[0.5, '30 minutes'],
		[2 / 60, '2 minutes'],
		[0.01, '0.01 hours'],
	])('%p hours → %p', (hours, text) => {
		expect(describeHours(hours)).toBe(text);
	});
});
