import { bundleSchemaIssues, duplicateIssues, type Bundle, type DocumentIssue } from '@switchboard/bundle';
import { ApiError, type FieldError } from '../common/api-error';
import { validateBody } from '../common/validation';
import { SaveCallFlowDto } from '../call-flows/dto';
import { CreateSourceDto, UpdatePropertyDto } from '../properties/dto';
import { AgentDto } from '../resources/agents/dto';
import { AudioDto } from '../resources/audio/dto';
import { RingGroupDto } from '../resources/ring-groups/dto';
import { ScheduleDto } from '../resources/schedules/dto';
import { VoicemailBoxDto } from '../resources/voicemail-boxes/dto';
import { fieldsAt } from './bundle-paths';

/** A bundle whose every item passed the api's own DTO for it, as those DTOs (transformed, e.g. E.164). */
export interface CheckedBundle {
  bundle: Bundle;
  timeZone: string;
  sources: CreateSourceDto[];
  schedules: ScheduleDto[];
  agents: AgentDto[];
  audio: AudioDto[];
  ringGroups: RingGroupDto[];
  voicemailBoxes: VoicemailBoxDto[];
  flows: SaveCallFlowDto[];
}

/** An issue of the bundle document as the api's field error ('' = the whole body). */
const fieldError = (i: DocumentIssue): FieldError => ({ field: i.path || 'body', message: i.message });

/**
 * Checks a bundle before anything is written: the published JSON Schema (every problem at once,
 * each naming its JSON path), what the schema cannot say (duplicates, audio by file), then each
 * item through the DTO its REST endpoint uses. What needs the database (references, the domain's
 * rules) is checked by the resource services as the apply writes.
 */
export async function checkBundle(raw: unknown): Promise<CheckedBundle> {
  const issues = bundleSchemaIssues(raw);
  if (issues.length) throw ApiError.invalid(issues.map(fieldError));
  const bundle = raw as Bundle;
  const errors: FieldError[] = [
    ...duplicateIssues(bundle).map(fieldError),
    // The schema allows them for scenario bundles, whose runner applies them through the admin API;
    // the server does not apply them yet, and dropping them silently would lose configuration.
    ...(['dni', 'pools'] as const)
      .filter((k) => bundle[k] !== undefined)
      .map((k) => ({
        field: k,
        message: `not applied by bundle apply yet: use the admin API (/v1/properties/{id}/${k === 'dni' ? 'dni' : 'pools'})`,
      })),
    ...(bundle.audio ?? []).flatMap((a, i) =>
      a.file !== undefined
        ? [
            {
              field: `audio[${i}].file`,
              message: 'the api takes the bytes inline as contentBase64 (loadScenario reads files into it)',
            },
          ]
        : [],
    ),
  ];

  async function each<T extends object>(cls: new () => T, kind: string, items: unknown[] | undefined) {
    const out: T[] = [];
    for (const [i, body] of (items ?? []).entries()) {
      const r = await validateBody(cls, body);
      // An audio item naming a file is refused above; its missing contentBase64 would only repeat that.
      if ((body as { file?: unknown }).file !== undefined) continue;
      errors.push(...fieldsAt(`${kind}[${i}]`, r.errors));
      out.push(r.value);
    }
    return out;
  }
  const property = await validateBody(UpdatePropertyDto, { timeZone: bundle.property.time_zone });
  errors.push(...fieldsAt('property', property.errors, (f) => (f === 'timeZone' ? 'time_zone' : f)));
  const checked: CheckedBundle = {
    bundle,
    timeZone: bundle.property.time_zone,
    sources: await each(CreateSourceDto, 'sources', bundle.sources),
    schedules: await each(ScheduleDto, 'schedules', bundle.schedules),
    agents: await each(AgentDto, 'agents', bundle.agents),
    audio: await each(AudioDto, 'audio', bundle.audio),
    ringGroups: await each(RingGroupDto, 'ring_groups', bundle.ring_groups),
    voicemailBoxes: await each(VoicemailBoxDto, 'voicemail_boxes', bundle.voicemail_boxes),
    flows: await each(SaveCallFlowDto, 'flows', bundle.flows),
  };
  if (errors.length) throw ApiError.invalid(errors);
  return checked;
}
