import { DomainError } from '@cc/core/errors';

/* Why a campaign request was refused; nothing was stored or changed. Registered in schema/campaign-errors.ts. */

export class CampaignNotFoundError extends DomainError {
  constructor(readonly campaignId: string) {
    super('CAMPAIGN_NOT_FOUND', `No campaign has the id ${campaignId}.`);
  }
}

export class CampaignTemplateError extends DomainError {
  constructor(
    readonly contentSid: string,
    reason: string,
  ) {
    super('CAMPAIGN_TEMPLATE', `Template ${contentSid} cannot be used for a campaign: ${reason}.`);
  }
}

export class InvalidCampaignError extends DomainError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('INVALID_CAMPAIGN', `${field}: ${reason}`);
  }
}

export class CampaignStateError extends DomainError {
  constructor(
    readonly status: string,
    action: string,
  ) {
    super('CAMPAIGN_STATE', `A ${status} campaign cannot be ${action}.`);
  }
}
