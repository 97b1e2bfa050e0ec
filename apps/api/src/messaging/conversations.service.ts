import { HttpStatus, Injectable } from '@nestjs/common';
import { TextMessageRepository, Transactions } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { conversationView, messageView } from './conversation-view';
import { TextSender, messagingFailure } from './text-sender';
import type { ConversationDetailView, ConversationPage, MessageView } from './messaging.view';

/** Reading a property's text conversations, and replying in one. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly texts: TextMessageRepository,
    private readonly tx: Transactions,
    private readonly sender: TextSender,
  ) {}

  async list(
    propertyId: string,
    f: { sourceId?: string; limit: number; offset: number },
  ): Promise<ConversationPage> {
    const { items, total } = await this.texts.list(propertyId, f);
    return { items: items.map(conversationView), total, limit: f.limit, offset: f.offset };
  }

  async get(propertyId: string, id: string): Promise<ConversationDetailView> {
    const c = await this.texts.conversation(propertyId, id);
    if (!c) throw ApiError.notFound('conversation', id);
    return { ...conversationView(c), messages: (await this.texts.messages(c.id)).map(messageView) };
  }

  /**
   * Replies from the tracking number. Refused (409) once the person has opted out: carriers block
   * (and fine) messages after STOP. The conversation row is locked, so a STOP arriving meanwhile
   * is either seen here or comes after the reply.
   */
  async reply(propertyId: string, id: string, text: string): Promise<MessageView> {
    try {
      return await this.tx.run(async (tx) => {
        const c = await this.texts.conversation(propertyId, id, tx);
        if (!c) throw ApiError.notFound('conversation', id);
        if (c.optedOut)
          throw new ApiError(
            HttpStatus.CONFLICT,
            'opted_out',
            `${c.externalNumber} has opted out (STOP); they must text START before they can be texted again`,
          );
        return messageView(await this.sender.send(c, 'reply', text, tx));
      });
    } catch (err) {
      throw messagingFailure(err);
    }
  }
}
