import { Injectable } from '@nestjs/common';
import type { CarrierEvent } from '@switchboard/contracts';
import { joinTranscript, speakerOfTrack } from '@switchboard/domain';
import { CallTranscriptRepository, Transactions } from '@switchboard/persistence';
import { isTranscriptionEventType, type TranscriptionPiece } from '@switchboard/telephony';
import { ScoringService } from './scoring.service';

/**
 * Keeps each final piece of a call's carrier transcription by speaker. Pieces arrive while the call
 * goes on (the record's save joins them) or after it was saved: then the call's transcript is
 * joined again and the call rescored, in the piece's transaction.
 */
@Injectable()
export class CallTranscripts {
  constructor(
    private readonly segments: CallTranscriptRepository,
    private readonly scoring: ScoringService,
    private readonly tx: Transactions,
  ) {}

  static handles(e: CarrierEvent): boolean {
    return isTranscriptionEventType(e.type);
  }

  /** `workflowId`: the call's, from the leg's client_state; a piece of no call of ours is dropped. */
  async received(e: CarrierEvent, piece: TranscriptionPiece, workflowId: string | null): Promise<void> {
    if (!workflowId || !piece.isFinal || piece.transcript.trim() === '') return;
    await this.tx.run(async (tx) => {
      await this.segments.lock(workflowId, tx);
      const added = await this.segments.add(
        {
          workflowId,
          eventId: e.eventId,
          occurredAt: e.occurredAt,
          speaker: speakerOfTrack(piece.track),
          text: piece.transcript.trim(),
          confidence: piece.confidence,
        },
        tx,
      );
      const callId = added ? await this.segments.callOf(workflowId, tx) : null;
      if (!callId) return;
      const transcript = joinTranscript(await this.segments.ofWorkflow(workflowId, tx));
      await this.scoring.applyTranscript(callId, transcript, tx);
    });
  }
}
