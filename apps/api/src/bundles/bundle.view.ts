import { ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { CallFlowDefinition } from '../call-flows/call-flow.view';
import { ApiUnion } from '../openapi/union-schema';
import type { DniRuleView } from '../properties/standard-sources.view';
import { PhoneEndpoint, SipEndpoint, WebrtcEndpoint } from '../resources/agents/agent.view';
import { ApiPrompt, type Prompt } from '../resources/prompt.view';
import type { RingMemberDto } from '../resources/ring-groups/dto';
import { HoldAudio, Ringback } from '../resources/ring-groups/ring-group.view';
import type { DateOverrideDto, WeeklyWindowDto } from '../resources/schedules/dto';

/*
 * What the bundle routes answer (docs/schemas/bundle.schema.json is the bundle's own shape).
 * Response classes, types only (read by the OpenAPI plugin): BundlesService builds plain objects.
 * The export's items are the resources' bodies as an export writes them (config-snapshot.ts),
 * without the columns every row has and without state (agents' availability, rotation pointers).
 */

export class BundlePropertyView {
  name: string;
  /** IANA time zone. */
  time_zone: string;
}

/** A tracking source, matched by name. */
export class BundleSourceView {
  name: string;
  /** A catalog source's key (GET /v1/standard-sources); absent for the property's own sources. */
  standardKey?: string;
  dniRules: DniRuleView[];
  /** Lower runs first when sources compete for a visit. */
  priority: number;
  /** Present (true) only for a source opted in to last touch under a first-touch property. */
  lastTouch?: boolean;
}

/** A schedule's body (PUT …/schedules/{id}). */
export class BundleScheduleView {
  id: string;
  name: string;
  /** IANA zone; absent: the property's. */
  timeZone?: string;
  weekly: WeeklyWindowDto[];
  overrides?: DateOverrideDto[];
}

/** An agent's body (PUT …/agents/{id}), without their availability (state, not configuration). */
export class BundleAgentView {
  id: string;
  name: string;

  @ApiUnion('kind', { phone: PhoneEndpoint, sip: SipEndpoint, webrtc: WebrtcEndpoint })
  endpoint: PhoneEndpoint | SipEndpoint | WebrtcEndpoint;
}

/** An audio file with its bytes inline. */
export class BundleAudioView {
  id: string;
  name: string;
  contentType: 'audio/mpeg' | 'audio/wav' | 'audio/x-wav';
  /** The file's bytes, base64. */
  contentBase64: string;
}

/** A ring group's body (PUT …/ring-groups/{id}), without its rotation pointer (state). */
export class BundleRingGroupView {
  id: string;
  name: string;
  strategy: 'simultaneous' | 'sequential' | 'round_robin';
  members: RingMemberDto[];
  agentRingTimeoutSeconds: number;
  overallTimeoutSeconds?: number;
  skipUnavailable: boolean;

  @ApiPrompt()
  whisper?: Prompt;

  @ApiUnion('kind', { ringback: Ringback, hold_audio: HoldAudio })
  callerHears: Ringback | HoldAudio;
}

/** A voicemail box's body (PUT …/voicemail-boxes/{id}); fields without a value are left out. */
export class BundleVoicemailBoxView {
  id: string;
  name: string;
  agentId?: string;

  @ApiPrompt()
  greeting?: Prompt;

  notifyWebhookUrl?: string;
  notifyEmails?: string[];
}

/** A call flow's current version, matched by name. */
export class BundleFlowView {
  name: string;
  definition: CallFlowDefinition;
}

/** The number's greeting read out by text to speech. */
export class BundleTextGreeting {
  text: string;
}

/** The number's greeting played from a URL. */
export class BundleAudioUrlGreeting {
  audio_url: string;
}

/** A tracking number. */
export class BundleNumberView {
  number: string;
  /** The name of one of the bundle's sources. */
  source: string;
  /** Where calls are forwarded; absent when the number's calls run a flow. */
  forward_to?: string;

  @ApiProperty({
    required: false,
    oneOf: [{ $ref: getSchemaPath(BundleTextGreeting) }, { $ref: getSchemaPath(BundleAudioUrlGreeting) }],
  })
  greeting?: BundleTextGreeting | BundleAudioUrlGreeting;

  /** The name of one of the bundle's flows, which the number's calls run. */
  flow?: string;
}

@ApiSchema({
  description:
    "A property's whole configuration as a bundle: the shape docs/schemas/bundle.schema.json publishes (its items are checked against it when applied). The export writes every section but `dni` and `pools`, and `default_flow` only when the property has a default call flow.",
})
export class BundleView {
  property: BundlePropertyView;
  sources: BundleSourceView[];
  schedules: BundleScheduleView[];
  agents: BundleAgentView[];
  audio: BundleAudioView[];
  ring_groups: BundleRingGroupView[];
  voicemail_boxes: BundleVoicemailBoxView[];
  flows: BundleFlowView[];

  /** The name of the property's default call flow (one of `flows`). */
  default_flow?: string;

  numbers: BundleNumberView[];
}
