import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { checkPrompt, type Prompt } from '@switchboard/domain';
import {
  AgentEntity,
  PropertyResourcesRepository,
  VoicemailBoxEntity,
  type Tx,
} from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceStore, type WriteMode } from '../resource-store';
import type { VoicemailBoxDto } from './dto';
import type { VoicemailBoxView } from './voicemail-box.view';

function view(r: VoicemailBoxEntity): VoicemailBoxView {
  return {
    propertyId: r.propertyId,
    id: r.id,
    name: r.name,
    agentId: r.agentId,
    greeting: r.greeting as Prompt | null,
    notifyWebhookUrl: r.notifyWebhookUrl,
    notifyEmails: r.notifyEmails,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Boxes that voicemail steps of call flows record into. */
@Injectable()
export class VoicemailBoxesService {
  private readonly store: ResourceStore<VoicemailBoxEntity>;
  private readonly resources: PropertyResourcesRepository;

  constructor(ds: DataSource) {
    this.store = new ResourceStore(ds, VoicemailBoxEntity, 'voicemail_box');
    this.resources = new PropertyResourcesRepository(ds);
  }

  async list(propertyId: string, tx?: Tx): Promise<VoicemailBoxView[]> {
    return (await this.store.list(propertyId, tx)).map(view);
  }

  async get(propertyId: string, id: string): Promise<VoicemailBoxView> {
    return view(await this.store.get(propertyId, id));
  }

  /** `tx`: write inside that transaction (a bundle) instead of one of its own. */
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
    const row = await this.store.within(tx).write(propertyId, id, mode, async (m) => {
      const errors: FieldError[] = [];
      if (
        body.agentId &&
        !(await m.getRepository(AgentEntity).exists({ where: { propertyId, id: body.agentId } }))
      )
        errors.push({ field: 'agentId', message: `agent "${body.agentId}" does not exist in this property` });
      if (body.greeting) {
        const { audioIds } = await this.resources.resourceIds(propertyId, m);
        errors.push(
          ...checkPrompt(body.greeting as unknown as Prompt, 'greeting', audioIds).map((i) => issueField(i)),
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
    });
    return view(row);
  }

  remove(propertyId: string, id: string, tx?: Tx): Promise<void> {
    return this.store.within(tx).remove(propertyId, id);
  }
}
