// Live status (issue 6), the Portal's part: a page that shows the applicant's cases ([data-live-cases]) follows them
// through the shell's live client (/_content/Rasens.Web/js/live.js), which refreshes its live regions; this says in
// the ARIA live region what changed: "received" for a submission, else the case's new status in the page's language.
(() => {
  const live = window.rasensLive;
  if (!live || !live.showsCases) return;
  const statusTexts = JSON.parse(document.body.dataset.statusTexts || '{}');
  const notice = document.querySelector('[data-live-notice]');

  live.start({
    onEvent: (e, shown) => {
      if (!shown) return;
      // The event names its case; the page's own copy only serves events stored before events carried it.
      const reference = e.referenceNumber ?? document.querySelector(`[data-case-id="${e.caseId}"]`)?.dataset.caseRef;
      live.announce(e.type === 'case.submitted'
        ? live.format(notice?.dataset.textReceived, reference)
        : live.format(notice?.dataset.textChanged, reference, statusTexts[e.status] || e.status));
    },
  });
})();
