import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listCountries, loadPhoneNumberSupport } from '../helpers/phoneNumber';

/** Every country libphonenumber-js knows, for the Default Country option. */
export async function getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	await loadPhoneNumberSupport();
	return [{ name: 'None (Numbers Must Start With +)', value: '' }, ...listCountries()];
}
