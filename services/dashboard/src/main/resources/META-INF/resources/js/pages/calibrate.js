// Calibrate: paste your own measurements (a torch.matmul sweep as CSV, or ProfileMeasurement JSON), fit a calibration
// profile (POST /v1/calibration-profiles on costing), and see each fitted constant with its uncertainty, the error on
// your measurements before and after (leave one out), and the validation ledger's cases on the device under the profile.
import { apiKey, call } from '../api.js';
import { acceleratorOptions, accelerators } from '../catalog.js';
import { axis, color, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, onSubmit, panel, select, showError, sortableTable, withProgress } from '../ui.js';

// An example sweep to edit (illustrative timings of bf16 torch.matmul calls, seconds per call; not a published measurement).
const EXAMPLE = 'm,n,k,dtype,seconds\n# torch.matmul, warm, median of 50 (illustrative)\n8192,8192,8192,bfloat16,0.00158\n'
    + '4096,4096,4096,bfloat16,0.000215\n16384,8192,8192,bfloat16,0.00311\n2048,2048,2048,bfloat16,0.0000402\n';

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Calibrate from your own measurements',
        'Paste what your machines did — a torch.matmul sweep as CSV (columns m, n, k, dtype, seconds) or a JSON list of '
        + 'measurements (matmul, attention or model requests with timeSeconds) — and the costing model fits its constants for the '
        + 'regimes they touch, each against a prior around the calibration table, so one measurement moves only what it informs. '
        + 'Saving a profile needs an API key (top right); name the profile\'s id as calibrationProfile on later questions.');
    const [fitPanel, fitBody] = panel('Fitted constants');
    const [errorPanel, errorBody] = panel('Your measurements: error before and after');
    const [ledgerPanel, ledgerBody] = panel('Published measurements on this accelerator, with the table and under the profile');
    root.append(formPanel, fitPanel, el('div', { class: 'row' }, errorPanel, ledgerPanel));

    const devices = await withProgress(formBody, 'Loading the catalog…', () => accelerators());
    if (!devices) {
        return;
    }
    const form = el('form', { class: 'controls', id: 'calibrate-form' },
        field('Name', el('input', { name: 'name', value: params.get('name') || 'my cluster', required: true, maxlength: 200 })),
        field('Accelerator', select('acceleratorId', acceleratorOptions(devices), params.get('accelerator') || 'nvidia-h100-sxm')),
        field('Software stack', el('input', { name: 'software', placeholder: 'CUDA 12.4, PyTorch 2.4', maxlength: 500 })),
        el('button', { type: 'submit', id: 'fit' }, 'Fit and save'),
        el('label', { class: 'field wide' }, el('span', {}, 'Measurements (CSV or JSON)'),
            el('textarea', { name: 'text', id: 'measurements', rows: 8, spellcheck: 'false' }, EXAMPLE)));
    formBody.replaceChildren(form);
    onSubmit(form, () => fit(form, { fitBody, errorBody, ledgerBody }));
}

async function fit(form, targets) {
    const data = new FormData(form);
    const acceleratorId = data.get('acceleratorId');
    const text = String(data.get('text')).trim();
    if (!apiKey()) {
        showError(targets.fitBody, { problem: { title: 'An API key is needed', detail: 'A calibration profile is saved under the API key that '
            + 'creates it: enter yours in the API key field at the top right, then fit again.' } });
        return;
    }
    const profile = await withProgress(targets.fitBody, 'Fitting…', async () => {
        const measurements = await read(text, acceleratorId, targets.fitBody);
        return call('costing', '/v1/calibration-profiles', { method: 'POST', body: {
            name: data.get('name'), acceleratorIds: [acceleratorId], software: data.get('software') || undefined, measurements } });
    });
    if (!profile) {
        return;
    }
    const accelerator = profile.accelerators[0];
    parameters(targets.fitBody, profile, accelerator);
    errors(targets.errorBody, profile);
    await ledger(targets.ledgerBody, profile, acceleratorId);
}

/** JSON as given (a list, or an object with measurements); anything else is a matmul-csv import on the accelerator. */
async function read(text, acceleratorId, target) {
    if (text.startsWith('[') || text.startsWith('{')) {
        const parsed = JSON.parse(text);
        return Array.isArray(parsed) ? parsed : parsed.measurements;
    }
    const imported = await call('costing', '/v1/calibration-profiles/imports', { method: 'POST', body: { format: 'matmul-csv', acceleratorId, text } });
    if (imported.rejectedLines.length) {
        target.append(el('ul', { class: 'muted' }, imported.rejectedLines.map((l) => el('li', {}, `line ${l.line} skipped: ${l.reason}`))));
    }
    return imported.measurements;
}

function parameters(target, profile, accelerator) {
    const table = sortableTable([
        { key: 'parameter', label: 'Constant', value: (p) => p.parameter },
        { key: 'default', label: 'Table', numeric: true, value: (p) => p.defaultValue, render: (p) => fmt.number(p.defaultValue, 4) },
        { key: 'value', label: 'Fitted', numeric: true, value: (p) => p.value, render: (p) => (p.fitted ? fmt.number(p.value, 4) : '—') },
        { key: 'multiplier', label: '×', numeric: true, value: (p) => p.multiplier, render: (p) => (p.fitted ? fmt.number(p.multiplier, 3) : '') },
        { key: 'uncertainty', label: '± (1σ)', numeric: true, value: (p) => p.uncertaintyPercent, render: (p) => `${fmt.number(p.uncertaintyPercent, 2)} %` },
        { key: 'why', label: 'Moved by / why not', value: (p) => (p.fitted ? p.movedBy.join(', ') : p.notFittedBecause),
            render: (p) => (p.fitted ? `${p.movedBy.slice(0, 6).join(', ')}${p.movedBy.length > 6 ? ` and ${p.movedBy.length - 6} more` : ''}`
                + (p.atBound ? ' (at its bound)' : '') : p.notFittedBecause) },
    ], accelerator.parameters);
    table.id = 'profile-parameters';
    target.replaceChildren(
        el('p', {}, el('strong', {}, profile.name), ` on ${accelerator.acceleratorId} (${accelerator.architecture}), `
            + `${accelerator.measurements} measurements: median error ${fmt.number(accelerator.medianAbsoluteErrorBeforePercent, 3)} % with the `
            + `table's constants, ${fmt.number(accelerator.medianAbsoluteErrorLeaveOneOutPercent, 3)} % under the profile (each measurement `
            + 'predicted without itself).'),
        table,
        el('p', { class: 'muted', id: 'profile-id' }, `Saved as ${profile.id}: pass it as calibrationProfile to costing, planner and `
            + 'quantization requests.'));
}

function errors(target, profile) {
    const measured = profile.measurements;
    draw(target, {
        type: 'bar',
        data: {
            labels: measured.map((m) => m.id),
            datasets: [['errorBeforePercent', 'with the table'], ['errorLeaveOneOutPercent', 'under the profile (leave one out)']]
                .map(([key, label], i) => ({ label, backgroundColor: color(i), data: measured.map((m) => m[key]) })),
        },
        options: {
            plugins: { title: title('(predicted − measured) ÷ measured, % per measurement'),
                tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.number(c.raw, 3)} %` } } },
            scales: { x: axis('measurement'), y: axis('error (%)') },
        },
    }, { height: 320, label: 'error per measurement before and after' });
}

async function ledger(target, profile, acceleratorId) {
    const reports = await withProgress(target, 'Running the validation ledger with and without the profile…', () => Promise.all([
        call('costing', '/v1/validation'), call('costing', '/v1/validation', { query: { calibrationProfile: profile.id } })]));
    if (!reports) {
        return;
    }
    const [table, profiled] = reports;
    const before = new Map(table.cases.filter((c) => c.acceleratorId === acceleratorId).map((c) => [c.measurementId, c]));
    const rows = profiled.cases.filter((c) => before.has(c.measurementId))
        .map((c) => ({ id: c.measurementId, category: c.category, before: before.get(c.measurementId).errorPercent, after: c.errorPercent }));
    if (!rows.length) {
        target.replaceChildren(el('p', { class: 'muted' }, `The ledger holds no published measurement on ${acceleratorId} that the model expresses.`));
        return;
    }
    const cases = sortableTable([
        { key: 'id', label: 'Ledger case', value: (r) => r.id },
        { key: 'category', label: 'Regime', value: (r) => r.category },
        { key: 'before', label: 'Error, table', numeric: true, value: (r) => Math.abs(r.before), render: (r) => `${fmt.number(r.before, 3)} %` },
        { key: 'after', label: 'Error, profile', numeric: true, value: (r) => Math.abs(r.after), render: (r) => `${fmt.number(r.after, 3)} %` },
    ], rows, { sortKey: 'id' });
    cases.id = 'profile-ledger';
    target.replaceChildren(el('p', { class: 'muted' }, 'Published measurements of other people\'s machines: a profile that fits your cluster need '
        + 'not fit theirs, but a large change here is worth a look.'), cases);
}
