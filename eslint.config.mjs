import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		// libphonenumber-js is this package's one runtime dependency: E.164 normalisation is its core job.
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
