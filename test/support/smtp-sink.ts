/** The tests' outgoing mail service: the simulator's SMTP sink (apps/telnyx-sim/src/mail-sink.ts). */
export { MailSink as SmtpSink, type SunkMessage } from '@switchboard/telnyx-sim';
