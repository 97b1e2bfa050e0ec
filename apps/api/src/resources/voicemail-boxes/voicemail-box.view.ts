import { ApiPrompt, type Prompt } from '../prompt.view';

/**
 * A voicemail box, in its body's own shape so a GET can be edited and PUT back. Not an extension
 * of VoicemailBoxDto: the body takes the greeting as any object (the domain checks it), while here
 * it has its shape.
 */
export class VoicemailBoxView {
  propertyId: string;
  id: string;
  name: string;

  /** The agent whose box this is; null: one of the property's own boxes. */
  agentId: string | null;

  /** Played before the beep when the flow's voicemail step has no greeting of its own. */
  @ApiPrompt()
  greeting: Prompt | null;

  /** Receives a `voicemail.received` event for every message. */
  notifyWebhookUrl: string | null;

  /** Told of every message by email. */
  notifyEmails: string[];

  createdAt: Date;
  updatedAt: Date;
}

export class VoicemailBoxList {
  items: VoicemailBoxView[];
}
