import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { workflowServiceDefinition, type Msg } from '../src/proto';

/** A raw WorkflowService client (plain objects in and out) for driving the server by hand. */
export function rawClient(address: string) {
  const Ctor = makeGenericClientConstructor(workflowServiceDefinition(), 'WorkflowService');
  const c = new Ctor(address, credentials.createInsecure()) as unknown as Record<string, (req: Msg, options: { deadline: number }, cb: (e: ServiceError | null, r: Msg) => void) => void>;
  // Every call carries a deadline, as SDK clients' do (long polls without one are refused).
  const call = (method: string, req: Msg, timeoutMs = 90_000): Promise<Msg> =>
    new Promise((resolve, reject) => c[method]!.call(c, req, { deadline: Date.now() + timeoutMs }, (e, r) => (e ? reject(e) : resolve(r))));
  return { call, close: () => (c as unknown as { close(): void }).close() };
}

export async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    return (e as ServiceError).code;
  }
}
