// Live Workbench (issue 6): every staff page connects to the hub and catches up from the last event it has applied
// (the server's id at render time, then each event's id; an id already applied is ignored, so a replay after
// reconnecting never shows anything twice). Queue pages refresh their tabs and table; a case page refreshes when
// someone else acts on its case and says who did what; anyone whose case is reassigned or released by someone
// else is told at once, on whatever page they are.
(() => {
  const body = document.body;
  if (!window.signalR || !body.dataset.liveSince) return;
  const me = body.dataset.liveMe;
  const texts = JSON.parse(body.dataset.liveTexts || '{}');
  const state = document.querySelector('[data-live-state]');
  const notice = document.querySelector('[data-live-notice]');
  const alertBox = document.querySelector('[data-live-alert]');
  const regions = () => [...document.querySelectorAll('[data-live-region]')];
  const interest = regions().map(r => r.dataset.liveCases).filter(Boolean);
  const everyCase = interest.includes('*');
  const cases = new Set(interest.filter(c => c !== '*'));
  let lastId = Number(body.dataset.liveSince);

  const format = (template, ...values) => values.reduce((text, value, i) => text.replaceAll(`{${i}}`, value ?? ''), template || '');
  const showState = name => {
    if (!state || state.dataset.state === name) return;
    state.dataset.state = name;
    state.textContent = texts[name];
  };
  const announce = (box, text, href) => {
    if (!box || !text) return;
    if (box === alertBox) {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = text;
      box.replaceChildren(link);
      return;
    }
    const item = document.createElement('li');
    item.textContent = text;
    box.querySelector('ul').prepend(item);
    while (box.querySelectorAll('li').length > 5) box.querySelector('li:last-child').remove();
  };
  const what = e => e.type === 'case.status-changed' ? texts[e.action] || e.action : texts[e.type] || e.type;

  // A region the user is typing in is left alone (what they typed stays); the others are swapped for their fresh selves.
  const typedIn = region => [...region.querySelectorAll('textarea, input[type=text], input[type=search]')].some(input => input.value !== input.defaultValue);
  let refreshing = null;
  let again = false;
  const refresh = async () => {
    if (refreshing) { again = true; return; }
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
          if (kept) announce(notice, texts.caseChangedKept);
        } catch { /* the next event or reconnect tries again */ }
      } while (again);
    })();
    try { await refreshing; } finally { refreshing = null; }
  };

  let queued = null;
  const refreshSoon = () => { if (!queued) queued = setTimeout(() => { queued = null; refresh(); }, 250); };

  const apply = events => {
    let relevant = false;
    for (const e of events.sort((a, b) => a.id - b.id)) {
      if (e.id <= lastId) continue;
      lastId = e.id;
      if (e.previousHolderId === me && e.actorId !== me && e.holderId !== me) {
        announce(alertBox, format(e.type === 'case.assigned' ? texts.reassigned : texts.released, e.referenceNumber, e.holderName, e.actorName), `/Cases/${e.caseId}`);
      }
      if (everyCase) {
        relevant = true;
      } else if (cases.has(String(e.caseId))) {
        relevant = true;
        if (e.actorId !== me) announce(notice, format(texts.caseChanged, e.actorName, what(e)));
      }
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
