import type { AgentEndpoint } from '@switchboard/domain';
import { ApiError, type FieldError } from '../../common/api-error';
import { isE164, isSipUri, normalizeE164 } from '../../common/validators';

/**
 * A WebRTC login is dialled as `sip:<username>@sip.telnyx.com` (libs/domain endpointDialString),
 * so it must be a plain SIP user part.
 */
const WEBRTC_USERNAME = /^[A-Za-z0-9._~+-]{1,128}$/;

const FIELDS: Record<AgentEndpoint['kind'], string> = { phone: 'number', sip: 'uri', webrtc: 'username' };

/**
 * Checks an agent's endpoint and normalises phone numbers to E.164 the way tracking numbers'
 * forwardTo is ("+1 (312) 555-0199" → "+13125550199"). 422 naming `endpoint.<field>`.
 */
export function parseEndpoint(raw: Record<string, unknown>): AgentEndpoint {
  const kind = raw.kind;
  if (kind !== 'phone' && kind !== 'sip' && kind !== 'webrtc')
    throw ApiError.invalid([{ field: 'endpoint.kind', message: 'must be "phone", "sip" or "webrtc"' }]);
  const field = FIELDS[kind];
  const errors: FieldError[] = Object.keys(raw)
    .filter((k) => k !== 'kind' && k !== field)
    .map((k) => ({
      field: `endpoint.${k}`,
      message: `is not a field of a ${kind} endpoint (it has ${field})`,
    }));
  const value = kind === 'phone' ? normalizeE164(raw.number) : raw[field];
  const ok =
    kind === 'phone'
      ? isE164(value)
      : kind === 'sip'
        ? isSipUri(value)
        : typeof value === 'string' && WEBRTC_USERNAME.test(value);
  if (!ok)
    errors.push({
      field: `endpoint.${field}`,
      message: {
        phone: 'must be a valid phone number in E.164 format, e.g. +13125550199',
        sip: 'must be a SIP URI such as sip:agent@pbx.example.com',
        webrtc: 'must be a WebRTC login: letters, digits and . _ ~ + - only, at most 128',
      }[kind],
    });
  if (errors.length) throw ApiError.invalid(errors);
  return { kind, [field]: value } as unknown as AgentEndpoint;
}
