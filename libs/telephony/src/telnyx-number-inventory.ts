import Telnyx from 'telnyx';
import {
  isTelnyxApiError,
  telnyxErrorCode,
  telnyxErrorItems,
  type TelnyxErrorItem,
} from './telnyx-api-error';
import {
  NumberInventoryError,
  type AvailableNumber,
  type NumberInventoryPort,
  type NumberSearchQuery,
  type OrderedNumber,
  type OwnedNumber,
} from './number-inventory-port';

export interface TelnyxNumberInventoryOptions {
  apiKey: string;
  /** Unset: api.telnyx.com; the simulator's `/v2` base URL in development. */
  baseUrl?: string;
  /** Call Control application the ordered numbers are attached to, so their calls reach us. */
  connectionId: string;
  timeoutMs?: number;
  /** How long `order` waits for a pending order to finish before answering `pending` (default 10 s). */
  orderWaitMs?: number;
  orderPollMs?: number;
}

const NOT_E164 = '10016';

function detailOf(items: TelnyxErrorItem[], fallback: string): string {
  const details = items.map((e) => e.detail ?? e.title).filter((d): d is string => typeof d === 'string');
  return details.length ? details.join('; ') : fallback;
}

/**
 * Maps the SDK's errors onto what the admin API can answer. When ordering, a 422 that points at
 * one of the order's numbers (other than its format, which we check first) means that number
 * cannot be bought: taken, or never offered.
 */
function toInventoryError(err: unknown, ordering = false): NumberInventoryError {
  if (err instanceof NumberInventoryError) return err;
  if (!isTelnyxApiError(err) || err.status === undefined) {
    const why = err instanceof Error ? err.message : String(err);
    return new NumberInventoryError('unavailable', undefined, undefined, `carrier unreachable: ${why}`);
  }
  const items = telnyxErrorItems(err);
  const code = telnyxErrorCode(items[0]);
  const detail = detailOf(items, err.message);
  const status = err.status;
  const aboutANumber = items.some(
    (e) =>
      String(e.code) !== NOT_E164 &&
      typeof e.source?.pointer === 'string' &&
      /^\/phone_numbers\/\d+\/phone_number$/.test(e.source.pointer),
  );
  if (ordering && status === 422 && aboutANumber) {
    return new NumberInventoryError('number_unavailable', status, code, detail);
  }
  if (status === 401 || status === 403) return new NumberInventoryError('unauthorized', status, code, detail);
  if (status === 429) return new NumberInventoryError('rate_limited', status, code, detail);
  if (status === 408 || status >= 500) return new NumberInventoryError('unavailable', status, code, detail);
  return new NumberInventoryError('rejected', status, code, detail);
}

const region = (d: { region_information?: { region_type?: string; region_name?: string }[] }, type: string) =>
  d.region_information?.find((r) => r.region_type === type)?.region_name ?? null;

/** NumberInventoryPort over the official `telnyx` SDK (number search, number orders, phone numbers). */
export class TelnyxNumberInventory implements NumberInventoryPort {
  private readonly client: Telnyx;

  constructor(private readonly opts: TelnyxNumberInventoryOptions) {
    // No SDK retries: an order is not idempotent, and the admin API's caller decides about retrying.
    this.client = new Telnyx({
      apiKey: opts.apiKey,
      baseURL: opts.baseUrl,
      maxRetries: 0,
      timeout: opts.timeoutMs ?? 10_000,
    });
  }

  private async run<T>(fn: () => Promise<T>, ordering = false): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toInventoryError(err, ordering);
    }
  }

  async search(q: NumberSearchQuery): Promise<AvailableNumber[]> {
    const res = await this.run(() =>
      this.client.availablePhoneNumbers.list({
        filter: {
          country_code: q.countryCode ?? 'US',
          ...(q.areaCode ? { national_destination_code: q.areaCode } : {}),
          ...(q.contains ? { phone_number: { contains: q.contains } } : {}),
          ...(q.features?.length ? { features: [...q.features] } : {}),
          limit: q.limit,
        },
      }),
    );
    return (res.data ?? [])
      .filter((d): d is typeof d & { phone_number: string } => typeof d.phone_number === 'string')
      .map((d) => ({
        phoneNumber: d.phone_number,
        features: (d.features ?? []).map((f) => f.name).filter((n): n is string => typeof n === 'string'),
        locality: region(d, 'location'),
        region: region(d, 'state'),
        rateCenter: region(d, 'rate_center'),
        monthlyCost: d.cost_information?.monthly_cost ?? null,
        upfrontCost: d.cost_information?.upfront_cost ?? null,
        currency: d.cost_information?.currency ?? null,
      }));
  }

  /**
   * Orders are asynchronous at Telnyx: a `pending` order is polled until it settles or
   * `orderWaitMs` passes. A failed order (or number) means the number was not available.
   */
  async order(o: { phoneNumber: string; customerReference?: string }): Promise<OrderedNumber> {
    const created = await this.run(
      () =>
        this.client.numberOrders.create({
          phone_numbers: [{ phone_number: o.phoneNumber }],
          connection_id: this.opts.connectionId,
          ...(o.customerReference ? { customer_reference: o.customerReference } : {}),
        }),
      true,
    );
    let order = created.data;
    const orderId = order?.id;
    if (!order || !orderId) {
      throw new NumberInventoryError('unavailable', undefined, undefined, 'number order response had no id');
    }
    const deadline = Date.now() + (this.opts.orderWaitMs ?? 10_000);
    while (settled(order) === 'pending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, this.opts.orderPollMs ?? 500));
      // The order exists now: a failed poll must not turn it into a failure (it would be orphaned).
      order = (await this.client.numberOrders.retrieve(orderId).catch(() => undefined))?.data ?? order;
    }
    const state = settled(order);
    if (state === 'failure') {
      throw new NumberInventoryError(
        'number_unavailable',
        undefined,
        undefined,
        `the carrier could not fulfil the order for ${o.phoneNumber}`,
      );
    }
    return { phoneNumber: o.phoneNumber, orderId, status: state === 'success' ? 'active' : 'pending' };
  }

  async release(phoneNumber: string): Promise<'released' | 'not_owned'> {
    const owned = (await this.listOwned({ phoneNumber })).filter((n) => n.phoneNumber === phoneNumber);
    if (owned.length === 0) return 'not_owned';
    let released = false;
    for (const n of owned) {
      try {
        await this.client.phoneNumbers.delete(n.id);
        released = true;
      } catch (err) {
        // Gone between the lookup and the delete: someone released it already.
        if (!(err instanceof Telnyx.NotFoundError)) throw toInventoryError(err);
      }
    }
    return released ? 'released' : 'not_owned';
  }

  async listOwned(filter: { phoneNumber?: string } = {}): Promise<OwnedNumber[]> {
    return this.run(async () => {
      const out: OwnedNumber[] = [];
      // Telnyx's phone_number filter takes digits only ("non-numerical characters return nothing").
      const digits = filter.phoneNumber?.replace(/\D/g, '');
      const pages = this.client.phoneNumbers.list({
        ...(digits ? { filter: { phone_number: digits } } : {}),
        'page[size]': 250,
      });
      for await (const n of pages) {
        out.push({
          id: n.id,
          phoneNumber: n.phone_number,
          status: n.status,
          connectionId: n.connection_id ?? null,
          customerReference: n.customer_reference ?? null,
        });
      }
      return out;
    });
  }
}

/** An order's outcome: failed when the order or its number failed, done when it succeeded. */
function settled(order: {
  status?: string;
  phone_numbers?: { status?: string }[];
}): 'pending' | 'success' | 'failure' {
  if (order.status === 'failure' || order.phone_numbers?.some((p) => p.status === 'failure'))
    return 'failure';
  return order.status === 'success' ? 'success' : 'pending';
}
