// Small DOM helpers shared by the pages.

/** el('div', {class: 'x', onclick: f}, child, 'text', ...): an element with attributes, listeners and children. */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            node.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else {
            node.setAttribute(name, value === true ? '' : value);
        }
    }
    for (const child of children.flat()) {
        if (child !== undefined && child !== null && child !== false) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

/** A titled panel; returns [panel, body]. */
export function panel(title, ...intro) {
    const body = el('div', { class: 'panel-body' });
    return [el('section', { class: 'panel' }, el('h2', {}, title), intro.length ? el('p', { class: 'intro' }, ...intro) : null, body), body];
}

/** Replaces the contents of `target` with a readable message for an ApiError (or any error). */
export function showError(target, error) {
    const problem = error.problem || { title: 'Something went wrong in the page', detail: String(error.message || error) };
    const box = el('div', { class: 'error', role: 'alert' },
        el('strong', { class: 'error-title' }, problem.title || 'Request failed',
            problem.status ? ` (${error.service || ''} ${problem.status})` : ''),
        problem.detail ? el('p', { class: 'error-detail' }, problem.detail) : null,
        problem.violations && problem.violations.length
            ? el('ul', {}, problem.violations.map((v) => el('li', {}, el('code', {}, v.path), ': ', v.message)))
            : null);
    target.replaceChildren(box);
    return box;
}

/** Shows an indeterminate progress bar with a label and elapsed seconds in `target`; returns a function that stops it. */
export function progress(target, label) {
    const elapsed = el('span', { class: 'elapsed' }, '0.0 s');
    const bar = el('div', { class: 'progress', role: 'progressbar', 'aria-busy': 'true' },
        el('div', { class: 'progress-track' }, el('div', { class: 'progress-fill' })),
        el('span', {}, label, ' '), elapsed);
    target.replaceChildren(bar);
    const started = performance.now();
    const timer = setInterval(() => {
        elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    }, 100);
    return () => {
        clearInterval(timer);
        bar.remove();
    };
}

/** Runs `work` with a progress bar in `target`; on failure shows the error there instead and returns undefined. */
export async function withProgress(target, label, work) {
    const stop = progress(target, label);
    try {
        return await work();
    } catch (error) {
        showError(target, error);
        console.warn(error);
        return undefined;
    } finally {
        stop();
    }
}

/** <select> of [value, label] pairs. */
export function select(name, options, selected, attributes = {}) {
    return el('select', { name, id: name, ...attributes },
        options.map(([value, label]) => el('option', { value, selected: String(value) === String(selected) }, label)));
}

/** A fieldset of checkboxes named `name`: items are [value, label, title?]; those in `chosen` start ticked. */
export function checkboxes(legend, name, items, chosen) {
    return el('fieldset', { class: 'choices' }, el('legend', {}, legend),
        items.map(([value, label, title]) => el('label', { title },
            el('input', { type: 'checkbox', name, value, checked: chosen.has(value) }), ` ${label}`)));
}

/** Runs `action(form)` on submit instead of navigating. */
export function onSubmit(form, action) {
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        action(form);
    });
}

/** A label wrapping a control. */
export function field(label, control) {
    return el('label', { class: 'field' }, el('span', {}, label), control);
}

/**
 * A table whose columns sort on click. columns: [{key, label, value(row) → sortable, render(row) → node|text, numeric}].
 */
export function sortableTable(columns, rows, { sortKey, descending = false, rowAttributes = () => ({}) } = {}) {
    let key = sortKey;
    let down = descending;
    const tbody = el('tbody');
    const headers = columns.map((column) => el('th', {
        class: column.numeric ? 'num sortable' : 'sortable',
        title: column.title || `Sort by ${column.label}`,
        dataset: { key: column.key },
        onclick: () => {
            down = key === column.key ? !down : column.numeric === true;
            key = column.key;
            draw();
        },
    }, column.label));
    const draw = () => {
        const column = columns.find((c) => c.key === key);
        const sorted = column ? [...rows].sort((a, b) => compare(column.value(a), column.value(b), down)) : rows;
        headers.forEach((th) => th.setAttribute('aria-sort', th.dataset.key === key ? (down ? 'descending' : 'ascending') : 'none'));
        tbody.replaceChildren(...sorted.map((row) => el('tr', rowAttributes(row),
            columns.map((c) => el('td', { class: c.numeric ? 'num' : null }, c.render ? c.render(row) : c.value(row))))));
    };
    draw();
    return el('table', { class: 'data' }, el('thead', {}, el('tr', {}, headers)), tbody);
}

/** Missing values last in either direction. */
function compare(a, b, descending) {
    const missingA = a === undefined || a === null;
    const missingB = b === undefined || b === null;
    if (missingA || missingB) {
        return missingA === missingB ? 0 : missingA ? 1 : -1;
    }
    const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
    return descending ? -order : order;
}

/** Reads the page's parameters from the hash (#/page?x=1&y=2). */
export function hashParams() {
    const query = location.hash.split('?')[1] || '';
    return new URLSearchParams(query);
}
