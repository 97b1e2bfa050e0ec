import type { LeadStatus } from '../routing/criterion-model';

/** The ad platforms conversions are sent to (libs/ad-platforms has one adapter each). */
export type ConversionPlatform = 'google_ads' | 'ga4' | 'meta';
export const CONVERSION_PLATFORMS: readonly ConversionPlatform[] = ['google_ads', 'ga4', 'meta'];

/** What kind of lead a rule counts: a tracked call, or a form submitted on the site. */
export type LeadKind = 'call' | 'form';
export const LEAD_KINDS: readonly LeadKind[] = ['call', 'form'];

/**
 * A property's conversion rule: when a lead meets `when`, one conversion named `name` (the
 * conversion's name on the platform) is produced for it, once, and sent to each destination.
 */
export interface ConversionRule {
  readonly id: string;
  readonly name: string;
  /** What the conversion is worth; null sends none (the platform's default value applies). */
  readonly value: number | null;
  /** ISO 4217, e.g. USD. */
  readonly currency: string;
  readonly when: ConversionCondition;
  readonly destinationIds: readonly string[];
  readonly enabled: boolean;
}

export type ConversionCondition = CallConversionCondition | FormConversionCondition;

/** Conditions on a finished call; every field given must hold. */
export interface CallConversionCondition {
  readonly leadKind: 'call';
  readonly answered?: boolean;
  readonly talkSecondsAtLeast?: number;
  /** The call's lead status now (by the scoring rules, or set by a person). */
  readonly leadStatus?: LeadStatus;
  /** The caller's first call to the property. */
  readonly firstTime?: boolean;
  /** Tracking source names, compared case-insensitively. */
  readonly sourceIn?: readonly string[];
}

/** A form submission; without `formNameIn`, any form counts. */
export interface FormConversionCondition {
  readonly leadKind: 'form';
  /** Form names (as the DNI script reports them), compared case-insensitively. */
  readonly formNameIn?: readonly string[];
}

/** What the rules read of a lead. */
export type ConversionLead = CallLeadFacts | FormLeadFacts;

export interface CallLeadFacts {
  readonly kind: 'call';
  /** The call's id: one conversion per rule and lead. */
  readonly id: string;
  readonly answered: boolean;
  readonly talkSeconds: number;
  readonly leadStatus: LeadStatus;
  /** Null when the caller's history is unknown (no caller id): never counts as first or repeat. */
  readonly firstTime: boolean | null;
  readonly source: string | null;
}

export interface FormLeadFacts {
  readonly kind: 'form';
  /** The form submission's id. */
  readonly id: string;
  readonly formName: string | null;
}

/** One conversion a lead earns by one rule, before it is stored. */
export interface ConversionDraft {
  readonly ruleId: string;
  readonly leadKind: LeadKind;
  readonly leadId: string;
  /** `<ruleId>/<leadKind>/<leadId>`: at most one conversion is ever stored per key. */
  readonly key: string;
  readonly name: string;
  readonly value: number | null;
  readonly currency: string;
  readonly destinationIds: readonly string[];
}

export const CONVERSION_LIMITS = {
  maxRules: 50,
  maxNameLength: 100,
  maxListItems: 50,
  maxDestinationsPerRule: 10,
  maxValue: 1_000_000_000,
  /** A day: a talk-time threshold beyond it is a typo. */
  maxTalkSeconds: 86_400,
} as const;
