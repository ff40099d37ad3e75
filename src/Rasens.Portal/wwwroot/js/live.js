// Live status (issue 6): a page that shows the applicant's cases ([data-live-cases]) connects to the hub, catches
// up from the last event it has applied (the server's id at render time, then every event's id), and on each event
// for a case it shows refreshes its live regions from the server and says what changed in an ARIA live region.
// Events carry ids: one already applied is ignored, so a replay after reconnecting never shows anything twice.
(() => {
  const body = document.body;
  const regions = () => [...document.querySelectorAll('[data-live-region]')];
  const interest = regions().map(r => r.dataset.liveCases).filter(Boolean);
  if (!window.signalR || interest.length === 0 || !body.dataset.liveSince) return;

  const everyCase = interest.includes('*');
  const cases = new Set(interest.filter(c => c !== '*'));
  const statusTexts = JSON.parse(body.dataset.statusTexts || '{}');
  const state = document.querySelector('[data-live-state]');
  const notice = document.querySelector('[data-live-notice]');
  let lastId = Number(body.dataset.liveSince);

  const showState = name => {
    if (!state || state.dataset.state === name) return;
    state.dataset.state = name;
    state.textContent = state.dataset['text' + name[0].toUpperCase() + name.slice(1)];
  };
  const announce = text => {
    if (!notice || !text) return;
    const item = document.createElement('li');
    item.textContent = text;
    notice.querySelector('ul').prepend(item);
    while (notice.querySelectorAll('li').length > 5) notice.querySelector('li:last-child').remove();
  };
  const format = (template, ...values) => values.reduce((text, value, i) => text.replaceAll(`{${i}}`, value ?? ''), template || '');

  // Fetch this page again and swap every live region for its new self (one request for a burst of events).
  let refreshing = null;
  let again = false;
  const refresh = async () => {
    if (refreshing) { again = true; return refreshing; }
    refreshing = (async () => {
      do {
        again = false;
        try {
          const response = await fetch(location.href, { headers: { 'X-Rasens-Background': '1' }, credentials: 'same-origin' });
          if (!response.ok) return;
          const next = new DOMParser().parseFromString(await response.text(), 'text/html');
          for (const region of regions()) {
            const fresh = next.getElementById(region.id);
            if (fresh) region.replaceWith(document.importNode(fresh, true));
          }
        } catch { /* the next event, or the next reconnect, tries again */ }
      } while (again);
    })();
    try { await refreshing; } finally { refreshing = null; }
  };

  const apply = events => {
    let relevant = false;
    for (const e of events.sort((a, b) => a.id - b.id)) {
      if (e.id <= lastId) continue;
      lastId = e.id;
      if (!everyCase && !cases.has(String(e.caseId))) continue;
      relevant = true;
      // The event names its case; the page's own copy only serves events stored before events carried it.
      const reference = e.referenceNumber ?? document.querySelector(`[data-case-id="${e.caseId}"]`)?.dataset.caseRef;
      announce(e.type === 'case.submitted'
        ? format(notice?.dataset.textReceived, reference)
        : format(notice?.dataset.textChanged, reference, statusTexts[e.status] || e.status));
    }
    if (relevant) refresh();
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(body.dataset.liveHub)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(1000 * 2 ** context.previousRetryCount, 10000) })
    .build();
  connection.on('events', apply);
  // After every (re)connection: everything since the last applied event, in order; too old a gap reloads the data.
  // Until Replay has succeeded the server sends this connection nothing, so the page does not claim to be live: it
  // says it is reconnecting and asks again, backing off, for as long as this connection lasts.
  let session = 0;
  const wait = ms => new Promise(resolve => setTimeout(resolve, ms));
  const catchUp = async () => {
    const mine = ++session;
    for (let attempt = 0; mine === session && connection.state === signalR.HubConnectionState.Connected; attempt++) {
      try {
        const complete = await connection.invoke('Replay', lastId);
        if (mine !== session) return;
        showState('connected');
        if (!complete) await refresh();
        return;
      } catch {
        if (mine !== session) return;
        showState('reconnecting');
        await wait(Math.min(1000 * 2 ** attempt, 10000));
      }
    }
  };
  connection.onreconnecting(() => { session++; showState('reconnecting'); });
  connection.onreconnected(() => { catchUp(); });
  connection.onclose(() => {
    session++;
    showState('disconnected');
    setTimeout(start, 5000);
  });
  const start = async () => {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await connection.start();
    } catch {
      showState('disconnected');
      setTimeout(start, 5000);
      return;
    }
    catchUp();
  };
  start();
})();
