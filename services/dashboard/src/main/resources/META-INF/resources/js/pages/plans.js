// Plans: a planner search (POST /v1/plans) and its best plans — memory per device against capacity, step-time
// breakdown, MFU — and the saved searches to reopen (GET /v1/plans, GET /v1/plans/{id}).
import { apiKey, call } from '../api.js';
import { models, systems } from '../catalog.js';
import { axis, color, draw, partDatasets, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

/**
 * Narayanan et al. 2021 scale: a 7.5B GPT on 64 A100s, 300B tokens (the GPT-3 token budget). The deadline is above the
 * planner's default (1 s): a search usually ends in a fraction of a second, but a planner just started needs longer.
 */
const DEFAULTS = { model: 'megatron-lm-7.5b', system: 'nvidia-dgx-a100-80gb', devices: 64, globalBatchSize: 512, sequenceLength: 2048,
    format: 'bf16', tokensBillions: 300, limit: 8, deadlineMillis: 10000 };

const MEMORY_PARTS = [['weightBytes', 'weights'], ['gradientBytes', 'gradients'], ['optimizerBytes', 'optimizer states'], ['activationBytes', 'activations']];
const STEP_PARTS = [['computeSeconds', 'compute'], ['recomputeSeconds', 'recompute'], ['tensorParallelSeconds', 'tensor-parallel communication'],
    ['pipelineP2pSeconds', 'pipeline send/receive'], ['pipelineBubbleSeconds', 'pipeline bubble'], ['dataParallelSeconds', 'data-parallel communication'],
    ['zeroGatherSeconds', 'ZeRO gather'], ['optimizerSeconds', 'optimizer step']];

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Plan search',
        'The planner searches data, tensor and pipeline parallelism, micro-batches, recomputation and ZeRO stages for a training job '
        + 'on a catalog system and returns the best plans that fit, fastest first. Each search is saved: under your API key (top right) '
        + 'until you delete it, or without one for 24 hours, reachable by its link.');
    const [resultPanel, resultBody] = panel('Best plans', 'Run a search, or open a saved one.');
    const [savedPanel, savedBody] = panel('Saved searches', 'Yours, newest first (GET /v1/plans with your API key).');
    root.append(formPanel, resultPanel, savedPanel);

    const loaded = await withProgress(formBody, 'Loading the catalog…', () => Promise.all([models(), systems()]));
    if (!loaded) {
        return;
    }
    const [modelList, systemList] = loaded;
    const value = (name) => params.get(name) || DEFAULTS[name];
    const form = el('form', { class: 'controls', id: 'plan-form' },
        field('Model', select('model', modelList.filter((m) => m.kind !== 'cnn').map((m) => [m.id, m.name]), value('model'))),
        field('System', select('system', systemList.map((s) => [s.id, s.name]), value('system'))),
        field('Devices', el('input', { type: 'number', name: 'devices', min: 1, value: value('devices') })),
        field('Global batch (sequences)', el('input', { type: 'number', name: 'globalBatchSize', min: 1, value: value('globalBatchSize') })),
        field('Sequence length', el('input', { type: 'number', name: 'sequenceLength', min: 1, value: value('sequenceLength') })),
        field('Format', select('format', ['fp16', 'bf16', 'fp8', 'tf32', 'fp32'].map((f) => [f, f]), value('format'))),
        field('Tokens to train (billions)', el('input', { type: 'number', name: 'tokensBillions', min: 0.001, step: 'any', value: value('tokensBillions') })),
        field('Plans to show', el('input', { type: 'number', name: 'limit', min: 1, max: 50, value: value('limit') })),
        field('Deadline (ms)', el('input', { type: 'number', name: 'deadlineMillis', min: 1, max: 30000, value: value('deadlineMillis') })),
        el('button', { type: 'submit', id: 'search' }, 'Search plans'));
    formBody.replaceChildren(form);
    onSubmit(form, async () => {
        await search(form, resultBody);
        await savedList(savedBody, resultBody);
    });
    await savedList(savedBody, resultBody);
    if (params.get('plan')) {
        await open(params.get('plan'), resultBody);
    }
}

async function search(form, target) {
    const data = Object.fromEntries(new FormData(form));
    const body = {
        modelId: data.model,
        cluster: { systemId: data.system, devices: Number(data.devices) },
        training: { globalBatchSize: Number(data.globalBatchSize), sequenceLength: Number(data.sequenceLength), format: data.format, tokens: Number(data.tokensBillions) * 1e9 },
        constraints: { limit: Number(data.limit), deadlineMillis: Number(data.deadlineMillis) },
    };
    history.replaceState(null, '', `#/plans?${new URLSearchParams(data)}`);
    const result = await withProgress(target, `Searching plans for ${data.model} on ${data.devices} devices of ${data.system}…`,
        () => call('planner', '/v1/plans', { method: 'POST', body }));
    if (result) {
        show(result, target, `${data.model} on ${data.devices} × ${data.system}`);
    }
}

async function open(id, target) {
    const result = await withProgress(target, `Opening saved search ${id}…`, () => call('planner', `/v1/plans/${encodeURIComponent(id)}`));
    if (result) {
        history.replaceState(null, '', `#/plans?plan=${id}`);
        show(result, target, `saved search ${id}`);
    }
}

async function savedList(target, resultBody) {
    if (!apiKey()) {
        target.replaceChildren(el('p', { class: 'muted', id: 'no-key' }, 'Saved searches are listed per API key: enter yours at the top '
            + 'right to see them. A search run without one is kept for 24 hours and opened by its link.'));
        return;
    }
    const page = await withProgress(target, 'Loading saved searches…', () => call('planner', '/v1/plans', { query: { pageSize: 20 } }));
    if (!page) {
        return;
    }
    const list = page.items;
    if (!list.length) {
        target.replaceChildren(el('p', { class: 'muted' }, 'No saved searches yet.'));
        return;
    }
    target.replaceChildren(el('table', { class: 'data', id: 'saved-plans' },
        el('thead', {}, el('tr', {}, ['Saved', 'Model', 'Accelerator', 'Devices', ''].map((h) => el('th', { class: h === 'Devices' ? 'num' : null }, h)))),
        el('tbody', {}, list.map((p) => el('tr', { dataset: { id: p.id } },
            el('td', {}, new Date(p.createdAt).toLocaleString('en-GB')), el('td', {}, p.model), el('td', {}, p.acceleratorId),
            el('td', { class: 'num' }, p.devices),
            el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => open(p.id, resultBody) }, 'Open')))))));
}

const dims = (p) => `DP${p.dataParallel}·TP${p.tensorParallel}·PP${p.pipelineParallel}${p.virtualStages > 1 ? `×${p.virtualStages}` : ''}`
    + `${p.contextParallel > 1 ? `·CP${p.contextParallel}` : ''}${p.expertParallel > 1 ? `·EP${p.expertParallel}` : ''}`;
const extras = (p) => `mb ${p.microBatchSize}${p.zeroStage ? ` · ZeRO-${p.zeroStage}` : ''}${p.recompute !== 'none' ? ` · ${p.recompute} recompute` : ''}${p.sequenceParallel ? ' · SP' : ''}`;

function show(result, target, what) {
    target.replaceChildren(el('p', { class: 'muted', id: 'search-summary' },
        `${what}: ${fmt.number(result.evaluated)} plans evaluated, ${fmt.number(result.feasible)} fit, in ${fmt.number(result.searchMillis)} ms`,
        result.deadlineReached ? ' (deadline reached: the best so far)' : '', '.'));
    if (!result.best && result.evaluated === 0 && result.deadlineReached) {
        target.append(el('div', { class: 'notice', id: 'no-plan' }, el('b', {}, 'The search reached its deadline before evaluating any plan. '),
            'Raise the deadline and search again.'));
        return;
    }
    if (!result.best) {
        target.append(el('div', { class: 'notice', id: 'no-plan' }, el('b', {}, 'No plan fits. '),
            result.bindingConstraint ? `Binding constraint: ${result.bindingConstraint}` : '',
            result.shortfallBytes ? ` (short by ${fmt.gib(result.shortfallBytes)} per device)` : ''));
        return;
    }
    const best = result.best;
    target.append(el('div', { class: 'kpis', id: 'best-plan' },
        kpi(`${dims(best.plan)}`, extras(best.plan)),
        kpi(fmt.percent(best.modelFlopsUtilization), 'model FLOPs utilization (MFU)'),
        kpi(fmt.seconds(best.step.totalSeconds), 'per step'),
        kpi(`${fmt.number(best.tokensPerSecond)}`, 'tokens/s'),
        kpi(fmt.seconds(best.timeToTrainSeconds), 'time to train'),
        kpi(fmt.usd(best.costUsd), 'cost to train (cloud price)'),
        kpi(fmt.kwh(best.energyJoules), 'energy to train (TDP)')));
    const candidates = result.candidates?.length ? result.candidates : [best];
    const labels = candidates.map((c, i) => `#${i + 1}`);
    const planTitle = (items) => `#${items[0].dataIndex + 1} ${dims(candidates[items[0].dataIndex].plan)}, ${extras(candidates[items[0].dataIndex].plan)}`;
    const grid = el('div', { class: 'row', id: 'plan-charts' });
    const [memoryPanel, memoryBody] = panel('Memory per device', 'Stacked by kind, against the device capacity and the usable memory (capacity less headroom).');
    const [stepPanel, stepBody] = panel('Step time', 'Where each step\'s time goes: compute, communication and the pipeline bubble.');
    grid.append(memoryPanel, stepPanel);
    target.append(grid);
    const gib = 2 ** 30;
    draw(memoryBody, {
        data: {
            labels,
            datasets: [
                ...partDatasets(MEMORY_PARTS, candidates, (c, key) => c.memory[key] / gib),
                { type: 'line', label: 'capacity', stack: 'capacity', data: candidates.map((c) => c.memory.capacityBytes / gib), borderColor: '#b3261e', borderWidth: 2, pointRadius: 0, stepped: 'middle' },
                { type: 'line', label: 'usable', stack: 'usable', data: candidates.map((c) => c.memory.usableBytes / gib), borderColor: '#b3261e', borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0, stepped: 'middle' },
            ],
        },
        options: {
            plugins: { title: title('Memory per device (GiB)'), tooltip: { callbacks: { title: planTitle, label: (c) => `${c.dataset.label}: ${fmt.number(c.raw)} GiB` } } },
            scales: { x: axis('plan (best first; see the table)', { stacked: true }), y: axis('GiB per device', { stacked: true, beginAtZero: true }) },
        },
    }, { height: 380, label: 'memory per device' });
    draw(stepBody, {
        type: 'bar',
        data: {
            labels,
            datasets: partDatasets(STEP_PARTS, candidates, (c, key) => c.step[key]),
        },
        options: {
            plugins: { title: title('Step time breakdown (seconds per step)'), tooltip: { callbacks: { title: planTitle, label: (c) => `${c.dataset.label}: ${fmt.seconds(c.raw)}` } } },
            scales: { x: axis('plan (best first; see the table)', { stacked: true }), y: axis('seconds per step', { stacked: true, beginAtZero: true }) },
        },
    }, { height: 380, label: 'step time breakdown' });
    const [mfuPanel, mfuBody] = panel('Model FLOPs utilization', 'Model FLOP/s per device ÷ peak; hardware utilization counts recomputed FLOPs too.');
    target.append(mfuPanel);
    draw(mfuBody, {
        type: 'bar',
        data: {
            labels,
            datasets: [
                { label: 'MFU', backgroundColor: color(0), data: candidates.map((c) => c.modelFlopsUtilization * 100) },
                { label: 'HFU', backgroundColor: color(5), data: candidates.map((c) => c.hardwareFlopsUtilization * 100) },
            ],
        },
        options: {
            plugins: { title: title('FLOPs utilization (% of peak)'), tooltip: { callbacks: { title: planTitle, label: (c) => `${c.dataset.label}: ${fmt.number(c.raw)} %` } } },
            scales: { x: axis('plan (best first; see the table)'), y: axis('% of peak', { beginAtZero: true, max: 100 }) },
        },
    }, { height: 300, label: 'FLOPs utilization' });
    target.append(candidateTable(candidates));
    if (result.assumptions?.length) {
        target.append(el('details', {}, el('summary', {}, 'Assumptions'), el('ul', { class: 'plain' }, result.assumptions.map((a) => el('li', {}, a)))));
    }
}

function candidateTable(candidates) {
    const headers = ['#', 'Parallelism', 'Micro-batch, ZeRO, recompute', 'Step time', 'MFU', 'Tokens/s', 'Memory per device', 'Time to train', 'Cost to train'];
    return el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'candidates' },
        el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: i > 2 ? 'num' : null }, h)))),
        el('tbody', {}, candidates.map((c, i) => el('tr', {},
            el('td', {}, `#${i + 1}`), el('td', {}, dims(c.plan)), el('td', {}, extras(c.plan)),
            el('td', { class: 'num' }, fmt.seconds(c.step.totalSeconds)), el('td', { class: 'num' }, fmt.percent(c.modelFlopsUtilization)),
            el('td', { class: 'num' }, fmt.number(c.tokensPerSecond)),
            el('td', { class: 'num' }, `${fmt.gib(c.memory.totalBytes)} of ${fmt.gib(c.memory.capacityBytes)}`),
            el('td', { class: 'num' }, fmt.seconds(c.timeToTrainSeconds)), el('td', { class: 'num' }, fmt.usd(c.costUsd)))))));
}

function kpi(value, label) {
    return el('div', { class: 'kpi' }, el('b', {}, value), el('span', {}, label));
}
