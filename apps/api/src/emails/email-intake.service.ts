import { Inject, Injectable } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { EmailRepository, type ForwardStatus, type TrackedAddressRow } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { OutboundWebhooks } from '../outbound-webhooks/outbound-webhooks.service';
import { CONFIG } from '../common/tokens';
import type { InboundEmailDto } from './dto';
import { EmailForwarding } from './email-forwarding.service';
import { MAX_STORED_BODY_CHARS } from './email-limits';
import { parseMailbox, splitAddress } from './mailbox';

export interface IntakeResult {
  status: 'stored' | 'duplicate';
  emails: { id: string; propertyId: string; sourceId: string; forwardStatus: ForwardStatus | null }[];
}

/** A body as it is kept: cut to MAX_STORED_BODY_CHARS, and whether it was. */
function cap(body: string | null): { value: string | null; cut: boolean } {
  if (body === null || body.length <= MAX_STORED_BODY_CHARS) return { value: body, cut: false };
  return { value: body.slice(0, MAX_STORED_BODY_CHARS), cut: true };
}

/**
 * An inbound message → stored (once per property), attributed to the source whose address it was
 * sent to, then forwarded. Each property's copy is its own row: one message may be addressed to
 * several accounts' tracked addresses, and none may see the others'.
 */
@Injectable()
export class EmailIntake {
  constructor(
    private readonly store: EmailRepository,
    private readonly forwarding: EmailForwarding,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    private readonly webhooks: OutboundWebhooks,
  ) {}

  /** Tracked local parts among the recipients, `to` before `cc`, in the order given. */
  private trackedLocalParts(dto: InboundEmailDto): string[] {
    const out: string[] = [];
    for (const raw of [...dto.to, ...(dto.cc ?? [])]) {
      const box = parseMailbox(raw);
      if (!box) continue;
      const { local, domain } = splitAddress(box.address);
      const key = local.toLowerCase();
      if (domain === this.cfg.email.inboundDomain && !out.includes(key)) out.push(key);
    }
    return out;
  }

  async receive(dto: InboundEmailDto): Promise<IntakeResult> {
    const locals = this.trackedLocalParts(dto);
    const known = new Map((await this.store.addressesByLocalPart(locals)).map((r) => [r.localPart, r]));
    // The first tracked recipient of each property attributes that property's copy.
    const perProperty = new Map<string, TrackedAddressRow>();
    for (const local of locals) {
      const row = known.get(local);
      if (row && !perProperty.has(row.propertyId)) perProperty.set(row.propertyId, row);
    }
    if (perProperty.size === 0)
      throw new ApiError(404, 'not_found', 'no recipient is a tracked address', [
        { field: 'to', message: `no address @${this.cfg.email.inboundDomain} of a tracking source` },
      ]);

    const from = parseMailbox(dto.from)!;
    const text = cap(dto.text ?? null);
    const html = cap(dto.html ?? null);
    const result: IntakeResult = { status: 'duplicate', emails: [] };
    for (const addr of perProperty.values()) {
      const newId = await this.store.insert({
        propertyId: addr.propertyId,
        sourceId: addr.sourceId,
        sourceName: addr.sourceName,
        messageId: dto.messageId,
        recipient: `${addr.localPart}@${this.cfg.email.inboundDomain}`,
        from: from.name ? `"${from.name.replace(/["\\]/g, '')}" <${from.address}>` : from.address,
        to: dto.to,
        cc: dto.cc ?? [],
        subject: dto.subject ?? '',
        text: text.value,
        html: html.value,
        truncated: text.cut || html.cut,
        receivedAt: dto.receivedAt ? new Date(dto.receivedAt) : new Date(),
      });
      if (newId) result.status = 'stored';
      const id = newId ?? (await this.store.byMessageId(addr.propertyId, dto.messageId));
      const row = id ? await this.store.get(addr.propertyId, id) : null;
      if (!row) continue;
      // A redelivery of a message still `pending` means the first request died between storing
      // and forwarding: forward it now. Anything else was already handled.
      const forwardStatus =
        row.forwardStatus === 'pending' ? await this.forwarding.forward(row) : row.forwardStatus;
      if (newId)
        await this.webhooks.announce(row.propertyId, 'email.received', `email/${row.id}`, {
          emailId: row.id,
          source: { id: addr.sourceId, name: addr.sourceName },
          recipient: `${addr.localPart}@${this.cfg.email.inboundDomain}`,
          from: dto.from,
          subject: dto.subject ?? '',
          text: dto.text ?? null,
          receivedAt: dto.receivedAt ?? null,
          forwardStatus,
        });
      result.emails.push({ id: row.id, propertyId: row.propertyId, sourceId: addr.sourceId, forwardStatus });
    }
    return result;
  }
}
