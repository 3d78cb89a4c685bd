// Registration index the worker bundles: every workflow type the worker runs.
export { interactionWorkflow } from './interaction';
export { pushWorkflow } from './push';
export { webhookDeliveryWorkflow } from './webhook-delivery';
export { campaignWorkflow } from './campaign';
export { dataExportWorkflow, retentionWorkflow, twilioErasureWorkflow } from './privacy';
export { scheduledReportsWorkflow } from './reports';
