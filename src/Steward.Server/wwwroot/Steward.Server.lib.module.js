// Blazor JavaScript initializer (found by its name, <assembly>.lib.module.js).

// A click anywhere in the sourcing matrix arrives as one event naming the cell, so the grid can be
// rendered as plain markup with a single handler instead of a thousand (see MatrixGrid.razor).
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('matrixcellclick', {
        browserEventName: 'click',
        createEventArgs: event => {
            const button = event.target instanceof Element ? event.target.closest('button.cell-button') : null;
            const cell = button?.closest('td[data-process]');
            const row = cell?.closest('tr[data-service-id]');
            return { serviceId: row?.dataset.serviceId ?? null, processKey: cell?.dataset.process ?? null };
        },
    });
}

// Keyboard shortcuts of the agent workspace. An element with data-shortcut="x" is focused (a field)
// or clicked (a button or link) when x is pressed outside a text field; in a queue
// (table[data-queue]) j and k move between rows and Enter opens the selected one.
document.addEventListener('keydown', event => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) {
        if (event.key === 'Escape') target.blur();
        return;
    }
    const queue = document.querySelector('table[data-queue]');
    if (queue && (event.key === 'j' || event.key === 'k' || event.key === 'Enter')) {
        const rows = [...queue.querySelectorAll('tr[data-href]')];
        if (rows.length === 0) return;
        let index = rows.findIndex(r => r.classList.contains('queue-selected'));
        if (event.key === 'Enter') {
            if (index >= 0) window.location.assign(rows[index].dataset.href);
            return;
        }
        rows[index]?.classList.remove('queue-selected');
        index = event.key === 'j' ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
        rows[index].classList.add('queue-selected');
        rows[index].scrollIntoView({ block: 'nearest' });
        event.preventDefault();
        return;
    }
    const element = document.querySelector(`[data-shortcut="${CSS.escape(event.key)}"]`);
    if (!element) return;
    event.preventDefault();
    const field = element.matches('input, textarea') ? element : element.querySelector('input, textarea');
    if (field) field.focus();
    else element.click();
});
