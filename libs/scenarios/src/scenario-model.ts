/**
 * The scenario file (../shared/docs/SCENARIOS.md) and the configuration bundle it points at, as
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
  attribution?: { source?: string; first_time?: boolean; campaign?: string; keyword?: string };
}

export interface ScenarioCall {
  name: string;
  from: string;
  to: string;
  at?: string;
  visitor?: { landing?: string; referrer?: string; pages?: string[] };
  caller?: CallerStep[];
  agents?: Record<string, AgentBehaviour>;
  expect?: ScenarioExpectations;
}

export interface Scenario {
  name: string;
  /** A bundle, or a path to one relative to the scenario file. */
  config: Bundle | string;
  history?: { from: string; to: string; at: string; score?: number }[];
  calls: ScenarioCall[];
}

/** A property's configuration: sources, call flows (libs/domain's CallFlow) and tracking numbers. */
export interface Bundle {
  property: { name: string; time_zone: string };
  sources: { name: string }[];
  flows?: { name: string; definition: unknown }[];
  numbers: {
    number: string;
    source: string;
    forward_to: string;
    greeting?: { text: string } | { audio_url: string };
    /** Name of one of the bundle's flows: calls run it instead of greeting-and-forward. */
    flow?: string;
  }[];
}
