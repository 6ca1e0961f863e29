// Roofline: an accelerator's datasheet roof per format (catalog peak, bandwidth and derived ridge point) with workload
// points placed by the costing service (POST /v1/costs/matmul and /v1/costs/attention: arithmetic intensity and
// achieved FLOP/s); a second device overlays its roof to show the ridge move. The costing service's own SVG
// (GET /v1/rooflines/{id}.svg) adds its calibrated achievable roofs.
import { callText, call } from '../api.js';
import { accelerators, acceleratorOptions, formatsOf, peakField } from '../catalog.js';
import { axis, color, decadeTicks, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, panel, select, showError, withProgress } from '../ui.js';

/** BERT-large, batch 8 × 512 tokens: hidden 1024, 16 heads × 64, FFN 4096 (Devlin et al. 2019, Table 1 sizes). */
const TOKENS = 8 * 512;
const WORKLOADS = [
    { group: 'GEMM', name: 'GEMM 8192×8192×8192', svg: true, matmul: { m: 8192, n: 8192, k: 8192 } },
    { group: 'GEMM', name: 'GEMM 4096×4096×4096', matmul: { m: 4096, n: 4096, k: 4096 } },
    { group: 'GEMM', name: 'GEMM 1024×1024×1024', svg: true, matmul: { m: 1024, n: 1024, k: 1024 } },
    { group: 'GEMM', name: 'GEMM 64×8192×8192 (small batch)', svg: true, matmul: { m: 64, n: 8192, k: 8192 } },
    { group: 'GEMM', name: 'GEMV 1×8192×8192 (decode)', svg: true, matmul: { m: 1, n: 8192, k: 8192 } },
    { group: 'attention', name: 'Attention 2k context, 32×128 heads, causal', attention: { batch: 8, queryLength: 2048, keyLength: 2048, heads: 32, headDim: 128, causal: true } },
    { group: 'attention', name: 'Attention decode step, 4k KV cache', attention: { batch: 8, queryLength: 1, keyLength: 4096, heads: 32, headDim: 128, causal: true } },
    { group: 'BERT-large layer', name: 'BERT-large QKV projection', matmul: { m: TOKENS, n: 3 * 1024, k: 1024 } },
    { group: 'BERT-large layer', name: 'BERT-large self-attention', attention: { batch: 8, queryLength: 512, keyLength: 512, heads: 16, headDim: 64 } },
    { group: 'BERT-large layer', name: 'BERT-large attention output', matmul: { m: TOKENS, n: 1024, k: 1024 } },
    { group: 'BERT-large layer', name: 'BERT-large FFN up', matmul: { m: TOKENS, n: 4096, k: 1024 } },
    { group: 'BERT-large layer', name: 'BERT-large FFN down', matmul: { m: TOKENS, n: 1024, k: 4096 } },
];
const SHAPES = { GEMM: 'circle', attention: 'triangle', 'BERT-large layer': 'rect' };
const X_RANGE = [0.1, 1e5];

export async function render(root) {
    const params = hashParams();
    const [chartPanel, chartBody] = panel('Roofline',
        'Datasheet roof: the catalog\'s peak for the format and its memory bandwidth, meeting at the catalog\'s ridge point. '
        + 'Points: the costing service\'s estimate of each workload (arithmetic intensity, achieved FLOP/s). Switch devices to see the ridge move.');
    const [svgPanel, svgBody] = panel('Costing service\'s roofline',
        'GET /v1/rooflines/{id}.svg: datasheet and calibrated achievable roofs with the GEMM points, drawn by the costing service.');
    const [tablePanel, tableBody] = panel('Workloads', 'The estimates behind the points.');
    root.append(chartPanel, el('div', { class: 'row' }, svgPanel, tablePanel));

    const all = await withProgress(chartBody, 'Loading accelerators…', () => accelerators());
    if (!all) {
        return;
    }
    const byId = Object.fromEntries(all.map((a) => [a.id, a]));
    const options = acceleratorOptions(all);
    const controls = el('form', { class: 'controls', onsubmit: (e) => e.preventDefault() },
        field('Device', select('device', options, params.get('device') || 'nvidia-h100-sxm')),
        field('Compare with', select('other', [['', 'none'], ...options], params.has('other') ? params.get('other') : 'google-tpu-v4')),
        field('Format', select('format', [], '')));
    const chartArea = el('div', { id: 'roofline-chart' });
    chartBody.replaceChildren(controls, chartArea);
    const formatSelect = controls.elements.format;

    const fillFormats = (wanted) => {
        const formats = formatsOf(byId[controls.elements.device.value]).filter((f) => f !== 'fp64');
        const chosen = formats.includes(wanted) ? wanted : formats.includes('bf16') ? 'bf16' : formats[formats.length - 1];
        formatSelect.replaceChildren(...formats.map((f) => el('option', { value: f, selected: f === chosen }, f)));
    };
    fillFormats(params.get('format') || 'bf16');

    const refresh = async () => {
        const device = byId[controls.elements.device.value];
        const other = byId[controls.elements.other.value];
        const format = formatSelect.value;
        history.replaceState(null, '', `#/roofline?device=${device.id}&other=${other ? other.id : ''}&format=${format}`);
        const devices = [device, other].filter((d, i) => d && (i === 0 || d.id !== device.id));
        const results = await withProgress(chartArea, `Costing ${WORKLOADS.length} workloads on ${devices.map((d) => d.name).join(' and ')}…`,
            () => Promise.all(devices.map((d) => estimates(d, format))));
        if (!results) {
            return;
        }
        chartArea.replaceChildren();
        const notes = devices.filter((d) => d[peakField(format)] === undefined)
            .map((d) => el('p', { class: 'notice' }, `${d.name} has no ${format} peak in the catalog: no roof or points for it in ${format}.`));
        chartArea.append(...notes);
        plot(chartArea, devices, results, format);
        workloadTable(tableBody, devices, results);
        serviceSvg(svgBody, device, format);
    };
    controls.elements.device.addEventListener('change', () => {
        fillFormats(formatSelect.value);
        refresh();
    });
    controls.elements.other.addEventListener('change', refresh);
    formatSelect.addEventListener('change', refresh);
    await refresh();
}

/** Costs every workload on `device`; a device without the format gets no estimates (the notice says why). */
async function estimates(device, format) {
    if (device[peakField(format)] === undefined) {
        return [];
    }
    return Promise.all(WORKLOADS.map((w) => (w.matmul
        ? call('costing', '/v1/costs/matmul', { method: 'POST', body: { acceleratorId: device.id, format, ...w.matmul } })
        : call('costing', '/v1/costs/attention', { method: 'POST', body: { acceleratorId: device.id, format, ...w.attention } }))));
}

/** Colour says which device, shape which kind of workload. */
function plot(target, devices, results, format) {
    const datasets = [];
    devices.forEach((device, d) => {
        const peak = device[peakField(format)];
        const ridge = device.derived?.ridgePointFlopsPerByte?.[format];
        if (peak === undefined || ridge === undefined) {
            return;
        }
        const deviceColor = color(d === 0 ? 0 : 3);
        datasets.push({
            type: 'line', label: `${device.name} roof (${format})`, pointStyle: 'line', pointRadius: 0, borderWidth: 2, borderDash: d ? [6, 4] : [],
            data: [{ x: X_RANGE[0], y: device.memoryBandwidthBytesPerSecond * X_RANGE[0] }, { x: ridge, y: peak }, { x: X_RANGE[1], y: peak }],
            borderColor: deviceColor, backgroundColor: deviceColor, order: 3,
        });
        datasets.push({
            type: 'scatter', label: `${device.name} ridge: ${fmt.number(ridge)} FLOP/B`, pointStyle: 'crossRot', pointRadius: 9, borderWidth: 3,
            data: [{ x: ridge, y: peak }], borderColor: deviceColor, backgroundColor: deviceColor, order: 2,
        });
        for (const [group, shape] of Object.entries(SHAPES)) {
            datasets.push({
                type: 'scatter', label: `${device.name} · ${group}`,
                data: results[d].map((e, i) => ({ x: e.arithmeticIntensity, y: e.achievedFlopsPerSecond, workload: WORKLOADS[i], estimate: e }))
                    .filter((p) => p.workload.group === group),
                pointStyle: shape, pointRadius: 6, pointHoverRadius: 8, order: 1,
                backgroundColor: `${deviceColor}b0`, borderColor: '#222', borderWidth: 1,
            });
        }
    });
    const peaks = devices.map((d) => d[peakField(format)]).filter((p) => p !== undefined);
    const yMax = peaks.length ? 2.5 * Math.max(...peaks) : undefined; // headroom above the highest roof for its ridge marker
    draw(target, {
        data: { datasets },
        options: {
            parsing: false,
            plugins: {
                legend: { labels: { usePointStyle: true } },
                title: title(`Roofline, ${format}: achieved FLOP/s against arithmetic intensity (log–log)`),
                tooltip: {
                    callbacks: {
                        label: (c) => (c.raw.estimate
                            ? `${c.raw.workload.name}: ${fmt.number(c.raw.x)} FLOP/B, ${fmt.flops(c.raw.y)}, ${c.raw.estimate.bound}-bound, ${fmt.seconds(c.raw.estimate.timeSeconds)}`
                            : `${c.dataset.label}: ${fmt.number(c.raw.x)} FLOP/B, ${fmt.flops(c.raw.y)}`),
                    },
                },
            },
            scales: {
                x: axis('arithmetic intensity (FLOP/byte, log)', { type: 'logarithmic', min: X_RANGE[0], max: X_RANGE[1], ticks: decadeTicks((v) => fmt.number(v)) }),
                y: axis('performance (FLOP/s, log)', { type: 'logarithmic', max: yMax, ticks: decadeTicks((v) => fmt.flops(v)) }),
            },
        },
    }, { height: 480, label: 'roofline' });
}

function workloadTable(target, devices, results) {
    const rows = devices.flatMap((device, d) => results[d].map((e, i) => el('tr', {},
        el('td', {}, device.name), el('td', {}, WORKLOADS[i].name),
        el('td', { class: 'num' }, fmt.number(e.arithmeticIntensity)), el('td', { class: 'num' }, fmt.flops(e.achievedFlopsPerSecond)),
        el('td', { class: 'num' }, fmt.percent(e.utilization)), el('td', {}, e.bound), el('td', { class: 'num' }, fmt.seconds(e.timeSeconds)))));
    target.replaceChildren(el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'workloads' },
        el('thead', {}, el('tr', {}, ['Device', 'Workload', 'FLOP/byte', 'Achieved', 'Utilization', 'Bound', 'Time'].map((h, i) => el('th', { class: i > 1 && i !== 5 ? 'num' : null }, h)))),
        el('tbody', {}, rows))));
}

/** The service's own SVG, fetched (so a problem shows as a message) and shown as an image. */
async function serviceSvg(target, device, format) {
    const gemms = WORKLOADS.filter((w) => w.group === 'GEMM' && w.svg).map((w) => `${w.matmul.m}x${w.matmul.n}x${w.matmul.k}`);
    try {
        const svg = await callText('costing', `/v1/rooflines/${encodeURIComponent(device.id)}.svg`, { format, gemm: gemms });
        const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        const image = el('img', { src: url, alt: `Roofline of ${device.name} in ${format} by the costing service`, id: 'service-roofline' });
        image.addEventListener('load', () => URL.revokeObjectURL(url));
        target.replaceChildren(el('figure', { class: 'svg-figure' }, image));
    } catch (error) {
        showError(target, error);
    }
}
