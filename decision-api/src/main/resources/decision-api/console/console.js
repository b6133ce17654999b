// The decision console: asks decision-api for a decision, then follows it on its event stream
// (GET /v1/decisions/{id}/events) from provisional to final. Plain browser JavaScript, no build step.
'use strict';

const SAMPLES = { amount: '120.50', currency: 'EUR', merchantId: 'm-17', ip: '203.0.113.7', deviceId: '' };
const $ = (id) => document.getElementById(id);
let flows = [];
let stream = null;
let shown = 0; // the newest version on screen: the POST's answer and the stream's first event may both be v1

async function loadFlows() {
  const response = await fetch('/v1/flows');
  flows = await response.json();
  $('flow').replaceChildren(...flows.map((flow) => new Option(flow.name, flow.name)));
  $('entity').value = 'cust-' + Math.floor(Math.random() * 1000);
  showAttributes();
}

function showAttributes() {
  const flow = flows.find((f) => f.name === $('flow').value);
  const fields = Object.entries(flow.attributes).map(([name, spec]) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.name = name;
    input.dataset.type = spec.type;
    input.required = spec.required;
    input.value = SAMPLES[name] ?? '';
    label.append(name + (spec.required ? ' *' : ''), input);
    return label;
  });
  $('attributes').replaceChildren($('attributes').querySelector('legend'), ...fields);
}

function attributes() {
  const values = {};
  for (const input of $('attributes').querySelectorAll('input')) {
    if (input.value === '') continue;
    values[input.name] = input.dataset.type === 'POSITIVE_NUMBER' ? Number(input.value) : input.value;
  }
  return values;
}

async function decide(event) {
  event.preventDefault();
  $('error').hidden = true;
  const request = {
    flow: $('flow').value, entityId: $('entity').value, requestId: crypto.randomUUID(),
    priority: $('priority').value, attributes: attributes(),
  };
  let response;
  let body;
  try {
    response = await fetch('/v1/decisions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
    });
    body = await response.json();
  } catch (error) {
    showError(response ? `${response.status}: the answer was not JSON` : `decision-api did not answer: ${error}`);
    return;
  }
  if (!response.ok) {
    const fields = (body.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('\n');
    showError(`${response.status} ${body.title}: ${body.detail}${fields ? '\n' + fields : ''}`);
    return;
  }
  follow(body);
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

// Shows the decision's first answer, then every version its event stream sends until the final one.
function follow(decision) {
  if (stream) stream.close();
  shown = 0;
  $('timeline').replaceChildren();
  $('decision').hidden = false;
  show('answer', decision);
  stream = new EventSource(`/v1/decisions/${decision.decisionId}/events`);
  for (const name of ['provisional', 'enriched', 'final']) {
    stream.addEventListener(name, (message) => {
      show(name, JSON.parse(message.data));
      if (name === 'final') stream.close();
    });
  }
  // the browser reconnects by itself (with Last-Event-ID); say so while it does, and when it gives up
  stream.onerror = () => showError(stream.readyState === EventSource.CLOSED
    ? 'The decision\'s event stream was refused; reload to try again.'
    : 'The decision\'s event stream was interrupted; reconnecting …');
  stream.onopen = () => { $('error').hidden = true; };
}

function show(event, d) {
  if (d.version <= shown) return;
  shown = d.version;
  $('decision-id').textContent = d.decisionId;
  $('decision-status').textContent = d.status;
  $('decision-status').className = 'status ' + d.status;
  $('decision-version').textContent = d.version;
  $('decision-outcome').textContent = d.outcome;
  $('decision-provisional').textContent = d.provisionalOutcome;
  $('decision-score').textContent = d.score.toFixed(3);
  $('decision-model').textContent = `${d.model.name} ${d.model.version}`;
  $('decision-reasons').textContent = d.reasons.join(' · ');
  const elapsed = Date.parse(d.updatedAt) - Date.parse(d.createdAt);
  const item = document.createElement('li');
  item.dataset.version = d.version;
  item.dataset.event = event;
  item.textContent = `v${d.version} ${d.status} (${event}) — ${d.outcome}, score ${d.score.toFixed(3)}, `
      + `+${elapsed} ms, completed: ${d.enrichment.completed.join(', ') || 'none'}`;
  $('timeline').append(item);
  $('enrichers').tBodies[0].replaceChildren(...d.enrichment.required.map((name) => enricherRow(name, d)));
}

function enricherRow(name, d) {
  const result = d.enrichment.results?.[name];
  const row = document.createElement('tr');
  row.dataset.enricher = name;
  row.dataset.status = result ? result.status : 'PENDING';
  const features = result
    ? Object.entries(result.features).map(([k, v]) => `${k}=${Number(v.toFixed(4))}`).join('  ') : '';
  for (const text of [name, row.dataset.status, features, result?.reason ?? '']) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  row.cells[2].className = 'features';
  return row;
}

$('flow').addEventListener('change', showAttributes);
$('decision-form').addEventListener('submit', decide);
loadFlows().catch((error) => showError('Could not load the flows: ' + error));
