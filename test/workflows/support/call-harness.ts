import { isDeepStrictEqual } from 'node:util';
import { after, before, describe } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  INBOUND_CALL_V1_WORKFLOW,
  INBOUND_CALL_WORKFLOW,
  callWorkflowId,
  carrierEventSignal,
  recordingControlUpdate,
  type CallRecordInput,
  type CallTiming,
  type CarrierEvent,
  type InboundCallInput,
  type RecordingControlRequest,
  type RecordingControlResult,
  type ResolvedCall,
} from '@switchboard/contracts';
import type { InboundCallResult } from '@switchboard/workflows';
import { testServers, uniqueName } from '../../support/test-env';
import { sharedBundle } from '../../support/workflow-bundle';
import { callActivities, type CallUnderTest, type StoredRingGroup } from './call-activities';
import { FakeCarrier, type CarrierCommand, type CarrierScript } from './fake-carrier';

/**
 * The call workflow types every step case runs against: each takes InboundCallInput, is started by
 * the caller's call.initiated, and uses the Activities contract.
 */
export const CALL_WORKFLOW_TYPES: readonly string[] = [INBOUND_CALL_V1_WORKFLOW, INBOUND_CALL_WORKFLOW];

/** Waits short enough for a case to take seconds, long enough for a loaded machine's webhooks. */
export const TEST_TIMING: CallTiming = {
  initiatedWaitMs: 2000,
  answerWaitMs: 2000,
  promptWaitMs: 3000,
  ringMarginMs: 1000,
  maxTalkMs: 15_000,
  watchdogMinMs: 1500,
};

/** One call: what the carrier's people do, and what the property's data says. */
export interface CallScript extends CarrierScript {
  /** What resolveCall answers for the dialled number. */
  number: ResolvedCall;
  /** The property's ring groups by id; planRingGroup answers null for any other. */
  ringGroups?: Record<string, StoredRingGroup>;
  /** Overrides of TEST_TIMING. */
  timing?: Partial<CallTiming>;
  /**
   * What the connected agent does once the conversation recording has started (pause and resume
   * it, through the workflow's update, as the api does); the call is not over before it is done.
   */
  whileRecording?: (agent: RecordingAgent) => Promise<void>;
  /** The same, as soon as the agent is connected (recording or not). */
  whileConnected?: (agent: RecordingAgent) => Promise<void>;
}

/** The agent connected to a recorded conversation, as the api acts for them. */
export interface RecordingAgent {
  /** Their leg, bridged with the caller. */
  callControlId: string;
  /** Sends a recording control request; `o` overrides the request's fields (another leg, say). */
  control(
    action: RecordingControlRequest['action'],
    o?: Partial<RecordingControlRequest>,
  ): Promise<RecordingControlResult>;
}

/** What a finished call left behind, as a user of the system would check it. */
export interface CallRun {
  workflowId: string;
  result: InboundCallResult;
  /** The one call record the workflow saved. */
  record: CallRecordInput;
  /** The steps of the record's path. */
  path: string[];
  /** Every carrier command, in the order the carrier received them. */
  commands: CarrierCommand[];
  /** When the caller hung up (ms since the call started); unset when the call hung up on them. */
  callerLeftAt?: number;
  /** Commands the carrier received after the caller had hung up. */
  afterCallerLeft: CarrierCommand[];
  /** Webhooks the workflow was sent, and when. */
  delivered: FakeCarrier['delivered'];
  /** Webhooks the script lost on purpose. */
  lost: CarrierEvent[];
  /** Recordings the carrier saved. */
  recordings: FakeCarrier['recordings'];
  /** Pauses the carrier kept on the conversation recording. */
  pauses: FakeCarrier['pauses'];
  announcements: Pick<CallUnderTest, 'started' | 'finished' | 'voicemails'>;
  ringRequests: CallUnderTest['ringRequests'];
}

/** When the carrier received the first command that reads `line` (see commandLines). */
export function commandAt(run: CallRun, line: string): number {
  const sent = run.commands.find((c) => `${c.name} ${c.leg}` === line);
  if (!sent) throw new Error(`${line} was never sent: ${callStory(run)}`);
  return sent.at;
}

/** The text of every prompt and menu the caller was played, in order. */
export function heardByCaller(run: CallRun): string[] {
  return run.commands
    .filter((c) => (c.name === 'speakText' || c.name === 'gatherDigits') && c.leg === 'caller')
    .map((c) => (c.args[1] as { text?: string }).text ?? '(audio)');
}

/** A finished call told in one line, for assertion messages: its commands, when the caller left, its path. */
export function callStory(run: CallRun): string {
  const commands = run.commands.map((c) => `${c.at} ms ${c.name} ${c.leg}`).join(', ');
  const left =
    run.callerLeftAt === undefined
      ? 'the call hung up on the caller'
      : `caller left at ${run.callerLeftAt} ms`;
  return `${commands}; ${left}; path ${run.path.join(' › ')}; ${run.record.outcome}`;
}

let runtimeInstalled = false;

/**
 * Runs call workflows alone on the run's shared Temporal server: the real workflow bundle, a worker
 * on a task queue of its own, and in-process activities (call-activities.ts) around a fake carrier
 * per call. Calls are started the way the api starts them, by signalWithStart with call.initiated.
 */
export class CallHarness {
  private constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly taskQueue: string,
    private readonly calls: Map<string, CallUnderTest>,
  ) {}

  static async start(): Promise<CallHarness> {
    if (!runtimeInstalled) {
      Runtime.install({ logger: new DefaultLogger('WARN') });
      runtimeInstalled = true;
    }
    // Temporal's test environment on the run's dev server: the time-skipping one needs a download.
    const env = await TestWorkflowEnvironment.createFromExistingServer({
      address: testServers().temporalAddress,
    });
    const calls = new Map<string, CallUnderTest>();
    const taskQueue = uniqueName('call-steps');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await sharedBundle(),
      activities: callActivities((workflowId) => {
        const call = calls.get(workflowId);
        if (!call) throw new Error(`no call under test has workflow id ${workflowId}`);
        return call;
      }),
    });
    return new CallHarness(env, worker, worker.run(), taskQueue, calls);
  }

  /** Places one call on a workflow of `workflowType` and waits until it has finished. */
  async call(workflowType: string, script: CallScript): Promise<CallRun> {
    const sessionId = uniqueName('session');
    const workflowId = callWorkflowId(sessionId);
    const handle = this.env.client.workflow.getHandle(workflowId);
    const carrier = new FakeCarrier(sessionId, script, async (e) => {
      try {
        await handle.signal(carrierEventSignal, e);
      } catch (err) {
        // A webhook after the call's end has nobody to tell, as the api finds too.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    });
    let agentActs: Promise<void> = Promise.resolve();
    const agent = (agentLeg: string): RecordingAgent => ({
      callControlId: agentLeg,
      control: (action, o = {}) =>
        handle.executeUpdate(recordingControlUpdate, {
          args: [{ action, agentCallControlId: agentLeg, agentId: 'ann', agentName: 'Ann', ...o }],
        }),
    });
    const { whileRecording, whileConnected } = script;
    if (whileRecording)
      carrier.onConversationRecording = (leg) => {
        agentActs = whileRecording(agent(leg));
      };
    if (whileConnected)
      carrier.onConnected = (leg) => {
        agentActs = whileConnected(agent(leg));
      };
    const call: CallUnderTest = {
      carrier,
      number: script.number,
      ringGroups: script.ringGroups ?? {},
      ringRequests: [],
      records: [],
      started: [],
      finished: [],
      voicemails: [],
    };
    this.calls.set(workflowId, call);
    try {
      const input: InboundCallInput = {
        callSessionId: sessionId,
        timing: { ...TEST_TIMING, ...script.timing },
      };
      await this.env.client.workflow.signalWithStart(workflowType, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        signal: carrierEventSignal,
        signalArgs: [carrier.initiated()],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      const result = await Promise.race([
        handle.result() as Promise<InboundCallResult>,
        this.running.then(() => Promise.reject(new Error('the worker stopped during the call'))),
      ]);
      if (carrier.undelivered.length > 0)
        throw new Error(`webhooks not delivered: ${String(carrier.undelivered[0].error)}`);
      // The agent's own assertions (what the workflow answered them) count too.
      await agentActs;
      // A local activity runs again when the workflow task that ran it is retried (a late webhook
      // can make Temporal refuse the call's last task); the save is an upsert, so what matters is
      // that the call saved, and that every save said the same.
      if (call.records.length === 0) throw new Error('the call saved no record');
      const differing = call.records.find((r) => !isDeepStrictEqual(r, call.records[0]));
      if (differing)
        throw new Error(
          `the call saved ${call.records.length} records that differ: ${JSON.stringify(call.records)}`,
        );
      return {
        workflowId,
        result,
        record: call.records[0],
        path: call.records[0].path.map((p) => p.step),
        commands: carrier.commands,
        callerLeftAt: carrier.callerLeftAt,
        afterCallerLeft: carrier.commands.slice(carrier.commandsBeforeCallerLeft ?? carrier.commands.length),
        delivered: carrier.delivered,
        lost: carrier.lost,
        recordings: carrier.recordings,
        pauses: carrier.pauses,
        announcements: { started: call.started, finished: call.finished, voicemails: call.voicemails },
        ringRequests: call.ringRequests,
      };
    } finally {
      carrier.close();
      this.calls.delete(workflowId);
    }
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
  }
}

/** Places a call on the workflow type its describe block runs against. */
export type PlaceCall = (script: CallScript) => Promise<CallRun>;

/**
 * Declares one step kind's cases once per call workflow type, every case at once (each is a call
 * of its own) on one harness for the block.
 */
export function describeCallSteps(
  title: string,
  cases: (placeCall: PlaceCall, workflowType: string) => void,
): void {
  describe(title, { concurrency: true }, () => {
    let harness: CallHarness | undefined;
    before(async () => {
      harness = await CallHarness.start();
    });
    after(async () => {
      await harness?.stop();
    });
    for (const workflowType of CALL_WORKFLOW_TYPES)
      describe(workflowType, { concurrency: true }, () =>
        cases((script) => {
          if (!harness) throw new Error('the call harness did not start');
          return harness.call(workflowType, script);
        }, workflowType),
      );
  });
}
