// The live client both apps share (issue 6), served from the web shell: one connection to the page's hub
// (body[data-live-hub]), its state in [data-live-state] (texts in its data-text-* attributes), a catch-up after every
// (re)connection from the last event applied (the server's id at render time, body[data-live-since], then each
// event's id; an id already applied is ignored, so a replay never shows anything twice), and a refresh that fetches
// the page again and swaps each [data-live-region] for its new self. What an event means on a page is the app's own
// script's, built on this one: rasensLive.start({ onEvent }) (Portal: js/live-status.js; Workbench: js/live-work.js).
window.rasensLive = (() => {
  const body = document.body;
  const regions = () => [...document.querySelectorAll('[data-live-region]')];
  // The cases this page shows, as its regions say (data-live-cases: ids, or * for every case).
  const interest = regions().map(r => r.dataset.liveCases).filter(Boolean);
  const everyCase = interest.includes('*');
  const cases = new Set(interest.filter(c => c !== '*'));
  const state = document.querySelector('[data-live-state]');
  const notice = document.querySelector('[data-live-notice]');

  const format = (template, ...values) => values.reduce((text, value, i) => text.replaceAll(`{${i}}`, value ?? ''), template || '');
  const showState = name => {
    if (!state || state.dataset.state === name) return;
    state.dataset.state = name;
    state.textContent = state.dataset['text' + name[0].toUpperCase() + name.slice(1)];
  };
  // A message in the polite live region, newest first, five at the most.
  const announce = text => {
    if (!notice || !text) return;
    const item = document.createElement('li');
    item.textContent = text;
    notice.querySelector('ul').prepend(item);
    while (notice.querySelectorAll('li').length > 5) notice.querySelector('li:last-child').remove();
  };

  // Fetch this page again and swap every live region for its new self (one request for a burst of events). A region
  // marked data-live-keep-typed is left alone while the user has typed in it; one marked data-live-keep-ticks keeps
  // the boxes the user ticked (by the part of their value before a colon).
  const typedIn = region => [...region.querySelectorAll('textarea, input[type=text], input[type=search]')].some(input => input.value !== input.defaultValue);
  let onKept = null;
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
          let kept = false;
          for (const region of regions()) {
            const fresh = next.getElementById(region.id);
            if (!fresh) continue;
            if ('liveKeepTyped' in region.dataset && typedIn(region)) { kept = true; continue; }
            const ticked = 'liveKeepTicks' in region.dataset
              ? new Set([...region.querySelectorAll('input[type=checkbox]:checked')].map(box => box.value.split(':')[0])) : null;
            const replacement = document.importNode(fresh, true);
            if (ticked) replacement.querySelectorAll('input[type=checkbox]').forEach(box => { box.checked = ticked.has(box.value.split(':')[0]); });
            region.replaceWith(replacement);
          }
          if (kept) onKept?.();
        } catch { /* the next event, or the next reconnect, tries again */ }
      } while (again);
    })();
    try { await refreshing; } finally { refreshing = null; }
  };

  // onEvent(e, shown) is called once per new event, in id order; shown says whether this page shows its case. Pages
  // that show one are refreshed after each batch, at once or refreshDelay ms later (a burst then costs one request).
  const start = ({ onEvent, refreshDelay = 0, onRegionKept = null } = {}) => {
    if (!window.signalR || !body.dataset.liveSince) return;
    onKept = onRegionKept;
    let lastId = Number(body.dataset.liveSince);
    let queued = null;
    const refreshSoon = () => {
      if (refreshDelay <= 0) { refresh(); return; }
      if (!queued) queued = setTimeout(() => { queued = null; refresh(); }, refreshDelay);
    };
    const apply = events => {
      let relevant = false;
      for (const e of events.sort((a, b) => a.id - b.id)) {
        if (e.id <= lastId) continue;
        lastId = e.id;
        const shown = everyCase || cases.has(String(e.caseId));
        relevant ||= shown;
        onEvent?.(e, shown);
      }
      if (relevant) refreshSoon();
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
      setTimeout(connect, 5000);
    });
    const connect = async () => {
      if (connection.state !== signalR.HubConnectionState.Disconnected) return;
      try {
        await connection.start();
      } catch {
        showState('disconnected');
        setTimeout(connect, 5000);
        return;
      }
      catchUp();
    };
    connect();
  };

  return { start, format, announce, showsCases: interest.length > 0, everyCase };
})();
