import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { createCallLifecycleActivities, type Activities } from '@switchboard/activities';
import type {
  CallRecordInput,
  CallStartedNotice,
  ResolvedCall,
  RingGroupRequest,
  VoicemailNotice,
} from '@switchboard/contracts';
import { planRing, type AgentAvailability, type RingGroup } from '@switchboard/domain';
import type { FakeCarrier } from './fake-carrier';

/** A ring group as the property stores it: the members' availability and the round-robin pointer. */
export interface StoredRingGroup {
  group: RingGroup;
  /** Agents missing count as available. */
  availability?: AgentAvailability;
  pointer?: number;
}

/** One call as its activities see it: its carrier and routing, and what the workflow told them. */
export interface CallUnderTest {
  carrier: FakeCarrier;
  /** What resolveCall answers. */
  number: ResolvedCall;
  ringGroups: Record<string, StoredRingGroup>;
  ringRequests: RingGroupRequest[];
  records: CallRecordInput[];
  started: CallStartedNotice[];
  /** Workflow ids announceCallFinished was called with. */
  finished: string[];
  voicemails: VoicemailNotice[];
}

type CallOf = () => CallUnderTest;

/**
 * Every activity of the Activities contract, in process, for one worker serving many calls: each
 * looks up its call by the calling workflow's id. The compiler keeps this map complete: an activity
 * added to the contract (say beginCall and finishCall of a new workflow type) fails the build here
 * until one of the groups below implements it.
 */
export function callActivities(calls: (workflowId: string) => CallUnderTest): Activities {
  const call: CallOf = () => {
    const workflowId = activityInfo().workflowExecution?.workflowId;
    if (!workflowId) throw ApplicationFailure.nonRetryable('a call activity ran outside a workflow');
    return calls(workflowId);
  };
  const data = callData(call);
  const announced = announcements(call);
  return {
    ...carrierCommands(call),
    ...data,
    ...announced,
    // Engine v2's first and last activity: the real composition, over the parts above.
    ...createCallLifecycleActivities({ ...data, ...announced }),
    ...backgroundWork(),
  };
}

type CarrierCommandName =
  | 'answerCall'
  | 'rejectCall'
  | 'hangupCall'
  | 'speakText'
  | 'playAudio'
  | 'stopPlayback'
  | 'dialAgent'
  | 'bridgeCalls'
  | 'gatherDigits'
  | 'gatherUsingAi'
  | 'startRecording'
  | 'pauseRecording'
  | 'resumeRecording'
  | 'startTranscription';

/** Telephony: the fake carrier acts on each command and answers with webhooks. */
function carrierCommands(call: CallOf): Pick<Activities, CarrierCommandName> {
  return {
    answerCall: async (id, state) => call().carrier.answerCall(id, state),
    rejectCall: async (id) => call().carrier.rejectCall(id),
    hangupCall: async (id) => call().carrier.hangupCall(id),
    speakText: async (id, o) => call().carrier.speakText(id, o),
    playAudio: async (id, o) => call().carrier.playAudio(id, o),
    stopPlayback: async (id) => call().carrier.stopPlayback(id),
    dialAgent: async (o) => call().carrier.dialAgent(o),
    bridgeCalls: async (id, other) => call().carrier.bridgeCalls(id, other),
    gatherDigits: async (id, o) => call().carrier.gatherDigits(id, o),
    gatherUsingAi: async (id, o) => call().carrier.gatherUsingAi(id, o),
    startRecording: async (id, o) => call().carrier.startRecording(id, o),
    pauseRecording: async (id) => call().carrier.pauseRecording(id),
    resumeRecording: async (id) => call().carrier.resumeRecording(id),
    startTranscription: async (id, state) => call().carrier.startTranscription(id, state),
  };
}

/** The database's side of a call: scripted routing in, the record out. */
function callData(call: CallOf): Pick<Activities, 'resolveCall' | 'planRingGroup' | 'saveCallRecord'> {
  return {
    resolveCall: async () => call().number,
    // Drawn by libs/domain's planner from the group as scripted, as the real activity does.
    planRingGroup: async (r) => {
      const c = call();
      c.ringRequests.push(r);
      const stored = c.ringGroups[r.ringGroupId];
      return stored ? planRing(stored.group, stored.availability ?? {}, stored.pointer ?? 0) : null;
    },
    saveCallRecord: async (record) => void call().records.push(record),
  };
}

/** Subscribers' webhooks and voicemail notifications, captured. */
function announcements(
  call: CallOf,
): Pick<Activities, 'announceCallStarted' | 'announceCallFinished' | 'notifyVoicemail'> {
  return {
    // They answer how many subscribers were sent the event: none here. An event announced again
    // (engine v2 repeats call.started at the end, should the first have been lost) is the same
    // event to subscribers, as the real publisher keys deliveries on the event.
    announceCallStarted: async (n) => {
      const c = call();
      if (!c.started.some((s) => s.workflowId === n.workflowId)) c.started.push(n);
      return 0;
    },
    announceCallFinished: async (workflowId) => {
      call().finished.push(workflowId);
      return 0;
    },
    notifyVoicemail: async (n) => {
      call().voicemails.push(n);
      return 'sent';
    },
  };
}

type BackgroundName =
  | 'rescoreBatch'
  | 'attemptWebhookDelivery'
  | 'markWebhookFailed'
  | 'storeRecording'
  | 'markRecordingFailed'
  | 'deleteRecording'
  | 'attemptConversionDelivery'
  | 'markConversionDeliveryFailed'
  | 'beginErasure'
  | 'erasureRecordings'
  | 'recordErasureProgress'
  | 'eraseKind'
  | 'eraseCallHistories'
  | 'finishErasure'
  | 'openRetentionRun'
  | 'nextRetentionProperty'
  | 'countRetention'
  | 'stripRetentionBatch'
  | 'expiredRecordings'
  | 'recordRetentionCount'
  | 'finishRetentionRun'
  | 'applyHistoryRetention';

/** Activities of the background workflows: a call workflow calling one is a bug worth failing on. */
function backgroundWork(): Pick<Activities, BackgroundName> {
  const notForCalls = (name: string) => async (): Promise<never> => {
    throw ApplicationFailure.nonRetryable(`${name} is not a call workflow's activity`);
  };
  return {
    rescoreBatch: notForCalls('rescoreBatch'),
    attemptWebhookDelivery: notForCalls('attemptWebhookDelivery'),
    markWebhookFailed: notForCalls('markWebhookFailed'),
    storeRecording: notForCalls('storeRecording'),
    markRecordingFailed: notForCalls('markRecordingFailed'),
    deleteRecording: notForCalls('deleteRecording'),
    attemptConversionDelivery: notForCalls('attemptConversionDelivery'),
    markConversionDeliveryFailed: notForCalls('markConversionDeliveryFailed'),
    beginErasure: notForCalls('beginErasure'),
    erasureRecordings: notForCalls('erasureRecordings'),
    recordErasureProgress: notForCalls('recordErasureProgress'),
    eraseKind: notForCalls('eraseKind'),
    eraseCallHistories: notForCalls('eraseCallHistories'),
    finishErasure: notForCalls('finishErasure'),
    openRetentionRun: notForCalls('openRetentionRun'),
    nextRetentionProperty: notForCalls('nextRetentionProperty'),
    countRetention: notForCalls('countRetention'),
    stripRetentionBatch: notForCalls('stripRetentionBatch'),
    expiredRecordings: notForCalls('expiredRecordings'),
    recordRetentionCount: notForCalls('recordRetentionCount'),
    finishRetentionRun: notForCalls('finishRetentionRun'),
    applyHistoryRetention: notForCalls('applyHistoryRetention'),
  };
}
