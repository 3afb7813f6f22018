import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules (the n8n Cloud set), with nothing switched off. npm run scan runs
// n8n's verification scanner on top of this.
export default config;
