// Accelerators: the catalog's table (GET /v1/accelerators with its filters), the source of every figure one click away,
// and several devices side by side (GET /v1/accelerator-comparison). Each device's price and what a unit of work costs on it:
// 1,000 BERT-large training steps priced by costing (POST /v1/costs/models/batch) at its cloud price, and its list price per
// step per second — Dettmers' performance per dollar, the buyer's figure.
import { call } from '../api.js';
import { FORMATS, accelerators, cloudPrices, formatsOf, peakField, sourceOf } from '../catalog.js';
import { axis, color, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, panel, select, sortableTable, withProgress } from '../ui.js';

export async function render(root) {
    const params = hashParams();
    const state = {
        q: params.get('q') || '', kind: params.get('kind') || '', vendor: params.get('vendor') || '',
        supports: params.get('supports') || '', figures: params.get('figures') || 'bf16', selected: new Set(),
    };
    const [listPanel, listBody] = panel('Accelerators',
        'Datasheet facts from the catalog. Click a figure for its source; tick devices to compare them side by side. '
        + 'Per-dollar, per-watt and ridge figures are the catalog\'s derived figures for the chosen format. '
        + `$/work: ${WORK.label} as costing times it on each device (bf16, else fp16, else fp32) — rented at the cloud price `
        + '(dollars per 1,000 steps) and bought at the list price (list dollars per step per second: lower is better).');
    const [comparePanel, compareBody] = panel('Side by side', 'Tick two or more accelerators above, then compare.');
    comparePanel.id = 'side-by-side';
    const sourceBox = el('div', { id: 'source', 'aria-live': 'polite' });
    root.append(listPanel, comparePanel);

    const all = await withProgress(listBody, 'Loading the catalog…', () => accelerators());
    if (!all) {
        return;
    }
    state.prices = await cloudPrices();
    state.work = await workCosts(all);
    const vendors = [...new Set(all.map((a) => a.vendor))].sort();
    const compareButton = el('button', { type: 'button', id: 'compare', disabled: true, onclick: () => compare(state, compareBody) },
        'Compare selected');
    const controls = el('form', { class: 'controls', onsubmit: (e) => e.preventDefault() },
        field('Search', el('input', { type: 'search', name: 'q', value: state.q, placeholder: 'id or name' })),
        field('Kind', select('kind', [['', 'all'], ['gpu', 'GPU'], ['tpu', 'TPU'], ['other', 'other']], state.kind)),
        field('Vendor', select('vendor', [['', 'all'], ...vendors.map((v) => [v, v])], state.vendor)),
        field('Supports format', select('supports', [['', 'any'], ...FORMATS.map(([f]) => [f, f])], state.supports)),
        field('Format of the peak and derived columns', select('figures', FORMATS.map(([f]) => [f, f]), state.figures)),
        compareButton);
    const tableBox = el('div', { class: 'table-scroll' });
    listBody.replaceChildren(controls, tableBox, sourceBox);

    const refresh = async () => {
        Object.assign(state, Object.fromEntries(new FormData(controls)));
        history.replaceState(null, '', `#/accelerators?${new URLSearchParams(
            Object.entries({ q: state.q, kind: state.kind, vendor: state.vendor, supports: state.supports, figures: state.figures })
                .filter(([, v]) => v))}`);
        const rows = await withProgress(tableBox, 'Filtering…', () => accelerators({
            q: state.q, kind: state.kind, vendor: state.vendor, format: state.supports,
        }));
        if (rows) {
            tableBox.replaceChildren(rows.length ? table(rows, state, sourceBox, compareButton)
                : el('p', { class: 'muted' }, 'No accelerator in the catalog matches these filters.'));
        }
    };
    controls.addEventListener('change', refresh);
    controls.querySelector('input[name=q]').addEventListener('input', debounce(refresh, 300));
    await refresh();
}

function table(rows, state, sourceBox, compareButton) {
    const f = state.figures;
    const derived = (a, map) => a.derived?.[map]?.[f];
    const figure = (a, fieldName, text, label) => text === '—' ? text
        : el('span', { class: 'figure', title: 'Show the source', onclick: () => showSource(sourceBox, a, fieldName, label, text) }, text);
    const peak = (a, format) => figure(a, peakField(format), a[peakField(format)] === undefined ? '—'
        : fmt.si(a[peakField(format)], format.startsWith('int') ? 'OP/s' : 'FLOP/s'), `Peak ${format}`);
    const derivedFigure = (a, map, text, label, inputs) => text === '—' ? text
        : el('span', { class: 'figure', title: 'How the catalog derived it', onclick: () => showDerived(sourceBox, a, label, text, inputs) }, text);
    const columns = [
        {
            key: 'select', label: '✓', title: 'Pick to compare', value: (a) => (state.selected.has(a.id) ? 0 : 1),
            render: (a) => el('input', {
                type: 'checkbox', name: 'pick', value: a.id, checked: state.selected.has(a.id), 'aria-label': `compare ${a.name}`,
                onchange: (e) => {
                    e.target.checked ? state.selected.add(a.id) : state.selected.delete(a.id);
                    e.target.closest('tr').classList.toggle('selected', e.target.checked);
                    compareButton.disabled = state.selected.size < 2;
                    compareButton.textContent = `Compare selected (${state.selected.size})`;
                },
            }),
        },
        { key: 'name', label: 'Accelerator', value: (a) => a.name, render: (a) => el('span', { class: 'name' }, el('b', {}, a.name), el('br'), el('span', { class: 'muted' }, a.id)) },
        { key: 'vendor', label: 'Vendor', value: (a) => a.vendor },
        { key: 'kind', label: 'Kind', value: (a) => a.kind },
        { key: 'year', label: 'Year', numeric: true, value: (a) => a.releaseYear, render: (a) => figure(a, 'releaseYear', a.releaseYear ?? '—', 'Release year') },
        { key: 'memory', label: 'Memory', numeric: true, value: (a) => a.memoryBytes, render: (a) => figure(a, 'memoryBytes', fmt.gib(a.memoryBytes), 'Memory') },
        { key: 'bandwidth', label: 'Bandwidth', numeric: true, value: (a) => a.memoryBandwidthBytesPerSecond,
            render: (a) => figure(a, 'memoryBandwidthBytesPerSecond', fmt.bandwidth(a.memoryBandwidthBytesPerSecond), 'Memory bandwidth') },
        { key: 'peak', label: `Peak ${f}`, numeric: true, value: (a) => a[peakField(f)], render: (a) => peak(a, f) },
        { key: 'formats', label: 'Peak per format', title: 'Sort by the number of formats', value: (a) => formatsOf(a).length,
            render: (a) => el('span', { class: 'peaks' }, formatsOf(a).map((format) => el('span', { class: 'tag' }, `${format} `, peak(a, format)))) },
        { key: 'tdp', label: 'TDP', numeric: true, value: (a) => a.tdpWatts, render: (a) => figure(a, 'tdpWatts', a.tdpWatts === undefined ? '—' : `${fmt.number(a.tdpWatts)} W`, 'TDP') },
        { key: 'list', label: 'List price', numeric: true, value: (a) => a.listPriceUsd, render: (a) => figure(a, 'listPriceUsd', fmt.usd(a.listPriceUsd), 'List price') },
        { key: 'cloud', label: 'Cloud $/h', numeric: true, title: 'Its own price, or the cheapest on-demand instance in the catalog holding it ÷ its accelerators',
            value: (a) => state.prices.get(a.id)?.usdPerHour, render: (a) => cloudFigure(a, state.prices.get(a.id), figure, sourceBox) },
        { key: 'work', label: '$/work', numeric: true, title: `${WORK.label}: rented, dollars per 1,000 steps; bought, list dollars per step/s`,
            value: (a) => state.work.get(a.id)?.estimate?.runCostUsd ?? workPerListUsd(a, state.work.get(a.id)),
            render: (a) => workFigure(a, state.work.get(a.id), state.prices.get(a.id), sourceBox) },
        { key: 'ridge', label: `Ridge ${f}`, numeric: true, title: 'Peak ÷ bandwidth: below this FLOP/byte a kernel is memory-bound', value: (a) => derived(a, 'ridgePointFlopsPerByte'),
            render: (a) => derivedFigure(a, 'ridgePointFlopsPerByte', derived(a, 'ridgePointFlopsPerByte') === undefined ? '—' : `${fmt.number(derived(a, 'ridgePointFlopsPerByte'))} FLOP/B`,
                `Ridge point (${f})`, [peakField(f), 'memoryBandwidthBytesPerSecond']) },
        { key: 'perWatt', label: `${f} per W`, numeric: true, value: (a) => derived(a, 'flopsPerSecondPerWatt'),
            render: (a) => derivedFigure(a, 'flopsPerSecondPerWatt', fmt.si(derived(a, 'flopsPerSecondPerWatt'), 'FLOP/s/W'), `Peak ${f} per watt`, [peakField(f), 'tdpWatts']) },
        { key: 'perListUsd', label: `${f} per list $`, numeric: true, value: (a) => derived(a, 'flopsPerSecondPerListPriceUsd'),
            render: (a) => derivedFigure(a, 'flopsPerSecondPerListPriceUsd', fmt.si(derived(a, 'flopsPerSecondPerListPriceUsd'), 'FLOP/s/$'), `Peak ${f} per list-price dollar`, [peakField(f), 'listPriceUsd']) },
        { key: 'perCloudUsd', label: `${f} per cloud $/h`, numeric: true, value: (a) => derived(a, 'flopsPerSecondPerCloudUsdPerHour'),
            render: (a) => derivedFigure(a, 'flopsPerSecondPerCloudUsdPerHour', fmt.si(derived(a, 'flopsPerSecondPerCloudUsdPerHour'), 'FLOP/s per $/h'), `Peak ${f} per cloud dollar-hour`, [peakField(f), 'cloudPriceUsdPerHour']) },
    ];
    return sortableTable(columns, rows, { rowAttributes: (a) => ({ dataset: { id: a.id }, class: state.selected.has(a.id) ? 'selected' : null }) });
}

/** The reference work of the $/work column: BERT-large pre-training (MLPerf's phase-1 shape, 128-token sequences). */
const WORK = { label: '1,000 BERT-large training steps of 32 × 128-token sequences', modelId: 'bert-large', batch: 32, sequenceLength: 128, steps: 1000 };

/** The 16-bit format a device trains in (bf16, else fp16), else fp32. */
const trainingFormat = (a) => ['bf16', 'fp16', 'fp32'].find((format) => a[peakField(format)] !== undefined);

/** Costing's estimate of the reference work on every device, in one batch: Map id → { estimate } or { problem }. */
async function workCosts(all) {
    const trainable = all.filter(trainingFormat);
    const items = trainable.map((a) => ({ acceleratorId: a.id, modelId: WORK.modelId, mode: 'training', batch: WORK.batch,
        sequenceLength: WORK.sequenceLength, steps: WORK.steps, format: trainingFormat(a) }));
    try {
        const answers = items.length ? await call('costing', '/v1/costs/models/batch', { method: 'POST', body: items }) : [];
        return new Map(trainable.map((a, i) => [a.id, answers[i]]));
    } catch (error) {
        return new Map(trainable.map((a) => [a.id, { problem: { detail: error.message } }]));
    }
}

/** List dollars per step per second: the list price × seconds per step. */
function workPerListUsd(a, work) {
    const step = work?.estimate ? work.estimate.runTimeSeconds / WORK.steps : undefined;
    return a.listPriceUsd !== undefined && step !== undefined ? a.listPriceUsd * step : undefined;
}

/** The $/work cell: rented per 1,000 steps and bought per step/s, the estimate's time and assumptions on click. */
function workFigure(a, work, price, sourceBox) {
    if (!work) {
        return el('span', { class: 'muted' }, 'cannot train (no 16- or 32-bit peak)');
    }
    if (work.problem) {
        return el('span', { class: 'muted', title: work.problem.detail }, 'not estimated');
    }
    const e = work.estimate;
    const perStepPerSecond = workPerListUsd(a, work);
    const rent = e.runCostUsd !== undefined ? `rent ${fmt.usd(e.runCostUsd)} / 1k steps` : null;
    const buy = perStepPerSecond !== undefined ? `buy ${fmt.usd(perStepPerSecond)} per step/s` : null;
    if (!rent && !buy) {
        return el('span', { class: 'muted no-price', title: 'The catalog found no published list or cloud price; its notes say why' }, 'no published price');
    }
    return el('span', {
        class: 'figure work', title: 'How costing timed it',
        onclick: () => sourceBox.replaceChildren(el('div', { class: 'source-card' },
            el('h3', {}, `${a.name} — ${WORK.label} (${e.format}): ${fmt.seconds(e.runTimeSeconds)}`),
            el('p', {}, `${fmt.seconds(e.runTimeSeconds / WORK.steps)} per step`, e.expectedError
                ? `; expected error in its regime (${e.expectedError.category}): median ${fmt.number(e.expectedError.medianAbsoluteErrorPercent)} %, `
                    + `p90 ${fmt.number(e.expectedError.p90AbsoluteErrorPercent)} % over ${e.expectedError.cases} cases.` : '.'),
            rent ? el('p', {}, `Rented: ${fmt.usd(e.runCostUsd)} at ${fmt.usd(price?.usdPerHour)}/h per device${price?.system ? ` (${price.system.id})` : ''}.`) : null,
            buy ? el('p', {}, `Bought: list ${fmt.usd(a.listPriceUsd)} × ${fmt.seconds(e.runTimeSeconds / WORK.steps)} per step = ${fmt.usd(perStepPerSecond)} per step/s.`) : null,
            el('ul', {}, (e.assumptions ?? []).slice(0, 6).map((text) => el('li', { class: 'muted' }, text))))),
    }, [rent, buy].filter(Boolean).flatMap((text, i) => (i ? [el('br'), text] : [text])));
}

/** The cloud price cell: the accelerator's own price (its source on click) or an instance's share, naming the instance. */
function cloudFigure(a, price, figure, sourceBox) {
    if (!price) {
        return '—';
    }
    const text = `${fmt.usd(price.usdPerHour)}/h`;
    if (!price.system) {
        return figure(a, 'cloudPriceUsdPerHour', text, 'Cloud price per device-hour');
    }
    const s = price.system;
    return el('span', {
        class: 'figure', title: `Cheapest instance holding it: ${s.id}`,
        onclick: () => sourceBox.replaceChildren(el('div', { class: 'source-card' },
            el('h3', {}, `${a.name} — cloud price per device-hour: ${text}`),
            el('p', {}, `${s.name} (${s.cloudPriceProvider ?? s.vendor ?? ''}) at ${fmt.usd(s.cloudPriceUsdPerHour)}/h for ${s.totalAccelerators ?? s.acceleratorsPerNode} `
                + `accelerators${s.cloudPriceDate ? `, priced ${s.cloudPriceDate}` : ''}:`),
            sourceCard(s, 'cloudPriceUsdPerHour'))),
    }, text, el('br'), el('span', { class: 'muted' }, `via ${s.id}`));
}

function sourceCard(a, fieldName) {
    const source = sourceOf(a, fieldName);
    if (!source) {
        return el('p', { class: 'muted' }, `${fieldName}: the catalog names no source for this field.`);
    }
    return el('div', {},
        el('p', {}, el('code', {}, fieldName), ' ← ', source.url ? el('a', { href: source.url, target: '_blank', rel: 'noopener' }, source.title) : el('b', {}, source.title),
            ` (${source.kind}${source.retrievedOn ? `, retrieved ${source.retrievedOn}` : ''})`),
        source.note ? el('p', { class: 'muted' }, source.note) : null);
}

function showSource(box, a, fieldName, label, text) {
    box.replaceChildren(el('div', { class: 'source-card' }, el('h3', {}, `${a.name} — ${label}: ${text}`), sourceCard(a, fieldName)));
}

function showDerived(box, a, label, text, inputs) {
    box.replaceChildren(el('div', { class: 'source-card' }, el('h3', {}, `${a.name} — ${label}: ${text}`),
        el('p', {}, 'Derived by the catalog from these figures:'), inputs.map((input) => sourceCard(a, input))));
}

async function compare(state, target) {
    const ids = [...state.selected];
    const result = await withProgress(target, `Comparing ${ids.length} accelerators…`,
        () => call('catalog', '/v1/accelerator-comparison', { query: { ids: ids.join(','), formats: state.figures } }));
    if (!result) {
        return;
    }
    const names = Object.fromEntries(result.accelerators.map((a) => [a.id, a.name]));
    const order = result.accelerators.map((a) => a.id);
    const metricTable = el('table', { class: 'data', id: 'comparison' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), el('th', {}, 'Unit'), order.map((id) => el('th', { class: 'num' }, names[id])))),
        el('tbody', {}, result.metrics.map((m) => el('tr', {}, el('td', {}, m.metric), el('td', { class: 'muted' }, m.unit),
            order.map((id) => el('td', { class: m.best === id ? 'num best' : 'num' }, m.values[id] === undefined ? '—' : metricValue(m.values[id], m.unit)))))));
    const ranked = result.metrics.filter((m) => m.higherIsBetter !== undefined && Object.keys(m.ratioToBest || {}).length > 1);
    target.replaceChildren(el('div', { class: 'table-scroll' }, metricTable));
    if (!ranked.length) {
        return;
    }
    draw(target, {
        type: 'bar',
        data: {
            labels: ranked.map((m) => `${m.metric} (${m.higherIsBetter ? 'higher' : 'lower'} is better)`),
            datasets: order.map((id, i) => ({ label: names[id], backgroundColor: color(i), data: ranked.map((m) => m.ratioToBest[id] ?? null) })),
        },
        options: {
            indexAxis: 'y',
            plugins: { title: title(`Each metric as a fraction of the best device (catalog ratioToBest, ${state.figures})`),
                tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.percent(c.raw)} of best` } } },
            scales: { x: axis('fraction of the best device (1 = best)', { beginAtZero: true, ticks: (v) => fmt.percent(v, 2) }), y: axis('metric') },
        },
    }, { height: Math.max(260, ranked.length * 26 * Math.max(1, order.length / 2) + 90), label: 'ratio to best per metric' });
}

/** A comparison value in its unit (the catalog names it per row: bytes, bytes/s, FLOP/s, W, USD/h, "FLOP/s per W"…). */
function metricValue(value, unit) {
    const [head, ...rest] = unit.split(' ');
    const tail = rest.length ? ` ${rest.join(' ')}` : '';
    if (head === 'bytes') {
        return `${fmt.gib(value)}${tail}`;
    }
    if (head === 'bytes/s') {
        return `${fmt.bandwidth(value)}${tail}`;
    }
    if (/^(FLOP|op)\/s$/i.test(head)) {
        return `${fmt.si(value, head)}${tail}`;
    }
    if (head.startsWith('USD')) {
        return `${fmt.usd(value)}${head.slice(3)}${tail}`;
    }
    return `${fmt.number(value, 4)} ${unit}`;
}

function debounce(f, millis) {
    let timer;
    return (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => f(...args), millis);
    };
}
