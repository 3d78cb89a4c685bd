/** JSON that round-trips Buffers (payload bytes inside run state), as {"$b64": "..."}. */
export function stringifyState(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (Buffer.isBuffer(raw) || raw instanceof Uint8Array) {
      return { $b64: Buffer.from(raw).toString('base64') };
    }
    return v;
  });
}

export function parseState<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && '$b64' in v && typeof (v as { $b64: unknown }).$b64 === 'string') {
      return Buffer.from((v as { $b64: string }).$b64, 'base64');
    }
    return v;
  }) as T;
}
