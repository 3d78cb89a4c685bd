// The SDK's reflected protobuf root (JSON descriptors, no generated typings for this entry point).
declare module '@temporalio/proto/protos/json-module.js' {
  const root: {
    lookupType(name: string): ProtoType;
    lookupService(name: string): { methods: Record<string, { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }> };
  };
  export interface ProtoType {
    fromObject(obj: Record<string, unknown>): unknown;
    toObject(msg: unknown, opts: Record<string, unknown>): Record<string, any>;
    encode(msg: unknown): { finish(): Uint8Array };
    decode(buf: Uint8Array): unknown;
    verify(obj: Record<string, unknown>): string | null;
  }
  export default root;
}
