// Shows the sections and fields that belong to the answers given so far, and narrows dependent choices
// (the notification matrix), as the server does on "Update". The server checks again on Confirm and Apply.
(() => {
  const form = document.querySelector('[data-form-conditions]');
  if (!form) return;
  const valueOf = key => {
    const fields = form.querySelectorAll(`[name="Values[${key}]"]`);
    for (const field of fields) {
      if ((field.type === 'radio' || field.type === 'checkbox') && !field.checked) continue;
      if (!field.disabled) return field.value;
    }
    return '';
  };
  const update = () => {
    form.querySelectorAll('[data-show-field]').forEach(element => {
      const key = element.dataset.showField;
      if (!key) return;
      element.hidden = !element.dataset.showValues.split(' ').includes(valueOf(key));
    });
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
  form.addEventListener('change', update);
  update();
})();
