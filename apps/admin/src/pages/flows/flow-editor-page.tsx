import {
  addStep,
  editorGraph,
  newStep,
  placeNodes,
  removeStep,
  renameStep,
  replaceStep,
  setInitialStep,
  setLink,
  START_NODE,
  STEP_TYPES,
  uniqueStepId,
  validateFlow,
  type CallFlow,
  type FlowStep,
  type Position,
  type StepType,
} from '@switchboard/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { FlowCanvas } from './flow-canvas';
import { apiIssues, issuesOfStep, reportIssues, type StepIssue } from './flow-issues';
import { diagramNames, loadFlowResources, validationContext, type FlowResources } from './flow-resources';
import { PromptField } from './prompt-field';
import { TryItPanel } from './panels/try-it-panel';
import { UsePanel } from './panels/use-panel';
import { VersionsPanel } from './panels/versions-panel';
import { StepForm } from './step-form';
import { StepList } from './step-list';
import { START_HANDLE } from './step-node';
import { KIND_HINTS, KIND_LABELS } from './step-kind-labels';

interface Saved {
  name: string;
  version: number;
  definition: CallFlow;
}

/** `/p/:propertyId/flows/:flowId`: the flow's current version and the property's resources, then the editor. */
export function FlowEditorPage({ propertyId, flowId }: { propertyId: string; flowId: string }) {
  const loaded = useLoad(
    async (api) => {
      const [flow, resources] = await Promise.all([
        unwrap(
          api.GET('/v1/properties/{propertyId}/call-flows/{flowId}', {
            params: { path: { propertyId, flowId }, query: {} },
          }),
        ),
        loadFlowResources(api, propertyId),
      ]);
      const saved: Saved = {
        name: flow.name,
        version: flow.version,
        definition: flow.definition,
      };
      return { saved, resources };
    },
    [propertyId, flowId],
  );
  return (
    <LoadedView loaded={loaded}>
      {({ saved, resources }) => (
        <FlowEditor propertyId={propertyId} flowId={flowId} initial={saved} resources={resources} />
      )}
    </LoadedView>
  );
}

type Tab = 'step' | 'try' | 'versions' | 'use';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'step', label: 'Step' },
  { id: 'try', label: 'Try it' },
  { id: 'versions', label: 'Versions' },
  { id: 'use', label: 'Use' },
];

const same = (a: CallFlow, b: CallFlow) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The visual editor. The draft is a CallFlow edited through libs/domain's pure edits and checked
 * with the api's own validateFlow on every change; its problems show on the nodes, in the step's
 * form and in the Problems list. Saving PUTs the draft, which makes a new version. Node positions
 * are the editor's only (the api stores none): a reload lays the flow out again.
 */
function FlowEditor({
  propertyId,
  flowId,
  initial,
  resources,
}: {
  propertyId: string;
  flowId: string;
  initial: Saved;
  resources: FlowResources;
}) {
  const { readOnly } = useSession();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<CallFlow>(initial.definition);
  const [name, setName] = useState(initial.name);
  const [placed, setPlaced] = useState<Record<string, Position>>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('step');
  const [path, setPath] = useState<readonly string[] | null>(null);
  const [apiFound, setApiFound] = useState<StepIssue[]>([]);
  const [status, setStatus] = useState('');
  const save = useAction();

  const ctx = useMemo(() => validationContext(resources), [resources]);
  const names = useMemo(() => diagramNames(resources), [resources]);
  const graph = useMemo(() => editorGraph(draft, names), [draft, names]);
  const positions = useMemo(() => placeNodes(graph, placed), [graph, placed]);
  // New nodes keep the place they were first given, so adding another step does not move them.
  useEffect(() => {
    if (graph.nodes.some((n) => placed[n.id] === undefined)) setPlaced(positions);
  }, [graph, placed, positions]);
  const issues = useMemo(
    () => [...reportIssues(draft, validateFlow(draft, ctx)), ...apiFound],
    [draft, ctx, apiFound],
  );
  const errors = issues.filter((i) => i.severity === 'error');
  const dirty = !same(draft, saved.definition) || name !== saved.name;

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Applies an edit; the api's problems with the step it touches (`stepId`) are its to fix now. */
  const edit = (change: (f: CallFlow) => CallFlow, stepId?: string) => {
    setDraft((f) => change(f));
    if (stepId !== undefined) setApiFound((found) => found.filter((i) => i.stepId !== stepId));
    setStatus('');
  };
  const step = draft.steps.find((s) => s.id === selected);
  const select = (id: string | null) => {
    setSelected(id);
    if (id !== null) setTab('step');
  };

  const add = (type: StepType) => {
    const id = uniqueStepId(draft, type);
    edit((f) => addStep(f, newStep(type, id)));
    select(id);
    setStatus(`${KIND_LABELS[type]} step “${id}” added.`);
  };
  const rename = (from: string, to: string): boolean => {
    if (draft.steps.some((s) => s.id === to) || to === START_NODE) return false;
    edit((f) => renameStep(f, from, to), from);
    setPlaced((p) => {
      const { [from]: at, ...rest } = p;
      return at ? { ...rest, [to]: at } : rest;
    });
    setSelected(to);
    return true;
  };
  const link = (stepId: string, linkPath: string, target: string | null) =>
    edit(
      (f) =>
        stepId === START_NODE && linkPath === START_HANDLE
          ? target === null
            ? f
            : setInitialStep(f, target)
          : setLink(f, stepId, linkPath, target),
      stepId,
    );
  const remove = (id: string) => {
    edit((f) => removeStep(f, id), id);
    setSelected(null);
    setStatus(`Step “${id}” deleted.`);
  };
  const restore = (definition: CallFlow) => {
    edit(() => definition);
    setPlaced({});
    setSelected(null);
    setStatus('A saved version is loaded; save to make it current.');
  };

  // The flow a save sent: the api's 422 names its steps by their index in it.
  const sent = useRef(draft);
  const submit = async () => {
    sent.current = draft;
    setApiFound([]);
    const result = await save.run((api) =>
      unwrap(
        api.PUT('/v1/properties/{propertyId}/call-flows/{flowId}', {
          params: { path: { propertyId, flowId } },
          body: { name: name.trim(), definition: { ...sent.current } },
        }),
      ),
    );
    if (!result) return;
    const definition = result.definition as CallFlow;
    setSaved({ name: result.name, version: result.version, definition });
    setDraft((current) => (same(current, sent.current) ? definition : current));
    setStatus(`Saved as version ${result.version}.`);
  };
  useEffect(() => {
    if (save.problem?.status === 422) setApiFound(apiIssues(sent.current, save.problem));
  }, [save.problem]);

  const nodeSlots = (id: string) => graph.nodes.find((n) => n.stepId === id)?.slots ?? [];
  const flowIssues = issues.filter((i) => i.stepId === undefined);

  return (
    <Page
      title={saved.name}
      actions={
        <>
          <span className="muted">
            Version {saved.version}
            {dirty && (
              <strong className="unsaved" role="status">
                {' '}
                · Unsaved changes
              </strong>
            )}
          </span>
          {!readOnly && (
            <button type="button" onClick={() => void submit()} disabled={save.busy}>
              Save flow
            </button>
          )}
        </>
      }
    >
      <p>
        <Link to={propertyPath(propertyId, 'flows')}>All call flows</Link>
      </p>
      <p role="status" className={status ? 'notice notice-ok' : 'visually-hidden'}>
        {status}
      </p>
      <ProblemNotice problem={save.problem} shown={save.problem?.fields.map((f) => f.field)} />
      <div className="flow-editor">
        <div className="flow-editor-main">
          {!readOnly && (
            <div role="group" aria-label="Add step" className="flow-palette">
              {STEP_TYPES.map((type) => (
                <button key={type} type="button" title={KIND_HINTS[type]} onClick={() => add(type)}>
                  Add {KIND_LABELS[type].toLowerCase()}
                </button>
              ))}
            </div>
          )}
          <FlowCanvas
            graph={graph}
            positions={positions}
            issues={issues}
            selected={selected}
            path={path}
            readOnly={readOnly}
            onSelect={select}
            onMove={(id, p) => setPlaced((all) => ({ ...all, [id]: p }))}
            onLink={(id, p, target) => link(id, p, target)}
            onUnlink={(id, p) => link(id, p, null)}
          />
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => setPlaced({})}>
              Lay out again
            </button>
          </div>
          <p className="hint">
            Drag from a link’s dot to a step to send calls there; select a link and press Delete to clear it.
            Node positions are not saved: a reload lays the flow out again.
          </p>
          <section aria-labelledby="flow-problems">
            <h2 id="flow-problems">Problems</h2>
            {issues.length === 0 ? (
              <p className="muted">None: the flow can be saved.</p>
            ) : (
              <ul className="flow-problems">
                {issues.map((i, k) => (
                  <li key={k} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
                    {i.stepId !== undefined && draft.steps.some((s) => s.id === i.stepId) ? (
                      <button type="button" className="link-button" onClick={() => select(i.stepId ?? null)}>
                        {i.stepId}
                      </button>
                    ) : null}{' '}
                    {i.message}
                  </li>
                ))}
              </ul>
            )}
            {errors.length > 0 && (
              <p className="muted">
                {errors.length} error{errors.length > 1 ? 's' : ''}: the api refuses to save until they are
                fixed.
              </p>
            )}
          </section>
          <StepList flow={draft} graph={graph} issues={issues} selected={selected} onSelect={select} />
        </div>
        <aside className="flow-side" aria-label="Flow panels">
          <div role="tablist" aria-label="Panels" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  const i = TABS.findIndex((x) => x.id === tab);
                  const next =
                    e.key === 'ArrowRight'
                      ? TABS[(i + 1) % TABS.length]
                      : e.key === 'ArrowLeft'
                        ? TABS[(i + TABS.length - 1) % TABS.length]
                        : undefined;
                  if (next) {
                    setTab(next.id);
                    document.getElementById(`tab-${next.id}`)?.focus();
                  }
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'step' &&
              (step ? (
                <StepForm
                  key={step.id}
                  step={step}
                  flow={draft}
                  slots={nodeSlots(step.id)}
                  resources={resources}
                  issues={issuesOfStep(issues, step.id)}
                  readOnly={readOnly}
                  onChange={(s: FlowStep) => edit((f) => replaceStep(f, step.id, s), step.id)}
                  onRename={(to) => rename(step.id, to)}
                  onLink={(p, target) => link(step.id, p, target)}
                  onRemove={() => remove(step.id)}
                  onMakeStart={() => edit((f) => setInitialStep(f, step.id))}
                />
              ) : (
                <form className="form" aria-label="Flow settings" onSubmit={(e) => e.preventDefault()}>
                  <p className="muted">Select a step on the canvas or in the list to edit it.</p>
                  <fieldset disabled={readOnly} className="plain">
                    <Field label="Flow name" name="name" problem={save.problem}>
                      {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
                    </Field>
                    <div className="field field-check">
                      <label>
                        <input
                          type="checkbox"
                          checked={draft.recording === true}
                          onChange={(e) => edit((f) => ({ ...f, recording: e.target.checked }))}
                        />{' '}
                        Record calls
                      </label>
                    </div>
                    {(draft.recording === true || draft.recordingDisclosure !== undefined) && (
                      <>
                        <PromptField
                          label="Recording disclosure"
                          name="recordingDisclosure"
                          prompt={draft.recordingDisclosure}
                          optional
                          audio={resources.audio}
                          problem={undefined}
                          onChange={(p) =>
                            edit(({ recordingDisclosure: _old, ...f }) =>
                              p === undefined ? f : { ...f, recordingDisclosure: p },
                            )
                          }
                        />
                        <p className="hint">
                          Played to the caller before anything is recorded.{' '}
                          {resources.disclosure.propertyDefault
                            ? 'Without one, callers hear the property’s default disclosure.'
                            : 'The property has no default disclosure (Property settings).'}
                        </p>
                      </>
                    )}
                    <div className="field field-check">
                      <label>
                        <input
                          type="checkbox"
                          checked={draft.transcription === true}
                          onChange={(e) => edit((f) => ({ ...f, transcription: e.target.checked }))}
                        />{' '}
                        Transcribe conversations
                      </label>
                    </div>
                    {flowIssues.map((i) => (
                      <p key={i.message} className="field-error">
                        {i.message}
                      </p>
                    ))}
                  </fieldset>
                </form>
              ))}
            {tab === 'try' && (
              <TryItPanel propertyId={propertyId} flowId={flowId} flow={draft} onPath={setPath} />
            )}
            {tab === 'versions' && (
              <VersionsPanel
                // Read once when shown: a new key after each save lists the new version.
                key={saved.version}
                propertyId={propertyId}
                flowId={flowId}
                current={draft}
                onRestore={restore}
              />
            )}
            {tab === 'use' && <UsePanel propertyId={propertyId} flowId={flowId} />}
          </div>
        </aside>
      </div>
    </Page>
  );
}
