import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export const EIGI_DEFAULT_BASE_URL = 'https://api.eigi.ai';

/** eigi issues keys that always start with `vk_`; anything else cannot work, so say so before sending it. */
export function checkEigiApiKey(value: unknown): string {
	const apiKey = typeof value === 'string' ? value.trim() : '';
	if (!apiKey) {
		throw new Error(
			'The eigi API credential has no API key. Create one in the eigi dashboard under Settings → API Keys and paste it into the credential.',
		);
	}
	if (!apiKey.startsWith('vk_')) {
		throw new Error(
			'The eigi API key in the credential does not start with "vk_". eigi API keys always do: copy the whole key from the eigi dashboard (Settings → API Keys).',
		);
	}
	return apiKey;
}

export class EigiApi implements ICredentialType {
	name = 'eigiApi';

	// n8n title-cases credential names ("Eigi API"); the domain form keeps eigi's own lower case.
	displayName = 'eigi.ai API';

	icon = { light: 'file:eigi.svg', dark: 'file:eigi.dark.svg' } as const;

	documentationUrl = 'https://docs.eigi.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'vk_...',
			description:
				'Your eigi API key. Create it in the eigi dashboard under Settings → API Keys; it starts with vk_ and is shown only once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: EIGI_DEFAULT_BASE_URL,
			required: true,
			description: 'Change only if eigi gave you another API host (for example a test environment)',
		},
	];

	// A function rather than a generic header block, so a key without the vk_ prefix fails with a
	// clear message before any request is made, in the nodes and in the credential test alike.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = checkEigiApiKey(credentials.apiKey);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-API-Key': apiKey },
		};
	}

	// Listing one agent is the cheapest authenticated request eigi offers (there is no "who am I").
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/, "") }}',
			url: '/v1/public/agents',
			method: 'GET',
			qs: { page: 1, page_size: 1 },
		},
		// Without rules, n8n shows only the status text ("Unauthorized").
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'eigi did not accept this API key: it is wrong, inactive or expired. Create a new key in the eigi dashboard under Settings → API Keys and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'eigi refused this API key (403): check that it is active and allowed to use the API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No eigi API answers at this Base URL (404): use https://api.eigi.ai unless eigi gave you another host.',
				},
			},
		],
	};
}
