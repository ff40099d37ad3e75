// Waits for the card to be read on the phone: a push over SignalR moves the page on at once; polling
// every 3 s is the safety net (and the only channel if WebSockets are blocked). Past the deadline the
// page says the time ran out and offers to start again.
(() => {
  const box = document.getElementById('wait-active');
  if (!box || box.hidden) return;
  const id = box.dataset.verification;
  const deadline = new Date(box.dataset.expires).getTime();
  const status = document.getElementById('wait-status');
  let finished = false;

  const proceed = () => {
    if (finished) return;
    finished = true;
    location.assign(box.dataset.next);
  };
  const timedOut = () => {
    if (finished) return;
    finished = true;
    box.hidden = true;
    const timeout = document.getElementById('wait-timeout');
    timeout.hidden = false;
    status.textContent = timeout.innerText;
    timeout.querySelector('button')?.focus();
  };
  const poll = async () => {
    if (finished) return;
    try {
      const response = await fetch(box.dataset.state, { headers: { 'X-Rasens-Background': '1' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const { state } = await response.json();
      if (state === 'Completed') proceed();
      else if (state === 'Expired' || state === 'Failed') timedOut();
    } catch { /* network hiccup: the next poll tries again */ }
  };

  if (window.signalR) {
    const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/portal').withAutomaticReconnect().build();
    connection.on('identityVerified', verificationId => { if (verificationId === id) proceed(); });
    connection.start().catch(() => { /* polling carries on */ });
  }
  const timer = setInterval(() => { if (finished) clearInterval(timer); else poll(); }, 3000);
  setTimeout(poll, Math.max(0, deadline - Date.now()) + 1000);
})();
