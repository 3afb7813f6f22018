import { sep } from 'path';

import {
	isSupportedCountry,
	loadPhoneNumberSupport,
	normalizeCountryCode,
	normalizePhoneNumber,
	type PhoneNumberResult,
} from '../../nodes/Eigi/helpers/phoneNumber';

const NBSP = '\u00a0';

function e164Of(result: PhoneNumberResult): string {
	if (!result.valid) throw new Error(`expected a valid number, got: ${result.reason}`);
	return result.e164;
}

function reasonOf(result: PhoneNumberResult): string {
	if (result.valid) throw new Error(`expected a rejection, got ${result.e164}`);
	return result.reason;
}

// First, while nothing in this file has parsed a number yet.
describe('loading', () => {
	const phoneLibLoaded = (): boolean =>
		Object.keys(require.cache).some((path) => path.includes(`${sep}libphonenumber-js${sep}`));

	it('does not load libphonenumber-js until it is asked for', async () => {
		await jest.isolateModulesAsync(async () => {
			expect(phoneLibLoaded()).toBe(false);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const fresh =
				require('../../nodes/Eigi/helpers/phoneNumber') as typeof import('../../nodes/Eigi/helpers/phoneNumber');
			expect(phoneLibLoaded()).toBe(false);
			expect(fresh.normalizeCountryCode(' us ')).toBe('US');
			expect(phoneLibLoaded()).toBe(false);
			expect(() => fresh.normalizePhoneNumber('+14155552671')).toThrow(/not loaded/);
			await fresh.loadPhoneNumberSupport();
			expect(phoneLibLoaded()).toBe(true);
			expect(fresh.normalizePhoneNumber('+14155552671')).toMatchObject({
				valid: true,
				e164: '+14155552671',
			});
		});
	});
});

describe('normalizePhoneNumber: numbers that are sent', () => {
	beforeAll(loadPhoneNumberSupport);
	it.each<[string, unknown, string | undefined, string]>([
		// Already E.164, no default country needed.
		['E.164 US', '+14155552671', undefined, '+14155552671'],
		['E.164 GB', '+442079460958', undefined, '+442079460958'],
		['E.164 IN', '+919876543210', undefined, '+919876543210'],
		['E.164 with another default country', '+4915112345678', 'US', '+4915112345678'],
		// National forms with the default country.
		['US (xxx) xxx-xxxx', '(415) 555-2671', 'US', '+14155552671'],
		['US with leading 1', '1 (415) 555-2671', 'US', '+14155552671'],
		['US fictional 555-01xx', '+1 415 555 0199', undefined, '+14155550199'],
		['IN mobile with trunk 0', '098765 43210', 'IN', '+919876543210'],
		['GB London', '020 7946 0958', 'GB', '+442079460958'],
		['GB mobile with the country code but no +', '447911123456', 'GB', '+447911123456'],
		['DE Berlin', '030 123456', 'DE', '+4930123456'],
		['DE mobile', '0151 1234 5678', 'DE', '+4915112345678'],
		['FR mobile in pairs', '06 12 34 56 78', 'FR', '+33612345678'],
		['AU mobile', '0412 345 678', 'AU', '+61412345678'],
		['AU landline', '(02) 1234 5678', 'AU', '+61212345678'],
		['BR São Paulo mobile', '(11) 91234-5678', 'BR', '+5511912345678'],
		['JP mobile', '090-1234-5678', 'JP', '+819012345678'],
		['JP Tokyo', '03-1234-5678', 'JP', '+81312345678'],
		['AE mobile', '050 123 4567', 'AE', '+971501234567'],
		['AE mobile in Arabic-Indic digits', '٠٥٠١٢٣٤٥٦٧', 'AE', '+971501234567'],
		['NG mobile', '0803 123 4567', 'NG', '+2348031234567'],
		['CN mobile', '150 1234 5678', 'CN', '+8615012345678'],
		// International with + and with an exit code.
		['+ with (0)', '+44 (0)20 7946 0958', undefined, '+442079460958'],
		['00 with no default country', '0044 20 7946 0958', undefined, '+442079460958'],
		['00 where the default country also dials 00', '0044 20 7946 0958', 'IN', '+442079460958'],
		['00 where the default country dials 011', '0044 20 7946 0958', 'US', '+442079460958'],
		['00 with spaces inside it', '00 1 415 555 2671', 'DE', '+14155552671'],
		['011 exit code with US default', '011 44 20 7946 0958', 'US', '+442079460958'],
		['full-width + and digits', '＋１ ４１５ ５５５ ２６７１', undefined, '+14155552671'],
		// Punctuation and whitespace.
		['dots', '415.555.2671', 'US', '+14155552671'],
		['slash and dash', '415/555-2671', 'US', '+14155552671'],
		['dashes only', '+49-30-123456', undefined, '+4930123456'],
		['en dashes', '+33 6–12–34–56–78', undefined, '+33612345678'],
		[
			'non-breaking spaces',
			`${NBSP}+44${NBSP}20${NBSP}7946${NBSP}0958${NBSP}`,
			undefined,
			'+442079460958',
		],
		['tabs and a line break', '\t+1\t415\t555\t2671\n', undefined, '+14155552671'],
		['leading and trailing spaces', '   +61 412 345 678   ', undefined, '+61412345678'],
		['brackets around the country code', '+(971) 50 123 4567', undefined, '+971501234567'],
		// JS numbers, as spreadsheets deliver them.
		['number, US national', 4155552671, 'US', '+14155552671'],
		['number with the default country code', 919876543210, 'IN', '+919876543210'],
		['number, GB national that lost its leading 0', 2079460958, 'GB', '+442079460958'],
		['bigint', BigInt('14155552671'), 'US', '+14155552671'],
		// Default country written loosely.
		['lower-case default country', '(415) 555-2671', 'us', '+14155552671'],
		['padded default country', '020 7946 0958', ' gb ', '+442079460958'],
		['UK as default country', '020 7946 0958', 'UK', '+442079460958'],
		['empty default country with +', '+14155552671', '', '+14155552671'],
	])('%s: %p with %p → %s', (_label, input, defaultCountry, expected) => {
		expect(e164Of(normalizePhoneNumber(input, defaultCountry))).toBe(expected);
	});

	it('returns the country and national number of what it sends', () => {
		expect(normalizePhoneNumber('020 7946 0958', 'GB')).toEqual({
			valid: true,
			e164: '+442079460958',
			country: 'GB',
			nationalNumber: '2079460958',
		});
		// A number in a shared code is attributed to its real country.
		expect(normalizePhoneNumber('+1 876 970 1234')).toMatchObject({ valid: true, country: 'JM' });
	});
});

describe('normalizePhoneNumber: numbers that are refused, with a reason naming the problem', () => {
	beforeAll(loadPhoneNumberSupport);
	it.each<[string, unknown, string | undefined, string]>([
		// Nothing there.
		['null', null, 'US', 'is empty'],
		['undefined', undefined, 'US', 'is empty'],
		['empty text', '', 'US', 'is empty'],
		['spaces only', '   ', 'US', 'is empty'],
		['non-breaking spaces and tabs only', `${NBSP}\t${NBSP}`, 'US', 'is empty'],
		// Not text or a number.
		['object', { phone: '+14155552671' }, 'US', 'is not text or a number (got an object)'],
		[
			'list',
			['+14155552671'],
			'US',
			'is not text or a number (got a list): pick one number from it',
		],
		['boolean', true, 'US', 'is not text or a number (got a boolean)'],
		// Numbers that cannot be a phone number.
		['NaN', NaN, 'US', 'is not a finite number (NaN)'],
		['Infinity', Infinity, 'US', 'is not a finite number (Infinity)'],
		['negative', -4155552671, 'US', 'is a negative number'],
		['decimal', 4155552671.5, 'US', 'decimal part'],
		['beyond safe integers', 12345678901234567890, 'US', 'is too long to be a phone number'],
		// Letters, extensions and stray characters.
		['vanity number', '1-800-FLOWERS', 'US', 'contains letters'],
		['a note instead of a number', 'n/a', 'US', 'contains letters'],
		['tel: link', 'tel:+14155552671', 'US', 'contains letters'],
		[
			'ext.',
			'(415) 555-2671 ext. 123',
			'US',
			'has an extension (ext. 123), which a call cannot dial: remove it',
		],
		['x', '415-555-2671x12', 'US', 'has an extension (ext. 12)'],
		['X with spaces', '+44 20 7946 0958 X 7', undefined, 'has an extension (ext. 7)'],
		['#', '+44 20 7946 0958 #4', undefined, 'has an extension (ext. 4)'],
		['extension word', '030 123456 extension 99', 'DE', 'has an extension (ext. 99)'],
		['RFC 3966 ;ext=', '+14155552671;ext=7', undefined, 'has an extension (ext. 7)'],
		['star', '+1 415*555 2671', undefined, 'contains "*", which is not part of a phone number'],
		['two numbers with a comma', '+14155552671, +14155552672', undefined, 'contains ","'],
		['+ in the middle', '415+555 2671', 'US', 'has a + that is not at the start'],
		['two pluses', '++44 20 7946 0958', undefined, 'has a + that is not at the start'],
		['punctuation only', '(---)', 'US', 'has no digits'],
		// Too short, too long, invalid, unknown code.
		['too short, US', '12', 'US', 'is too short for United States (US)'],
		['too short, GB', '020 794', 'GB', 'is too short for United Kingdom (GB)'],
		['too short, NG', '+234 803 123 456', undefined, 'is too short for Nigeria (NG)'],
		['too short, shared code', '+44 20 7946', undefined, 'is too short for country code +44'],
		['too short, just a code', '+1', undefined, 'is too short'],
		['too long, GB', '020 7946 0958 12', 'GB', 'is too long for United Kingdom (GB)'],
		['too long, FR', '+33 6 12 34 56 78 9', undefined, 'is too long for France (FR)'],
		['far too long', '1234567890123456789012', 'US', 'is too long (22 digits)'],
		['invalid area code, US', '200 555 2671', 'US', 'is not a valid number in United States (US)'],
		[
			'invalid with +1 and no default',
			'+1 200 555 2671',
			undefined,
			'is not a valid number for country code +1',
		],
		[
			'invalid, +1 named by the default country',
			'+1 200 555 2671',
			'US',
			'is not a valid number in United States (US)',
		],
		['GB drama range', '07700 900123', 'GB', 'is not a valid number in United Kingdom (GB)'],
		// Right length, but São Paulo mobiles gained a leading 9 in 2012: only exact metadata knows.
		['BR mobile without its 9', '(11) 8123-4567', 'BR', 'is not a valid number in Brazil (BR)'],
		[
			'IN mobile one digit short',
			'+91 98765 4321',
			undefined,
			'is not a valid number in India (IN)',
		],
		['JP mobile one digit short', '090-1234-567', 'JP', 'is not a valid number in Japan (JP)'],
		[
			'unknown country code',
			'+999 123 456 789',
			undefined,
			'starts with a country code that does not exist (+999…)',
		],
		['unknown code after 00', '00999 123 456 789', 'DE', 'country code that does not exist'],
		// No country code, and no default country to supply one.
		[
			'national number, no default country',
			'(415) 555-2671',
			undefined,
			'has no country code: start it with + and the country code, or set the "Default Country" option',
		],
		['GB national, no default country', '020 7946 0958', undefined, 'has no country code'],
		[
			'011 without a default country that dials it',
			'011 44 20 7946 0958',
			undefined,
			'has no country code',
		],
		// Bad default country.
		[
			'unknown default country',
			'+14155552671',
			'XX',
			'Default Country "XX" is not a known two-letter country code',
		],
		[
			'default country as a name',
			'(415) 555-2671',
			'United States',
			'Default Country "United States"',
		],
	])('%s: %p with %p → "%s"', (_label, input, defaultCountry, reason) => {
		expect(reasonOf(normalizePhoneNumber(input, defaultCountry))).toContain(reason);
	});
});

describe('normalizePhoneNumber: bare digits that may have lost their +', () => {
	beforeAll(loadPhoneNumberSupport);
	it.each<[string, unknown, string | undefined, string]>([
		// Could be +91… or a number in some country without a trunk prefix: not guessed, but the + form is shown.
		[
			'12 digits, no default country',
			919876543210,
			undefined,
			'has no country code: start it with + and the country code, or set the "Default Country" option (if it is +919876543210, write the + in front)',
		],
		// Also China's mobile 150 1234 5678, so +1 is a guess too.
		[
			'valid with +1, no default country',
			'15012345678',
			undefined,
			'(if it is +15012345678, write the + in front)',
		],
		[
			'Indian number with a US default',
			'919876543210',
			'US',
			'is too long for United States (US); if it is the international number +919876543210, write it with the + in front',
		],
		[
			'US number with a GB default',
			'1 415 555 2671',
			'GB',
			'if it is the international number +14155552671',
		],
	])('%s: %p with %p → "%s"', (_label, input, defaultCountry, reason) => {
		expect(reasonOf(normalizePhoneNumber(input, defaultCountry))).toContain(reason);
	});

	it('gives no + hint when the digits are not a valid number with a + either', () => {
		const reason = reasonOf(normalizePhoneNumber('4155552671'));
		expect(reason).toBe(
			'has no country code: start it with + and the country code, or set the "Default Country" option',
		);
	});

	it('reads the digits as national first, so the default country wins when both readings are valid', () => {
		expect(e164Of(normalizePhoneNumber('15012345678', 'CN'))).toBe('+8615012345678');
		expect(e164Of(normalizePhoneNumber('15012345678', 'US'))).toBe('+15012345678');
	});
});

describe('country codes', () => {
	beforeAll(loadPhoneNumberSupport);
	it.each<[unknown, string | undefined]>([
		['us', 'US'],
		[' US ', 'US'],
		['gb', 'GB'],
		['UK', 'GB'],
		['', undefined],
		['   ', undefined],
		[undefined, undefined],
		[null, undefined],
		[44, undefined],
		['XX', 'XX'],
	])('normalizeCountryCode(%p) → %p', (input, expected) => {
		expect(normalizeCountryCode(input)).toBe(expected);
	});

	it.each<[string, boolean]>([
		['US', true],
		['IN', true],
		['NG', true],
		['us', true],
		['UK', true],
		['XX', false],
		['USA', false],
		['', false],
		['1', false],
	])('isSupportedCountry(%p) → %p', (code, expected) => {
		expect(isSupportedCountry(code)).toBe(expected);
	});
});
