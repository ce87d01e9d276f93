// The Tenet admin console: reads /v1/console/stream (server-sent events) with the admin token and
// redraws from each snapshot. The token lives in sessionStorage and travels only in a header.
// Every value from the cluster is inserted as text (never as HTML): names are chosen by tenants.

const TOKEN_KEY = "tenet.console.token";
const STREAM = "/v1/console/stream";
const MAX_EVENTS = 200;
const SVG_NS = "http://www.w3.org/2000/svg";

const state = { snapshot: null, events: [], abort: null, retryMs: 1000 };

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "title") el.title = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

const badge = (value) => h("span", { class: "badge " + String(value).replace(/[^a-z_]/g, "") }, value);
const short = (id) => (id ? id.slice(0, 8) : "");
const label = (name, id) => (name && name.trim() ? name : short(id));

function ago(iso) {
  if (!iso) return "";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + " s ago";
  if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
  return Math.round(seconds / 3600) + " h ago";
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour12: false });
}

function fillTable(id, rows, emptyText, columns) {
  const body = $(id).tBodies[0];
  body.replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { class: "empty", colspan: columns }, emptyText))]));
  $(id + "-count").textContent = "(" + rows.length + ")";
}

// ---- sections ---------------------------------------------------------------------------------

function renderMembers(cluster) {
  $("answering").textContent = cluster ? "answering: " + cluster.self + (cluster.leader ? "   ·   leader: " + cluster.leader : "   ·   no leader") : "";
  const rows = (cluster ? cluster.members : []).map((m) => h("tr", { "data-address": m.address, "data-status": m.status },
    h("td", { class: "mono" }, m.address, m.leader ? h("span", { class: "leader" }, "leader") : null),
    h("td", {}, badge(m.status)),
    h("td", {}, m.roles.join(", ")),
    h("td", {}, m.reachable ? "yes" : badge("unreachable")),
    h("td", {}, m.shards ?? "?"),
    h("td", {}, m.entities ?? "?")));
  fillTable("members", rows, "no members", 6);
}

function renderDatapaths(datapaths) {
  const rows = datapaths.map((d) => h("tr", { "data-datapath": d.datapath_id },
    h("td", {}, d.hostname ?? "?", d.ovsdb_connected ? null : h("div", { class: "muted" }, "OVSDB disconnected")),
    h("td", { class: "mono" }, d.datapath_id),
    h("td", { class: "mono" }, d.encap_ip ?? ""),
    h("td", {}, d.controllers.length ? d.controllers.map((c) => h("div", { class: "mono" },
      h("span", { class: "dot" + (c.connected ? " on" : ""), title: c.connected ? "connected" : "not connected" }),
      c.target, c.role ? " " + c.role : "")) : h("span", { class: "muted" }, "none reported")),
    h("td", {}, d.role === "master" ? h("span", { class: "mono" }, d.node) : badge(d.role), d.role === "master" ? null : h("div", { class: "mono muted" }, d.node ?? "")),
    h("td", {}, d.term),
    h("td", {}, d.flow_count < 0 ? "?" : d.flow_count, h("span", { class: "muted" }, d.converged ? " converged" : "")),
    h("td", {}, d.port_count),
    h("td", {}, d.last_reconcile_result ? [badge(d.last_reconcile_result), " ", h("span", { class: "muted", title: d.last_reconcile_at, "data-ago": d.last_reconcile_at }, ago(d.last_reconcile_at))] : h("span", { class: "muted" }, "not yet"))));
  fillTable("datapaths", rows, "no datapath has connected yet", 9);
}

// How far the data plane implements an object: its state, and the hypervisors still missing (the reason on hover).
function realizationCell(r) {
  if (!r) return h("td", { class: "muted" }, "?");
  const missing = r.datapaths.filter((d) => d.state !== "realized");
  return h("td", { "data-realization": r.state, title: r.reason ?? "every datapath confirmed version " + r.desired_version },
    badge(r.state),
    r.datapaths.length === 0 ? h("div", { class: "muted" }, "no datapath") : null,
    missing.length ? h("div", { class: "muted" }, "waiting: " + missing.map((d) => d.hostname ?? d.datapath_id).join(", ")) : null);
}

function renderPorts(snapshot, tenantName, networkName) {
  const rows = snapshot.ports.map((p) => h("tr", { "data-port": p.id, "data-bound": p.binding ? p.binding.datapath_id : "" },
    h("td", {}, label(p.name, p.id), h("div", { class: "mono muted" }, p.id)),
    h("td", {}, tenantName(p.tenant_id)),
    h("td", {}, networkName(p.network_id)),
    h("td", { class: "mono" }, p.mac_address),
    h("td", { class: "mono" }, p.fixed_ips.map((ip) => ip.ip_address).join(", ")),
    h("td", {}, badge(String(p.status).toLowerCase())),
    h("td", { class: "binding" }, p.binding
      ? [p.binding.hostname ?? "?", h("div", { class: "mono muted" }, p.binding.datapath_id + " port " + p.binding.ofport)]
      : h("span", { class: "muted" }, "not bound")),
    realizationCell(p.realization)));
  fillTable("ports", rows, "no ports", 8);
}

function renderNetworks(snapshot, tenantName) {
  const portsPer = countBy(snapshot.ports, (p) => p.network_id);
  const rows = snapshot.networks.map((n) => h("tr", { "data-network": n.id },
    h("td", {}, label(n.name, n.id), h("div", { class: "mono muted" }, n.id)),
    h("td", {}, tenantName(n.tenant_id)),
    h("td", {}, n.vni),
    h("td", { class: "mono" }, n.subnets.map((sub) => sub.cidr).join(", ")),
    h("td", {}, portsPer.get(n.id) ?? 0),
    realizationCell(n.realization)));
  fillTable("networks", rows, "no networks", 6);
}

function renderTenants(snapshot, tenantName, networkName) {
  const networksPer = countBy(snapshot.networks, (n) => n.tenant_id);
  const portsPer = countBy(snapshot.ports, (p) => p.tenant_id);
  fillTable("tenants", snapshot.tenants.map((t) => h("tr", { "data-tenant": t.id },
    h("td", {}, t.name), h("td", { class: "mono muted" }, t.id), h("td", {}, networksPer.get(t.id) ?? 0), h("td", {}, portsPer.get(t.id) ?? 0))), "no tenants", 4);
  fillTable("routers", snapshot.routers.map((r) => h("tr", { "data-router": r.id },
    h("td", {}, label(r.name, r.id)), h("td", {}, tenantName(r.tenant_id)),
    h("td", {}, r.interfaces.length ? r.interfaces.map((i) => h("div", {}, networkName(i.network_id) + " ", h("span", { class: "mono muted" }, i.ip_address))) : h("span", { class: "muted" }, "none")),
    realizationCell(r.realization))),
  "no routers", 4);
  fillTable("security-groups", snapshot.security_groups.map((g) => h("tr", { "data-security-group": g.id },
    h("td", {}, label(g.name, g.id)), h("td", {}, tenantName(g.tenant_id)), h("td", {}, g.rules.length),
    realizationCell(g.realization))),
  "no security groups", 4);
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// ---- topology picture -------------------------------------------------------------------------

// distinct hues for the networks in listing order; ids not listed (yet) get a hashed hue
const PALETTE = ["#2b6cb0", "#c05621", "#2f855a", "#b83280", "#6b46c1", "#c53030", "#2c7a7b", "#975a16", "#4a5568", "#d69e2e"];
const networkOrder = new Map();

function networkColor(id) {
  const index = networkOrder.get(id);
  if (index !== undefined && index < PALETTE.length) return PALETTE[index];
  let hash = 2166136261;
  for (const ch of id) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return "hsl(" + (hash % 360) + " 60% 42%)";
}

function renderFilter(networks) {
  const select = $("network-filter");
  const chosen = select.value;
  const options = [h("option", { value: "" }, "all networks"),
    ...networks.map((n) => h("option", { value: n.id }, label(n.name, n.id) + " (VNI " + n.vni + ")"))];
  select.replaceChildren(...options);
  select.value = networks.some((n) => n.id === chosen) ? chosen : "";
}

/** Hypervisors side by side (on an ellipse from three on), their VMs in rows under each, tunnels between hypervisors sharing a network. */
function renderTopology(snapshot, networkName) {
  const svg = $("topology");
  const filter = $("network-filter").value;
  const width = 1000, boxW = 250, boxH = 54, perRow = 4, spacing = 52, rowHeight = 44;
  const hypervisors = snapshot.datapaths.filter((d) => d.role !== "unknown" || d.hostname);
  const bound = snapshot.ports.filter((p) => p.binding && (!filter || p.network_id === filter));
  const children = [];
  if (!hypervisors.length) {
    svg.setAttribute("viewBox", "0 0 " + width + " 120");
    svg.replaceChildren(s("text", { x: width / 2, y: 64, "text-anchor": "middle", class: "placeholder" }, "no hypervisor has connected yet"));
    $("topology-legend").replaceChildren();
    return;
  }
  const place = new Map();
  const n = hypervisors.length, rx = n === 2 ? 260 : 330, ry = n <= 2 ? 0 : 110, cx = width / 2, cy = ry + 50;
  hypervisors.forEach((d, i) => {
    const angle = Math.PI + (2 * Math.PI * i) / n;
    place.set(d.datapath_id, n === 1 ? { x: cx, y: cy } : { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) });
  });
  let bottom = 0;

  // tunnels: one line per pair of hypervisors and network they both host
  const networksOn = new Map();
  for (const p of bound) {
    if (!place.has(p.binding.datapath_id)) continue;
    if (!networksOn.has(p.binding.datapath_id)) networksOn.set(p.binding.datapath_id, new Set());
    networksOn.get(p.binding.datapath_id).add(p.network_id);
  }
  const ids = [...place.keys()];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const shared = [...(networksOn.get(ids[i]) ?? [])].filter((net) => networksOn.get(ids[j])?.has(net));
      shared.forEach((net, k) => {
        const a = place.get(ids[i]), b = place.get(ids[j]), offset = (k - (shared.length - 1) / 2) * 8;
        const tunnel = s("g", { class: "tunnel-group", "data-network": net, "data-between": ids[i] + " " + ids[j] });
        tunnel.append(s("title", {}, "tunnel for " + networkName(net)),
          s("line", { x1: a.x, y1: a.y + offset, x2: b.x, y2: b.y + offset, class: "tunnel", stroke: networkColor(net) }));
        children.push(tunnel);
      });
    }
  }

  for (const d of hypervisors) {
    const at = place.get(d.datapath_id);
    const vms = bound.filter((p) => p.binding.datapath_id === d.datapath_id);
    vms.forEach((p, i) => {
      const row = Math.floor(i / perRow), col = i % perRow, inRow = Math.min(perRow, vms.length - row * perRow);
      const x = at.x + (col - (inRow - 1) / 2) * spacing, y = at.y + boxH / 2 + 34 + row * rowHeight;
      children.push(s("line", { x1: at.x, y1: at.y + boxH / 2, x2: x, y2: y - 8, class: "vm-link" }));
      const vm = s("g", { class: "vm", "data-port": p.id, "data-datapath": d.datapath_id });
      const title = s("title", {}, label(p.name, p.id) + " " + p.fixed_ips.map((ip) => ip.ip_address).join(", ") + " on " + networkName(p.network_id));
      vm.append(title, s("circle", { cx: x, cy: y, r: 8, fill: networkColor(p.network_id) }),
        s("text", { x, y: y + 21, "text-anchor": "middle" }, label(p.name, p.id)));
      children.push(vm);
      bottom = Math.max(bottom, y + 30);
    });
    const box = s("g", { class: "hypervisor" + (d.openflow_connected ? "" : " disconnected"), "data-datapath": d.datapath_id });
    box.append(s("rect", { x: at.x - boxW / 2, y: at.y - boxH / 2, width: boxW, height: boxH, rx: 6 }),
      s("text", { x: at.x, y: at.y - 6, "text-anchor": "middle" }, d.hostname ?? short(d.datapath_id)),
      s("text", { x: at.x, y: at.y + 12, "text-anchor": "middle", class: "detail" },
        (d.encap_ip ?? "?") + " · " + (d.role === "master" ? "master " + (d.node ?? "") : d.role)));
    children.push(box);
    bottom = Math.max(bottom, at.y + boxH / 2 + 20);
  }
  svg.setAttribute("viewBox", "0 0 " + width + " " + Math.ceil(bottom));
  svg.replaceChildren(...children);
  const shown = [...new Set(bound.map((p) => p.network_id))];
  $("topology-legend").replaceChildren(...shown.map((net) => {
    const line = h("i");
    line.style.backgroundColor = networkColor(net); // through the CSSOM: the policy forbids style attributes
    return h("span", { class: "swatch", "data-network": net }, line, networkName(net));
  }));
}

// ---- events -----------------------------------------------------------------------------------

const BAD = new Set(["member_unreachable", "member_left", "datapath_disconnected", "datapath_unanswered", "port_unbound"]);
// datapath_moved, member_status_changed and creations/deletions are neither
const GOOD = new Set(["member_joined", "member_reachable", "datapath_connected", "datapath_mastered", "port_bound"]);

function addEvent(event) {
  state.events.unshift(event);
  state.events.length = Math.min(state.events.length, MAX_EVENTS);
  renderEvents();
}

function renderEvents() {
  const items = state.events.map((e) => h("li", { class: BAD.has(e.kind) ? "bad" : GOOD.has(e.kind) ? "good" : "", "data-kind": e.kind, "data-subject": e.subject },
    h("time", { datetime: e.at }, clock(e.at)), h("span", { class: "kind" }, e.kind.replaceAll("_", " ")), h("span", {}, e.message)));
  $("events").replaceChildren(...(items.length ? items : [h("li", { class: "muted" }, "nothing has happened since the console opened")]));
  $("events-count").textContent = "(" + state.events.length + ")";
}

// ---- drawing a snapshot -----------------------------------------------------------------------

function render() {
  const snapshot = state.snapshot;
  if (!snapshot) return;
  const tenants = new Map(snapshot.tenants.map((t) => [t.id, t.name]));
  const networks = new Map(snapshot.networks.map((n) => [n.id, label(n.name, n.id)]));
  const tenantName = (id) => tenants.get(id) ?? short(id);
  const networkName = (id) => networks.get(id) ?? short(id);
  networkOrder.clear();
  snapshot.networks.forEach((n, i) => networkOrder.set(n.id, i));
  renderMembers(snapshot.cluster);
  renderDatapaths(snapshot.datapaths);
  renderFilter(snapshot.networks);
  renderTopology(snapshot, networkName);
  renderPorts(snapshot, tenantName, networkName);
  renderNetworks(snapshot, tenantName);
  renderTenants(snapshot, tenantName, networkName);
  document.body.dataset.snapshotAt = snapshot.at;
}

// ---- the stream -------------------------------------------------------------------------------

function setConnection(text, kind) {
  const el = $("connection");
  el.textContent = text;
  el.className = "connection " + kind;
}

/** Splits a text/event-stream body into events (https://html.spec.whatwg.org/#event-stream-interpretation). */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") type = text;
        else if (field === "data") data.push(text);
      }
      if (data.length) onEvent(type, data.join("\n"));
    }
  }
}

function onStreamEvent(type, data) {
  if (type === "snapshot") {
    const snapshot = JSON.parse(data);
    // a part the node could not read yet (and never had) comes as null
    for (const part of ["datapaths", "tenants", "networks", "ports", "routers", "security_groups"]) snapshot[part] ??= [];
    state.snapshot = snapshot;
    render();
  } else if (type === "event") {
    addEvent(JSON.parse(data));
  }
}

async function connect() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return showLogin("");
  state.abort = new AbortController();
  setConnection(state.snapshot ? "reconnecting" : "connecting", state.snapshot ? "reconnecting" : "connecting");
  let response;
  try {
    response = await fetch(STREAM, { headers: { Authorization: "Bearer " + token, Accept: "text/event-stream" }, signal: state.abort.signal, cache: "no-store" });
  } catch (failure) {
    return retry();
  }
  if (response.status === 401 || response.status === 404) {
    sessionStorage.removeItem(TOKEN_KEY);
    return showLogin(response.status === 401 ? "That token is not valid." : "That is a tenant's token; the console needs the admin token.");
  }
  if (!response.ok || !response.body) return retry();
  showConsole();
  setConnection("live", "live");
  state.retryMs = 1000;
  try {
    await readEvents(response.body, onStreamEvent);
  } catch (failure) {
    if (state.abort?.signal.aborted) return;
  }
  retry();
}

function retry() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  setConnection("reconnecting", "reconnecting");
  setTimeout(connect, state.retryMs);
  state.retryMs = Math.min(state.retryMs * 2, 10000);
}

function showLogin(message) {
  setConnection("offline", "offline");
  $("login").hidden = false;
  $("console").hidden = true;
  $("logout").hidden = true;
  $("login-error").textContent = message;
  $("token").focus();
}

function showConsole() {
  $("login").hidden = true;
  $("console").hidden = false;
  $("logout").hidden = false;
}

function start() {
  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    connect();
  });
  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    state.abort?.abort();
    state.snapshot = null;
    showLogin("");
  });
  $("network-filter").addEventListener("change", render);
  // keeps "n s ago" honest between snapshots
  setInterval(() => document.querySelectorAll("[data-ago]").forEach((el) => { el.textContent = ago(el.dataset.ago); }), 1000);
  renderEvents();
  connect();
}

start();
