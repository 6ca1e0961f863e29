// TPU vs GPU: one workload (BERT-large pretraining by default) across chosen accelerators through the costing
// service's comparison (POST /v1/comparisons): time, dollars, energy and performance per dollar as bars, with each
// answer's error band (its regime's 90th-percentile error on published measurements: TPUs and GPUs have their own).
import { baseUrl, call } from '../api.js';
import { acceleratorOptions, accelerators, models } from '../catalog.js';
import { axis, color, draw } from '../charts.js';
import * as fmt from '../format.js';
import { checkboxes, el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

const DEFAULT_DEVICES = ['google-tpu-v3', 'google-tpu-v4', 'google-tpu-v5p', 'nvidia-a100-sxm-80gb', 'nvidia-h100-sxm', 'amd-mi300x'];

/** Devlin et al. 2019: BERT-large pretrained for 1,000,000 steps of 256 sequences (512 tokens here, the longer phase). */
const DEFAULTS = { model: 'bert-large', mode: 'training', batch: 256, sequenceLength: 512, format: 'bf16', steps: 1000000, devices: 8 };

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('TPU vs GPU',
        'One workload on each chosen accelerator, costed by the costing service (POST /v1/comparisons, saved). Time and cost are '
        + 'for the whole run on the given number of devices in data parallel; energy assumes TDP for the whole time; dollars use '
        + 'the catalog\'s on-demand cloud price per device-hour. Whiskers span each answer\'s error band: the 90th-percentile error '
        + 'of its regime on published measurements it was not calibrated on (GET /v1/validation; TPU and GPU training are separate regimes).');
    const [resultPanel, resultBody] = panel('Results');
    root.append(formPanel, resultPanel);

    const loaded = await withProgress(formBody, 'Loading the catalog…', () => Promise.all([accelerators(), models()]));
    if (!loaded) {
        return;
    }
    const [devices, modelList] = loaded;
    const chosen = new Set(params.get('accelerators') ? params.get('accelerators').split(',') : DEFAULT_DEVICES);
    const value = (name) => params.get(name) || DEFAULTS[name];
    const form = el('form', { class: 'controls', id: 'comparison-form' },
        field('Model', select('model', modelList.filter((m) => m.kind !== 'cnn').map((m) => [m.id, m.name]), value('model'))),
        field('Mode', select('mode', [['training', 'training'], ['prefill', 'prefill'], ['decode', 'decode']], value('mode'))),
        field('Batch (sequences)', el('input', { type: 'number', name: 'batch', min: 1, value: value('batch') })),
        field('Sequence length', el('input', { type: 'number', name: 'sequenceLength', min: 1, value: value('sequenceLength') })),
        field('Format', select('format', ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8'].map((f) => [f, f]), value('format'))),
        field('Steps', el('input', { type: 'number', name: 'steps', min: 1, value: value('steps') })),
        field('Devices per run', el('input', { type: 'number', name: 'devices', min: 1, value: value('devices') })),
        el('button', { type: 'submit' }, 'Compare'),
        checkboxes('Accelerators (TPUs first)', 'acceleratorIds',
            acceleratorOptions([...devices].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'tpu' ? -1 : 1))), chosen));
    formBody.replaceChildren(form);
    onSubmit(form, () => compare(form, resultBody));
    await compare(form, resultBody);
}

async function compare(form, target) {
    const data = new FormData(form);
    const ids = data.getAll('acceleratorIds');
    const workload = {
        modelId: data.get('model'), mode: data.get('mode'), format: data.get('format'),
        batch: Number(data.get('batch')), sequenceLength: Number(data.get('sequenceLength')), devices: Number(data.get('devices')),
    };
    if (workload.mode === 'training') {
        workload.steps = Number(data.get('steps'));
    }
    const shared = new URLSearchParams(['model', 'mode', 'batch', 'sequenceLength', 'format', 'steps', 'devices'].map((k) => [k, data.get(k)]));
    shared.set('accelerators', ids.join(','));
    history.replaceState(null, '', `#/tpu-vs-gpu?${shared}`);
    const result = await withProgress(target, `Costing ${workload.modelId} ${workload.mode} on ${ids.length} accelerators…`,
        () => call('costing', '/v1/comparisons', { method: 'POST', body: { acceleratorIds: ids, workload: { model: workload } } }));
    if (!result) {
        return;
    }
    target.replaceChildren(el('p', { class: 'muted' }, 'Saved as ',
        el('a', { href: `${baseUrl('costing')}/v1/comparisons/${result.id}`, target: '_blank', rel: 'noopener' }, `comparison ${result.id}`), '.'));
    if (result.skipped.length) {
        target.append(el('div', { class: 'notice', id: 'skipped' }, el('b', {}, 'Not compared: '),
            el('ul', { class: 'plain' }, result.skipped.map((s) => el('li', {}, el('code', {}, s.acceleratorId), ': ', s.reason)))));
    }
    const entries = result.entries;
    const training = workload.mode === 'training';
    const grid = el('div', { class: 'row', id: 'comparison-charts' });
    target.append(grid);
    const maxSeconds = Math.max(...entries.map((e) => (training ? runOf(e).totalTimeSeconds : e.timeSeconds) || 0));
    const [timeUnit, timeScale] = maxSeconds > 3 * 86400 ? ['days', 86400] : maxSeconds > 3 * 3600 ? ['hours', 3600] : maxSeconds > 1 ? ['seconds', 1] : ['ms', 1e-3];
    bars(grid, entries, {
        heading: training ? `Time to train (${workload.steps.toLocaleString('en-US')} steps on ${workload.devices} devices)` : 'Time per step',
        axisTitle: timeUnit, value: (e) => scaled(training ? runOf(e).totalTimeSeconds : e.timeSeconds, timeScale),
        label: (v) => `${fmt.number(v)} ${timeUnit}`, missing: 'no time', banded: true,
    });
    bars(grid, entries, {
        heading: training ? 'Cost of the run at the cloud price' : 'Cost per step at the cloud price', axisTitle: 'US dollars',
        value: (e) => scaled(training ? runOf(e).costUsd : e.costUsd, 1), label: fmt.usd, missing: 'the catalog has no cloud price', banded: true,
    });
    bars(grid, entries, {
        heading: training ? 'Energy of the run at TDP' : 'Energy per step at TDP', axisTitle: training ? 'kWh' : 'joules',
        value: (e) => (training ? scaled(runOf(e).energyJoules, 3.6e6) : scaled(e.energyJoules, 1)),
        label: (v) => (training ? `${fmt.number(v)} kWh` : `${fmt.number(v)} J`), missing: 'the catalog has no TDP', banded: true,
    });
    bars(grid, entries, {
        heading: 'Performance per dollar (achieved FLOP/s per cloud $/h)', axisTitle: 'FLOP/s per $/h',
        value: (e) => scaled(e.flopsPerSecondPerCloudUsdPerHour, 1), label: (v) => fmt.si(v, 'FLOP/s per $/h'), ticks: (v) => fmt.si(v, ''),
        missing: 'the catalog has no cloud price',
    });
    target.append(table(entries, training));
}

const runOf = (entry) => entry.estimate.run || {};

/** The answer's band as a fraction (its regime's p90 error on held-out published measurements), or null when it claims none. */
const bandOf = (entry) => {
    const band = entry.estimate.expectedError;
    return band && band.p90AbsoluteErrorPercent !== undefined && band.p90AbsoluteErrorPercent !== null ? band.p90AbsoluteErrorPercent / 100 : null;
};

/** A value in display units (seconds in days, joules in kWh), or null when the API gave none. */
const scaled = (value, unit) => (value === undefined || value === null ? null : value / unit);

/** One horizontal bar chart in its own panel; devices without the value are named under it with the reason. */
function bars(target, entries, { heading, axisTitle, value, label, ticks, missing, banded }) {
    const box = el('section', { class: 'panel chart-panel' }, el('h2', {}, heading));
    target.append(box);
    const shown = entries.filter((e) => value(e) !== null);
    const absent = entries.filter((e) => !shown.includes(e));
    if (!shown.length) {
        box.append(el('p', { class: 'notice' }, `No accelerator has this figure: ${missing}.`));
        return;
    }
    const ranges = banded ? shown.map((e) => (bandOf(e) === null ? null : [value(e) * Math.max(0, 1 - bandOf(e)), value(e) * (1 + bandOf(e))])) : null;
    const valueAxis = axis(axisTitle, { beginAtZero: true, ticks: ticks || ((v) => fmt.number(v)) });
    if (ranges && ranges.some(Boolean)) {
        valueAxis.suggestedMax = Math.max(...ranges.filter(Boolean).map((r) => r[1]));
    }
    draw(box, {
        type: 'bar',
        data: {
            labels: shown.map((e) => e.acceleratorName),
            datasets: [{ label: axisTitle, data: shown.map(value), backgroundColor: shown.map((e) => color(entries.indexOf(e))),
                errorBars: ranges }],
        },
        options: {
            indexAxis: 'y',
            plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => label(c.raw) + (banded && bandOf(shown[c.dataIndex]) !== null
                ? ` (± ${fmt.number(bandOf(shown[c.dataIndex]) * 100)} %, ${shown[c.dataIndex].estimate.expectedError.category})` : '') } } },
            scales: { x: valueAxis, y: axis('accelerator') },
        },
    }, { height: 90 + shown.length * 34, label: heading });
    if (absent.length) {
        box.append(el('p', { class: 'muted' }, `Not shown (${missing}): ${absent.map((e) => e.acceleratorName).join(', ')}.`));
    }
}

function table(entries, training) {
    const headers = ['Accelerator', 'Step time', training ? 'Time to train' : null, 'Error band (p90)', 'Tokens/s', 'Utilization', 'Bound',
        training ? 'Cost of run' : 'Cost per step', training ? 'Energy of run' : 'Energy per step', 'FLOP/s per list $', 'FLOP/s per cloud $/h'].filter(Boolean);
    return el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'comparison-table' },
        el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: i ? 'num' : null }, h)))),
        el('tbody', {}, entries.map((e) => el('tr', {},
            el('td', {}, e.acceleratorName),
            el('td', { class: 'num' }, fmt.seconds(e.timeSeconds)),
            training ? el('td', { class: 'num' }, fmt.seconds(runOf(e).totalTimeSeconds)) : null,
            el('td', { class: 'num band', title: e.estimate.expectedError ? `${e.estimate.expectedError.category}: ${e.estimate.expectedError.note || ''}` : '' },
                bandOf(e) === null ? 'none claimed' : `± ${fmt.number(bandOf(e) * 100)} % (${e.estimate.expectedError.category})`),
            el('td', { class: 'num' }, fmt.number(runOf(e).tokensPerSecond)),
            el('td', { class: 'num' }, fmt.percent(e.utilization)),
            el('td', { class: 'num' }, e.bound),
            el('td', { class: 'num' }, fmt.usd(training ? runOf(e).costUsd : e.costUsd)),
            el('td', { class: 'num' }, training ? fmt.kwh(runOf(e).energyJoules) : `${fmt.number(e.energyJoules)} J`),
            el('td', { class: 'num' }, fmt.si(e.flopsPerSecondPerListPriceUsd, 'FLOP/s')),
            el('td', { class: 'num' }, fmt.si(e.flopsPerSecondPerCloudUsdPerHour, 'FLOP/s')))))));
}
