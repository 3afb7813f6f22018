import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

import { COUNTRIES } from '../../nodes/Eigi/actions/call/initiate/countries';
import { isSupportedCountry, loadPhoneNumberSupport } from '../../nodes/Eigi/helpers/phoneNumber';

// The Default Country choices are generated (scripts/generate-countries.js) so the editor needs no
// request and n8n loads no phone metadata to show them; this keeps them in step with the library.
describe('Default Country choices', () => {
	beforeAll(loadPhoneNumberSupport);

	it('has every country libphonenumber-js knows, once, named with its calling code', () => {
		expect(COUNTRIES.map((country) => country.value).sort()).toEqual([...getCountries()].sort());
		for (const { name, value } of COUNTRIES) {
			expect(name).toMatch(new RegExp(`\\(\\+${getCountryCallingCode(value as never)}\\)$`));
			expect(isSupportedCountry(String(value))).toBe(true);
		}
		expect(COUNTRIES).toContainEqual({ name: 'United Kingdom (+44)', value: 'GB' });
		expect(COUNTRIES).toContainEqual({ name: 'United States (+1)', value: 'US' });
		expect(COUNTRIES).toContainEqual({ name: 'India (+91)', value: 'IN' });
	});

	it('is sorted by name, as n8n shows options', () => {
		const names = COUNTRIES.map((country) => country.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(names[0]).toBe('Afghanistan (+93)');
	});
});
