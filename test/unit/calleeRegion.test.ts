import { regionsForNumber } from '../../nodes/Eigi/helpers/calleeRegion';
import { REGION_TABLE } from '../../nodes/Eigi/vendor/regions';
import { regionsOfPlace } from '../../tools/timezone-data/regions';

// The table is generated from Google libphonenumber's geocoding data (tools/timezone-data/regions.js).
const regions = (e164: string) => regionsForNumber(REGION_TABLE, e164);

describe('the callee region, from the number', () => {
	it.each([
		['+13055550100', ['US-FL']], // Miami
		['+14055550100', ['US-OK']], // Oklahoma City
		['+14105550100', ['US-MD']], // Baltimore
		['+12145550100', ['US-TX']], // Dallas
		['+12125550100', ['US-NY']], // Manhattan
		['+13105550100', ['US-CA']], // Los Angeles: the data knows 310 only through longer prefixes
		['+14165550100', ['CA-ON']], // Toronto
		['+15145550100', ['CA-QC']], // Montreal
		['+12025550100', ['US-DC']], // "Washington D.C."
		['+12065550100', ['US-WA']], // "Washington State"
		['+13402345678', ['US-VI']], // US Virgin Islands: a US territory
	])('%s → %p', (e164, expected) => {
		expect(regions(e164)).toEqual(expected);
	});

	it('gives no region for a Caribbean number of the North American plan, nor outside it', () => {
		expect(regions('+18765550100')).toBeUndefined(); // Jamaica
		expect(regions('+12425550100')).toBeUndefined(); // the Bahamas
		expect(regions('+442079460000')).toBeUndefined(); // London
	});

	it('gives both states of an area code whose prefixes span two, unless a longer prefix decides', () => {
		// 201 is New Jersey, but the data places its exchange 631 in New York, NY.
		expect(regions('+12015550100')).toEqual(['US-NJ', 'US-NY']);
		expect(regions('+12016310100')).toEqual(['US-NY']);
		expect(regions('+12012000100')).toEqual(['US-NJ']);
	});

	it('gives every province or territory of a shared area code', () => {
		expect(regions('+18675550100')).toEqual(['CA-NT', 'CA-NU', 'CA-YT']);
		expect(regions('+18675360100')).toEqual(['CA-YT']); // Watson Lake
		expect(regions('+17825550100')).toEqual(['CA-NS', 'CA-PE']);
	});

	it('is a compact table: every region set once', () => {
		const keys = REGION_TABLE.regions.map((set) => set.join('&'));
		expect(new Set(keys).size).toBe(keys.length);
		expect(JSON.stringify(REGION_TABLE).length).toBeLessThan(20_000);
	});
});

describe('place names of the geocoding data → region codes', () => {
	it.each([
		['New Jersey', ['US-NJ']],
		['San Antonio, TX', ['US-TX']],
		['Washington State', ['US-WA']],
		['Washington D.C.', ['US-DC']],
		['Manitoba', ['CA-MB']],
		['British Colombia', ['CA-BC']], // sic, in the data
		['Calgary, AB', ['CA-AB']],
		['Nova Scotia/Prince Edward Island', ['CA-NS', 'CA-PE']],
	])('%s → %p', (place, expected) => {
		expect(regionsOfPlace(place)).toEqual(expected);
	});

	it('maps nothing it does not know (the generator then fails)', () => {
		expect(regionsOfPlace('Nassau')).toBeUndefined();
		expect(regionsOfPlace('Springfield, XX')).toBeUndefined();
	});
});
