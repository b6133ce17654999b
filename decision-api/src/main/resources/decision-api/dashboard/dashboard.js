// Tandem's lag dashboard: polls /v1/dashboard, keeps the last five minutes here, draws one uPlot chart per panel.
// Plain script, no build step. For tests: window.tandemDashboard.points(panelId) and the panel's data-points
// attribute give the number of values its chart last drew (set in uPlot's draw hook, so only once it drew them).
(function () {
  'use strict';

  const POLL_MS = 2000;
  const HISTORY_SECONDS = 5 * 60;
  const CHART_HEIGHT = 220;
  const COLOURS = ['#0969da', '#bf3989', '#1a7f37', '#bc4c00', '#8250df', '#cf222e', '#0a3069', '#4d2d00',
    '#116329', '#6e7781'];

  // panel id -> {times: [seconds], values: Map(series name -> [value or null]), unit, chart, names}
  const panels = new Map();
  let polls = 0;
  let lastSnapshot = null;

  function format(value, unit) {
    if (value === null || value === undefined) {
      return '–';
    }
    switch (unit) {
      case 'seconds':
        return value < 1 ? (value * 1000).toFixed(value < 0.01 ? 2 : 1) + ' ms' : value.toFixed(2) + ' s';
      case 'per_second':
        return value.toFixed(value < 10 ? 2 : 0) + '/s';
      case 'ratio':
        return (value * 100).toFixed(1) + ' %';
      default:
        return String(value);
    }
  }

  function countDrawn(data) {
    let count = 0;
    for (let i = 1; i < data.length; i++) {
      for (const value of data[i]) {
        if (value !== null && value !== undefined) {
          count++;
        }
      }
    }
    return count;
  }

  function container(id) {
    return document.querySelector('.panel[data-panel="' + id + '"]');
  }

  // A chart for the series named now; drawn again from scratch when the names change.
  function createChart(id, panel) {
    const element = container(id);
    const target = element.querySelector('.chart');
    if (panel.chart) {
      panel.chart.destroy();
    }
    target.textContent = '';
    const unit = panel.unit;
    const options = {
      width: Math.max(300, target.clientWidth || 500),
      height: CHART_HEIGHT,
      legend: {live: false},
      scales: {x: {time: true}, y: {range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1]}},
      axes: [{}, {values: (u, ticks) => ticks.map(tick => format(tick, unit)), size: 70}],
      series: [{}].concat(panel.names.map((name, i) => ({
        label: name,
        stroke: COLOURS[i % COLOURS.length],
        width: 1.5,
        value: (u, v) => format(v, unit),
        spanGaps: false,
      }))),
      hooks: {
        draw: [u => {
          element.dataset.points = String(countDrawn(u.data));
        }],
      },
    };
    panel.chart = new uPlot(options, data(panel), target);
  }

  function data(panel) {
    return [panel.times].concat(panel.names.map(name => panel.values.get(name)));
  }

  function record(snapshot) {
    const now = Date.parse(snapshot.time) / 1000;
    for (const values of snapshot.panels) {
      let panel = panels.get(values.id);
      if (!panel) {
        panel = {times: [], values: new Map(), unit: values.unit, chart: null, names: []};
        panels.set(values.id, panel);
      }
      panel.times.push(now);
      for (const series of values.series) {
        if (!panel.values.has(series.name)) {
          panel.values.set(series.name, new Array(panel.times.length - 1).fill(null));
        }
      }
      for (const [name, history] of panel.values) {
        const current = values.series.find(s => s.name === name);
        history.push(current ? current.value : null);
      }
      while (panel.times.length > 0 && panel.times[0] < now - HISTORY_SECONDS) {
        panel.times.shift();
        for (const history of panel.values.values()) {
          history.shift();
        }
      }
      draw(values.id, panel, values);
    }
  }

  function draw(id, panel, values) {
    const names = Array.from(panel.values.keys());
    if (!panel.chart || names.join('\n') !== panel.names.join('\n')) {
      panel.names = names;
      createChart(id, panel);
    } else {
      panel.chart.setData(data(panel));
    }
    container(id).querySelector('.latest').textContent = values.series.length === 0 ? 'no series yet'
      : values.series.map(s => s.name + ' ' + format(s.value, values.unit)).join(' · ');
  }

  function showSources(sources) {
    const list = document.getElementById('sources');
    list.textContent = '';
    for (const source of sources) {
      const item = document.createElement('li');
      item.dataset.source = source.name;
      item.dataset.up = String(source.up);
      item.textContent = source.name + ': ' + (source.up ? 'up' : 'down');
      item.title = source.url + (source.error ? ' — ' + source.error : '');
      list.appendChild(item);
    }
  }

  function status(state, text) {
    const element = document.getElementById('status');
    element.dataset.state = state;
    element.textContent = text;
  }

  async function poll() {
    try {
      const response = await fetch('/v1/dashboard', {headers: {Accept: 'application/json'}, cache: 'no-store'});
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const snapshot = await response.json();
      lastSnapshot = snapshot;
      record(snapshot);
      showSources(snapshot.sources);
      polls++;
      document.body.dataset.polls = String(polls);
      status('ok', 'updated ' + new Date(snapshot.time).toLocaleTimeString());
    } catch (error) {
      status('error', 'cannot read /v1/dashboard: ' + error.message);
    }
  }

  function loop() {
    // nobody looks at a hidden tab: ask nothing, so decision-api reads no sources for it
    const next = document.hidden ? Promise.resolve() : poll();
    next.finally(() => setTimeout(loop, POLL_MS));
  }

  window.addEventListener('resize', () => {
    for (const [id, panel] of panels) {
      if (panel.chart) {
        const width = container(id).querySelector('.chart').clientWidth;
        panel.chart.setSize({width: Math.max(300, width), height: CHART_HEIGHT});
      }
    }
  });

  window.tandemDashboard = {
    /** Values the panel's chart last drew (0 before it drew any). */
    points: id => Number((container(id) || {dataset: {}}).dataset.points || 0),
    /** Snapshots received. */
    polls: () => polls,
    /** The last snapshot, as /v1/dashboard sent it. */
    snapshot: () => lastSnapshot,
  };

  loop();
})();
