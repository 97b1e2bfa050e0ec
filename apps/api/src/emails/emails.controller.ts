import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { EmailRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { UuidParam } from '../common/uuid-param.pipe';
import { ListEmailsQuery, SetEmailRoutingDto } from './dto';
import { EmailAddresses } from './email-addresses';
import { EmailForwarding } from './email-forwarding.service';
import { addressView, emailView } from './email-view';
import {
  EmailDetailView,
  EmailPage,
  EmailRoutingSetView,
  EmailRoutingView,
  EmailView,
  IssuedAddressView,
  TrackedAddressView,
} from './emails.view';

const property = new UuidParam('propertyId');
const source = new UuidParam('sourceId');
const email = new UuidParam('emailId');

/** A property's tracked email: source addresses, where mail is forwarded, and what was received. */
@Controller({ path: 'properties/:propertyId', version: '1' })
export class EmailsController {
  constructor(
    private readonly store: EmailRepository,
    private readonly addresses: EmailAddresses,
    private readonly forwarding: EmailForwarding,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /** The source's inbound email address, made on the first request; the same address afterwards. */
  @Post('sources/:sourceId/email-address')
  @HttpCode(200)
  async issueAddress(
    @Param('propertyId', property) p: string,
    @Param('sourceId', source) s: string,
  ): Promise<IssuedAddressView> {
    const { row, created } = await this.addresses.issue(p, s);
    return { ...addressView(row, this.cfg), created };
  }

  /** The source's inbound email address (404 until one is issued). */
  @Get('sources/:sourceId/email-address')
  async getAddress(
    @Param('propertyId', property) p: string,
    @Param('sourceId', source) s: string,
  ): Promise<TrackedAddressView> {
    const row = await this.store.address(p, s);
    if (!row) throw ApiError.notFound('email address of source', s);
    return addressView(row, this.cfg);
  }

  /** Where the property's tracked mail is forwarded (`forwardTo` null when not set). */
  @Get('email-routing')
  async getRouting(@Param('propertyId', property) p: string): Promise<EmailRoutingView> {
    const r = await this.store.routing(p);
    return { forwardTo: r?.forwardTo ?? null, updatedAt: r?.updatedAt ?? null };
  }

  /** Sets the address the property's tracked mail is forwarded to. */
  @Put('email-routing')
  setRouting(
    @Param('propertyId', property) p: string,
    @Body() dto: SetEmailRoutingDto,
  ): Promise<EmailRoutingSetView> {
    return this.store.setRouting(p, dto.forwardTo);
  }

  /** Received emails, newest first, without their bodies; `sourceId` filters. */
  @Get('emails')
  async list(@Param('propertyId', property) p: string, @Query() q: ListEmailsQuery): Promise<EmailPage> {
    const { items, total } = await this.store.list(p, q);
    return { items: items.map((e) => emailView(e, false)), total, limit: q.limit, offset: q.offset };
  }

  /** One received email with its bodies and forwarding status. */
  @Get('emails/:emailId')
  async get(
    @Param('propertyId', property) p: string,
    @Param('emailId', email) id: string,
  ): Promise<EmailDetailView> {
    const row = await this.store.get(p, id);
    if (!row) throw ApiError.notFound('email', id);
    return emailView(row, true);
  }

  /**
   * Forwards the email again (after `forward_failed`, or `no_destination` once routing is set).
   * 409 when it was already forwarded or is being sent right now.
   */
  @Post('emails/:emailId/forward')
  @HttpCode(200)
  async forward(
    @Param('propertyId', property) p: string,
    @Param('emailId', email) id: string,
  ): Promise<EmailView> {
    const row = await this.store.get(p, id);
    if (!row) throw ApiError.notFound('email', id);
    const status = await this.forwarding.forward(row);
    if (status === null)
      throw ApiError.conflict(
        'emailId',
        `the email is ${row.forwardStatus}; only an unsent email is forwarded`,
      );
    const after = await this.store.get(p, id);
    return emailView(after!, false);
  }
}
