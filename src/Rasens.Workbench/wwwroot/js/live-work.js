// Live Workbench (issue 6), the Workbench's part, on the shell's live client (/_content/Rasens.Web/js/live.js):
// every staff page connects. Queue pages refresh their tabs and table; a case page refreshes when someone else acts
// on its case and says who did what; anyone whose case is reassigned or released by someone else is told at once,
// on whatever page they are, with a link to the case.
(() => {
  const live = window.rasensLive;
  if (!live) return;
  const me = document.body.dataset.liveMe;
  const texts = JSON.parse(document.body.dataset.liveTexts || '{}');
  const alertBox = document.querySelector('[data-live-alert]');

  const alert = (text, href) => {
    if (!alertBox || !text) return;
    const link = document.createElement('a');
    link.href = href;
    link.textContent = text;
    alertBox.replaceChildren(link);
  };
  const what = e => e.type === 'case.status-changed' ? texts[e.action] || e.action : texts[e.type] || e.type;

  live.start({
    refreshDelay: 250,
    onRegionKept: () => live.announce(texts.caseChangedKept),
    onEvent: (e, shown) => {
      if (e.previousHolderId === me && e.actorId !== me && e.holderId !== me) {
        alert(live.format(e.type === 'case.assigned' ? texts.reassigned : texts.released, e.referenceNumber, e.holderName, e.actorName), `/Cases/${e.caseId}`);
      }
      // A queue (every case) only refreshes; a case page also says who did what, unless it was this user.
      if (shown && !live.everyCase && e.actorId !== me) live.announce(live.format(texts.caseChanged, e.actorName, what(e)));
    },
  });
})();
