import { Metadata, status } from '@grpc/grpc-js';
import { encode, packAny, type Msg } from './proto';

const details = 'temporal.api.errordetails.v1';

/** A gRPC error carrying the google.rpc.Status details the real frontend attaches. */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly detail?: { typeName: string; value: Msg },
  ) {
    super(message);
  }

  /** The shape grpc-js sends: status code, message, and grpc-status-details-bin. */
  toServiceError(): { code: status; details: string; metadata: Metadata } {
    const metadata = new Metadata();
    const st = {
      code: this.code,
      message: this.message,
      details: this.detail ? [packAny(this.detail.typeName, this.detail.value)] : [],
    };
    metadata.set('grpc-status-details-bin', encode('google.rpc.Status', st));
    return { code: this.code, details: this.message, metadata };
  }
}

export const invalidArgument = (message: string) => new RpcError(status.INVALID_ARGUMENT, message);

export const notFound = (message: string) =>
  new RpcError(status.NOT_FOUND, message, {
    typeName: `${details}.NotFoundFailure`,
    value: { currentCluster: 'active', activeCluster: 'active' },
  });

export const namespaceNotFound = (namespace: string) =>
  new RpcError(status.NOT_FOUND, `Namespace ${namespace} is not found.`, {
    typeName: `${details}.NamespaceNotFoundFailure`,
    value: { namespace },
  });

export const alreadyStarted = (message: string, startRequestId: string, runId: string) =>
  new RpcError(status.ALREADY_EXISTS, message, {
    typeName: `${details}.WorkflowExecutionAlreadyStartedFailure`,
    value: { startRequestId, runId },
  });

export const workflowNotFound = (workflowId: string, runId?: string) =>
  notFound(
    runId
      ? `workflow execution not found for workflow ID "${workflowId}" and run ID "${runId}"`
      : `workflow execution not found for workflow ID "${workflowId}"`,
  );

export const alreadyCompleted = () => notFound('workflow execution already completed');

export const unimplemented = (message: string) => new RpcError(status.UNIMPLEMENTED, message);

export const deadlineExceeded = (message: string) => new RpcError(status.DEADLINE_EXCEEDED, message);
