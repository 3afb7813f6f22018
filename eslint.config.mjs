import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules, with one exception: libphonenumber-js, this package's one runtime
// dependency (E.164 normalisation is its core job). n8n checks "no runtime dependencies" in two
// places, package.json and the import itself; both checks are off for it, and the import check
// only in the one file that loads it.
export default [
	...config,
	{ rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' } },
	{
		files: ['nodes/Eigi/helpers/phoneNumber.ts'],
		rules: { '@n8n/community-nodes/no-restricted-imports': 'off' },
	},
];
