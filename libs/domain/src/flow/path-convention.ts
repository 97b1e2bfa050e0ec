/**
 * A call's path, the same wherever one is told (plain forwarding, a flow's steps, the dry run):
 * the id of every step the call went through, in order, decisions included, then `connected` once
 * an agent or a forwarding number was bridged to the caller. Ending the call is not an entry: the
 * outcome says how it ended, and a flow's own `hangup` step is listed by its id like any step.
 * Plain forwarding, which has no step ids, names its steps `greeting` and `forward`.
 */
export const PATH_CONNECTED = 'connected';
