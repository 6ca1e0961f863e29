// Validation: the costing service's validation report (GET /v1/validation): every ledger case predicted vs measured
// on log axes with the y = x line, and the error per category.
import { call } from '../api.js';
import { axis, color, decadeTicks, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { el, panel, withProgress } from '../ui.js';

export async function render(root) {
    const [scatterPanel, scatterBody] = panel('Predicted vs measured',
        'Each published measurement in the catalog\'s ledger that the costing model can express, in the measurement\'s own unit. '
        + 'On the y = x line the prediction is exact; hollow points set a calibration constant, so they do not test the model. '
        + 'Colour and shape give the category.');
    const [errorPanel, errorBody] = panel('Error per category', 'Absolute percentage error over hold-out cases where there are any.');
    const [casesPanel, casesBody] = panel('Cases');
    root.append(scatterPanel, el('div', { class: 'row' }, errorPanel, casesPanel));

    const report = await withProgress(scatterBody, 'Running the validation ledger…', () => call('costing', '/v1/validation'));
    if (!report) {
        return;
    }
    scatterBody.replaceChildren();
    scatter(scatterBody, report);
    errors(errorBody, report);
    cases(casesBody, report);
}

const STYLES = ['circle', 'triangle', 'rect', 'rectRot', 'star'];
const point = (c) => ({ x: c.measured, y: c.predicted, c });

function scatter(target, report) {
    const categories = [...new Set(report.cases.map((c) => c.category))];
    const values = report.cases.flatMap((c) => [c.measured, c.predicted]);
    const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
    const high = 10 ** Math.ceil(Math.log10(Math.max(...values)));
    draw(target, {
        data: {
            datasets: [
                { type: 'line', label: 'y = x (exact prediction)', data: [{ x: low, y: low }, { x: high, y: high }], borderColor: '#555', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, pointStyle: 'line' },
                ...categories.map((category, i) => ({
                    type: 'scatter', label: category, pointRadius: 6, pointHoverRadius: 8, borderWidth: 1, borderColor: '#222',
                    backgroundColor: color(i), pointStyle: STYLES[i % STYLES.length],
                    data: report.cases.filter((c) => c.category === category && !c.usedForCalibration).map(point),
                })),
                {
                    type: 'scatter', label: 'set a calibration constant (not a test)', pointRadius: 7, pointHoverRadius: 9, borderWidth: 2,
                    borderColor: '#555', backgroundColor: 'rgba(255,255,255,0.8)', pointStyle: 'circle',
                    data: report.cases.filter((c) => c.usedForCalibration).map(point),
                },
            ],
        },
        options: {
            parsing: false,
            plugins: {
                legend: { labels: { usePointStyle: true } },
                title: title('Costing model: predicted against measured (log–log, each case in its own unit)'),
                tooltip: { callbacks: { label: (c) => (c.raw.c
                    ? `${c.raw.c.measurementId} (${c.raw.c.acceleratorId}): measured ${fmt.number(c.raw.x)} ${c.raw.c.unit}, predicted ${fmt.number(c.raw.y)} (${fmt.number(c.raw.c.errorPercent, 2)} %)`
                    : c.dataset.label) } },
            },
            scales: {
                x: axis('measured (case unit: TFLOP/s, tokens/s, ms/token, days…, log)', { type: 'logarithmic', min: low, max: high, ticks: decadeTicks((v) => fmt.number(v)) }),
                y: axis('predicted (same unit, log)', { type: 'logarithmic', min: low, max: high, ticks: decadeTicks((v) => fmt.number(v)) }),
            },
        },
    }, { height: 480, label: 'predicted vs measured' });
    target.append(el('p', { class: 'muted' }, `${report.cases.length} cases plotted; ${report.notExpressible.length} ledger measurements the model cannot express yet (listed under Cases).`));
}

function errors(target, report) {
    const categories = report.categories;
    draw(target, {
        type: 'bar',
        data: {
            labels: categories.map((c) => { const n = c.basis === 'hold-out cases' ? c.holdOutCases : c.cases; return `${c.category} (${n} case${n === 1 ? '' : 's'})`; }),
            datasets: [['medianAbsoluteErrorPercent', 'median'], ['p90AbsoluteErrorPercent', '90th percentile'], ['worstAbsoluteErrorPercent', 'worst']]
                .map(([key, label], i) => ({ label, backgroundColor: color(i), data: categories.map((c) => c[key]) })),
        },
        options: {
            plugins: { title: title('Absolute error per category (%)'), tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.number(c.raw)} %` } } },
            scales: { x: axis('category'), y: axis('absolute error (%)', { beginAtZero: true }) },
        },
    }, { height: 340, label: 'error per category' });
    target.append(el('table', { class: 'data', id: 'categories' },
        el('thead', {}, el('tr', {}, ['Category', 'Cases', 'Hold-out', 'Median', 'p90', 'Worst', 'Band coverage', 'Basis']
            .map((h, i) => el('th', { class: i && i < 7 ? 'num' : null, title: h === 'Band coverage'
                ? 'Share of held-out measurements inside the p90 band an answer would have quoted without them (leave one out)' : null }, h)))),
        el('tbody', {}, categories.map((c) => el('tr', {}, el('td', {}, c.category), el('td', { class: 'num' }, c.cases), el('td', { class: 'num' }, c.holdOutCases),
            ['medianAbsoluteErrorPercent', 'p90AbsoluteErrorPercent', 'worstAbsoluteErrorPercent'].map((k) => el('td', { class: 'num' }, `${fmt.number(c[k])} %`)),
            el('td', { class: 'num coverage' }, c.bandCoverage === undefined || c.bandCoverage === null ? '—' : fmt.percent(c.bandCoverage)),
            el('td', { class: 'muted' }, c.basis))))));
    // Regimes: a category on one architecture. An estimate quotes its regime's own band once it has five hold-out cases and the
    // category's below that; the coverage column judges each case against the band its answer quoted (costing ErrorBands).
    const regimes = (report.regimes || []).filter((r) => r.holdOutCases >= 1);
    target.append(el('h3', {}, 'Regimes (category × architecture): how often the measurement fell inside the band an answer there quotes'),
        el('table', { class: 'data', id: 'regimes' },
            el('thead', {}, el('tr', {}, ['Category', 'Architecture', 'Hold-out', 'Median', 'p90', 'Worst', 'Band coverage']
                .map((h, i) => el('th', { class: i > 1 ? 'num' : null, title: h === 'Band coverage'
                    ? 'Share of the regime\'s held-out measurements inside the band its answers quote without them: its own p90 from five other '
                        + 'cases, the category\'s p90 below that, the category\'s worst for its only case' : null }, h)))),
            el('tbody', {}, regimes.map((r) => el('tr', {}, el('td', {}, r.category), el('td', {}, r.architecture), el('td', { class: 'num' }, r.holdOutCases),
                ['medianAbsoluteErrorPercent', 'p90AbsoluteErrorPercent', 'worstAbsoluteErrorPercent'].map((k) => el('td', { class: 'num' }, `${fmt.number(r[k])} %`)),
                el('td', { class: 'num coverage' }, r.bandCoverage === undefined || r.bandCoverage === null ? '—' : fmt.percent(r.bandCoverage)))))));
}

function cases(target, report) {
    target.append(el('div', { class: 'table-scroll' }, el('table', { class: 'data', id: 'cases' },
        el('thead', {}, el('tr', {}, ['Case', 'Accelerator', 'Measured', 'Predicted', 'Unit', 'Error'].map((h, i) => el('th', { class: i > 1 && i !== 4 ? 'num' : null }, h)))),
        el('tbody', {}, report.cases.map((c) => el('tr', { title: `${c.description}\n${c.assumption || ''}` },
            el('td', {}, c.measurementId, c.usedForCalibration ? el('span', { class: 'tag' }, 'calibration') : ''), el('td', {}, c.acceleratorId),
            el('td', { class: 'num' }, fmt.number(c.measured)), el('td', { class: 'num' }, fmt.number(c.predicted)), el('td', {}, c.unit),
            el('td', { class: 'num' }, `${c.errorPercent > 0 ? '+' : ''}${fmt.number(c.errorPercent, 2)} %`)))))),
    el('details', {}, el('summary', {}, `${report.notExpressible.length} measurements not expressible`),
        el('ul', { class: 'plain' }, report.notExpressible.map((s) => el('li', {}, el('code', {}, s.measurementId), ` (${s.category}): ${s.reason}`)))));
}
