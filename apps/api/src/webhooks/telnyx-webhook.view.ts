/** What the carrier's webhook endpoint answers (a response class, read by the OpenAPI plugin). */
export class TelnyxWebhookAnswerView {
  /** What became of the event: `duplicate` (seen before), `stored`, or how it reached its call or text. */
  status: string;
}
