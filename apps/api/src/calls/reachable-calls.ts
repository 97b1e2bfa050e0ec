import { Injectable } from '@nestjs/common';
import { CallRecordRepository, type CallEntity } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';

/**
 * Loads a call named by a route's `:callId`. The AuthGuard has already checked the key reaches it
 * (PropertyAccess.assertCallReach); a call deleted since is still "not found".
 */
@Injectable()
export class ReachableCalls {
  constructor(private readonly records: CallRecordRepository) {}

  async find(callId: string): Promise<CallEntity> {
    const call = await this.records.findById(callId);
    if (!call) throw ApiError.notFound('call', callId);
    return call;
  }
}
