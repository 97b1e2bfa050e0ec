import type { Provider } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { MessagingError, TelnyxMessaging, telnyxAccount, type MessagingPort } from '@switchboard/telephony';
import { CONFIG } from '../common/tokens';

export const MESSAGING = Symbol('MESSAGING');

/** Without a carrier key, sending is a clear error; receiving and reading still work. */
const unconfigured: MessagingPort = {
  send: () => Promise.reject(new MessagingError('not_configured', 'TELNYX_API_KEY is not set')),
};

/** Telnyx messaging (or the simulator behind TELNYX_BASE_URL). */
export const messagingProvider: Provider = {
  provide: MESSAGING,
  inject: [CONFIG],
  useFactory: (cfg: SwitchboardConfig): MessagingPort => {
    const account = telnyxAccount(cfg.telnyx);
    return account ? new TelnyxMessaging(account) : unconfigured;
  },
};
