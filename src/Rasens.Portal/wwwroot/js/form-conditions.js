// Shows the sections and fields that belong to the answers given so far, narrows dependent choices (the
// notification matrix) and offers one more / one fewer row of a repeating section (family in Japan), as the
// server does on "Update". The server checks everything again on Confirm and Apply.
(() => {
  const form = document.querySelector('[data-form-conditions]');
  if (!form) return;
  // A hidden field's answer does not count, just as the server drops it.
  const valueOf = key => {
    const fields = form.querySelectorAll(`[name="Values[${key}]"]`);
    for (const field of fields) {
      if ((field.type === 'radio' || field.type === 'checkbox') && !field.checked) continue;
      if (field.disabled || field.closest('[hidden]')) continue;
      return field.value;
    }
    return '';
  };
  const update = () => {
    // Conditions can chain (a box hides a choice that shows a field), so settle them in a few passes.
    for (let pass = 0; pass < 3; pass++) {
      form.querySelectorAll('[data-show-field]').forEach(element => {
        const key = element.dataset.showField;
        if (!key) return;
        const matches = element.dataset.showValues.split(' ').includes(valueOf(key));
        element.hidden = element.dataset.showNegate === 'true' ? matches : !matches;
      });
    }
    form.querySelectorAll('select[data-choices-from]').forEach(select => {
      const parent = valueOf(select.dataset.choicesFrom);
      for (const option of select.options) {
        if (!option.dataset.parents) continue;
        const available = parent !== '' && option.dataset.parents.split(' ').includes(parent);
        option.hidden = option.disabled = !available;
        if (!available && option.selected) select.value = '';
      }
    });
  };

  // Repeating sections: without JavaScript every row is on the page; with it, only the rows in use and an
  // "add" button. A removed row is emptied, so the server drops it.
  form.querySelectorAll('[data-repeat]').forEach(group => {
    const rows = [...group.querySelectorAll('[data-repeat-row]')];
    const add = group.querySelector('[data-add-row]');
    const refresh = () => {
      const visible = rows.filter(row => !row.hidden);
      add.hidden = visible.length === rows.length;
      visible.forEach(row => { row.querySelector('[data-remove-row]').hidden = visible.length === 1; });
    };
    rows.forEach(row => {
      if (row.dataset.filled !== 'true') row.hidden = true;
      row.querySelector('[data-remove-row]').addEventListener('click', () => {
        row.querySelectorAll('input, select, textarea').forEach(input => {
          if (input.type === 'radio' || input.type === 'checkbox') input.checked = false; else input.value = '';
        });
        row.hidden = true;
        refresh();
        (group.querySelector('[data-repeat-row]:not([hidden]) input, [data-repeat-row]:not([hidden]) select') || add).focus();
      });
    });
    add.addEventListener('click', () => {
      const next = rows.find(row => row.hidden);
      if (!next) return;
      next.hidden = false;
      refresh();
      next.querySelector('input, select, textarea')?.focus();
    });
    refresh();
  });

  form.addEventListener('change', update);
  update();
})();
