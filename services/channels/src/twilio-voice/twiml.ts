import twilio from 'twilio';

type Say = { text: string; language: string };

function say(response: twilio.twiml.VoiceResponse, { text, language }: Say) {
  response.say({ language: language as never }, text);
}

/** Holds the caller in a Twilio queue named after the interaction; the wait URL plays music and announcements. */
export function enqueueTwiml(opts: { queueName: string; waitUrl: string; actionUrl: string; greeting: Say | null }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (opts.greeting) say(response, opts.greeting);
  response.enqueue({ waitUrl: opts.waitUrl, waitUrlMethod: 'POST', action: opts.actionUrl, method: 'POST' }, opts.queueName);
  return response.toString();
}

/** Played in a loop while the caller waits: where they are in line, then music. */
export function waitTwiml(opts: { announcement: Say | null; musicUrl: string }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (opts.announcement) say(response, opts.announcement);
  response.play({}, opts.musicUrl);
  return response.toString();
}

/** A caller an agent put on hold: an optional word, then music until the call is redirected again. */
export function onHoldTwiml(opts: { announcement: Say | null; musicUrl: string }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (opts.announcement) say(response, opts.announcement);
  response.play({ loop: 0 }, opts.musicUrl);
  return response.toString();
}

/** `parameters` reach the browser softphone as the incoming call's custom parameters. */
export type AgentEndpoint = { kind: 'client'; identity: string; parameters?: Record<string, string> } | { kind: 'number'; number: string; callerId: string };

/**
 * Connects the caller to the agent: their browser softphone (Voice JS SDK identity) or their phone.
 * When the agent's leg ends, Twilio asks `actionUrl` what the caller hears next.
 */
export function bridgeTwiml(opts: { endpoint: AgentEndpoint; actionUrl: string; record: { statusCallback: string } | null; timeoutSeconds: number }): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({
    action: opts.actionUrl,
    method: 'POST',
    timeout: opts.timeoutSeconds,
    ...(opts.endpoint.kind === 'number' ? { callerId: opts.endpoint.callerId } : {}),
    ...(opts.record ? { record: 'record-from-answer-dual' as const, recordingStatusCallback: opts.record.statusCallback, recordingStatusCallbackMethod: 'POST' as const } : {}),
  });
  if (opts.endpoint.kind === 'client' && opts.endpoint.parameters) {
    const client = dial.client({});
    client.identity(opts.endpoint.identity);
    for (const [name, value] of Object.entries(opts.endpoint.parameters)) client.parameter({ name, value });
  } else if (opts.endpoint.kind === 'client') dial.client({}, opts.endpoint.identity);
  else dial.number({}, opts.endpoint.number);
  return response.toString();
}

/** An announcement, optionally offering a keypress (e.g. 1 = request a callback), then hang up. */
export function announceTwiml(opts: { message: Say; gather: { actionUrl: string; prompt: Say } | null }): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, opts.message);
  if (opts.gather) {
    const gather = response.gather({ numDigits: 1, action: opts.gather.actionUrl, method: 'POST', timeout: 6 });
    gather.say({ language: opts.gather.prompt.language as never }, opts.gather.prompt.text);
  }
  response.hangup();
  return response.toString();
}

export function hangupTwiml(goodbye: Say | null): string {
  const response = new twilio.twiml.VoiceResponse();
  if (goodbye) say(response, goodbye);
  response.hangup();
  return response.toString();
}
