import type {
  AgentEndpoint,
  LeadStatus,
  DniRule,
  CallerHears,
  DateOverride,
  Prompt,
  RingStrategy,
  WeeklyWindow,
} from '@switchboard/domain';

/**
 * The scenario file (docs/SCENARIOS.md) and the configuration bundle it points at, as
 * TypeScript. docs/schemas/*.schema.json describe the same documents for other tools; both grow
 * only by optional fields.
 */
export type AgentBehaviour =
  'busy' | 'no_answer' | 'reject' | { answer_after_s: number; hangup_after_s?: number };

export type CallerStep =
  { press: string; after_s?: number } | { hangup_after_s: number } | { hangup_at_s: number };

export interface ScenarioExpectations {
  outcome?: 'answered' | 'voicemail' | 'abandoned' | 'no_answer' | 'rejected';
  answered_by?: string | null;
  path?: string[];
  commands?: string[];
  recorded?: boolean;
  voicemail?: boolean;
  /** The record's score (0–100; null: not scored) and lead status, after history or rules. */
  score?: number | null;
  lead_status?: LeadStatus;
  /** The box the voicemail went to (null: none). */
  voicemail_box?: string | null;
  /** The version of the number's call flow the call ran (null: plain forwarding). */
  flow_version?: number | null;
  attribution?: {
    source?: string;
    first_time?: boolean;
    campaign?: string;
    keyword?: string;
    landing_page?: string | null;
    active_page?: string | null;
    referrer?: string | null;
  };
}

export interface ScenarioCall {
  name: string;
  from: string;
  to: string;
  at?: string;
  /**
   * The website visit before the call. Calls whose visitors have the same `id` are one visitor
   * returning (the DNI visitor id the first visit was given is sent again).
   */
  visitor?: { id?: string; landing?: string; referrer?: string; pages?: string[] };
  caller?: CallerStep[];
  agents?: Record<string, AgentBehaviour>;
  expect?: ScenarioExpectations;
}

export interface ScenarioHistoryCall {
  from: string;
  to: string;
  at: string;
  score?: number;
  lead_status?: LeadStatus;
}

export interface Scenario {
  name: string;
  /** A bundle, or a path to one relative to the scenario file. */
  config: Bundle | string;
  /** Earlier calls, placed before the scenario's calls at their instants, then scored by hand. */
  history?: ScenarioHistoryCall[];
  calls: ScenarioCall[];
}

/**
 * A property's configuration: sources, the resources call flows name by id, call flows
 * (libs/domain's CallFlow) and tracking numbers. Top-level keys are snake_case like the rest of
 * the file; each resource item is the admin API's camelCase body for it, with its `id`.
 */
export interface Bundle {
  property: { name: string; time_zone: string };
  sources: BundleSource[];
  schedules?: BundleSchedule[];
  agents?: BundleAgent[];
  audio?: BundleAudio[];
  ring_groups?: BundleRingGroup[];
  voicemail_boxes?: BundleVoicemailBox[];
  flows?: { name: string; definition: unknown }[];
  /** Name of one of the bundle's flows (or the property's): the property's default call flow. */
  default_flow?: string;
  /** DNI settings (docs/DNI.md); applied through the admin API by the scenario runner. */
  dni?: {
    allowed_origins?: string[];
    swap_numbers?: string[];
    session_grace_minutes?: number;
    lookback_minutes?: number;
    attribution_model?: 'first_touch' | 'last_touch';
  };
  /** Keyword pools of the bundle's numbers, by source; applied by the scenario runner too. */
  pools?: {
    source: string;
    numbers: string[];
    exhaustion_policy: 'overflow' | 'main_number' | 'reuse_lru';
    overflow_number?: string;
  }[];
  numbers: {
    number: string;
    source: string;
    /** Where calls are forwarded; needed only when the number has no `flow`. */
    forward_to?: string;
    greeting?: { text: string } | { audio_url: string };
    /** Name of one of the bundle's flows: calls run it instead of greeting-and-forward. */
    flow?: string;
  }[];
}

/**
 * A tracking source, matched by name. `standardKey` makes it a catalog source (GET
 * /v1/standard-sources) whose DNI rules and priority come from the catalog unless given.
 */
export interface BundleSource {
  name: string;
  standardKey?: string;
  dniRules?: DniRule[];
  priority?: number;
  /** Opt-in last touch under a first-touch property. */
  lastTouch?: boolean;
}

/** PUT /v1/properties/{id}/schedules/{id} */
export interface BundleSchedule {
  id: string;
  name: string;
  timeZone?: string;
  weekly: WeeklyWindow[];
  overrides?: DateOverride[];
}

/** PUT …/agents/{id}; `available` left out keeps what the agent last set. */
export interface BundleAgent {
  id: string;
  name: string;
  endpoint: AgentEndpoint;
  available?: boolean;
}

/**
 * PUT …/audio/{id}: the bytes inline (`contentBase64`) or a `file` relative to the bundle file,
 * which loadScenario reads into `contentBase64`.
 */
export type BundleAudio = {
  id: string;
  name: string;
  contentType: 'audio/mpeg' | 'audio/wav' | 'audio/x-wav';
} & ({ contentBase64: string; file?: never } | { file: string; contentBase64?: never });

/** PUT …/ring-groups/{id}: members name the bundle's agents. */
export interface BundleRingGroup {
  id: string;
  name: string;
  strategy: RingStrategy;
  members: { agentId: string; ringTimeoutSeconds?: number }[];
  agentRingTimeoutSeconds: number;
  overallTimeoutSeconds?: number;
  skipUnavailable: boolean;
  /** Round robin: where the rotation starts; set it so a scenario's turn order is repeatable. */
  rotationPointer?: number;
  whisper?: Prompt;
  callerHears: CallerHears;
}

/** PUT …/voicemail-boxes/{id} */
export interface BundleVoicemailBox {
  id: string;
  name: string;
  agentId?: string | null;
  greeting?: Prompt | null;
  notifyWebhookUrl?: string | null;
  notifyEmails?: string[];
}
