/**
 * Buying and releasing phone numbers, independent of Telnyx's SDK: the admin API's view of the
 * carrier's number inventory.
 */
export interface NumberSearchQuery {
  /** ISO 3166-1 alpha-2; default US. */
  countryCode?: string;
  /** National destination code (a US area code). */
  areaCode?: string;
  /** Digits (or keypad letters) the number must contain. */
  contains?: string;
  /** Every feature listed must be on the number. */
  features?: readonly ('voice' | 'sms')[];
  limit: number;
}

export interface AvailableNumber {
  /** E.164. */
  phoneNumber: string;
  features: string[];
  locality: string | null;
  /** State or province. */
  region: string | null;
  rateCenter: string | null;
  monthlyCost: string | null;
  upfrontCost: string | null;
  currency: string | null;
}

export interface OrderedNumber {
  phoneNumber: string;
  orderId: string;
  /** `pending`: the carrier accepted the order but had not finished it when we stopped waiting. */
  status: 'active' | 'pending';
}

export interface OwnedNumber {
  /** The carrier's id of the number (what a release names). */
  id: string;
  phoneNumber: string;
  status: string;
  connectionId: string | null;
  customerReference: string | null;
}

export interface NumberInventoryPort {
  search(q: NumberSearchQuery): Promise<AvailableNumber[]>;
  /** Buys one number and routes it to our Call Control application. */
  order(o: { phoneNumber: string; customerReference?: string }): Promise<OrderedNumber>;
  /** Gives the number back. Idempotent: a number we do not own (any more) is `not_owned`. */
  release(phoneNumber: string): Promise<'released' | 'not_owned'>;
  listOwned(filter?: { phoneNumber?: string }): Promise<OwnedNumber[]>;
}

/** Why a number request failed, in terms the admin API can answer with. */
export type NumberInventoryErrorKind =
  /** The number cannot be ordered: someone has it, or the carrier never offered it. */
  | 'number_unavailable'
  /** The carrier refused the request itself (4xx): retrying the same request cannot help. */
  | 'rejected'
  /** The carrier refused our credentials (401/403). */
  | 'unauthorized'
  /** No carrier account is configured. */
  | 'not_configured'
  /** Rate-limited (429): try again shortly. */
  | 'rate_limited'
  /** Carrier trouble (5xx, network, timeout): try again later. */
  | 'unavailable';

export class NumberInventoryError extends Error {
  constructor(
    readonly kind: NumberInventoryErrorKind,
    readonly status: number | undefined,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'NumberInventoryError';
  }
}
