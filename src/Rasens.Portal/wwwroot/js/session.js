// Automatic logout after 3 hours without activity (001 §3.6). The server decides (IdleSession);
// this only warns 10 minutes before: OK extends by 3 hours, Cancel lets the logout happen at the time shown.
(() => {
  const body = document.body;
  const dialog = document.getElementById('session-dialog');
  if (!body.dataset.sessionSeconds || !dialog) return;
  const warnBefore = 10 * 60 * 1000;
  // The server says how long is left; counting from this browser's own clock keeps a wrong PC clock harmless.
  let expires = Date.now() + Number(body.dataset.sessionSeconds) * 1000;
  let warnTimer, endTimer;

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    const now = Date.now();
    warnTimer = setTimeout(warn, Math.max(0, expires - warnBefore - now));
    endTimer = setTimeout(end, Math.max(0, expires - now));
  };
  const warn = () => {
    dialog.querySelector('[data-session-time]').textContent =
      new Date(expires).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
    if (!dialog.open) dialog.showModal();
    dialog.querySelector('[data-session-extend]').focus();
  };
  const end = () => {
    if (dialog.open) dialog.close();
    document.getElementById('session-timeout-form').submit();
  };

  dialog.querySelector('[data-session-extend]').addEventListener('click', async () => {
    const response = await fetch(dialog.dataset.keepalive, {
      method: 'POST',
      headers: { 'RequestVerificationToken': dialog.dataset.token },
      credentials: 'same-origin',
    });
    if (!response.ok) { end(); return; }
    expires = Date.now() + (await response.json()).secondsLeft * 1000;
    dialog.close();
    schedule();
  });
  dialog.querySelector('[data-session-cancel]').addEventListener('click', () => dialog.close());
  schedule();
})();
