import type { PropertyEntity, TrackingNumberEntity, TrackingSourceEntity } from '@switchboard/persistence';

/** A page of the properties the key may see, oldest first. */
export class PropertyPage {
  items: PropertyEntity[];

  /** Properties matching the query, across all pages. */
  total: number;

  limit: number;
  offset: number;
}

export class TrackingSourceList {
  items: TrackingSourceEntity[];
}

export class TrackingNumberList {
  items: TrackingNumberEntity[];
}
