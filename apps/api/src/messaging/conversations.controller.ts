import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { ConversationsService } from './conversations.service';
import { ListConversationsQuery, SendTextDto } from './dto';
import { ConversationDetailView, ConversationPage, MessageView } from './messaging.view';

const property = new UuidParam('propertyId');
const conversation = new UuidParam('conversationId');

/** Text conversations: one per tracking number and the external number that texted it. */
@Controller({ path: 'properties/:propertyId/conversations', version: '1' })
export class ConversationsController {
  constructor(private readonly svc: ConversationsService) {}

  /** Newest first; `sourceId` keeps those attributed to one source. */
  @Get()
  list(
    @Param('propertyId', property) p: string,
    @Query() q: ListConversationsQuery,
  ): Promise<ConversationPage> {
    return this.svc.list(p, { sourceId: q.sourceId, limit: q.limit, offset: q.offset });
  }

  /** The conversation with its messages, oldest first. */
  @Get(':conversationId')
  get(
    @Param('propertyId', property) p: string,
    @Param('conversationId', conversation) id: string,
  ): Promise<ConversationDetailView> {
    return this.svc.get(p, id);
  }

  /** Replies from the tracking number; 409 when the person has opted out. */
  @Post(':conversationId/messages')
  reply(
    @Param('propertyId', property) p: string,
    @Param('conversationId', conversation) id: string,
    @Body() dto: SendTextDto,
  ): Promise<MessageView> {
    return this.svc.reply(p, id, dto.text);
  }
}
