import { builtinModules } from 'module';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

import { PACKAGE_ROOT } from '../harness/package';

// What n8n installs: dist/ with no runtime dependencies (n8n Cloud installs nothing else), the
// phone library bundled in and behaving as the unit tests (run on its source) say.

const DIST = join(PACKAGE_ROOT, 'dist');

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return jsFiles(path);
		return path.endsWith('.js') ? [path] : [];
	});
}

describe('the built package', () => {
	const files = jsFiles(DIST);

	it('requires nothing but Node, n8n-workflow (from n8n itself) and its own files', () => {
		const allowed = new Set([...builtinModules, 'n8n-workflow']);
		const outside = files.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)]
				.map(([, name]) => name.replace(/^node:/, ''))
				.filter((name) => !name.startsWith('.') && !allowed.has(name))
				.map((name) => `${relative(DIST, file)}: ${name}`),
		);
		expect(outside).toEqual([]);
	});

	it('has no console call, even inside the bundled library', () => {
		expect(files.filter((file) => /\bconsole\.\w+\(/.test(readFileSync(file, 'utf8')))).toEqual([]);
	});

	it('ships the bundled library with its licences', () => {
		const notice = readFileSync(join(DIST, 'nodes/Eigi/vendor/libphonenumber.LICENSE.txt'), 'utf8');
		expect(notice).toContain('The MIT License');
		expect(notice).toContain('Apache License');
	});

	it('normalises numbers with the bundled max metadata', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const built = require(
			join(DIST, 'nodes/Eigi/helpers/phoneNumber.js'),
		) as typeof import('../../nodes/Eigi/helpers/phoneNumber');
		await built.loadPhoneNumberSupport();
		expect(built.normalizePhoneNumber('(415) 555-2671', 'US')).toMatchObject({
			e164: '+14155552671',
		});
		expect(built.normalizePhoneNumber('0044 20 7946 0958')).toMatchObject({
			e164: '+442079460958',
		});
		// max metadata knows Brazil's mobile numbers need their 9 (min metadata does not).
		expect(built.normalizePhoneNumber('(11) 8123-4567', 'BR')).toMatchObject({ valid: false });
	});
});
