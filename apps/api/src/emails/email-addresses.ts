import { Injectable } from '@nestjs/common';
import { EmailRepository, TrackingSourceRepository, type TrackedAddressRow } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { newLocalPart } from './email-address';

/** Local parts drawn again when a new one belongs to another address already. */
const MAX_REDRAWS = 5;

/** Sources' inbound email addresses. */
@Injectable()
export class EmailAddresses {
  constructor(
    private readonly emails: EmailRepository,
    private readonly sources: TrackingSourceRepository,
  ) {}

  /**
   * The source's address, made on first request. Concurrent first requests agree (the source id
   * is the key); a random part that collides with another address is drawn again.
   */
  async issue(propertyId: string, sourceId: string): Promise<{ row: TrackedAddressRow; created: boolean }> {
    const source = await this.sources.find(propertyId, sourceId);
    if (!source) throw ApiError.notFound('source', sourceId);
    const existing = await this.emails.address(propertyId, sourceId);
    if (existing) return { row: existing, created: false };
    for (let attempt = 0; ; attempt++) {
      const added = await this.emails.addAddress(propertyId, sourceId, newLocalPart(source.name));
      if (added === 'taken') {
        if (attempt < MAX_REDRAWS) continue;
        throw new Error(`no free local part for source ${sourceId} after ${MAX_REDRAWS + 1} draws`);
      }
      const row = await this.emails.address(propertyId, sourceId);
      if (!row) throw ApiError.notFound('source', sourceId);
      return { row, created: added };
    }
  }
}
