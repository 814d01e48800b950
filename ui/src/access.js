import './presence.js';
import './webhooks.js';

// The access page's one convenience: ticking a view ticks the actions such a screen usually has (the server's
// Devices.defaultActions, carried in each view's data-actions). The form works the same without it.

const form = document.getElementById('approve');
if (form) {
  const views = [...form.querySelectorAll('input[name="views"]')];
  const actions = [...form.querySelectorAll('input[name="actions"]')];
  views.forEach((view) => view.addEventListener('change', () => {
    const usual = new Set(views.filter((v) => v.checked).flatMap((v) => v.dataset.actions.split(' ').filter(Boolean)));
    actions.forEach((action) => {
      action.checked = usual.has(action.value);
    });
  }));
}
