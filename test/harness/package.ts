import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { resolve } from 'path';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-eigi';

let loaded: Promise<PackageDirectoryLoader> | undefined;

/**
 * The built package, loaded from dist/ the way n8n loads a community package (through the
 * `n8n` section of package.json). `npm test` builds first.
 */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaded;
}

/** n8n's INodeTypes, backed by this package only (types are `n8n-nodes-eigi.<name>`). */
export function nodeTypesOf(loader: PackageDirectoryLoader): INodeTypes {
	const byName = (fullName: string): INodeType | IVersionedNodeType => {
		const shortName = fullName.replace(`${PACKAGE_NAME}.`, '');
		const entry = loader.nodeTypes[shortName];
		if (!entry) throw new Error(`Unknown node type ${fullName}`);
		return entry.type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (fullName, version) =>
			NodeHelpers.getVersionedNodeType(byName(fullName), version),
		getKnownTypes: () => ({}) as IDataObject,
	};
}

export function credentialTypeOf(loader: PackageDirectoryLoader, name: string): ICredentialType {
	const entry = loader.credentialTypes[name];
	if (!entry) throw new Error(`Unknown credential type ${name}`);
	return entry.type;
}

/** Applies a credential type's `authenticate` exactly as n8n does for a function-style authenticate. */
export async function authenticateWith(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { authenticate } = credentialType;
	if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
	if (authenticate) throw new Error('This harness only applies function-style authenticate');
	return requestOptions;
}
