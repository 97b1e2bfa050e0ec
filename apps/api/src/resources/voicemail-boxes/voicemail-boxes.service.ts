import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { checkPrompt, type Prompt } from '@switchboard/domain';
import {
  AgentRepository,
  PropertyResourcesRepository,
  VoicemailBoxRepository,
  type Tx,
  type VoicemailBoxEntity,
} from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceService, type WriteMode } from '../resource-service';
import type { VoicemailBoxDto } from './dto';
import type { VoicemailBoxView } from './voicemail-box.view';

/** Boxes that voicemail steps of call flows record into. */
@Injectable()
export class VoicemailBoxesService extends ResourceService<VoicemailBoxEntity, VoicemailBoxView> {
  constructor(
    boxes: VoicemailBoxRepository,
    private readonly agents: AgentRepository,
    private readonly resources: PropertyResourcesRepository,
  ) {
    super('voicemail_box', boxes);
  }

  protected fields(r: VoicemailBoxEntity) {
    return {
      agentId: r.agentId,
      greeting: r.greeting as Prompt | null,
      notifyWebhookUrl: r.notifyWebhookUrl,
      notifyEmails: r.notifyEmails,
    };
  }

  async save(
    propertyId: string,
    dto: VoicemailBoxDto,
    mode: WriteMode,
    pathId?: string,
    tx?: Tx,
  ): Promise<VoicemailBoxView> {
    const id = chooseId(dto, pathId);
    const body = plain(dto);
    const emails = (body.notifyEmails ?? []).map((e) => e.trim());
    return this.write(
      propertyId,
      id,
      mode,
      async (_existing, t) => {
        const errors: FieldError[] = [];
        if (body.agentId && !(await this.agents.exists(propertyId, body.agentId, t)))
          errors.push({
            field: 'agentId',
            message: `agent "${body.agentId}" does not exist in this property`,
          });
        if (body.greeting) {
          const { audioIds } = await this.resources.resourceIds(propertyId, t);
          errors.push(
            ...checkPrompt(body.greeting as unknown as Prompt, 'greeting', audioIds).map((i) =>
              issueField(i),
            ),
          );
        }
        emails.forEach((e, i) => {
          if (!isEmail(e))
            errors.push({ field: `notifyEmails[${i}]`, message: `"${e}" is not an email address` });
        });
        if (errors.length) throw ApiError.invalid(errors);
        return {
          name: body.name,
          agentId: body.agentId ?? null,
          greeting: body.greeting ?? null,
          notifyWebhookUrl: body.notifyWebhookUrl ?? null,
          notifyEmails: emails,
        };
      },
      tx,
    );
  }
}
