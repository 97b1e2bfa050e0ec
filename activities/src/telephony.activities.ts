import type { LegState } from '@switchboard/contracts';
import {
  encodeLegState,
  CarrierCommandError,
  type AiGather,
  type DialResult,
  type GatherKeys,
  type GatherPrompt,
  type TelephonyPort,
} from '@switchboard/telephony';
import { carrierCommand } from './carrier-failure';
import { currentCommandId } from './command-id';

/** Carrier commands, one activity each, so every command is visible and retried on its own. */
export function createTelephonyActivities(telephony: TelephonyPort) {
  return {
    async answerCall(callControlId: string, state: LegState): Promise<void> {
      await carrierCommand(() =>
        telephony.answer(callControlId, {
          clientState: encodeLegState(state),
          commandId: currentCommandId(),
        }),
      );
    },

    async rejectCall(callControlId: string): Promise<void> {
      await carrierCommand(() =>
        telephony.reject(callControlId, { cause: 'CALL_REJECTED', commandId: currentCommandId() }),
      );
    },

    /** Hanging up a call that already ended is what we wanted anyway: success, not an error. */
    async hangupCall(callControlId: string): Promise<void> {
      try {
        await telephony.hangup(callControlId, { commandId: currentCommandId() });
      } catch (err) {
        if (err instanceof CarrierCommandError && err.kind === 'call_gone') return;
        await carrierCommand(() => Promise.reject(err instanceof Error ? err : new Error(String(err))));
      }
    },

    async speakText(
      callControlId: string,
      o: { text: string; voice: string; language?: string; state: LegState },
    ): Promise<void> {
      await carrierCommand(() =>
        telephony.speak(callControlId, {
          text: o.text,
          voice: o.voice,
          language: o.language,
          clientState: encodeLegState(o.state),
          commandId: currentCommandId(),
        }),
      );
    },

    async playAudio(
      callControlId: string,
      o: { url: string; loop?: number | 'infinity'; state: LegState },
    ): Promise<void> {
      await carrierCommand(() =>
        telephony.playAudio(callControlId, {
          url: o.url,
          ...(o.loop !== undefined ? { loop: o.loop } : {}),
          clientState: encodeLegState(o.state),
          commandId: currentCommandId(),
        }),
      );
    },

    /** Stopping audio on a call that already ended is moot: success, not an error. */
    async stopPlayback(callControlId: string): Promise<void> {
      try {
        await telephony.stopPlayback(callControlId, { commandId: currentCommandId() });
      } catch (err) {
        if (err instanceof CarrierCommandError && err.kind === 'call_gone') return;
        await carrierCommand(() => Promise.reject(err instanceof Error ? err : new Error(String(err))));
      }
    },

    async dialAgent(o: {
      to: string;
      from: string;
      linkTo?: string;
      timeoutSecs: number;
      state: LegState;
    }): Promise<DialResult> {
      return carrierCommand(() =>
        telephony.dial({
          to: o.to,
          from: o.from,
          ...(o.linkTo ? { linkTo: o.linkTo } : {}),
          timeoutSecs: o.timeoutSecs,
          clientState: encodeLegState(o.state),
          commandId: currentCommandId(),
        }),
      );
    },

    async bridgeCalls(callControlId: string, otherCallControlId: string): Promise<void> {
      await carrierCommand(() =>
        telephony.bridge(callControlId, { otherCallControlId, commandId: currentCommandId() }),
      );
    },

    async gatherDigits(
      callControlId: string,
      o: GatherPrompt & GatherKeys & { state: LegState },
    ): Promise<void> {
      const { state, ...gather } = o;
      await carrierCommand(() =>
        telephony.gather(callControlId, {
          ...gather,
          clientState: encodeLegState(state),
          commandId: currentCommandId(),
        }),
      );
    },

    /** A spoken front desk's question; the carrier's AI answers with call.ai_gather.ended. */
    async gatherUsingAi(callControlId: string, o: AiGather & { state: LegState }): Promise<void> {
      const { state, ...gather } = o;
      await carrierCommand(() =>
        telephony.gatherUsingAi(callControlId, {
          ...gather,
          clientState: encodeLegState(state),
          commandId: currentCommandId(),
        }),
      );
    },

    async startRecording(
      callControlId: string,
      o: { maxLengthSecs: number; playBeep: boolean; channels?: 'single' | 'dual'; state: LegState },
    ): Promise<void> {
      await carrierCommand(() =>
        telephony.startRecording(callControlId, {
          maxLengthSecs: o.maxLengthSecs,
          playBeep: o.playBeep,
          channels: o.channels ?? 'single',
          clientState: encodeLegState(o.state),
          commandId: currentCommandId(),
        }),
      );
    },

    /** An agent's pause of the conversation recording (the carrier answers 422 when none runs). */
    async pauseRecording(callControlId: string): Promise<void> {
      await carrierCommand(() => telephony.pauseRecording(callControlId, { commandId: currentCommandId() }));
    },

    async resumeRecording(callControlId: string): Promise<void> {
      await carrierCommand(() => telephony.resumeRecording(callControlId, { commandId: currentCommandId() }));
    },

    async startTranscription(callControlId: string, state: LegState): Promise<void> {
      await carrierCommand(() =>
        telephony.startTranscription(callControlId, {
          clientState: encodeLegState(state),
          commandId: currentCommandId(),
        }),
      );
    },
  };
}
