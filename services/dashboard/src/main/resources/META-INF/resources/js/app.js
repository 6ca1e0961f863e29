// The dashboard's router: one module per page under pages/, chosen by the location hash (#/roofline?device=...).
import { apiKey, baseUrl, loadConfig, setApiKey } from './api.js';
import { destroyCharts } from './charts.js';
import { el, showError } from './ui.js';

const PAGES = {
    accelerators: () => import('./pages/accelerators.js'),
    budget: () => import('./pages/budget.js'),
    roofline: () => import('./pages/roofline.js'),
    'tpu-vs-gpu': () => import('./pages/tpu-vs-gpu.js'),
    plans: () => import('./pages/plans.js'),
    collectives: () => import('./pages/collectives.js'),
    serving: () => import('./pages/serving.js'),
    quantization: () => import('./pages/quantization.js'),
    sparsity: () => import('./pages/sparsity.js'),
    validation: () => import('./pages/validation.js'),
    calibrate: () => import('./pages/calibrate.js'),
};

const main = document.getElementById('page');

async function route() {
    const name = (location.hash.replace(/^#\/?/, '').split('?')[0]) || 'accelerators';
    const load = PAGES[name];
    document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === name));
    destroyCharts();
    const root = el('div', { class: 'page', dataset: { page: name } });
    main.replaceChildren(root);
    if (!load) {
        showError(root, { problem: { title: 'No such page', detail: `"${name}" is not a page of this dashboard; pick one above.` } });
        return;
    }
    try {
        const page = await load();
        await page.render(root);
    } catch (error) {
        showError(root, error);
    }
}

try {
    await loadConfig();
    document.getElementById('apis').replaceChildren(...['catalog', 'costing', 'planner', 'quantization']
        .flatMap((service, i) => [i ? ', ' : '', el('a', { href: `${baseUrl(service)}/q/openapi`, title: `${service} API (OpenAPI)` }, service)]));
    const key = document.getElementById('api-key');
    key.value = apiKey();
    key.addEventListener('change', () => {
        setApiKey(key.value.trim());
        route();
    });
    window.addEventListener('hashchange', route);
    await route();
} catch (error) {
    showError(main, error);
}
