import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	CALL_LIMIT_PRESETS,
	CALLING_HOURS_PRESETS,
	NOT_COVERED,
} from '../../nodes/Eigi/helpers/callingRules';

// docs/calling-rules.md is what a user or a reviewer checks the rules against: it must list every
// rule a preset applies, with the data's own citation, link and date, and everything the data
// says it leaves out.

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'calling-rules.md'), 'utf8');
const rules = [
	...Object.values(CALLING_HOURS_PRESETS),
	...Object.values(CALL_LIMIT_PRESETS),
].flatMap((preset) => preset.rules);

describe('docs/calling-rules.md', () => {
	it.each(rules.map((rule) => [rule.id, rule]))('lists %s with its source and date', (id, rule) => {
		const row = doc.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
		expect(row).toBeDefined();
		expect(row).toContain(`[${rule.source.citation}](${rule.source.url})`);
		expect(row).toContain(`| ${rule.checked} |`);
		expect(row!.includes(' ¹ ')).toBe(rule.source.readVia !== undefined);
	});

	it('says what is not covered, and that it is an aid, not legal advice', () => {
		for (const entry of NOT_COVERED) expect(doc).toContain(entry);
		expect(doc).toContain('An aid, not legal advice.');
	});
});
