import { z } from 'zod';
import { webhookEventTypes, type WebhookEventType } from '@cc/core/webhooks';
import { getWebhookEndpoint, listWebhookAttempts, listWebhookDeliveries, listWebhookEndpoints, type DeliveryRow } from '@cc/db/repositories/webhooks';
import type { WebhookAttempt as AttemptRow, WebhookEndpoint as EndpointRow } from '@cc/db/tables/webhooks';
import { builder } from '../builder';
import { createEndpoint, deleteEndpoint, rotateSecret, updateEndpoint } from '../outbound-webhooks/endpoints';
import { replayDelivery } from '../outbound-webhooks/deliveries';
import { InvalidWebhookUrlError, WebhookDeliveryInProgressError, WebhookEndpointDisabledError } from '../outbound-webhooks/errors';
import { NotFoundError } from '../routing/errors';
import { inputErrors } from './errors';
import type { Context } from '../context';

/* Outbound webhooks (Standard Webhooks 1.0) for integrators: administrators only, every field. */

const eventDescriptions: Record<WebhookEventType, string> = {
  'interaction.created': 'An interaction entered a queue (new contact, or a transfer’s new interaction).',
  'interaction.offered': 'An interaction was offered to an agent.',
  'interaction.assigned': 'An agent accepted an interaction.',
  'interaction.closed': 'An interaction was closed.',
  'interaction.abandoned': 'The customer left before being served.',
  'message.received': 'A customer’s message arrived (WhatsApp, SMS, email, chat).',
  'message.sent': 'An outbound message was created for sending.',
  'message.status': 'An outbound message’s delivery status changed (sent, delivered, read, failed…).',
  'push.status': 'An in-call push changed status.',
  'consent.recorded': 'A customer’s consent was recorded.',
  'consent.withdrawn': 'A customer withdrew consent (including opt-out keywords).',
  'cobrowse.started': 'A co-browse session started (the customer consented).',
  'cobrowse.ended': 'A co-browse session ended.',
  'campaign.progress': 'A campaign’s sending progressed.',
  'customer.erased': 'A customer’s personal data was erased: drop what you hold about them.',
};

const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'An event an endpoint can subscribe to; the value sent in the body’s `type` is the lower-case dotted name (e.g. INTERACTION_CREATED is `interaction.created`).',
  values: Object.fromEntries(webhookEventTypes.map((t) => [t.replace('.', '_').toUpperCase(), { value: t, description: eventDescriptions[t] }])),
});

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery stands.',
  values: {
    PENDING: { value: 'pending', description: 'Not attempted yet (or replayed and about to be).' },
    RETRYING: { value: 'retrying', description: 'Failed so far; the next attempt is scheduled (nextAttemptAt).' },
    SUCCEEDED: { value: 'succeeded', description: 'The receiver answered 2xx.' },
    FAILED: { value: 'failed', description: 'Every scheduled attempt failed, or the receiver answered 410; it can be replayed.' },
    CANCELLED: { value: 'cancelled', description: 'The endpoint was disabled while it waited; it can be replayed once enabled.' },
  } as const,
});

const AttemptOutcomeEnum = builder.enumType('WebhookAttemptOutcome', {
  description: 'What one attempt came to. A receiver that answered is distinguished from one that could not be reached.',
  values: {
    SUCCEEDED: { value: 'succeeded', description: 'It answered 2xx.' },
    REFUSED: { value: 'refused', description: 'It answered, with a status other than 2xx or 410.' },
    GONE: { value: 'gone', description: 'It answered 410 Gone: the endpoint was disabled.' },
    TIMEOUT: { value: 'timeout', description: 'It accepted the connection but did not answer in time (WEBHOOK_TIMEOUT_SECONDS).' },
    UNREACHABLE: { value: 'unreachable', description: 'No connection could be made (refused, DNS, TLS, reset).' },
  } as const,
});

const WebhookAttempt = builder.objectRef<AttemptRow>('WebhookAttempt').implement({
  description: 'One HTTP attempt of a delivery.',
  fields: (t) => ({
    number: t.exposeInt('attempt', { description: 'Its number among the delivery’s attempts, from 1.' }),
    manual: t.exposeBoolean('manual', { description: 'Part of an administrator’s replay.' }),
    outcome: t.field({ type: AttemptOutcomeEnum, description: 'What it came to.', resolve: (a) => a.outcome }),
    responseStatus: t.exposeInt('response_status', { nullable: true, description: 'The HTTP status answered; null when there was no answer.' }),
    responseBody: t.exposeString('response_body', { nullable: true, description: 'The start of the answer’s body (1000 characters at most).' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed, as a person reads it; null on success.' }),
    durationMs: t.exposeInt('duration_ms', { description: 'From sending to the answer (or giving up), in milliseconds.' }),
    startedAt: t.expose('started_at', { type: 'DateTime', description: 'When it was sent.' }),
  }),
});

const WebhookDelivery = builder.objectRef<DeliveryRow>('WebhookDelivery').implement({
  description: 'One event owed to one endpoint, with its attempts.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The delivery’s id; pass it to replayWebhookDelivery.' }),
    eventId: t.exposeString('event_id', { description: 'The event’s id: the `webhook-id` header, the same on every attempt and replay.' }),
    eventType: t.field({ type: WebhookEventTypeEnum, description: 'The event’s type.', resolve: (d) => d.event_type as WebhookEventType }),
    occurredAt: t.expose('occurred_at', { type: 'DateTime', description: 'When the event happened (the body’s `timestamp`).' }),
    status: t.field({ type: DeliveryStatusEnum, description: 'Where it stands.', resolve: (d) => d.status }),
    attemptCount: t.exposeInt('attempts', { description: 'Attempts made so far.' }),
    replays: t.exposeInt('replays', { description: 'How many times an administrator replayed it.' }),
    nextAttemptAt: t.expose('next_attempt_at', { type: 'DateTime', nullable: true, description: 'When the next attempt is due; null when none is scheduled.' }),
    lastOutcome: t.field({ type: AttemptOutcomeEnum, nullable: true, description: 'The last attempt’s outcome; null before the first.', resolve: (d) => d.last_outcome }),
    lastResponseStatus: t.exposeInt('last_response_status', { nullable: true, description: 'The last HTTP status answered; null when none.' }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the last attempt failed; null on success.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was enqueued.' }),
    attempts: t.loadableGroup({
      description: 'Its attempts, oldest first.',
      type: WebhookAttempt,
      loaderOptions: { cache: false },
      load: (ids: string[], ctx: Context) => listWebhookAttempts(ctx.db, ids),
      group: (a) => a.delivery_id,
      resolve: (d) => d.id,
    }),
  }),
});

const WebhookEndpoint = builder.objectRef<EndpointRow>('WebhookEndpoint').implement({
  description: 'An integrator’s receiver of signed event deliveries (Standard Webhooks). Its secret is shown only by createWebhookEndpoint and rotateWebhookEndpointSecret.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The endpoint’s id (a UUID).' }),
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    description: t.exposeString('description', { description: 'What it is for, as the administrator wrote it.' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'The events it receives.', resolve: (e) => e.event_types as WebhookEventType[] }),
    enabled: t.exposeBoolean('enabled', { description: 'False: nothing is delivered (disabled by an administrator, or the receiver answered 410 Gone).' }),
    disabledReason: t.exposeString('disabled_reason', { nullable: true, description: 'Why it is disabled; null while enabled.' }),
    disabledAt: t.expose('disabled_at', { type: 'DateTime', nullable: true, description: 'When it was disabled; null while enabled.' }),
    secretHint: t.string({ description: 'The start of the current secret, to tell secrets apart (e.g. whsec_AbC…).', resolve: (e) => `${e.secret.slice(0, 10)}…` }),
    previousSecretExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Until when the secret replaced by the last rotation still signs beside the new one; null when it no longer does.',
      resolve: (e, _a, ctx) => (e.previous_secret_expires_at && e.previous_secret_expires_at > ctx.clock() ? e.previous_secret_expires_at : null),
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was registered.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const actorOf = (ctx: Context) => (ctx.principal.kind === 'user' ? ctx.principal.userId : null);
const uuid = z.uuid('Not a webhook endpoint id.');

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpoint],
    description: 'Administrators: every outbound webhook endpoint, oldest first.',
    authScopes: { admin: true },
    resolve: (_r, _a, ctx) => listWebhookEndpoints(ctx.db),
  }),
);

builder.queryField('webhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpoint,
    nullable: true,
    description: 'Administrators: one outbound webhook endpoint; null if there is none with this id.',
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true, description: 'WebhookEndpoint.id.', validate: uuid }) },
    resolve: async (_r, { id }, ctx) => (await getWebhookEndpoint(ctx.db, String(id))) ?? null,
  }),
);

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: [WebhookDelivery],
    description: 'Administrators: the delivery log of one endpoint, newest first, with each delivery’s attempts.',
    authScopes: { admin: true },
    args: {
      endpointId: t.arg.id({ required: true, description: 'WebhookEndpoint.id.', validate: uuid }),
      status: t.arg({ type: DeliveryStatusEnum, description: 'Only deliveries in this state.' }),
      first: t.arg.int({ defaultValue: 50, description: 'How many (1–200; 50 when omitted).', validate: z.number().int().min(1).max(200) }),
      before: t.arg.id({ description: 'Only deliveries older than this WebhookDelivery.id (the next page).', validate: z.string().regex(/^\d+$/, 'Not a delivery id.') }),
    },
    resolve: (_r, a, ctx) => listWebhookDeliveries(ctx.db, { endpointId: String(a.endpointId), status: a.status ?? null, beforeId: a.before ? String(a.before) : null, limit: a.first ?? 50 }),
  }),
);

const eventTypesArg = z.array(z.string()).min(1, 'Choose at least one event type.');

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A new endpoint.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'https URL of the receiver (http only to loopback, in development and tests).', validate: z.string().trim().min(1).max(2000) }),
    description: t.string({ description: 'What it is for (at most 200 characters).', validate: z.string().max(200) }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], required: true, description: 'The events it receives; at least one.', validate: eventTypesArg }),
  }),
});

const WebhookEndpointSecretPayload = builder.simpleObject('WebhookEndpointSecretPayload', {
  description: 'The endpoint and its (new) signing secret — shown here only; receivers verify `webhook-signature` with it.',
  fields: (t) => ({
    endpoint: t.field({ type: WebhookEndpoint, description: 'The endpoint.' }),
    secret: t.string({ description: 'The signing secret, `whsec_` + base64 of 32 random bytes.' }),
  }),
});

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointSecretPayload,
    description: 'Administrators: registers an endpoint for the events chosen, with a new signing secret (in the answer).',
    authScopes: { admin: true },
    errors: { types: [InvalidWebhookUrlError, ...inputErrors], directResult: true, union: { name: 'CreateWebhookEndpointResult' } },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: 'URL, description and events.' }) },
    resolve: async (_r, { input }, ctx) => {
      const endpoint = await createEndpoint(ctx, { actorId: actorOf(ctx), url: input.url, description: input.description ?? '', eventTypes: input.eventTypes });
      return { endpoint, secret: endpoint.secret };
    },
  }),
);

const WebhookEndpointPayload = builder.simpleObject('WebhookEndpointPayload', {
  description: 'The endpoint after the change.',
  fields: (t) => ({ endpoint: t.field({ type: WebhookEndpoint, description: 'The endpoint.' }) }),
});

builder.mutationField('updateWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointPayload,
    description: 'Administrators: changes an endpoint’s URL, description or events, or disables / re-enables it (e.g. after a 410). Omitted fields stay.',
    authScopes: { admin: true },
    errors: { types: [InvalidWebhookUrlError, NotFoundError, ...inputErrors], directResult: true, union: { name: 'UpdateWebhookEndpointResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('UpdateWebhookEndpointInput', {
          description: 'What to change.',
          fields: (f) => ({
            id: f.id({ required: true, description: 'WebhookEndpoint.id.', validate: uuid }),
            url: f.string({ description: 'A new receiver URL.', validate: z.string().trim().min(1).max(2000) }),
            description: f.string({ description: 'A new description (at most 200 characters).', validate: z.string().max(200) }),
            eventTypes: f.field({ type: [WebhookEventTypeEnum], description: 'The events it receives from now on; at least one.', validate: eventTypesArg }),
            enabled: f.boolean({ description: 'False disables it (waiting deliveries are cancelled); true enables it again.' }),
          }),
        }),
        required: true,
        description: 'The endpoint and its changes.',
      }),
    },
    resolve: async (_r, { input }, ctx) => ({
      endpoint: await updateEndpoint(ctx, { actorId: actorOf(ctx), id: String(input.id), url: input.url, description: input.description, eventTypes: input.eventTypes, enabled: input.enabled }),
    }),
  }),
);

builder.mutationField('deleteWebhookEndpoint', (t) =>
  t.field({
    type: builder.simpleObject('DeleteWebhookEndpointPayload', {
      description: 'The endpoint and its delivery log are gone.',
      fields: (f) => ({ id: f.id({ description: 'The deleted endpoint’s id.' }) }),
    }),
    description: 'Administrators: removes an endpoint and its delivery log; nothing more is sent to it.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'DeleteWebhookEndpointResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('DeleteWebhookEndpointInput', { description: 'Which endpoint.', fields: (f) => ({ id: f.id({ required: true, description: 'WebhookEndpoint.id.', validate: uuid }) }) }),
        required: true,
        description: 'Which endpoint.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      await deleteEndpoint(ctx, { actorId: actorOf(ctx), id: String(input.id) });
      return { id: String(input.id) };
    },
  }),
);

builder.mutationField('rotateWebhookEndpointSecret', (t) =>
  t.field({
    type: WebhookEndpointSecretPayload,
    description:
      'Administrators: a new signing secret (in the answer) signs from now on; the previous one keeps signing beside it (two signatures in `webhook-signature`) for `graceHours`, so the receiver can switch without a gap.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'RotateWebhookEndpointSecretResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('RotateWebhookEndpointSecretInput', {
          description: 'Which endpoint, and how long the old secret still signs.',
          fields: (f) => ({
            id: f.id({ required: true, description: 'WebhookEndpoint.id.', validate: uuid }),
            graceHours: f.float({ description: 'Hours the previous secret keeps signing (0–168; 24 when omitted; 0 stops it at once).', validate: z.number().min(0).max(168) }),
          }),
        }),
        required: true,
        description: 'Which endpoint.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const endpoint = await rotateSecret(ctx, { actorId: actorOf(ctx), id: String(input.id), graceHours: input.graceHours });
      return { endpoint, secret: endpoint.secret };
    },
  }),
);

builder.mutationField('replayWebhookDelivery', (t) =>
  t.field({
    type: builder.simpleObject('ReplayWebhookDeliveryPayload', {
      description: 'The delivery, pending again.',
      fields: (f) => ({ delivery: f.field({ type: WebhookDelivery, description: 'The delivery.' }) }),
    }),
    description: 'Administrators: sends a finished (succeeded, failed or cancelled) delivery again — same event, same webhook-id — with the full retry schedule.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, WebhookDeliveryInProgressError, WebhookEndpointDisabledError, ...inputErrors], directResult: true, union: { name: 'ReplayWebhookDeliveryResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('ReplayWebhookDeliveryInput', {
          description: 'Which delivery.',
          fields: (f) => ({ deliveryId: f.id({ required: true, description: 'WebhookDelivery.id.', validate: z.string().regex(/^\d+$/, 'Not a delivery id.') }) }),
        }),
        required: true,
        description: 'Which delivery.',
      }),
    },
    resolve: async (_r, { input }, ctx) => ({
      delivery: await replayDelivery({ db: ctx.db, clock: ctx.clock, wake: (ids) => ctx.routing.deps.relay.wake(ids) }, { actorId: actorOf(ctx), deliveryId: String(input.deliveryId) }),
    }),
  }),
);

