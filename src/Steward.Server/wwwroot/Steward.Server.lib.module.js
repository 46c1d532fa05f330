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
