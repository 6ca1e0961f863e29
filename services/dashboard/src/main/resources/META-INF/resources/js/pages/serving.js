// Serving: a planner serving search (POST /v1/serving-plans) on each chosen system — the cheapest deployment meeting the
// latency objectives, the output-throughput-per-device against median-TPOT frontier, the chosen plan's latency
// percentiles, and cost per million output tokens across systems.
import { call } from '../api.js';
import { models, systems } from '../catalog.js';
import { axis, color, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { checkboxes, el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

/** Llama 3.1 70B for chat traffic: 10 requests/s, log-normal prompts (mean 1,000) and answers (mean 250), up to 16 GPUs. */
const DEFAULTS = { model: 'llama-3.1-70b', devices: 16, weightFormat: 'fp8', runtime: 'tensorrt-llm', rate: 10, inputMean: 1000, outputMean: 250,
    ttftP99: 1, tpotP50: 0.04 };
const DEFAULT_SYSTEMS = ['nvidia-dgx-h100', 'nvidia-hgx-h200-8gpu', 'nvidia-dgx-b200'];
/** A light search per system: three batch limits, two token limits, 500 simulated requests. */
const SEARCH = { maxSequences: [32, 128, 512], maxBatchedTokens: [2048, 8192], limit: 5, deadlineMillis: 10000 };

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Serving',
        'The planner simulates continuous batching (chunked prefill, paged KV cache, queueing) for every tensor-parallel size, batch '
        + 'limit and token limit, and finds the fewest devices that meet the latency objectives at the traffic. Iteration times come '
        + 'from the costing model; TensorRT-LLM\'s speed is derived from its published offline runs (validation categories '
        + 'serving-throughput and serving-latency). Each search is saved like a plan.');
    const [resultPanel, resultBody] = panel('Cheapest deployments', 'Choose a model, systems, traffic and objectives.');
    root.append(formPanel, resultPanel);
    const loaded = await withProgress(formBody, 'Loading the catalog…', () => Promise.all([models(), systems()]));
    if (!loaded) {
        return;
    }
    const [modelList, systemList] = loaded;
    const value = (name) => params.get(name) || DEFAULTS[name];
    const gpuSystems = systemList.filter((s) => s.acceleratorsPerNode > 1 && s.kind !== 'pod');
    const chosen = new Set(params.getAll('system').length ? params.getAll('system') : DEFAULT_SYSTEMS);
    const form = el('form', { class: 'controls', id: 'serving-form' },
        field('Model', select('model', modelList.filter((m) => m.kind === 'transformer-decoder').map((m) => [m.id, m.name]), value('model'))),
        field('Devices at most', el('input', { type: 'number', name: 'devices', min: 1, value: value('devices') })),
        field('Weights', select('weightFormat', [['fp8', 'fp8'], ['fp4', 'fp4 (NVFP4, Blackwell)'], ['bf16', 'bf16']], value('weightFormat'))),
        field('Runtime', select('runtime', [['tensorrt-llm', 'TensorRT-LLM'], ['vllm', 'vLLM'], ['sglang', 'SGLang (assumed)'], ['intel-gaudi', 'Intel Gaudi software (static batches)']], value('runtime'))),
        field('Requests per second', el('input', { type: 'number', name: 'rate', min: 0.01, step: 'any', value: value('rate') })),
        field('Mean prompt tokens', el('input', { type: 'number', name: 'inputMean', min: 1, value: value('inputMean') })),
        field('Mean output tokens', el('input', { type: 'number', name: 'outputMean', min: 1, value: value('outputMean') })),
        field('p99 TTFT (s)', el('input', { type: 'number', name: 'ttftP99', min: 0.001, step: 'any', value: value('ttftP99') })),
        field('Median TPOT (s)', el('input', { type: 'number', name: 'tpotP50', min: 0.001, step: 'any', value: value('tpotP50') })),
        checkboxes('Systems', 'system', gpuSystems.map((s) => [s.id, s.name]), chosen),
        el('button', { type: 'submit', id: 'plan-serving' }, 'Find deployments'));
    formBody.replaceChildren(form);
    onSubmit(form, () => search(form, gpuSystems, resultBody));
    await search(form, gpuSystems, resultBody);
}

function lengths(mean) {
    return { distribution: 'lognormal', meanTokens: mean, sigma: 0.8, maxTokens: Math.round(8 * mean) };
}

async function search(form, list, target) {
    const data = new FormData(form);
    const ids = data.getAll('system');
    const keep = ['model', 'devices', 'weightFormat', 'runtime', 'rate', 'inputMean', 'outputMean', 'ttftP99', 'tpotP50'];
    history.replaceState(null, '', `#/serving?${new URLSearchParams([...keep.map((k) => [k, data.get(k)]), ...ids.map((id) => ['system', id])])}`);
    if (!ids.length) {
        target.replaceChildren(el('p', { class: 'muted' }, 'Choose at least one system.'));
        return;
    }
    const body = (systemId) => ({ modelId: data.get('model'), cluster: { systemId, devices: Number(data.get('devices')) },
        weightFormat: data.get('weightFormat'), runtime: data.get('runtime'),
        workload: { arrival: 'poisson', requestsPerSecond: Number(data.get('rate')), inputTokens: lengths(Number(data.get('inputMean'))),
            outputTokens: lengths(Number(data.get('outputMean'))), simulatedRequests: 500 },
        objectives: { ttftP99Seconds: Number(data.get('ttftP99')), tpotP50Seconds: Number(data.get('tpotP50')) }, search: SEARCH });
    const answers = await withProgress(target, `Simulating deployments on ${ids.length} systems…`, () => Promise.all(ids.map(async (id) => {
        const system = list.find((s) => s.id === id);
        try {
            return { system, answer: await call('planner', '/v1/serving-plans', { method: 'POST', body: body(id) }) };
        } catch (error) {
            return { system, error };
        }
    })));
    if (!answers) {
        return;
    }
    target.replaceChildren();
    const ok = answers.filter((a) => a.answer);
    const priced = ok.filter((a) => a.answer.plans.length && a.answer.plans[0].costUsdPerMillionOutputTokens !== undefined);
    if (priced.length) {
        draw(target, {
            type: 'bar',
            data: { labels: priced.map((a) => a.system.name), datasets: [{ label: 'cheapest plan', backgroundColor: priced.map((_, i) => color(i)),
                data: priced.map((a) => a.answer.plans[0].costUsdPerMillionOutputTokens) }] },
            options: { plugins: { legend: { display: false }, title: title('US dollars per million output tokens, cheapest plan meeting the objectives') },
                scales: { y: axis('USD per million output tokens', { beginAtZero: true }) } },
        }, { height: 260, label: 'cost per million output tokens by system' });
    }
    if (ok.length) {
        draw(target, {
            type: 'line',
            data: { datasets: ok.map((a, i) => ({ label: a.system.name, borderColor: color(i), backgroundColor: color(i), pointRadius: 3,
                data: a.answer.paretoFrontier.map((e) => ({ x: e.latency.tpot.p50Seconds * 1e3, y: e.outputTokensPerSecondPerDevice })) })) },
            options: { parsing: false, plugins: { title: title('Pareto frontier: output tokens/s per device against median time per output token') },
                scales: { x: axis('median TPOT (ms)', { type: 'linear' }), y: axis('output tokens/s per device', { beginAtZero: true }) } },
        }, { height: 340, label: 'throughput against latency frontier' });
        const best = ok.find((a) => a.answer.plans.length);
        if (best) {
            const plan = best.answer.plans[0];
            const quantiles = (p) => [[p.p50Seconds, 0.5], [p.p90Seconds, 0.9], [p.p99Seconds, 0.99], [p.maxSeconds, 1]].map(([x, y]) => ({ x: x * 1e3, y }));
            draw(target, {
                type: 'line',
                data: { datasets: [['TTFT', plan.latency.ttft], ['TPOT', plan.latency.tpot], ['inter-token gap', plan.latency.itl]]
                    .map(([label, p], i) => ({ label, stepped: true, borderColor: color(i), backgroundColor: color(i), data: quantiles(p) })) },
                options: { parsing: false, plugins: { title: title(`${best.system.name}: latency percentiles of the cheapest plan`) },
                    scales: { x: axis('latency (ms, log scale)', { type: 'logarithmic' }), y: axis('fraction at or below', { min: 0, max: 1 }) } },
            }, { height: 300, label: 'latency percentiles' });
        }
    }
    target.append(el('table', { class: 'data', id: 'serving-table' },
        el('thead', {}, el('tr', {}, ['System', 'Devices', 'TP (or EP) × replicas (pools)', 'Batch limit', 'p99 TTFT', 'Median TPOT', 'Output tok/s per device',
            'USD per M output tokens', 'Saved'].map((h) => el('th', {}, h)))),
        el('tbody', {}, answers.map((a) => {
            if (a.error) {
                return el('tr', {}, el('td', {}, a.system.name), el('td', { colspan: 8, class: 'muted' }, a.error.problem?.detail || a.error.message));
            }
            const p = a.answer.plans[0];
            if (!p) {
                return el('tr', {}, el('td', {}, a.system.name), el('td', { colspan: 7, class: 'muted' }, a.answer.whyNone), el('td', {}, a.answer.id));
            }
            const split = p.prefillPool ? `prefill ${p.prefillPool.deployment.tensorParallel} × ${p.prefillPool.deployment.replicas}, decode ` : '';
            return el('tr', {}, el('td', {}, a.system.name), el('td', { class: 'num' }, p.totalDevices),
                el('td', { class: 'num' }, p.deployment.expertParallel > 1 ? `EP${p.deployment.expertParallel} (attention DP) × ${p.deployment.replicas}`
                    : `${split}${p.deployment.tensorParallel}${p.deployment.pipelineParallel > 1 ? ` × ${p.deployment.pipelineParallel} stages` : ''} × ${p.deployment.replicas}`),
                el('td', { class: 'num' }, p.deployment.maxSequences),
                el('td', { class: 'num' }, fmt.seconds(p.latency.ttft.p99Seconds)), el('td', { class: 'num' }, fmt.seconds(p.latency.tpot.p50Seconds)),
                el('td', { class: 'num' }, fmt.number(p.outputTokensPerSecondPerDevice)), el('td', { class: 'num' }, fmt.usd(p.costUsdPerMillionOutputTokens)),
                el('td', {}, a.answer.id));
        }))));
}
