import type {
  CallConversionCondition,
  CallLeadFacts,
  ConversionCondition,
  ConversionDraft,
  ConversionLead,
  ConversionRule,
  FormConversionCondition,
  FormLeadFacts,
  LeadKind,
} from './conversion-model';

/** The deduplication key of a conversion: one per rule and lead, whoever produces it and how often. */
export function conversionKey(ruleId: string, leadKind: LeadKind, leadId: string): string {
  return `${ruleId}/${leadKind}/${leadId}`;
}

/** Whether a rule's condition holds for a lead (a call rule never holds for a form, nor the reverse). */
export function conversionConditionHolds(when: ConversionCondition, lead: ConversionLead): boolean {
  if (when.leadKind !== lead.kind) return false;
  return when.leadKind === 'call'
    ? callHolds(when, lead as CallLeadFacts)
    : formHolds(when, lead as FormLeadFacts);
}

/**
 * The conversions a lead earns now: one per enabled rule whose condition holds, each rule once even
 * if listed twice. Production is only ever additive: a lead that stops matching (its status changed
 * back) keeps the conversion already sent, since the platforms were told.
 */
export function conversionsToProduce(
  rules: readonly ConversionRule[],
  lead: ConversionLead,
): ConversionDraft[] {
  const seen = new Set<string>();
  const out: ConversionDraft[] = [];
  for (const rule of rules) {
    if (!rule.enabled || seen.has(rule.id) || !conversionConditionHolds(rule.when, lead)) continue;
    seen.add(rule.id);
    out.push({
      ruleId: rule.id,
      leadKind: lead.kind,
      leadId: lead.id,
      key: conversionKey(rule.id, lead.kind, lead.id),
      name: rule.name,
      value: rule.value,
      currency: rule.currency,
      destinationIds: [...new Set(rule.destinationIds)],
    });
  }
  return out;
}

function callHolds(c: CallConversionCondition, call: CallLeadFacts): boolean {
  if (c.answered !== undefined && c.answered !== call.answered) return false;
  if (c.talkSecondsAtLeast !== undefined && call.talkSeconds < c.talkSecondsAtLeast) return false;
  if (c.leadStatus !== undefined && c.leadStatus !== call.leadStatus) return false;
  if (c.firstTime !== undefined && c.firstTime !== call.firstTime) return false;
  if (c.sourceIn !== undefined && !includesFolded(c.sourceIn, call.source)) return false;
  return true;
}

function formHolds(c: FormConversionCondition, form: FormLeadFacts): boolean {
  return c.formNameIn === undefined || includesFolded(c.formNameIn, form.formName);
}

function includesFolded(list: readonly string[], value: string | null): boolean {
  if (value === null) return false;
  const v = value.trim().toLowerCase();
  return list.some((s) => s.trim().toLowerCase() === v);
}
