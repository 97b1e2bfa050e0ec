import { TrackingNumberEntity } from '@switchboard/persistence';

/** A number the carrier offers. */
export class AvailableNumberView {
  /** E.164 */
  number: string;

  features: string[];
  locality: string | null;
  region: string | null;
  rateCenter: string | null;
  monthlyCost: string | null;
  upfrontCost: string | null;
  currency: string | null;
}

export class AvailableNumberList {
  items: AvailableNumberView[];
}

/** The carrier's order of a number. */
export class CarrierOrder {
  orderId: string;

  /** `pending`: the carrier accepted the order but had not finished it when we stopped waiting. */
  status: 'active' | 'pending';
}

/** The tracking number created for an ordered number, with the carrier's order. */
export class OrderedTrackingNumber extends TrackingNumberEntity {
  carrier: CarrierOrder;
}
