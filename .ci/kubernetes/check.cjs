#!/usr/bin/env node
// Validates the Kubernetes manifests under a folder (default deploy/kubernetes) against the Kubernetes API schemas
// that the kubernetes-models package compiles into validators (one per apiVersion and kind).
//
// For every YAML document of every *.yaml / *.yml file:
//   - the YAML must parse (YAML 1.1, as kubectl reads it; duplicate keys are errors);
//   - apiVersion/kind must name a kind kubernetes-models knows: an unknown kind is an error, never a pass;
//   - the object must satisfy its schema (types, enums, formats, required fields);
//   - it must hold no field its schema does not declare (kubectl's strict field validation does the same).
//     The schemas allow unknown fields, so each field is probed: a value no declared type accepts is put in its
//     place, and a field the validator does not then complain about is one the schema does not know.
// Then a few cross-references the schemas cannot see: a Deployment's selector matches its pod labels, a Service
// selects some Deployment's pods, an HPA targets an existing Deployment, envFrom names an existing ConfigMap/Secret,
// an Ingress routes to existing Services and ports (and the gateway, Ingress "accelerometer", routes every path of the
// committed specs to its service),
// no object is defined twice, and kustomization.yaml lists exactly the manifests beside it.
//
// Usage: node check.cjs [folder]. Prints one line on success; lists every problem and exits 1 otherwise.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const folder = process.argv[2] || 'deploy/kubernetes';
const problems = [];
const objects = []; // { file, obj }

function problem(where, message) {
  problems.push(`${where}: ${message}`);
}

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

function isKustomization(file) {
  return /^kustomization\.ya?ml$/i.test(path.basename(file));
}

// --- apiVersion/kind -> model class of kubernetes-models -----------------------------------------------------
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || !/^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    return { error: `apiVersion ${JSON.stringify(apiVersion)} is not a Kubernetes API version` };
  }
  if (typeof kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return { error: `kind ${JSON.stringify(kind)} is not a Kubernetes kind` };
  }
  let group;
  try {
    group = require(`kubernetes-models/${apiVersion}`);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
    return { error: `unknown apiVersion ${apiVersion} (no schema for it)` };
  }
  const Model = Object.prototype.hasOwnProperty.call(group, kind) ? group[kind] : undefined;
  if (typeof Model !== 'function' || Model.kind !== kind || Model.apiVersion !== apiVersion) {
    return { error: `unknown kind ${kind} in ${apiVersion} (no schema for it)` };
  }
  return { Model };
}

function schemaErrors(model) {
  try {
    model.validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    return e.errors;
  }
}

function describe(error) {
  const at = error.instancePath || '/';
  const details = [];
  if (error.params?.missingProperty) details.push(`missing ${error.params.missingProperty}`);
  if (error.params?.allowedValues) details.push(`allowed: ${error.params.allowedValues.join(', ')}`);
  return `${at} ${error.message}${details.length ? ` (${details.join('; ')})` : ''}`;
}

// --- unknown fields: probe each field with a value that no declared type accepts ---------------------------------
const PROBE = Symbol('not a Kubernetes value');

function pointer(base, key) {
  return `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function isDeclared(model, pathToField) {
  try {
    return schemaErrors(model).some((error) => error.instancePath === pathToField);
  } catch {
    return true; // the validator looked at the probe and choked on it: the field is declared
  }
}

function unknownFields(model, node, at, found) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => unknownFields(model, item, pointer(at, index), found));
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  for (const key of Object.keys(node)) {
    const value = node[key];
    const fieldPath = pointer(at, key);
    node[key] = PROBE;
    const declared = isDeclared(model, fieldPath);
    node[key] = value;
    if (declared) unknownFields(model, value, fieldPath, found);
    else found.push(fieldPath);
  }
  return found;
}

// --- kustomization.yaml: it lists exactly the manifests beside it -------------------------------------------------
function checkKustomization(file, docs, manifests) {
  const [doc] = docs;
  if (docs.length !== 1 || !doc || typeof doc !== 'object') {
    problem(file, 'expected one Kustomization document');
    return;
  }
  if (doc.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || doc.kind !== 'Kustomization') {
    problem(file, 'expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization');
  }
  const dir = path.dirname(file);
  const listed = Array.isArray(doc.resources) ? doc.resources : [];
  for (const resource of listed) {
    if (typeof resource !== 'string' || !fs.existsSync(path.join(dir, resource))) {
      problem(file, `resource ${JSON.stringify(resource)} does not exist`);
    }
  }
  const resolved = new Set(listed.filter((r) => typeof r === 'string').map((r) => path.join(dir, r)));
  for (const manifest of manifests.filter((m) => path.dirname(m) === dir)) {
    if (!resolved.has(manifest)) problem(file, `does not list ${path.basename(manifest)}`);
  }
}

// --- cross-references ---------------------------------------------------------------------------------------------
function matches(selector, labels) {
  return Object.entries(selector || {}).every(([key, value]) => labels?.[key] === value);
}

function checkReferences() {
  const named = (kind, ns) => objects.filter(({ obj }) => obj.kind === kind && (obj.metadata?.namespace ?? 'default') === ns);
  const seen = new Map();
  for (const { file, obj } of objects) {
    const ns = obj.metadata?.namespace ?? 'default';
    const name = obj.metadata?.name;
    const where = `${file}: ${obj.kind}/${name}`;
    const id = `${obj.apiVersion.split('/').length > 1 ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}/${ns}/${name}`;
    if (seen.has(id)) problems.push(`${where} is also defined in ${seen.get(id)}`);
    else seen.set(id, file);

    if (obj.kind === 'Deployment') {
      const labels = obj.spec?.template?.metadata?.labels;
      if (!matches(obj.spec?.selector?.matchLabels, labels)) {
        problems.push(`${where}: spec.selector.matchLabels does not match spec.template.metadata.labels`);
      }
      for (const container of [...(obj.spec?.template?.spec?.containers ?? []), ...(obj.spec?.template?.spec?.initContainers ?? [])]) {
        for (const source of container.envFrom ?? []) {
          for (const [kind, ref] of [['ConfigMap', source.configMapRef], ['Secret', source.secretRef]]) {
            if (ref && !ref.optional && !named(kind, ns).some(({ obj: o }) => o.metadata?.name === ref.name)) {
              problems.push(`${where}: container ${container.name} reads ${kind} ${ref.name}, which is not defined`);
            }
          }
        }
      }
    }
    if (obj.kind === 'Service' && obj.spec?.selector) {
      const selected = named('Deployment', ns).some(({ obj: d }) => matches(obj.spec.selector, d.spec?.template?.metadata?.labels));
      if (!selected) problems.push(`${where}: its selector matches no Deployment's pods`);
    }
    if (obj.kind === 'Ingress') {
      for (const rule of obj.spec?.rules ?? []) {
        for (const route of rule.http?.paths ?? []) {
          const backend = route.backend?.service;
          const service = named('Service', ns).find(({ obj: o }) => o.metadata?.name === backend?.name)?.obj;
          if (!service) {
            problems.push(`${where}: ${route.path} goes to Service ${backend?.name}, which is not defined`);
          } else if (!(service.spec?.ports ?? []).some((p) => p.name === backend.port?.name || p.port === backend.port?.number)) {
            problems.push(`${where}: ${route.path} goes to a port Service ${backend.name} does not have`);
          }
        }
      }
      if (obj.metadata?.name === 'accelerometer') checkGateway(where, obj);
    }
    if (obj.kind === 'HorizontalPodAutoscaler') {
      const target = obj.spec?.scaleTargetRef;
      const exists = named(target?.kind, ns).some(({ obj: o }) => o.metadata?.name === target?.name && o.apiVersion === target?.apiVersion);
      if (!exists) problems.push(`${where}: scaleTargetRef ${target?.apiVersion} ${target?.kind}/${target?.name} is not defined`);
    }
  }
}

// The gateway routes every path of every committed spec (openapi/<service>.json, the repository's root relative to
// this file) to the Service of that name: a new operation without a route would be unreachable at ACCELEROMETER_URL.
function checkGateway(where, ingress) {
  const routes = (ingress.spec?.rules ?? []).flatMap((r) => r.http?.paths ?? []);
  const specs = path.join(__dirname, '..', '..', 'openapi');
  for (const service of ['catalog', 'costing', 'planner', 'quantization']) {
    const file = path.join(specs, `${service}.json`);
    if (!fs.existsSync(file)) {
      problems.push(`${where}: ${file} is missing, so its routes cannot be checked`);
      continue;
    }
    for (const apiPath of Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).paths ?? {})) {
      const route = routes.filter((r) => r.pathType === 'Prefix' && (apiPath === r.path || apiPath.startsWith(`${r.path}/`)))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (route?.backend?.service?.name !== service) {
        problems.push(`${where}: ${apiPath} (openapi/${service}.json) is routed to ${route?.backend?.service?.name ?? 'nothing'}, not ${service}`);
      }
    }
  }
}

// --- main ---------------------------------------------------------------------------------------------------------
if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
  console.error(`check-kubernetes: no such folder: ${folder}`);
  process.exit(1);
}
const files = yamlFiles(folder);
const manifests = files.filter((f) => !isKustomization(f));
if (manifests.length === 0) problem(folder, 'no manifests (*.yaml, *.yml) found');

for (const file of files) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1', prettyErrors: true });
  const parsed = [];
  docs.forEach((doc, index) => {
    const where = `${file} (document ${index + 1})`;
    for (const e of [...doc.errors, ...doc.warnings]) problem(where, `YAML: ${e.message.split('\n')[0]}`);
    if (doc.errors.length) return;
    const obj = doc.toJS({ maxAliasCount: 100 });
    if (obj === null || obj === undefined) return; // an empty document (e.g. after a trailing ---)
    parsed.push(obj);
  });
  if (isKustomization(file)) {
    checkKustomization(file, parsed, manifests);
    continue;
  }
  for (const obj of parsed) {
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      problem(file, 'a document is not a mapping (expected a Kubernetes object)');
      continue;
    }
    const where = `${file}: ${obj.kind}/${obj.metadata?.name ?? '<no name>'}`;
    const { Model, error } = modelFor(obj.apiVersion, obj.kind);
    if (error) {
      problem(where, error);
      continue;
    }
    const model = new Model(obj);
    for (const e of schemaErrors(model)) problem(where, describe(e));
    for (const field of unknownFields(model, model, '', [])) problem(where, `${field} is not a field of ${obj.kind} (${obj.apiVersion})`);
    if (!obj.metadata?.name) problem(where, 'metadata.name is missing');
    objects.push({ file, obj });
  }
}
checkReferences();

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`check-kubernetes: ${problems.length} problem(s) in ${folder}`);
  process.exit(1);
}
const version = require('kubernetes-models/package.json').version;
console.log(`check-kubernetes: ${objects.length} objects in ${files.length} files under ${folder} are valid (kubernetes-models ${version}, strict fields)`);
