/** Something the project left at Twilio about a customer, deleted when the customer is erased. */
export type TwilioResource =
  | { kind: 'recording' | 'message' | 'call'; sid: string }
  /** An inbound message's media, by the URL Twilio gave (…/Messages/MM…/Media/ME…). */
  | { kind: 'media'; url: string };
