import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  isUniqueViolation,
  TrackingNumberRepository,
  type TrackingNumberEntity,
} from '@switchboard/persistence';
import type { NumberInventoryPort } from '@switchboard/telephony';
import { numberUnavailable } from '../common/number-unavailable';
import { PropertiesService } from '../properties/properties.service';
import { carrierFailure } from './carrier-errors';
import type { AvailableNumbersQuery, OrderTrackingNumberDto } from './dto';
import { NUMBER_INVENTORY } from './number-inventory.provider';
import type { AvailableNumberList, OrderedTrackingNumber } from './numbers.view';

/**
 * Tracking numbers bought from and given back to the carrier. Each operation keeps the carrier and
 * the database in step: an order that fails writes nothing, a row that cannot be written gives the
 * number back, and a release that fails at the carrier keeps the row (and the number's routing).
 */
@Injectable()
export class NumbersService {
  private readonly log = new Logger('Numbers');

  constructor(
    private readonly numbers: TrackingNumberRepository,
    @Inject(NUMBER_INVENTORY) private readonly inventory: NumberInventoryPort,
    private readonly properties: PropertiesService,
  ) {}

  async search(propertyId: string, q: AvailableNumbersQuery): Promise<AvailableNumberList> {
    await this.properties.getProperty(propertyId);
    // Tracking numbers take calls, so only voice numbers are offered.
    const found = await this.carrier(() =>
      this.inventory.search({
        areaCode: q.areaCode,
        contains: q.contains,
        limit: q.limit,
        features: ['voice'],
      }),
    );
    return { items: found.map(({ phoneNumber, ...rest }) => ({ number: phoneNumber, ...rest })) };
  }

  async order(propertyId: string, dto: OrderTrackingNumberDto): Promise<OrderedTrackingNumber> {
    const row = await this.checkedRow(propertyId, dto);
    const ordered = await this.carrier(
      () => this.inventory.order({ phoneNumber: dto.number, customerReference: `switchboard:${propertyId}` }),
      dto.number,
    );
    let saved: TrackingNumberEntity;
    try {
      saved = await this.numbers.save(row);
    } catch (err) {
      await this.giveBack(dto.number, err);
      if (isUniqueViolation(err, 'uq_tracking_numbers_number')) {
        throw numberUnavailable(dto.number);
      }
      throw err;
    }
    return Object.assign(saved, { carrier: { orderId: ordered.orderId, status: ordered.status } });
  }

  /**
   * Carrier first, then the row: if the carrier fails nothing changes; if the delete fails after
   * the release, retrying finds the number no longer owned and only deletes the row. Call records
   * keep their data (calls.tracking_number_id is ON DELETE SET NULL; to_number and the source stay).
   */
  async release(propertyId: string, numberId: string): Promise<void> {
    await this.properties.getProperty(propertyId);
    const row = await this.properties.getTrackingNumber(propertyId, numberId);
    const outcome = await this.carrier(() => this.inventory.release(row.number), row.number);
    if (outcome === 'not_owned') {
      this.log.warn(`${row.number} was not owned at the carrier; deleting the tracking number only`);
    }
    await this.numbers.delete(row.id);
  }

  /**
   * The same rules as `POST …/tracking-numbers`, checked before anything is bought: the source and
   * the flow belong to the property, and the number is not a tracking number already.
   */
  private async checkedRow(propertyId: string, dto: OrderTrackingNumberDto): Promise<TrackingNumberEntity> {
    const row = await this.properties.newTrackingNumber(propertyId, dto);
    if (await this.numbers.isTracked(dto.number)) {
      throw numberUnavailable(dto.number);
    }
    return row;
  }

  /** Undoes an order whose row could not be written; a failure here is logged for an operator. */
  private async giveBack(number: string, cause: unknown): Promise<void> {
    try {
      await this.inventory.release(number);
      this.log.warn(`released ${number} again: its tracking number could not be saved (${String(cause)})`);
    } catch (err) {
      this.log.error(
        `${number} was ordered but neither saved nor released; release it at the carrier by hand (${String(err)})`,
      );
    }
  }

  private async carrier<T>(fn: () => Promise<T>, number?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw carrierFailure(err, number);
    }
  }
}
