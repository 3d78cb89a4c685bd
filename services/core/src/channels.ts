/** Every way a customer reaches the contact center; one queue takes them all. */
export const channels = ['voice', 'whatsapp', 'email', 'webchat'] as const;
export type Channel = (typeof channels)[number];

export function isChannel(value: string): value is Channel {
  return (channels as readonly string[]).includes(value);
}
