// Chart.js (vendor/chart.js, loaded as a classic script) with the dashboard's defaults: axes titled with units,
// legends on, no animation (charts are drawn once per answer).
import { el } from './ui.js';

const Chart = globalThis.Chart;
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#333';
Chart.defaults.plugins.legend.position = 'top';

/**
 * Error bars: a bar dataset with `errorBars` (one [low, high] per value, in the value's units, or null) gets a whisker
 * from low to high across each bar — the answer's error band, drawn where the value is.
 */
Chart.register({
    id: 'errorBars',
    afterDatasetsDraw(chart) {
        const horizontal = chart.options.indexAxis === 'y';
        const valueScale = horizontal ? chart.scales.x : chart.scales.y;
        const { ctx } = chart;
        chart.data.datasets.forEach((dataset, d) => {
            const bars = dataset.errorBars;
            const meta = chart.getDatasetMeta(d);
            if (!bars || meta.hidden) {
                return;
            }
            ctx.save();
            const area = chart.chartArea;
            ctx.beginPath();
            ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
            ctx.clip();
            ctx.strokeStyle = '#222';
            ctx.lineWidth = 1.5;
            meta.data.forEach((element, i) => {
                const range = bars[i];
                if (!range) {
                    return;
                }
                const [low, high] = range.map((v) => valueScale.getPixelForValue(v));
                const across = horizontal ? element.y : element.x;
                const cap = Math.min(6, (horizontal ? element.height : element.width) / 4 || 6);
                ctx.beginPath();
                if (horizontal) {
                    ctx.moveTo(low, across); ctx.lineTo(high, across);
                    ctx.moveTo(low, across - cap); ctx.lineTo(low, across + cap);
                    ctx.moveTo(high, across - cap); ctx.lineTo(high, across + cap);
                } else {
                    ctx.moveTo(across, low); ctx.lineTo(across, high);
                    ctx.moveTo(across - cap, low); ctx.lineTo(across + cap, low);
                    ctx.moveTo(across - cap, high); ctx.lineTo(across + cap, high);
                }
                ctx.stroke();
            });
            ctx.restore();
        });
    },
});

/** Okabe–Ito, readable for colour-blind readers; then Tableau tones. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
    '#8c564b', '#7f7f7f', '#bcbd22', '#17becf'];

export const color = (i) => PALETTE[i % PALETTE.length];

const live = new Set();

/** Destroys every chart drawn so far (called when the page changes). */
export function destroyCharts() {
    live.forEach((chart) => chart.destroy());
    live.clear();
}

/** Draws a chart in a new box appended to `target`; `height` in CSS pixels. */
export function draw(target, config, { height = 340, label } = {}) {
    const canvas = el('canvas', { role: 'img', 'aria-label': label || config.options?.plugins?.title?.text || 'chart' });
    target.append(el('div', { class: 'chart-box', style: `height:${height}px` }, canvas));
    const chart = new Chart(canvas, config);
    live.add(chart);
    return chart;
}

/** An axis with a title (say what unit) and tick labels formatted by `ticks`; Chart.js picks the type unless given. */
export function axis(title, { type, ticks, stacked = false, min, max, beginAtZero } = {}) {
    const options = { stacked, title: { display: true, text: title, font: { weight: 'bold' } }, ticks: { maxRotation: 0, autoSkipPadding: 8 } };
    for (const [key, value] of Object.entries({ type, min, max, beginAtZero })) {
        if (value !== undefined) {
            options[key] = value; // an explicit undefined would stop Chart.js from choosing the default
        }
    }
    if (ticks) {
        options.ticks.callback = (value) => ticks(Number(value));
    }
    return options;
}

/** Log-scale tick labels only at powers of ten (and the ends), so they never crowd. */
export function decadeTicks(formatter) {
    return (value) => {
        const exponent = Math.log10(value);
        return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? formatter(value) : '';
    };
}

/**
 * Bar datasets for the parts of a whole (memory by kind, time by term), one per part that some row has: parts are
 * [key, label], `value(row, key)` the part's size in the chart's unit.
 */
export function partDatasets(parts, rows, value) {
    return parts.filter(([key]) => rows.some((row) => value(row, key) > 0))
        .map(([key, label], i) => ({ type: 'bar', label, backgroundColor: color(i), data: rows.map((row) => value(row, key)) }));
}

/** Chart title options. */
export function title(text) {
    return { display: true, text, font: { size: 14, weight: 'bold' } };
}
