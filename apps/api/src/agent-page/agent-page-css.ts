/** The agent page's stylesheet: system fonts, one column, big buttons for the call controls. */
export const AGENT_PAGE_CSS = `:root {
  --fg: #1b1f24; --muted: #5d6670; --line: #d9dee3; --bg: #f4f6f8; --card: #fff;
  --green: #137333; --red: #b3261e; --amber: #9a6700; --blue: #0b57d0;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); }
main { max-width: 880px; margin: 0 auto; padding: 16px; }
h1, h2 { margin: 0 0 12px; font-size: 1.15rem; }
[hidden] { display: none !important; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-bottom: 16px; }
.muted { color: var(--muted); }
.error { color: var(--red); }
.topbar { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
.topbar .status { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.badge { border-radius: 999px; padding: 2px 10px; font-size: .85rem; font-weight: 600; background: #e8eaed; }
.badge.presence-available { background: #e6f4ea; color: var(--green); }
.badge.presence-away { background: #fef7e0; color: var(--amber); }
.badge.presence-on_call { background: #e8f0fe; color: var(--blue); }
.badge.presence-offline { background: #eceff1; color: var(--muted); }
button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 8px; padding: 6px 12px; cursor: pointer; }
button:disabled { opacity: .55; cursor: default; }
button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
button[aria-pressed="true"]:disabled { opacity: 1; }
#presence button.presence-on_call[aria-pressed="true"] { background: var(--blue); border-color: var(--blue); }
#in-call .screen-pop { margin-top: 4px; }
button.link { border: 0; background: none; color: var(--blue); padding: 0; }
#presence { display: inline-flex; gap: 4px; }
.flash { background: #fce8e6; color: var(--red); border-radius: 8px; padding: 8px 12px; }
.incoming-card { border: 2px solid var(--green); animation: ring 1.2s ease-in-out infinite alternate; }
@keyframes ring { from { box-shadow: 0 0 0 0 rgba(19,115,51,.25); } to { box-shadow: 0 0 0 8px rgba(19,115,51,0); } }
.incoming-card .caller { font-variant-numeric: tabular-nums; }
.screen-pop { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
.screen-pop dt { color: var(--muted); }
.screen-pop dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
.actions button { padding: 10px 18px; font-weight: 600; }
button.answer { background: var(--green); color: #fff; border-color: var(--green); }
button.decline, button.hangup { background: var(--red); color: #fff; border-color: var(--red); }
.clock { font-size: 1.6rem; font-variant-numeric: tabular-nums; margin: 0 0 8px; }
.note { color: var(--amber); font-weight: 600; }
.recording-state { color: var(--muted); }
.recording-state.recording-paused { color: var(--amber); font-weight: 600; }
.keypad { display: grid; grid-template-columns: repeat(3, 64px); gap: 8px; margin-top: 16px; }
.keypad button { height: 48px; font-size: 1.2rem; }
.digits { font-family: ui-monospace, monospace; min-height: 1.4em; letter-spacing: 2px; }
form#dialer { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; }
form#dialer label { display: flex; flex-direction: column; gap: 4px; font-size: .9rem; color: var(--muted); }
input, select { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; min-width: 200px; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 500; }
td { font-variant-numeric: tabular-nums; }
`;
