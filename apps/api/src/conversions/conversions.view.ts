import type { ConversionPlatform, LeadKind } from '@switchboard/domain';

/*
 * What the conversion routes answer with. Response classes, types only (read by the OpenAPI
 * plugin): the service builds plain objects.
 */

/** A property's connection to one ad platform. Secrets are never shown: `<secret>Set` says whether one is stored. */
export class ConversionDestinationView {
  id: string;
  propertyId: string;
  platform: ConversionPlatform;
  name: string;
  /** The settings without their secrets, plus developerTokenSet / accessTokenSet / apiSecretSet. */
  config: Record<string, string | boolean>;
  enabled: boolean;
  createdAt: Date;
}

export class ConversionDestinationList {
  items: ConversionDestinationView[];
}

export class ConversionRuleView {
  id: string;
  propertyId: string;
  name: string;
  value: number | null;
  currency: string;
  /** The condition (leadKind and its fields). */
  when: Record<string, unknown>;
  destinationIds: string[];
  enabled: boolean;
  createdAt: Date;
}

export class ConversionRuleList {
  items: ConversionRuleView[];
}

/** One conversion's delivery to one destination. */
export class ConversionDeliveryView {
  id: string;
  destinationId: string;
  platform: ConversionPlatform;
  /** pending (being tried), delivered (accepted), rejected (refused for good), failed (retrying gave up). */
  status: 'pending' | 'delivered' | 'rejected' | 'failed';
  attempts: number;
  /** The platform's answer: missing_click_id, invalid_click_id, too_old, rate_limited… */
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The ad platforms' click ids of the lead's visit, as the DNI script kept them. */
export class ClickIdsView {
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  fbclid?: string;
  fbp?: string;
  fbc?: string;
  msclkid?: string;
  /** GA4 client id from the _ga cookie. */
  gaClientId?: string;
}

/** A conversion a lead earned by a rule, with its deliveries. */
export class ConversionView {
  id: string;
  /** Null once the rule was deleted. */
  ruleId: string | null;
  name: string;
  leadKind: LeadKind;
  /** The call's or form submission's id. */
  leadId: string;
  /** The lead's time: the conversion time sent to the platforms. */
  occurredAt: Date;
  value: number | null;
  currency: string;
  /** The click ids of the lead's visit. */
  clickIds: ClickIdsView;
  createdAt: Date;
  deliveries: ConversionDeliveryView[];
}

/** A page of conversions, newest first. */
export class ConversionPage {
  items: ConversionView[];
  /** Conversions matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}
