import { useState } from 'react';
import type { Schedule, Weekday } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { EditForm } from '../../ui/edit-form';
import { DeleteButton } from '../../ui/delete-button';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { SavedNotice, type SaveNote } from '../../ui/saved-notice';
import { OpenNow } from './open-now';
import { OverridesEditor } from './overrides-editor';
import { bodyOf, draftOf, newDraft, type SavedSchedule, type ScheduleDraft } from './schedule-draft';
import { WeekEditor } from './week-editor';
import { ResourceNameFields } from '../../ui/resource-name-fields';

/** One schedule (or a new one, at `…/schedules/new`): its week, special days and zone. */
export function SchedulePage({ propertyId, scheduleId }: { propertyId: string; scheduleId: string }) {
  const isNew = scheduleId === 'new';
  const [note, setNote] = useState<SaveNote>();
  const loaded = useLoad(
    async (api): Promise<SavedSchedule | null> =>
      isNew
        ? null
        : unwrap(
            api.GET('/v1/properties/{propertyId}/schedules/{scheduleId}', {
              params: { path: { propertyId, scheduleId } },
            }),
          ),
    [propertyId, scheduleId],
  );
  return (
    <LoadedView loaded={loaded}>
      {(saved) => (
        <ScheduleForm
          key={saved ? `${saved.id}@${String(saved.updatedAt)}` : 'new'}
          propertyId={propertyId}
          saved={saved}
          reload={loaded.reload}
          note={note}
          setNote={setNote}
        />
      )}
    </LoadedView>
  );
}

function ScheduleForm({
  propertyId,
  saved,
  reload,
  note,
  setNote,
}: {
  propertyId: string;
  saved: SavedSchedule | null;
  reload: () => void;
  note: SaveNote | undefined;
  setNote: (n: SaveNote | undefined) => void;
}) {
  const { readOnly, properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone ?? 'UTC';
  const [draft, setDraft] = useState<ScheduleDraft>(() => (saved ? draftOf(saved) : newDraft()));
  const [indexOf, setIndexOf] = useState<Record<Weekday, number[]>>();
  const save = useAction();
  const problem = save.problem;
  const scheduleId = saved?.id;

  const submit = () => {
    const { body, indexOf: map } = bodyOf(draft);
    setIndexOf(map);
    setNote(undefined);
    void save
      .run((api) =>
        scheduleId
          ? unwrap(
              api.PUT('/v1/properties/{propertyId}/schedules/{scheduleId}', {
                params: { path: { propertyId, scheduleId } },
                body: { ...body, id: scheduleId },
              }),
            )
          : unwrap(
              api.POST('/v1/properties/{propertyId}/schedules', { params: { path: { propertyId } }, body }),
            ),
      )
      .then((result) => {
        if (!result) return;
        setNote({ warnings: result.warnings ?? [] });
        if (!scheduleId)
          navigate(propertyPath(propertyId, 'schedules', `/${encodeURIComponent(result.id)}`), {
            replace: true,
          });
        else reload();
      });
  };

  const title = saved ? `Schedule: ${saved.name}` : 'New schedule';
  return (
    <Page title={title} actions={saved && <OpenNow schedule={saved as Schedule} fallbackTimeZone={zone} />}>
      <p>
        <Link to={propertyPath(propertyId, 'schedules')}>All schedules</Link>
      </p>
      <ProblemNotice
        problem={problem}
        shown={problem?.fields
          .map((f) => f.field)
          .filter((f) => /^(name|id|timeZone|weekly\[\d+\](\.start|\.end)?|overrides\[\d+\].*)$/.test(f))}
      />
      <SavedNotice note={note} problem={problem} />
      <EditForm className="form form-wide" disabled={readOnly || save.busy} plain onSubmit={() => submit()}>
        <div className="form-row">
          <ResourceNameFields
            name={draft.name}
            id={draft.id}
            creating={!saved}
            problem={problem}
            onChange={(change) => setDraft({ ...draft, ...change })}
          />
          <Field
            label="Time zone"
            name="timeZone"
            problem={problem}
            hint={`IANA name; empty: the property's (${zone})`}
          >
            {(a) => (
              <input
                {...a}
                value={draft.timeZone}
                placeholder={zone}
                onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
              />
            )}
          </Field>
        </div>
        <p className="hint">
          Times are HH:MM on the schedule&apos;s clock; 24:00 is midnight, and a window that closes before it
          opens runs past midnight.
        </p>
        <WeekEditor
          grid={draft.grid}
          onChange={(grid) => setDraft({ ...draft, grid })}
          problem={problem}
          indexOf={indexOf}
          readOnly={readOnly}
        />
        <h2>Holidays and special days</h2>
        <OverridesEditor
          overrides={draft.overrides}
          onChange={(overrides) => setDraft({ ...draft, overrides })}
          problem={problem}
          readOnly={readOnly}
        />
        {!readOnly && (
          <p>
            <button type="submit">
              {save.busy ? 'Saving…' : saved ? 'Save schedule' : 'Create schedule'}
            </button>
          </p>
        )}
      </EditForm>
      {saved && !readOnly && (
        <section aria-labelledby="delete-schedule">
          <h2 id="delete-schedule">Delete</h2>
          <DeleteButton
            what={`schedule ${saved.name}`}
            remove={(api) =>
              unwrap(
                api.DELETE('/v1/properties/{propertyId}/schedules/{scheduleId}', {
                  params: { path: { propertyId, scheduleId: saved.id } },
                }),
              )
            }
            onDeleted={() => navigate(propertyPath(propertyId, 'schedules'))}
          />
        </section>
      )}
    </Page>
  );
}
