/**
 * A workflow's page in the Temporal Web UI (`TEMPORAL_UI_URL`); null when no UI is configured. Without
 * a run id the UI shows the workflow's latest run, which for a call is its only one.
 */
export function temporalUiLink(
  ui: { uiUrl?: string; namespace: string },
  workflowId: string,
  runId?: string,
): string | null {
  if (!ui.uiUrl) return null;
  const base = `${ui.uiUrl}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
