import { nodeTestConfig } from '../../test/support/vitest-node';

export default nodeTestConfig();
