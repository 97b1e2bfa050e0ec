/**
 * The agent page's markup: static sections the script fills in. Kept server-side as a string (the
 * build is plain tsc, which copies no assets).
 */
export const AGENT_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Switchboard · Agent</title>
<link rel="stylesheet" href="/agent/app.css">
</head>
<body>
<main>
  <section id="signed-out" class="card" hidden>
    <h1>Switchboard agent</h1>
    <p id="signed-out-message">Signing in…</p>
  </section>
  <div id="desk" hidden>
    <header class="topbar">
      <div>
        <strong id="agent-name"></strong>
        <span id="property-name" class="muted"></span>
      </div>
      <div class="status">
        <span id="presence-now" class="badge"></span>
        <div id="presence" role="group" aria-label="Presence"></div>
        <span id="phone-status" class="muted"></span>
        <button type="button" id="sign-out" class="link">Sign out</button>
      </div>
    </header>
    <p id="flash" class="flash" role="alert" hidden></p>
    <section id="incoming" aria-live="assertive" hidden></section>
    <section id="in-call" class="card" hidden></section>
    <section class="card">
      <h2>Call out</h2>
      <form id="dialer" autocomplete="off">
        <label>Number <input id="dial-to" type="tel" placeholder="+1 312 555 0142" required></label>
        <label>Caller ID <select id="caller-id"></select></label>
        <button type="submit" id="dial">Call</button>
      </form>
      <p id="dial-status" class="muted" aria-live="polite"></p>
    </section>
    <section class="card">
      <h2>Recent calls</h2>
      <table id="recent">
        <thead><tr><th>When</th><th>Direction</th><th>Number</th><th>Tracking number</th><th>Source</th><th>Outcome</th><th>Talk</th></tr></thead>
        <tbody id="recent-body"></tbody>
      </table>
      <p id="recent-status" class="muted"></p>
    </section>
  </div>
</main>
<audio id="remote-audio" autoplay></audio>
<script src="/agent/app.js"></script>
</body>
</html>
`;
