// Which accelerator for my budget: a workload and the limits it must meet → every catalog device that can run it, costed by
// the costing service in one call (POST /v1/comparisons with a catalog filter and a budget), ranked by what the whole run
// costs, with its time, energy, electricity and CO2e, and each answer's error band; the devices left out with the limit they
// break or the reason they cannot run it.
import { baseUrl, call } from '../api.js';
import { models } from '../catalog.js';
import { axis, color, draw } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

/** Devlin et al. 2019's BERT-large phase 1: 900,000 steps of 256 sequences of 128 tokens; here a 1,000-step slice on one device. */
const DEFAULTS = { model: 'bert-large', mode: 'training', batch: 32, sequenceLength: 128, format: 'bf16', steps: 1000, tokens: 1000000,
    devices: 1, kind: 'gpu', minMemoryGiB: '', maxCloudUsdPerHour: '', maxListPriceUsd: '', maxCostUsd: '', maxTimeHours: '' };

const LIMITS = [
    ['maxCloudUsdPerHour', 'Most per device-hour in the cloud ($)'],
    ['maxListPriceUsd', 'Most to buy one device ($)'],
    ['maxCostUsd', 'Most for the whole run ($)'],
    ['maxTimeHours', 'Longest the run may take (hours)'],
];

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Which accelerator for my budget',
        'A workload and the limits it must meet. Every catalog device that matches the filter is costed by the costing service in '
        + 'one call (POST /v1/comparisons, saved) and ranked by what the whole run costs at its on-demand cloud price; devices over a '
        + 'limit or unable to run the workload are listed with the reason. Energy is the devices at TDP for the whole run; '
        + 'electricity and CO2e use the US-average region\'s price and grid intensity. Each answer carries the error band of its '
        + 'regime on published measurements (GET /v1/validation).');
    const [resultPanel, resultBody] = panel('Ranked devices');
    root.append(formPanel, resultPanel);

    const modelList = await withProgress(formBody, 'Loading the catalog…', () => models());
    if (!modelList) {
        return;
    }
    const value = (name) => params.get(name) ?? DEFAULTS[name];
    const number = (name, attributes = {}) => el('input', { type: 'number', name, value: value(name), step: 'any', ...attributes });
    const form = el('form', { class: 'controls', id: 'budget-form' },
        field('Model', select('model', modelList.filter((m) => m.kind !== 'cnn').map((m) => [m.id, m.name]), value('model'))),
        field('Mode', select('mode', [['training', 'training'], ['prefill', 'prefill'], ['decode', 'decode']], value('mode'))),
        field('Batch (sequences)', number('batch', { min: 1, step: 1 })),
        field('Sequence length', number('sequenceLength', { min: 1, step: 1 })),
        field('Format', select('format', ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'fp4', 'int8'].map((f) => [f, f]), value('format'))),
        field('Steps (training)', number('steps', { min: 1, step: 1 })),
        field('Tokens to generate (decode)', number('tokens', { min: 1, step: 1 })),
        field('Devices per run', number('devices', { min: 1, step: 1 })),
        field('Kind', select('kind', [['', 'any'], ['gpu', 'GPU'], ['tpu', 'TPU'], ['other', 'other']], value('kind'))),
        field('Memory per device at least (GiB)', number('minMemoryGiB', { min: 0 })),
        ...LIMITS.map(([name, label]) => field(label, number(name, { min: 0 }))),
        el('button', { type: 'submit' }, 'Rank'));
    formBody.replaceChildren(form);
    onSubmit(form, () => rank(form, resultBody));
    await rank(form, resultBody);
}

async function rank(form, target) {
    const data = Object.fromEntries(new FormData(form));
    const workload = { modelId: data.model, mode: data.mode, format: data.format, batch: Number(data.batch),
        sequenceLength: Number(data.sequenceLength), devices: Number(data.devices) };
    if (workload.mode === 'training') {
        workload.steps = Number(data.steps);
    } else if (workload.mode === 'decode') {
        workload.tokens = Number(data.tokens);
    }
    const filter = { format: data.format };
    if (data.kind) {
        filter.kind = data.kind;
    }
    if (data.minMemoryGiB) {
        filter.minMemoryBytes = String(Math.round(Number(data.minMemoryGiB) * 2 ** 30));
    }
    const budget = {};
    for (const [name] of LIMITS) {
        if (data[name] !== '' && data[name] !== undefined) {
            budget[name === 'maxTimeHours' ? 'maxTimeSeconds' : name] = Number(data[name]) * (name === 'maxTimeHours' ? 3600 : 1);
        }
    }
    history.replaceState(null, '', `#/budget?${new URLSearchParams(Object.entries(data).filter(([, v]) => v !== ''))}`);
    const result = await withProgress(target, `Costing ${workload.modelId} ${workload.mode} on every matching accelerator…`,
        () => call('costing', '/v1/comparisons', { method: 'POST', body: { filter, workload: { model: workload }, budget } }));
    if (!result) {
        return;
    }
    const unit = unitOf(workload);
    const byId = new Map(result.entries.map((e) => [e.acceleratorId, e]));
    const priced = result.byCost.map((id) => byId.get(id));
    const unpriced = result.byTime.map((id) => byId.get(id)).filter((e) => !result.byCost.includes(e.acceleratorId));
    target.replaceChildren(el('p', { class: 'muted' }, `${result.entries.length} ranked, ${result.skipped.length} left out. Saved as `,
        el('a', { href: `${baseUrl('costing')}/v1/comparisons/${result.id}`, target: '_blank', rel: 'noopener' }, `comparison ${result.id}`), '.'));
    target.append(rankedTable([...priced, ...unpriced], unit));
    if (priced.length) {
        draw(target, {
            type: 'bar',
            data: { labels: priced.map((e) => e.acceleratorName),
                datasets: [{ label: `$ ${unit.label}`, backgroundColor: color(0), data: priced.map((e) => unit.per(e)) }] },
            options: { indexAxis: 'y', plugins: { legend: { display: false } },
                scales: { x: axis(`US dollars ${unit.label} (rented, on-demand)`, { beginAtZero: true }), y: axis('accelerator') } },
        }, { height: Math.max(220, priced.length * 24 + 80), label: `dollars ${unit.label}` });
    }
    if (result.skipped.length) {
        target.append(el('div', { class: 'notice', id: 'left-out' }, el('b', {}, 'Left out: '),
            el('ul', { class: 'plain' }, result.skipped.map((s) => el('li', { dataset: { id: s.acceleratorId } }, el('code', {}, s.acceleratorId), ': ', s.reason)))));
    }
}

/** What one unit of work is for the mode: the whole run (training), a million tokens generated (decode) or processed (prefill). */
function unitOf(workload) {
    const run = (e) => e.estimate.runCostUsd ?? e.costUsd;
    if (workload.mode === 'decode') {
        const tokens = workload.tokens * workload.batch;
        return { label: 'per million tokens generated', per: (e) => (run(e) === undefined ? undefined : run(e) / tokens * 1e6) };
    }
    if (workload.mode === 'prefill') {
        const tokens = workload.batch * workload.sequenceLength;
        return { label: 'per million prompt tokens', per: (e) => (run(e) === undefined ? undefined : run(e) / tokens * 1e6) };
    }
    return { label: `per run (${workload.steps.toLocaleString('en-US')} steps)`, per: run };
}

function rankedTable(entries, unit) {
    const band = (e) => (e.estimate.expectedError
        ? `${fmt.number(e.estimate.expectedError.medianAbsoluteErrorPercent, 2)} % / ${fmt.number(e.estimate.expectedError.p90AbsoluteErrorPercent, 2)} %`
        : '—');
    const electricity = (e) => e.estimate.electricity;
    return el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'ranked' },
        el('thead', {}, el('tr', {}, ['#', 'Accelerator', 'Time (run)', `$ ${unit.label}`, 'Cloud $/h', 'List price', 'Energy',
            'Electricity', 'CO2e', 'Error band (median / p90)'].map((h, i) => el('th', { class: i > 1 ? 'num' : null }, h)))),
        el('tbody', {}, entries.map((e, i) => el('tr', { dataset: { id: e.acceleratorId } },
            el('td', {}, String(i + 1)),
            el('td', {}, el('b', {}, e.acceleratorName), el('br'), el('span', { class: 'muted' }, e.acceleratorId)),
            el('td', { class: 'num' }, fmt.seconds(e.estimate.runTimeSeconds ?? e.timeSeconds)),
            el('td', { class: 'num' }, unit.per(e) === undefined ? 'no cloud price' : fmt.usd(unit.per(e))),
            el('td', { class: 'num' }, e.cloudPriceUsdPerHour === undefined ? '—' : `${fmt.usd(e.cloudPriceUsdPerHour)}/h`),
            el('td', { class: 'num' }, fmt.usd(e.listPriceUsd)),
            el('td', { class: 'num' }, electricity(e) ? `${fmt.number(electricity(e).totalEnergyKwh)} kWh` : '—'),
            el('td', { class: 'num' }, electricity(e)?.totalElectricityUsd === undefined ? '—' : fmt.usd(electricity(e).totalElectricityUsd)),
            el('td', { class: 'num' }, electricity(e)?.totalCo2eKilograms === undefined ? '—' : `${fmt.number(electricity(e).totalCo2eKilograms)} kg`),
            el('td', { class: 'num' }, band(e)))))));
}
