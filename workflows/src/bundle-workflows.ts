/**
 * Bundles the workflows for the worker's sandbox into the file named by the first argument. Run
 * as a short-lived child process by worker.ts, so webpack's memory never stays in a long-running one.
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowsPath } from './worker';

const out = process.argv[2];
if (!out) throw new Error('usage: bundle-workflows.ts <output file>');
const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
writeFileSync(out, code);
