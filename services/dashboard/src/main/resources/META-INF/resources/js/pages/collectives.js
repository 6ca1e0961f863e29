// Collectives: bus bandwidth against message size per system (POST /v1/collectives on the planner, nccl-tests
// semantics), one line per chosen system, with the algorithm the planner picked and the answer's error band.
import { call } from '../api.js';
import { systems } from '../catalog.js';
import { axis, color, decadeTicks, draw, title } from '../charts.js';
import * as fmt from '../format.js';
import { checkboxes, el, field, hashParams, onSubmit, panel, select, withProgress } from '../ui.js';

/** One DGX A100, one DGX H100 (NVLink SHARP), a PCIe workstation and a TPU v4 cube. */
const DEFAULT_SYSTEMS = ['nvidia-dgx-a100-80gb', 'nvidia-dgx-h100', 'workstation-4x-rtx-3090', 'google-tpu-v4-128'];
const COLLECTIVES = ['all-reduce', 'all-gather', 'reduce-scatter', 'all-to-all', 'broadcast', 'send-recv'];
/** nccl-tests' usual sweep: 1 KiB to 16 GiB, ×4. */
const SWEEP = { minBytes: 1024, maxBytes: 16 * 2 ** 30, factor: 4 };

export async function render(root) {
    const params = hashParams();
    const [formPanel, formBody] = panel('Collectives',
        'Bus bandwidth (nccl-tests busbw) against message size for one collective on each chosen system, all of its devices '
        + 'taking part (the chosen number of nodes where the system has a network; a TPU pod: its whole slice). Link efficiencies come from published nccl-tests runs '
        + '(catalog measurements comm-11 … comm-45); TPU ICI has none, so its band is doubled.');
    const [resultPanel, resultBody] = panel('Bus bandwidth by message size', 'Choose systems and a collective.');
    root.append(formPanel, resultPanel);
    const list = await withProgress(formBody, 'Loading the catalog…', () => systems());
    if (!list) {
        return;
    }
    const chosen = new Set(params.getAll('system').length ? params.getAll('system') : DEFAULT_SYSTEMS);
    const form = el('form', { class: 'controls', id: 'collective-form' },
        field('Collective', select('collective', COLLECTIVES.map((c) => [c, c]), params.get('collective') || 'all-reduce')),
        field('Nodes (systems with a network)', select('nodes', [[1, '1'], [2, '2'], [4, '4'], [16, '16']], params.get('nodes') || 1)),
        checkboxes('Systems', 'system', list.map((s) => [s.id, s.name]), chosen),
        el('button', { type: 'submit', id: 'estimate' }, 'Estimate'));
    formBody.replaceChildren(form);
    onSubmit(form, () => estimate(form, list, resultBody));
    await estimate(form, list, resultBody);
}

/** Devices for a system: a pod's whole slice; otherwise `nodes` nodes when it names a network, else one node. */
function devicesOf(s, nodes) {
    if (s.kind === 'pod' && s.totalAccelerators) {
        return s.totalAccelerators;
    }
    const perNode = s.acceleratorsPerNode || 1;
    return s.interNodeLinkId ? nodes * perNode : perNode;
}

async function estimate(form, list, target) {
    const data = new FormData(form);
    const collective = data.get('collective');
    const nodes = Number(data.get('nodes'));
    const ids = data.getAll('system');
    history.replaceState(null, '', `#/collectives?${new URLSearchParams([['collective', collective], ['nodes', nodes], ...ids.map((id) => ['system', id])])}`);
    if (!ids.length) {
        target.replaceChildren(el('p', { class: 'muted' }, 'Choose at least one system.'));
        return;
    }
    const answers = await withProgress(target, `Estimating ${collective} on ${ids.length} systems…`, () => Promise.all(ids.map(async (id) => {
        const system = list.find((s) => s.id === id);
        try {
            return { system, answer: await call('planner', '/v1/collectives', { method: 'POST',
                body: { collective, cluster: { systemId: id, devices: devicesOf(system, nodes) }, sweep: SWEEP } }) };
        } catch (error) {
            return { system, error };
        }
    })));
    if (!answers) {
        return;
    }
    const ok = answers.filter((a) => a.answer);
    target.replaceChildren();
    if (ok.length) {
        draw(target, {
            type: 'line',
            data: { datasets: ok.map((a, i) => ({ label: `${a.system.name} (${a.answer.devices} devices, ${a.answer.algorithm})`,
                borderColor: color(i), backgroundColor: color(i), pointRadius: 2,
                data: a.answer.points.map((p) => ({ x: p.messageBytes, y: p.busBandwidthBytesPerSecond / 1e9 })) })) },
            options: { parsing: false, plugins: { title: title(`${collective}: bus bandwidth (GB/s) by per-device message size`) },
                scales: { x: axis('message size per device (bytes, log scale)', { type: 'logarithmic', ticks: decadeTicks((v) => fmt.si(v, 'B')) }),
                    y: axis('bus bandwidth (GB/s)', { beginAtZero: true }) } },
        }, { height: 380, label: 'bus bandwidth by message size' });
    }
    target.append(el('table', { class: 'data', id: 'collective-table' },
        el('thead', {}, el('tr', {}, ['System', 'Devices', 'Algorithm', 'Why', 'Peak busbw', 'Band at ≥ 1 GiB'].map((h) => el('th', {}, h)))),
        el('tbody', {}, answers.map((a) => el('tr', {},
            el('td', {}, a.system.name),
            ...(a.answer
                ? [el('td', { class: 'num' }, a.answer.devices), el('td', {}, a.answer.algorithm), el('td', {}, a.answer.algorithmReason),
                    el('td', { class: 'num' }, fmt.si(a.answer.peakBusBandwidthBytesPerSecond, 'B/s')),
                    el('td', { class: 'num' }, `±${fmt.percent(a.answer.points[a.answer.points.length - 1].errorBandFraction, 2)}`)]
                : [el('td', { colspan: 5, class: 'muted' }, a.error.problem?.detail || a.error.message)]))))));
}
