/**
 * @switchboard/domain — pure call-routing rules shared by the workflow, the API and the dry-run.
 * No I/O, no clock, no randomness, no dependencies: safe inside the Temporal workflow sandbox.
 */
export type { Instant } from './shared/instant';
export { instantToEpochMs, secondsBetween } from './shared/instant';
export type { ValidationIssue, ValidationReport } from './shared/validation-issue';
export { isE164 } from './shared/e164';
export { canonicalJson, sortKeys } from './shared/canonical-json';

export type { Prompt, TtsPrompt, AudioPrompt } from './flow/prompt';
export type {
  CallFlow,
  StepId,
  FlowStep,
  StepType,
  GreetingStep,
  RouteStep,
  RouteBranch,
  ScheduleStep,
  ScheduleBranch,
  MenuStep,
  RingGroupStep,
  ForwardStep,
  VoicemailStep,
  HangupStep,
  AskStep,
} from './flow/flow-model';
export type {
  StepDescriptor,
  StepKinds,
  AddStepIssue,
  DiagramShape,
  KindColours,
  DecisionFacet,
  ActionFacet,
} from './flow/step-kinds';
export { STEP_KINDS, STEP_TYPES, stepKindOf } from './flow/step-kinds';
export type { StepLink, PromptRef } from './flow/step-links';
export { stepLinks, stepPrompts, isCallerInputStep, stepResources, flowResources } from './flow/step-links';
export type { ResourceKind, ResourceRef } from './flow/resource-ref';
export { promptResources, ringGroupResources, voicemailBoxResources } from './flow/resource-ref';
export { checkPrompt } from './flow/validate-prompt';
export type { DisclosurePolicy, AppliedDisclosure } from './flow/recording-disclosure';
export { recordingDisclosureOf } from './flow/recording-disclosure';
export type { FlowIssue, FlowIssueCode, FlowValidationContext } from './flow/validate-flow';
export { validateFlow, FLOW_LIMITS } from './flow/validate-flow';
export type {
  DecisionContext,
  PathEntry,
  DecisionPathEntry,
  RoutePathEntry,
  SchedulePathEntry,
  ActionPathEntry,
  ActionStepType,
  StepAction,
  StepActionOf,
  FlowErrorCode,
  NextAction,
} from './flow/interpret';
export { nextAction, firstAction, isDecisionEntry } from './flow/interpret';
export type {
  DryRunScript,
  DryRunResult,
  DryRunOutcome,
  DryRunTraceEntry,
  DryRunCall,
  SimulatedAction,
} from './flow/dry-run';
export { dryRun } from './flow/dry-run';
export type { ExplainedStep } from './flow/dry-run-explain';
export { explainDryRun, describeOutcome, describeDisclosure } from './flow/dry-run-explain';
export type { FlowDiff, StepDiff, FieldChange } from './flow/flow-diff';
export { diffFlows } from './flow/flow-diff';
export { PATH_CONNECTED } from './flow/path-convention';
export type { PathStep } from './flow/path-labels';
export { readablePath } from './flow/path-labels';
export type { LinkSlot, IssueLocation } from './flow/edit-flow';
export {
  newStep,
  minimalFlow,
  uniqueStepId,
  addStep,
  replaceStep,
  linkSlots,
  setLink,
  sortedOptions,
  removeStep,
  renameStep,
  setInitialStep,
  locateIssue,
} from './flow/edit-flow';

export type {
  Criterion,
  CriterionType,
  FirstTimeCriterion,
  RepeatCriterion,
  SourceCriterion,
  SessionCriterion,
  SessionField,
  TextOperator,
  PreviousScoreCriterion,
  PreviousLeadStatusCriterion,
  LeadStatus,
} from './routing/criterion-model';
export {
  SESSION_FIELDS,
  LEAD_STATUSES,
  TEXT_OPERATORS,
  isSessionCriterion,
  isUrlField,
} from './routing/criterion-model';
export type {
  CallerContext,
  VisitorSession,
  PreviousCall,
  CallerHistoryInput,
  CallerScoreHistory,
} from './routing/caller-context';
export { buildCallerContext, isAnonymousCallerId, previousCallOf } from './routing/caller-context';
export { matchCriterion, matchAllCriteria } from './routing/match-criterion';
export type { RoutingBranch, RoutingChoice } from './routing/choose-branch';
export { chooseBranch } from './routing/choose-branch';
export { criterionKey, criteriaSetKey } from './routing/criterion-key';
export { criterionProblems, unsatisfiableReason } from './routing/criterion-problems';
export { matchText, matchUrl, normalizeText } from './routing/text-match';
export type { NormalizedUrl } from './routing/url-normalize';
export { normalizeUrl } from './routing/url-normalize';
export { wildcardMatch } from './routing/wildcard';

export type { Schedule, Weekday, TimeWindow, WeeklyWindow, DateOverride } from './schedule/schedule-model';
export { WEEKDAYS } from './schedule/schedule-model';
export type { ZonedTime } from './schedule/zoned-time';
export {
  toZonedTime,
  isValidTimeZone,
  isValidDate,
  addDays,
  weekdayOfDate,
  parseClock,
  wallClockToInstant,
  instantToWallClock,
} from './schedule/zoned-time';
export type { ScheduleVerdict, ScheduleReason, OpenWindow } from './schedule/is-open';
export { evaluateSchedule, isScheduleOpen, findOverride } from './schedule/is-open';
export type { ScheduleIssue, ScheduleIssueCode } from './schedule/validate-schedule';
export { validateSchedule } from './schedule/validate-schedule';
export type { WeekGrid, WeeklyFromGrid } from './schedule/week-grid';
export { WEEK_ORDER, emptyWeek, weekGridOf, weeklyOfGrid } from './schedule/week-grid';

export type { MenuDigit, MenuDefinition } from './ivr/menu-model';
export { MENU_DIGITS, isMenuDigit } from './ivr/menu-model';
export type {
  MenuState,
  MenuPhase,
  MenuEvent,
  MenuCommand,
  MenuOutcome,
  MenuTransition,
  GatherSpec,
} from './ivr/menu-machine';
export { INITIAL_MENU_STATE, reduceMenu } from './ivr/menu-machine';
export type { AskDefinition, AskField, AskRoute, AskAnswer, AskOutcome } from './front-desk/ask-model';
export { normaliseAnswer, routeAnswer, describeAnswer } from './front-desk/ask-routing';
export type { AskParameters } from './front-desk/ask-parameters';
export { askParameters } from './front-desk/ask-parameters';
export { phraseFields } from './front-desk/phrase-fields';

export type {
  RingGroup,
  RingGroupMember,
  RingStrategy,
  AgentEndpoint,
  CallerHears,
} from './ring/ring-group-model';
export { RING_STRATEGIES, endpointDialString } from './ring/ring-group-model';
export type { RingPlan, RingWave, RingTarget, AgentAvailability } from './ring/ring-plan';
export { planRing, isAvailable, normalizePointer, describeRingPlan } from './ring/ring-plan';
export { validateRingGroup } from './ring/validate-ring-group';

export type { FlowDiagramNames } from './diagram/describe';
export { describeCriterion, describeCriteria } from './diagram/describe';
export type { FlowGraph, FlowGraphNode, FlowGraphEdge, FlowGraphNodeKind } from './diagram/flow-graph';
export { buildFlowGraph } from './diagram/flow-graph';
export { flowToMermaid } from './diagram/flow-mermaid';
export { flowToSvg } from './diagram/flow-svg';
export type { EditorGraph, EditorNode, EditorEdge, EditorSlot, Position } from './diagram/editor-graph';
export { editorGraph, layoutEditorGraph, placeNodes, START_NODE, LAYOUT } from './diagram/editor-graph';

export type { DniRule, WebsiteVisit } from './attribution/dni-rules';
export {
  DNI_RULE_KINDS,
  matchDniRule,
  matchDniRules,
  classifyVisit,
  validateDniRules,
} from './attribution/dni-rules';
export type { ClickIds } from './attribution/click-ids';
export { CLICK_ID_PARAMS, clickIdsFromUrl, gaClientIdFromCookie } from './attribution/click-ids';
export type { StandardSource } from './attribution/standard-sources';
export { STANDARD_SOURCES, standardSource } from './attribution/standard-sources';

export type {
  CallOutcome,
  ScoringRules,
  ScoreRule,
  ScoreCondition,
  ScoredCall,
  CallScore,
} from './scoring/scoring-model';
export { CALL_OUTCOMES, SCORE_LIMITS } from './scoring/scoring-model';
export { scoreCall, leadStatusOf, UNSCORED } from './scoring/score-call';
export { validateScoringRules } from './scoring/validate-scoring-rules';

export type { FinishedCallFacts, VoicemailCall } from './call-record/finished-call';
export { leftVoicemail, mayHaveAgent, callAgentOf } from './call-record/finished-call';

export type { RateLimit } from './limits/rate-limit';
export { admitRequest, requestCostMicros } from './limits/rate-limit';

export type {
  ConversionPlatform,
  LeadKind,
  ConversionRule,
  ConversionCondition,
  CallConversionCondition,
  FormConversionCondition,
  ConversionLead,
  CallLeadFacts,
  FormLeadFacts,
  ConversionDraft,
} from './conversions/conversion-model';
export { CONVERSION_PLATFORMS, LEAD_KINDS, CONVERSION_LIMITS } from './conversions/conversion-model';
export {
  conversionKey,
  conversionConditionHolds,
  conversionsToProduce,
} from './conversions/produce-conversions';
export {
  validateConversionRule,
  validateConversionDestination,
  DESTINATION_SECRETS,
} from './conversions/validate-conversions';
export type { ScoredText } from './scoring/scoring-model';
export { scoreText, CALL_ONLY_CONDITIONS } from './scoring/score-call';
export type { TranscriptSegment, TranscriptSpeaker } from './transcript/transcript';
export { joinTranscript, speakerOfTrack, textTranscript, TRANSCRIPT_SPEAKERS } from './transcript/transcript';
export {
  phoneDigitForms,
  privacySubject,
  type PhoneRule,
  type PrivacySubject,
  type PrivacySubjectInput,
  type PrivacySubjectKind,
  type SubjectCheck,
  type SubjectProblem,
} from './privacy';

export type {
  RetentionCategory,
  RetentionDays,
  RetentionPolicy,
  RetentionOverride,
  RetentionOverrides,
} from './privacy';
export {
  RETENTION_CATEGORIES,
  RETENTION_LIMITS,
  KEEP_FOREVER,
  KEEP_EVERYTHING,
  NO_OVERRIDES,
  validateRetentionPolicy,
  validateRetentionOverrides,
  retentionPolicyOf,
  retentionOverridesOf,
  effectiveRetention,
  retentionCutoff,
  retentionCutoffs,
  historyRetentionDays,
} from './privacy';
