import { Controller, Param, Post } from '@nestjs/common';
import { NotificationSecretRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { UuidParam } from '../common/uuid-param.pipe';
import { NotificationSecretView } from './outbound-webhooks.view';

/**
 * The property's notification signing secret: voicemail boxes' and text routing's notifications
 * are signed with it, in the outbound webhooks' header scheme (docs/webhooks.md, "Notifications").
 */
@Controller({ path: 'properties/:propertyId/notification-secret', version: '1' })
export class NotificationSecretController {
  constructor(private readonly secrets: NotificationSecretRepository) {}

  /**
   * Makes a new signing secret and shows it, this once; the previous one stops signing at once.
   * Until the first rotation a random secret nobody knows signs the notifications.
   */
  @Post()
  async rotate(
    @Param('propertyId', new UuidParam('propertyId')) propertyId: string,
  ): Promise<NotificationSecretView> {
    const rotated = await this.secrets.rotate(propertyId);
    if (!rotated) throw ApiError.notFound('property', propertyId);
    return rotated;
  }
}
