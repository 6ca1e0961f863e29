// Sparsity: when does a sparse weight matrix pay? The speed-up over the same GEMM dense, against the fraction of weights
// kept, for each sparse kernel family costing times (POST /v1/costs/matmul with `sparsity`): unstructured through Sputnik,
// block-sparse through the kernel measured at each block size, and 2:4 (half kept, on sparse tensor cores). Each line
// crosses 1 at its break-even density; a kernel the device cannot run is listed with costing's reason.
import { call } from '../api.js';
import { accelerators } from '../catalog.js';
import { axis, color, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

/** The sparse kernels costing times, each as its request's `sparsity` at a density (2:4 keeps exactly half). */
const SERIES = [
    ['unstructured (sputnik)', (density) => ({ pattern: 'unstructured', density, kernel: 'sputnik' })],
    ['8×8 blocks (cusparse-blocked-ell)', (density) => ({ pattern: 'block', density, blockSize: 8, kernel: 'cusparse-blocked-ell' })],
    ['16×16 blocks (triton-bsr)', (density) => ({ pattern: 'block', density, blockSize: 16, kernel: 'triton-bsr' })],
    ['32×32 blocks (triton-bsr)', (density) => ({ pattern: 'block', density, blockSize: 32, kernel: 'triton-bsr' })],
    ['64×64 blocks (triton-bsr)', (density) => ({ pattern: 'block', density, blockSize: 64, kernel: 'triton-bsr' })],
    ['128×128 blocks (megablocks)', (density) => ({ pattern: 'block', density, blockSize: 128, kernel: 'megablocks' })],
];
const DENSITIES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
const SHAPES = [['4096,4096,4096', '4096 × 4096 × 4096 (a large layer)'], ['256,4096,2048', '256 × 4096 × 2048 (few tokens)'],
    ['16384,4096,1024', '16384 × 4096 × 1024 (BERT FFN down, batch of 32 × 512)']];

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Sparsity',
        'The speed-up of a sparse weight matrix B (K × N) over the same GEMM dense, by the fraction of weights kept, for every sparse '
        + 'kernel family costing times: unstructured (Sputnik, CSR on the CUDA cores), block-sparse through the kernel measured at each '
        + 'block size, and 2:4 (half kept, sparse tensor cores). Below 1 the sparse kernel loses; each line crosses 1 at its break-even '
        + 'density. Kernel efficiencies come from published runs (catalog measurements sparsek-*, sputnik-*, bsk-*, sparse-*).');
    const [resultPanel, resultBody] = panel('Speed-up over dense by density', 'Choose a device and a shape.');
    root.append(formPanel, resultPanel);
    const list = await withProgress(formBody, 'Loading the catalog…', () => accelerators({ kind: 'gpu' }));
    if (!list) {
        return;
    }
    const form = el('form', { class: 'controls', id: 'sparsity-form' },
        field('Accelerator', select('device', list.map((a) => [a.id, a.name]), params.get('device') || 'nvidia-a100-sxm-80gb')),
        field('Shape M × N × K', select('shape', SHAPES, params.get('shape') || SHAPES[0][0])),
        field('Format', select('format', [['fp16', 'fp16'], ['bf16', 'bf16']], params.get('format') || 'fp16')),
        el('button', { type: 'submit', id: 'estimate' }, 'Estimate'));
    formBody.replaceChildren(form);
    onSubmit(form, () => estimate(form, resultBody));
    await estimate(form, resultBody);
}

async function matmul(body) {
    try {
        return { answer: await call('costing', '/v1/costs/matmul', { method: 'POST', body }) };
    } catch (error) {
        return { error };
    }
}

async function estimate(form, target) {
    const data = new FormData(form);
    const device = data.get('device');
    const format = data.get('format');
    const [m, n, k] = data.get('shape').split(',').map(Number);
    history.replaceState(null, '', `#/sparsity?${new URLSearchParams({ device, shape: data.get('shape'), format })}`);
    const base = { acceleratorId: device, m, n, k, format };
    const results = await withProgress(target, `Timing ${SERIES.length} sparse kernels at ${DENSITIES.length} densities on ${device}…`,
        () => Promise.all([
            ...SERIES.map(async ([label, spec]) => ({ label, points: await Promise.all(DENSITIES.map((d) => matmul({ ...base, sparsity: spec(d) }))) })),
            matmul({ ...base, sparsity: { pattern: '2:4' } }).then((point) => ({ label: '2:4 (half kept)', points: [point], fixed: true })),
        ]));
    if (!results) {
        return;
    }
    target.replaceChildren();
    const plotted = results.filter((r) => r.points.some((p) => p.answer));
    if (plotted.length) {
        draw(target, {
            type: 'line',
            data: { datasets: plotted.map((r, i) => ({ label: r.label, borderColor: color(i), backgroundColor: color(i), pointRadius: r.fixed ? 6 : 2,
                showLine: !r.fixed,
                data: r.points.map((p, j) => p.answer && ({ x: r.fixed ? 0.5 : DENSITIES[j], y: p.answer.sparsity.speedupOverDense })).filter(Boolean) })) },
            options: { parsing: false, plugins: { title: title(`${m} × ${n} × ${k} ${format} on ${device}: speed-up over dense (1 = break-even)`) },
                scales: { x: axis('fraction of the weights kept (density)', { type: 'logarithmic', min: 0.02, max: 1 }),
                    y: axis('speed-up over dense (log scale)', { type: 'logarithmic' }) } },
        }, { height: 380, label: 'speed-up over dense by density' });
    }
    target.append(el('table', { class: 'data', id: 'sparsity-table' },
        el('thead', {}, el('tr', {}, ['Kernel', 'Break-even density', 'At 10 % kept', 'Measured on this architecture', 'Note'].map((h) => el('th', {}, h)))),
        el('tbody', {}, results.map((r) => {
            const answered = r.points.find((p) => p.answer);
            const failure = r.points.find((p) => p.error);
            const tenth = r.points[DENSITIES.indexOf(0.1)];
            const sparsity = answered?.answer.sparsity;
            return el('tr', {},
                el('td', {}, r.label),
                ...(answered
                    ? [el('td', { class: 'num' }, r.fixed ? 'n/a (keeps exactly half)' : sparsity.breakEvenDensity == null ? 'none' : fmt.number(sparsity.breakEvenDensity, 3)),
                        el('td', { class: 'num' }, r.fixed ? `${fmt.number(sparsity.speedupOverDense, 3)}× at 50 %`
                            : tenth?.answer ? `${fmt.number(tenth.answer.sparsity.speedupOverDense, 3)}×` : '—'),
                        el('td', {}, sparsity.calibrated ? 'yes' : 'no (band widened)'),
                        el('td', { class: 'muted' }, answered.answer.expectedError?.note || '')]
                    : [el('td', { colspan: 4, class: 'muted' }, failure?.error.problem?.detail || failure?.error.message || 'no answer')]));
        }))));
}
