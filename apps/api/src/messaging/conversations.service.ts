import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { TextSender, messagingFailure } from './text-sender';
import type { ConversationDetailView, ConversationPage, MessageView } from './messaging.view';
import { TextStore } from './text-store';

/** Reading a property's text conversations, and replying in one. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly sender: TextSender,
  ) {}

  async list(
    propertyId: string,
    f: { sourceId?: string; limit: number; offset: number },
  ): Promise<ConversationPage> {
    const { items, total } = await new TextStore(this.ds.manager).list(propertyId, f);
    return { items, total, limit: f.limit, offset: f.offset };
  }

  async get(propertyId: string, id: string): Promise<ConversationDetailView> {
    const store = new TextStore(this.ds.manager);
    const c = await store.conversation(propertyId, id);
    if (!c) throw ApiError.notFound('conversation', id);
    return { ...c, messages: await store.messages(c.id) };
  }

  /**
   * Replies from the tracking number. Refused (409) once the person has opted out: carriers block
   * (and fine) messages after STOP. The conversation row is locked, so a STOP arriving meanwhile
   * is either seen here or comes after the reply.
   */
  async reply(propertyId: string, id: string, text: string): Promise<MessageView> {
    try {
      return await this.ds.transaction(async (m) => {
        const c = await new TextStore(m).conversation(propertyId, id, true);
        if (!c) throw ApiError.notFound('conversation', id);
        if (c.optedOut)
          throw new ApiError(
            HttpStatus.CONFLICT,
            'opted_out',
            `${c.externalNumber} has opted out (STOP); they must text START before they can be texted again`,
          );
        return this.sender.send(m, c, 'reply', text);
      });
    } catch (err) {
      throw messagingFailure(err);
    }
  }
}
