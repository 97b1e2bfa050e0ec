import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  conversionsToProduce,
  CONVERSION_LIMITS,
  DESTINATION_SECRETS,
  isE164,
  validateConversionDestination,
  validateConversionRule,
  type ConversionCondition,
} from '@switchboard/domain';
import {
  ConversionDestinationRepository,
  ConversionRepository,
  ConversionRuleRepository,
  VisitorSessionRepository,
  type ConversionDestination,
  type ConversionRuleFields,
  type DestinationFields,
  type StoredConversionRule,
  type Tx,
} from '@switchboard/persistence';
import { ConversionDeliveryStarter } from '@switchboard/temporal';
import { ApiError } from '../common/api-error';
import { issueField, runDomainCheck } from '../common/domain-issues';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { plain } from '../resources/dto-fields';
import type {
  CreateConversionDestinationDto,
  CreateConversionRuleDto,
  UpdateConversionDestinationDto,
  UpdateConversionRuleDto,
} from './dto';
import type { ConversionDestinationView, ConversionRuleView } from './conversions.view';

/**
 * A form submission as conversions read it: the forms feature's save path hands each stored
 * submission to `produceForForm` (typed here, not on its table, so the two stay apart).
 */
export interface FormSubmissionLead {
  id: string;
  propertyId: string;
  /** The form's name as the DNI script reported it; null when it has none. */
  formName: string | null;
  submittedAt: Date;
  /** The visitor session it was submitted in: its click ids go to the platforms. */
  sessionId: string | null;
  phone?: string | null;
  email?: string | null;
  pageUrl?: string | null;
}

/**
 * A property's conversion destinations and rules, the conversions their leads earn (produced here
 * for a person's change of lead status and for forms; the worker produces them for saved and
 * rescored calls) and the start of their deliveries.
 */
@Injectable()
export class ConversionsService {
  private readonly log = new Logger('Conversions');
  readonly starter: ConversionDeliveryStarter;

  constructor(
    private readonly destinations: ConversionDestinationRepository,
    private readonly rules: ConversionRuleRepository,
    readonly conversions: ConversionRepository,
    private readonly sessions: VisitorSessionRepository,
    @Inject(TEMPORAL_CLIENT) client: Client,
    @Inject(CONFIG) cfg: SwitchboardConfig,
  ) {
    this.starter = new ConversionDeliveryStarter(
      client,
      cfg.temporal.taskQueue,
      conversions,
      cfg.conversions,
    );
  }

  // Destinations

  async listDestinations(propertyId: string): Promise<ConversionDestinationView[]> {
    return (await this.destinations.list(propertyId)).map(destinationView);
  }

  async destination(propertyId: string, id: string): Promise<ConversionDestinationView> {
    return destinationView(await this.storedDestination(propertyId, id));
  }

  async createDestination(
    propertyId: string,
    dto: CreateConversionDestinationDto,
  ): Promise<ConversionDestinationView> {
    const fields: DestinationFields = { ...plain(dto), enabled: dto.enabled ?? true };
    checkDestination(fields);
    return destinationView(await this.destinations.create(propertyId, fields));
  }

  async updateDestination(
    propertyId: string,
    id: string,
    dto: UpdateConversionDestinationDto,
  ): Promise<ConversionDestinationView> {
    const before = await this.storedDestination(propertyId, id);
    const config: Record<string, string> = { ...before.config };
    for (const [key, value] of Object.entries(plain(dto.config) ?? {}))
      if (value === null) delete config[key];
      else config[key] = value;
    const fields: DestinationFields = {
      platform: before.platform,
      name: dto.name ?? before.name,
      config,
      enabled: dto.enabled ?? before.enabled,
    };
    checkDestination(fields);
    const updated = await this.destinations.update(propertyId, id, fields);
    if (!updated) throw ApiError.notFound('conversion destination', id);
    return destinationView(updated);
  }

  async removeDestination(propertyId: string, id: string): Promise<void> {
    if (!(await this.destinations.remove(propertyId, id)))
      throw ApiError.notFound('conversion destination', id);
  }

  private async storedDestination(propertyId: string, id: string): Promise<ConversionDestination> {
    const found = await this.destinations.get(propertyId, id);
    if (!found) throw ApiError.notFound('conversion destination', id);
    return found;
  }

  // Rules

  async listRules(propertyId: string): Promise<ConversionRuleView[]> {
    return (await this.rules.list(propertyId)).map(ruleView);
  }

  async rule(propertyId: string, id: string): Promise<ConversionRuleView> {
    return ruleView(await this.storedRule(propertyId, id));
  }

  async createRule(propertyId: string, dto: CreateConversionRuleDto): Promise<ConversionRuleView> {
    const fields = ruleFields(plain(dto), null);
    await this.checkRule(propertyId, fields);
    if ((await this.rules.count(propertyId)) >= CONVERSION_LIMITS.maxRules)
      throw ApiError.invalid([
        { field: 'name', message: `a property has at most ${CONVERSION_LIMITS.maxRules} conversion rules` },
      ]);
    return ruleView(await this.rules.create(propertyId, fields));
  }

  async updateRule(
    propertyId: string,
    id: string,
    dto: UpdateConversionRuleDto,
  ): Promise<ConversionRuleView> {
    const fields = ruleFields(plain(dto), await this.storedRule(propertyId, id));
    await this.checkRule(propertyId, fields);
    const updated = await this.rules.update(propertyId, id, fields);
    if (!updated) throw ApiError.notFound('conversion rule', id);
    return ruleView(updated);
  }

  async removeRule(propertyId: string, id: string): Promise<void> {
    if (!(await this.rules.remove(propertyId, id))) throw ApiError.notFound('conversion rule', id);
  }

  private async storedRule(propertyId: string, id: string): Promise<StoredConversionRule> {
    const found = await this.rules.get(propertyId, id);
    if (!found) throw ApiError.notFound('conversion rule', id);
    return found;
  }

  /** The domain's checks, then that every destination named is one of this property's. */
  private async checkRule(propertyId: string, fields: ConversionRuleFields): Promise<void> {
    const report = runDomainCheck('when', () => validateConversionRule(fields));
    if (report.errors.length > 0) throw ApiError.invalid(report.errors.map((e) => issueField(e)));
    const ids = fields.destinationIds.map((id) => id.toLowerCase());
    const known = new Set(await this.destinations.ownedAmong(propertyId, ids));
    const unknown = ids.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ field: `destinationIds[${i}]`, message: `conversion destination ${id} does not exist` }],
    );
    if (unknown.length) throw ApiError.invalid(unknown);
  }

  // Production

  /**
   * Produces the conversions calls earn now (a person set a call's lead status, or gave it back to
   * the rules) in `tx`, and starts their deliveries once `tx` commits.
   */
  async produceForCalls(callIds: readonly string[], tx: Tx): Promise<void> {
    const deliveries: string[] = [];
    for (const lead of await this.conversions.callLeads(callIds, tx)) {
      const drafts = conversionsToProduce(lead.rules, lead.facts);
      if (drafts.length > 0) deliveries.push(...(await this.conversions.produce(lead, drafts, tx)));
    }
    this.startAfter(tx, deliveries);
  }

  /**
   * Produces the conversions a stored form submission earns by its property's form rules, once per
   * rule however often it is called; in `tx` when given (the save's own transaction), deliveries
   * then start after it commits. Returns the submission's pending deliveries.
   */
  async produceForForm(submission: FormSubmissionLead, tx?: Tx): Promise<string[]> {
    const rules = await this.conversions.enabledRules(submission.propertyId, 'form', tx);
    const drafts = conversionsToProduce(rules, {
      kind: 'form',
      id: submission.id,
      formName: submission.formName,
    });
    if (drafts.length === 0) return [];
    const clickIds = submission.sessionId ? await this.sessions.clickIdsOf(submission.sessionId) : {};
    const phone = submission.phone && isE164(submission.phone) ? submission.phone : null;
    const deliveries = await this.conversions.produce(
      {
        propertyId: submission.propertyId,
        facts: { kind: 'form', id: submission.id, formName: submission.formName },
        occurredAt: submission.submittedAt,
        clickIds,
        phone,
        email: submission.email ?? null,
        pageUrl: submission.pageUrl ?? null,
        rules,
      },
      drafts,
      tx,
    );
    if (tx) this.startAfter(tx, deliveries);
    else await this.start(deliveries);
    return deliveries;
  }

  private startAfter(tx: Tx, deliveries: string[]): void {
    if (deliveries.length > 0) tx.afterCommit(() => this.start(deliveries));
  }

  /**
   * The deliveries are stored: Temporal being unreachable now only delays them (the worker's sweep
   * starts them), so it is logged rather than failing the change that produced them.
   */
  private async start(deliveries: string[]): Promise<void> {
    try {
      await this.starter.start(deliveries);
    } catch (err) {
      this.log.error(`could not start conversion deliveries ${deliveries.join(', ')}: ${String(err)}`);
    }
  }
}

function checkDestination(fields: DestinationFields): void {
  const report = runDomainCheck('config', () => validateConversionDestination(fields));
  if (report.errors.length > 0) throw ApiError.invalid(report.errors.map((e) => issueField(e)));
}

/** A destination as shown: its settings without secrets, and whether each secret is stored. */
function destinationView(d: ConversionDestination): ConversionDestinationView {
  const secrets = DESTINATION_SECRETS[d.platform];
  const config: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(d.config)) if (!secrets.includes(key)) config[key] = value;
  for (const secret of secrets) config[`${secret}Set`] = typeof d.config[secret] === 'string';
  return {
    id: d.id,
    propertyId: d.propertyId,
    platform: d.platform,
    name: d.name,
    config,
    enabled: d.enabled,
    createdAt: d.createdAt,
  };
}

/** The rule's fields from a create (`before` null) or a change merged over the stored rule. */
function ruleFields(dto: UpdateConversionRuleDto, before: StoredConversionRule | null): ConversionRuleFields {
  return {
    name: dto.name ?? before?.name ?? '',
    value: dto.value !== undefined ? dto.value : (before?.value ?? null),
    currency: dto.currency ?? before?.currency ?? '',
    when: (dto.when ?? before?.when) as unknown as ConversionCondition,
    destinationIds: dto.destinationIds ?? [...(before?.destinationIds ?? [])],
    enabled: dto.enabled ?? before?.enabled ?? true,
  };
}

function ruleView(r: StoredConversionRule): ConversionRuleView {
  return {
    id: r.id,
    propertyId: r.propertyId,
    name: r.name,
    value: r.value,
    currency: r.currency,
    when: r.when as unknown as Record<string, unknown>,
    destinationIds: [...r.destinationIds],
    enabled: r.enabled,
    createdAt: r.createdAt,
  };
}
