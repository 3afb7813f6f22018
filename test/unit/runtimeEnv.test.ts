// The real-n8n runtime (npm start, npm run test:e2e) is installed by child npm processes that work
// outside this project. Started under `npm run`, they would inherit .npmrc's ignore-scripts=true
// as npm_config_ignore_scripts, and `npm rebuild sqlite3` would build nothing on a fresh machine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rebuildEnv } = require('../../tools/n8n-launcher/runtime') as {
	rebuildEnv: (node: { nodeBin: string }) => NodeJS.ProcessEnv;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { outsideProjectEnv } = require('../../tools/n8n-launcher/childEnv') as {
	outsideProjectEnv: (overrides?: NodeJS.ProcessEnv, base?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
};

describe('environment of the npm processes that install the n8n runtime', () => {
	const asUnderNpmRun = {
		PATH: '/usr/bin',
		HOME: '/home/user',
		npm_config_ignore_scripts: 'true',
		npm_config_nodedir: '/usr',
		npm_lifecycle_event: 'start',
		npm_package_name: 'n8n-nodes-eigi',
	};
	const saved = { ...process.env };
	beforeEach(() => Object.assign(process.env, asUnderNpmRun));
	afterEach(() => {
		for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
		Object.assign(process.env, saved);
	});

	it('gives npm rebuild sqlite3 none of the settings npm run hands down, and Node 24 first on PATH', () => {
		const env = rebuildEnv({ nodeBin: '/cache/node24/bin/node' });
		expect(Object.keys(env).filter((name) => /^npm_/i.test(name))).toEqual([]);
		expect(env.PATH?.split(':')[0]).toBe('/cache/node24/bin');
		expect(env.HOME).toBe('/home/user');
	});

	it('keeps everything else, and the overrides it is given', () => {
		const env = outsideProjectEnv({ EXTRA: '1' }, asUnderNpmRun);
		expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/user', EXTRA: '1' });
	});
});
