import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { createAdditionalData, createNode, createWorkflow } from './runNode';

/**
 * The context n8n's editor gives a node's list search, load options and resource mapping methods,
 * built by n8n-core for a node with the given parameters.
 */
export async function loadOptionsContext(
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	path = 'parameters',
): Promise<LoadOptionsContext> {
	const node = createNode({ parameters });
	const { workflow } = await createWorkflow([node]);
	return new LoadOptionsContext(workflow, node, await createAdditionalData(credentials), path);
}
