// Quantization: one model across weight formats (POST /v1/estimates/compare): memory, fit and device count per
// accelerator, decode tokens/s (from the costing service) and quality risk with its evidence, as a matrix and bars.
import { call } from '../api.js';
import { acceleratorOptions, accelerators, models } from '../catalog.js';
import { axis, color, draw, partDatasets, title } from '../charts.js';
import * as fmt from '../format.js';
import { checkboxes, el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

const DEFAULT_FORMATS = ['fp16', 'fp8-e4m3', 'int8', 'llm.int8', 'nf4', 'gptq-4bit', 'awq-4bit', 'gptq-3bit'];
const DEFAULT_DEVICES = ['nvidia-h100-sxm', 'nvidia-a100-sxm-80gb', 'nvidia-l40s', 'nvidia-rtx-4090', 'amd-mi300x', 'google-tpu-v5e'];
const MEMORY_PARTS = [['weightBytes', 'weights'], ['kvCacheBytes', 'KV cache'], ['activationBytes', 'activations'],
    ['gradientBytes', 'gradients'], ['optimizerBytes', 'optimizer states'], ['runtimeOverheadBytes', 'runtime overhead']];

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Quantization',
        'One model at several weight formats, estimated by the quantization service (weight bytes per storage layout, KV cache, '
        + 'fit per device, decode speed from the costing service, quality risk with published evidence).');
    const [resultPanel, resultBody] = panel('Formats side by side');
    root.append(formPanel, resultPanel);

    const loaded = await withProgress(formBody, 'Loading formats and the catalog…',
        () => Promise.all([call('quantization', '/v1/formats'), models({ kind: 'transformer-decoder' }), accelerators()]));
    if (!loaded) {
        return;
    }
    const [formats, modelList, devices] = loaded;
    const model = params.get('model') || 'llama-2-70b';
    const modelOptions = modelList.map((m) => [m.id, m.name]);
    if (!modelOptions.some(([id]) => id === model)) {
        modelOptions.unshift([model, `${model} (from the link; not a catalog decoder)`]);
    }
    const chosenFormats = new Set(params.get('formats') ? params.get('formats').split(',') : DEFAULT_FORMATS);
    const chosenDevices = new Set(params.get('accelerators') ? params.get('accelerators').split(',') : DEFAULT_DEVICES);
    const form = el('form', { class: 'controls', id: 'quantization-form' },
        field('Model', select('model', modelOptions, model)),
        field('Context (tokens)', el('input', { type: 'number', name: 'contextLength', min: 1, value: params.get('contextLength') || 4096 })),
        field('Batch (sequences)', el('input', { type: 'number', name: 'batch', min: 1, value: params.get('batch') || 1 })),
        field('KV cache', select('kvCacheFormat', ['fp16', 'bf16', 'fp8', 'int8', 'int4', 'fp32'].map((f) => [f, f]), params.get('kvCacheFormat') || 'fp16')),
        el('button', { type: 'submit' }, 'Estimate'),
        checkboxes('Weight formats', 'weightFormats', formats.map((f) => [f.id, f.id, f.reference]), chosenFormats),
        checkboxes('Accelerators', 'acceleratorIds', acceleratorOptions(devices), chosenDevices));
    formBody.replaceChildren(form);
    onSubmit(form, () => estimate(form, resultBody));
    await estimate(form, resultBody);
}

async function estimate(form, target) {
    const data = new FormData(form);
    const weightFormats = data.getAll('weightFormats');
    const acceleratorIds = data.getAll('acceleratorIds');
    const base = {
        modelId: data.get('model'), weightFormat: weightFormats[0], contextLength: Number(data.get('contextLength')),
        batch: Number(data.get('batch')), kvCacheFormat: data.get('kvCacheFormat'), acceleratorIds,
    };
    const link = new URLSearchParams({ model: base.modelId, contextLength: base.contextLength, batch: base.batch, kvCacheFormat: base.kvCacheFormat,
        formats: weightFormats.join(','), accelerators: acceleratorIds.join(',') });
    history.replaceState(null, '', `#/quantization?${link}`);
    const estimates = await withProgress(target, `Estimating ${base.modelId} in ${weightFormats.length} formats on ${acceleratorIds.length} accelerators…`,
        () => call('quantization', '/v1/estimates/compare', { method: 'POST', body: { base, weightFormats } }));
    if (!estimates) {
        return;
    }
    const devices = estimates[0].fits.map((f) => [f.acceleratorId, f.acceleratorName]);
    target.replaceChildren(el('p', { class: 'muted' }, `${estimates[0].model.name}: ${fmt.number(estimates[0].model.parameters / 1e9)} B parameters, `
        + `${base.contextLength} tokens of context × ${base.batch} sequence(s), KV cache in ${estimates[0].kvCacheFormat}.`));
    target.append(matrix(estimates, devices));
    const warnings = [...new Set(estimates.flatMap((e) => e.warnings || []))];
    if (warnings.length) {
        target.append(el('div', { class: 'notice' }, el('ul', { class: 'plain' }, warnings.map((w) => el('li', {}, w)))));
    }
    const grid = el('div', { class: 'row', id: 'quantization-charts' });
    const [memoryPanel, memoryBody] = panel('Memory by format', 'What the model needs in total (all devices together), by kind.');
    const [speedPanel, speedBody] = panel('Decode speed by format', 'Tokens per second per sequence on the devices it needs (costing service).');
    grid.append(memoryPanel, speedPanel);
    target.append(grid);
    const labels = estimates.map((e) => e.weightFormat.id);
    const gib = 2 ** 30;
    draw(memoryBody, {
        type: 'bar',
        data: {
            labels,
            datasets: partDatasets(MEMORY_PARTS, estimates, (e, key) => (e.memory[key] || 0) / gib),
        },
        options: {
            plugins: { title: title('Memory (GiB)'), tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.number(c.raw)} GiB` } } },
            scales: { x: axis('weight format', { stacked: true }), y: axis('GiB', { stacked: true, beginAtZero: true }) },
        },
    }, { height: 360, label: 'memory by format' });
    draw(speedBody, {
        type: 'bar',
        data: {
            labels,
            datasets: devices.map(([id, name], i) => ({
                label: name, backgroundColor: color(i),
                data: estimates.map((e) => fitOf(e, id)?.decodeTokensPerSecond ?? null),
            })),
        },
        options: {
            plugins: {
                title: title('Decode tokens/s per sequence'),
                tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.number(c.raw)} tokens/s on ${fitOf(estimates[c.dataIndex], devices[c.datasetIndex][0]).devices} device(s)` } },
            },
            scales: { x: axis('weight format'), y: axis('tokens/s', { beginAtZero: true }) },
        },
    }, { height: 360, label: 'decode speed by format' });
    target.append(quality(estimates));
}

const fitOf = (estimate, acceleratorId) => estimate.fits.find((f) => f.acceleratorId === acceleratorId);

function matrix(estimates, devices) {
    const cell = (fit) => {
        if (!fit) {
            return el('td', { class: 'muted' }, '—');
        }
        return el('td', { class: 'num', title: [fit.executionNote, fit.speedNote].filter(Boolean).join('\n') },
            el('span', { class: fit.fits ? 'fit-yes' : 'fit-no' }, fit.fits ? '✓ fits' : `✗ ${fit.devicesNeeded} devices`),
            el('br'), fit.decodeTokensPerSecond === undefined ? el('span', { class: 'muted' }, 'no speed') : `${fmt.number(fit.decodeTokensPerSecond)} tok/s`,
            fit.nativeFormat === false ? el('span', { class: 'muted' }, ` (as ${fit.computeFormat})`) : '',
            fit.cloudUsdPerMillionTokens === undefined ? '' : el('span', { class: 'muted per-million' }, el('br'),
                `${fmt.usd(fit.cloudUsdPerMillionTokens)} per M tokens`));
    };
    return el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'quantization-matrix' },
        el('thead', {}, el('tr', {},
            ['Format', 'Bits/param', 'Weights', 'Total', 'Quality risk'].map((h, i) => el('th', { class: i && i < 4 ? 'num' : null }, h)),
            devices.map(([, name]) => el('th', { class: 'num' }, name)))),
        el('tbody', {}, estimates.map((e) => el('tr', { dataset: { format: e.weightFormat.id } },
            el('td', { class: 'nowrap' }, el('b', {}, e.weightFormat.id)),
            el('td', { class: 'num' }, fmt.number(e.weightFormat.bitsPerParameter)),
            el('td', { class: 'num' }, fmt.gib(e.memory.weightBytes)),
            el('td', { class: 'num' }, fmt.gib(e.memory.totalBytes)),
            el('td', { title: e.quality.summary }, el('span', { class: `risk risk-${e.quality.risk}` }, e.quality.risk)),
            devices.map(([id]) => cell(fitOf(e, id))))))));
}

function quality(estimates) {
    const [box, body] = panel('Quality risk', 'The quantization service\'s guidance per format, with the published evidence it rests on.');
    body.append(el('ul', { class: 'plain', id: 'quality' }, estimates.map((e) => el('li', {},
        el('span', { class: `risk risk-${e.quality.risk}` }, e.quality.risk), ' ', el('b', {}, e.weightFormat.id), ': ', e.quality.summary,
        e.quality.evidence?.length ? el('ul', { class: 'plain muted' }, e.quality.evidence.map((x) => el('li', {}, `${x.claim} — ${x.reference}`))) : null))));
    return box;
}
