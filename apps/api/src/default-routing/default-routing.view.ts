/** The property's default call flow: new tracking numbers without one run it. */
export class DefaultRoutingView {
  /** null: none (numbers without a flow forward). */
  callFlowId: string | null;

  callFlowName: string | null;
}

/** A tracking number that gets (or, in a dry run, would get) the default flow. */
export class RoutingChange {
  numberId: string;
  number: string;
  sourceId: string;

  /** The flow it ran before; null: it forwarded. */
  previousCallFlowId: string | null;
}

export class DefaultRoutingResult {
  callFlowId: string;

  /** True: nothing was changed; `changes` says what would be. */
  dryRun: boolean;

  changes: RoutingChange[];
}
