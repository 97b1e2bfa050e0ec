import type { Provider } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  NumberInventoryError,
  TelnyxNumberInventory,
  telnyxAccount,
  type NumberInventoryPort,
} from '@switchboard/telephony';
import { CONFIG } from '../common/tokens';

export const NUMBER_INVENTORY = Symbol('NUMBER_INVENTORY');

/** Without a carrier key every number request is a clear 503, while the rest of the api still works. */
const unconfigured: NumberInventoryPort = {
  search: () => Promise.reject(notConfigured()),
  order: () => Promise.reject(notConfigured()),
  release: () => Promise.reject(notConfigured()),
  listOwned: () => Promise.reject(notConfigured()),
};

function notConfigured(): NumberInventoryError {
  return new NumberInventoryError('not_configured', undefined, undefined, 'TELNYX_API_KEY is not set');
}

/** Telnyx (or the simulator behind TELNYX_BASE_URL) as the api's number inventory. */
export const numberInventoryProvider: Provider = {
  provide: NUMBER_INVENTORY,
  inject: [CONFIG],
  useFactory: (cfg: SwitchboardConfig): NumberInventoryPort => {
    const account = telnyxAccount(cfg.telnyx);
    return account
      ? new TelnyxNumberInventory({ ...account, connectionId: cfg.telnyx.connectionId })
      : unconfigured;
  },
};
