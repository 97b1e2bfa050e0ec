import type { CallRecordInput } from '@switchboard/contracts';
import { callAgentOf, joinTranscript, leftVoicemail, mayHaveAgent, scoreCall } from '@switchboard/domain';
import { produceCallConversions, type ConversionDeliveryStarts } from './conversion.activities';
import type {
  CallRecordRepository,
  CallRollupRepository,
  CallScoringRepository,
  CallTranscriptRepository,
  ConversionRepository,
  Transactions,
  Tx,
  VoicemailMessageRepository,
} from '@switchboard/persistence';

/** Where a finished call's record goes, with what follows from it. */
export interface CallRecordStores {
  transactions: Transactions;
  records: CallRecordRepository;
  rollup: CallRollupRepository;
  voicemail: VoicemailMessageRepository;
  scoring: CallScoringRepository;
  /** The conversions the call earns for the ad platforms, and their deliveries. */
  conversions: ConversionRepository;
  transcripts: CallTranscriptRepository;
}

/** What saving a call leaves for after its transaction. */
export interface SavedCall {
  /** The call's conversion deliveries still pending: their workflows are started after commit. */
  conversionDeliveryIds: string[];
}

/**
 * The call's transcript from the carrier's pieces already stored (they arrive during the call);
 * pieces that come after the save are joined by the api when they arrive (see lock).
 */
async function attachTranscript(
  s: CallRecordStores,
  workflowId: string,
  callId: string,
  tx: Tx,
): Promise<void> {
  await s.transcripts.lock(workflowId, tx);
  const transcript = joinTranscript(await s.transcripts.ofWorkflow(workflowId, tx));
  if (transcript !== null) await s.scoring.setTranscript(callId, transcript, tx);
}

/** Scores a stored call by its property's rules as they are now; a call a person scored keeps theirs. */
async function scoreByRules(scoring: CallScoringRepository, callId: string, tx: Tx): Promise<void> {
  const c = await scoring.ruleScoredCall(callId, tx);
  if (c) await scoring.writeScores(c.version, [{ id: c.id, score: scoreCall(c.rules, c.call) }], tx);
}

/**
 * Saves a finished call's record, idempotent on workflow id (a retried activity rewrites the same
 * row), with everything that follows from it in the same transaction:
 * - its agent, looked up when the record is written, like the source;
 * - the daily rollup: a new call is added to its cell; a rewritten one (its outcome may differ)
 *   has its local day recounted, so it never counts twice;
 * - a voicemail call's box message (once), so there is never a voicemail record without its
 *   message or the reverse;
 * - its transcript, from the carrier's transcription pieces stored so far;
 * - its score by its property's rules, so a stored call always has its score;
 * - the conversions it earns by its property's conversion rules (after the score: a rule may ask
 *   for a lead status) with their deliveries, once per rule however often the call is saved.
 */
export async function saveFinishedCall(s: CallRecordStores, r: CallRecordInput): Promise<SavedCall> {
  return s.transactions.run(async (tx) => {
    // Before anything reads the property's time zone (see holdPropertyRollup).
    if (r.propertyId) await s.rollup.holdProperty(r.propertyId, tx);
    const agent = mayHaveAgent(r) ? callAgentOf(await s.records.agentsOf(r.propertyId, tx), r) : null;
    const call = await s.records.upsert(r, agent, tx);
    if (call.inserted) await s.rollup.addCall(call.id, tx);
    else await s.rollup.recountDayOf(call.id, tx);
    if (leftVoicemail(r))
      await s.voicemail.addOnce(
        {
          propertyId: r.propertyId,
          voicemailBoxId: r.voicemailBoxId,
          callId: call.id,
          from: r.from,
          recordingUrl: r.recordingUrl,
          receivedAt: r.endedAt,
        },
        tx,
      );
    await attachTranscript(s, r.workflowId, call.id, tx);
    await scoreByRules(s.scoring, call.id, tx);
    return { conversionDeliveryIds: await produceCallConversions(s.conversions, [call.id], tx) };
  });
}

/**
 * The activity that writes a call's record when its workflow is done with it, then starts its
 * conversions' deliveries (a start lost here is made by the worker's sweep of stranded deliveries).
 */
export function createCallRecordActivities(
  stores: CallRecordStores,
  conversionStarts: ConversionDeliveryStarts,
) {
  return {
    async saveCallRecord(record: CallRecordInput): Promise<void> {
      const saved = await saveFinishedCall(stores, record);
      await conversionStarts.start(saved.conversionDeliveryIds);
    },
  };
}
