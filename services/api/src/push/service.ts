import type { Client } from '@temporalio/client';
import type { CountryCode } from 'libphonenumber-js';
import { checkLink, checkTextLinks, parseAllowList } from '@cc/core/link-allow-list';
import { missingTemplateVariables, renderTemplate, templatePlaceholders } from '@cc/core/whatsapp-template';
import { messagingWindow } from '@cc/core/messaging-window';
import { normalizePhone } from '@cc/core/phone';
import { mapsUrl, pushMode } from '@cc/core/push-mode';
import type { Db } from '@cc/db/database';
import { assignMediaInteraction } from '@cc/db/repositories/media-objects';
import { advancePushStatus, createPush, getPush, type NewPush } from '@cc/db/repositories/pushes';
import { pushPolicyInputs } from '@cc/db/repositories/push-policy-inputs';
import { recordPushRefusal } from '@cc/db/repositories/push-stats';
import type { Message } from '@cc/db/tables/messages';
import type { Push, PushContent } from '@cc/db/tables/pushes';
import { pushWorkflow } from '@cc/workflows/workflows/push';
import { pushWorkflowId } from '@cc/workflows/workflows/push-signals';
import type { ApiEnv } from '../env';
import type { MediaUrlSigner } from '../media/signed-urls';
import type { AppPubSub } from '../pubsub';
import { CustomerOptedOutError, TemplateVariablesMissingError, TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { publicUrl } from '../twilio/deps';
import type { TwilioChannel } from '../twilio/channel';
import {
  DailyBudgetExhaustedError,
  LinkNotAllowedError,
  MediaRefusedError,
  NoConsentError,
  NoTargetNumberError,
  PushTooSoonError,
  SenderRateLimitedError,
  TemplateNotApprovedError,
  TemplateRequiredError,
} from './errors';
import { pace, type PushLimiter } from './limits';
import { pushFile } from './media';
import { newLinkToken, shortUrl } from './short-links';
import { pushChangePublisher } from './status';
import { logger } from '@cc/core/logger';
import { isAssignedTo } from '../authorization/policy';

export type PushRequest = {
  interactionId: string;
  agentId: string;
  /** A number the agent confirmed with the caller; default: the caller id. */
  to: string | null;
  template: { contentSid: string; variables: Record<string, string>; contentVariable: string | null } | null;
} & (
  | { kind: 'link'; url: string; title: string }
  | { kind: 'media'; file: { mediaId: string } | { documentId: string }; caption: string | null }
  | { kind: 'location'; latitude: number; longitude: number; name: string; address: string | null }
  | { kind: 'template' }
);

export interface PushService {
  /** Checks every rule, stores the push and starts its workflow; throws a typed refusal otherwise (nothing stored or sent). */
  request(req: PushRequest): Promise<Push>;
  /** Publishes a push change to the interaction's subscribers. */
  published(push: Pick<Push, 'id' | 'interaction_id'>): void;
}

export function createPushService(deps: {
  db: Db;
  clock: () => Date;
  env: ApiEnv;
  pubsub: AppPubSub;
  temporal: Client;
  taskQueue: string;
  twilio: TwilioChannel | null;
  limiter: PushLimiter;
  region: CountryCode;
  /** Signs the file links a customer receives in a template's text. */
  mediaUrls: MediaUrlSigner;
  /** Sends a stored push whose send is claimed (the inline fast path). */
  deliver(push: Push, message: Message): Promise<unknown>;
}): PushService {
  const allowList = parseAllowList(deps.env.PUSH_LINK_DOMAINS);
  const published = pushChangePublisher(deps.pubsub);

  return {
    published,
    async request(req) {
      try {
        return await requestPush(req);
      } catch (e) {
        // Counted for the push figures (refusals by reason); the refusal itself changes nothing else.
        const reason = refusalReason(e);
        if (reason) {
          await recordPushRefusal(deps.db, { interactionId: req.interactionId, agentId: req.agentId, reason, now: deps.clock() }).catch(() => {});
          deps.pubsub.publish('pushFiguresUpdated', {});
        }
        throw e;
      }
    },
  };

  async function requestPush(req: PushRequest): Promise<Push> {
    const { db } = deps;
    const twilio = deps.twilio;
    const from = twilio?.deps.config.TWILIO_WHATSAPP_FROM;
    if (!twilio || !from) throw new TwilioNotConfiguredError('WhatsApp');
    const inputs = await pushPolicyInputs(db, req.interactionId, req.template?.contentSid ?? null);
    if (!inputs) throw new NotFoundError('Interaction');
    const { interaction, consent, template } = inputs;
    if (!isAssignedTo(req.agentId, interaction)) throw new NotYourInteractionError();
    if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
    if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'pushed to');

    const callerId = typeof interaction.context.from === 'string' ? interaction.context.from : null;
    const to = req.to ? normalizePhone(req.to, deps.region) : callerId ? safeE164(callerId, deps.region) : null;
    if (!to) throw new NoTargetNumberError();

    const window = messagingWindow(inputs.lastWhatsAppInboundAt, deps.clock(), twilio.deps.config.WHATSAPP_WINDOW_HOURS);
    if (!consent) throw new NoConsentError();
    if (!consent.granted) throw new CustomerOptedOutError();

    const base = twilio.deps.publicBaseUrl();
    const links: NewPush['links'] = [];
    const track = (url: string) => {
      const token = newLinkToken();
      links.push({ token, url });
      return shortUrl(base, token);
    };
    let content: PushContent;
    let message: NewPush['message'];
    switch (req.kind) {
      case 'link': {
        const checked = checkLink(req.url, allowList);
        if (!checked.ok) throw new LinkNotAllowedError(checked.reason === 'not_a_url' ? null : checked.host);
        const short = track(checked.url.toString());
        content = { kind: 'link', url: checked.url.toString(), title: req.title, shortUrl: short };
        message = { body: `${req.title}\n${short}`, media: [], location: null };
        break;
      }
      case 'media': {
        const file = await pushFile(db, req.file, req.agentId);
        const url = publicUrl(twilio.deps, `/media/${file.mediaId}`);
        // The file reaches the customer named by its URL: a library document says what it is in the caption.
        const caption = req.caption ?? file.title;
        content = { kind: 'media', mediaId: file.mediaId, url, contentType: file.contentType, caption, documentId: file.documentId, title: file.title };
        message = { body: caption, media: [{ url, contentType: file.contentType }], location: null };
        break;
      }
      case 'location': {
        content = { kind: 'location', latitude: req.latitude, longitude: req.longitude, name: req.name, address: req.address, shortUrl: null };
        message = { body: [req.name, req.address].filter(Boolean).join('\n'), media: [], location: { latitude: req.latitude, longitude: req.longitude, label: req.name } };
        break;
      }
      case 'template':
        content = { kind: 'template' };
        message = { body: null, media: [], location: null };
        break;
    }

    // What the agent typed beside the push (title, caption, place, template values) follows the link rule too.
    const typed = req.kind === 'link' ? [req.title] : req.kind === 'media' ? [req.caption] : req.kind === 'location' ? [req.name, req.address] : [];
    const typedLink = checkTextLinks([...typed, ...Object.values(req.template?.variables ?? {})].filter(Boolean).join('\n'), allowList);
    if (typedLink) throw new LinkNotAllowedError(typedLink.reason === 'not_a_url' ? null : typedLink.host);

    const mode = pushMode(window, !!req.template || req.kind === 'template');
    if (mode === 'template_required') throw new TemplateRequiredError(window.closesAt);
    let templateVariables: Record<string, string> | null = null;
    if (mode === 'template') {
      if (!req.template) throw new TemplateRequiredError(window.closesAt);
      if (template?.approval_status !== 'approved') throw new TemplateNotApprovedError(req.template.contentSid, template?.approval_status ?? null);
      templateVariables = { ...req.template.variables };
      // The template carries the push: its content variable gets the tracked link, file or map pin.
      const slot = req.template.contentVariable ?? lastPlaceholder(template.body, template.variables);
      if (slot && content.kind !== 'template') {
        if (content.kind === 'link') templateVariables[slot] = content.shortUrl;
        // The customer may read this link, without a session, for a while.
        else if (content.kind === 'media') templateVariables[slot] = `${base.replace(/\/+$/, '')}${deps.mediaUrls.signedPath(content.mediaId, deps.env.MEDIA_LINK_TTL_SECONDS, deps.clock())}`;
        else {
          content = { ...content, shortUrl: track(mapsUrl(content.latitude, content.longitude)) };
          templateVariables[slot] = content.shortUrl!;
        }
      }
      // WhatsApp refuses a template with an empty parameter: every other placeholder needs the agent's value.
      const missing = missingTemplateVariables(template.body, templateVariables);
      if (missing.length) throw new TemplateVariablesMissingError(missing);
      message = { ...message, body: renderTemplate(template.body, templateVariables) ?? message.body };
    }

    await pace(deps.limiter, { sender: from, to, businessInitiated: mode === 'template' && !window.open, now: deps.clock() });

    const { push, message: stored } = await createPush(
      db,
      {
        interactionId: interaction.id,
        customerId: interaction.customer_id,
        agentId: req.agentId,
        kind: req.kind,
        content,
        toNumber: to,
        mode,
        templateSid: mode === 'template' ? req.template!.contentSid : null,
        templateVariables,
        message,
        links,
        sendStarted: deps.env.PUSH_INLINE_SEND,
        now: deps.clock(),
      },
      { type: 'user', id: req.agentId },
    );
    // A pushed upload is part of the interaction now: whoever may read it may read the file.
    if (content.kind === 'media' && !content.documentId) await assignMediaInteraction(db, [content.mediaId], interaction.id);
    const start = () =>
      deps.temporal.workflow.start(pushWorkflow, {
        workflowId: pushWorkflowId(push.id),
        taskQueue: deps.taskQueue,
        args: [{ pushId: push.id, statusWaitMs: deps.env.PUSH_STATUS_WAIT_HOURS * 3600_000, sendRetryMs: deps.env.PUSH_SEND_RETRY_SECONDS * 1000 }],
      });
    if (deps.env.PUSH_INLINE_SEND) {
      // The message goes out from here first, then its workflow starts (durable status tracking,
      // the fallback offer): starting it alongside would compete with the send for this process.
      // The send is claimed in the stored row, so the workflow never sends it a second time.
      await deps.deliver(push, stored).catch((e: unknown) => logger({ pushId: push.id }).warn({ err: e }, 'inline push send failed; its workflow will retry'));
      // Should the start fail, statuses still reach the push through the webhook; only the fallback offer is lost.
      await start().catch((e: unknown) => logger({ pushId: push.id }).error({ err: e }, 'push workflow could not be started'));
    } else {
      try {
        await start();
      } catch (e) {
        // Without its workflow the push would never go out: say so on the record rather than leave it pending.
        await advancePushStatus(db, { pushId: push.id, status: 'failed', errorCode: 'not_started', now: deps.clock() });
        throw e;
      }
    }
    const current = (await getPush(db, push.id)) ?? push;
    published(current);
    return current;
  }
}

const refusalReasons = new Map<abstract new (...args: never[]) => Error, string>([
  [NoConsentError, 'no_consent'],
  [CustomerOptedOutError, 'opted_out'],
  [TemplateRequiredError, 'window_closed'],
  [TemplateNotApprovedError, 'template_not_approved'],
  [TemplateVariablesMissingError, 'template_variables_missing'],
  [LinkNotAllowedError, 'link_not_allowed'],
  [MediaRefusedError, 'media_refused'],
  [PushTooSoonError, 'spacing'],
  [SenderRateLimitedError, 'rate'],
  [DailyBudgetExhaustedError, 'budget'],
  [NoTargetNumberError, 'no_target_number'],
]);

function refusalReason(e: unknown): string | null {
  return (e instanceof Error && refusalReasons.get(e.constructor as abstract new (...args: never[]) => Error)) || null;
}

function safeE164(value: string, region: CountryCode): string | null {
  try {
    return normalizePhone(value, region);
  } catch {
    return null;
  }
}

/** The highest-numbered {{n}} placeholder: templates put the link at the end by convention. */
function lastPlaceholder(body: string | null, variables: Record<string, string>): string | null {
  const keys = new Set([...Object.keys(variables), ...templatePlaceholders(body)]);
  const sorted = [...keys].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return sorted.at(-1) ?? null;
}
