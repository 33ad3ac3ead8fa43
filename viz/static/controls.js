// The network page's toolbar: filters by kind and relationship (the legend's checkboxes), "find on this
// page", the date slider (served pages move to ?as_of=), one cluster per kind on clustered pages, a deep
// link in the hash that restores all of it, and PNG/SVG downloads carrying title, day and sources.
// Runs after nsgraph.js and uses window.nsgraphNetwork with vis-network's stable public API only
// (DataSet, cluster/openCluster/findNode, focus, selectNodes, getPositions), so vis 9 and 10 both do.
(function () {
  "use strict";
  const state = window.nsgraphNetwork;
  const data = JSON.parse(document.getElementById("nsgraph-data").textContent);
  const controls = data.controls;
  const network = state.network;
  const nodes = state.nodes;
  const edges = state.edges;
  const kinds = controls.kinds;
  const message = document.getElementById("nsgraph-message");
  const expandButton = document.getElementById("nsgraph-expand");
  const filters = Array.from(document.querySelectorAll("input[data-filter]"));
  const drawnKinds = Object.keys(kinds).filter((kind) => data.nodes.some((node) => node.group === kind));
  const CLUSTER = "nsgraph-cluster:";
  const SOURCE_CAP = 6;

  const hidden = new Set(); // "kind:<kind>" and "type:<relationship type>"
  const collapsed = new Set(); // kinds drawn as one cluster node
  const live = new Map(); // cluster node id -> kind, for the clusters drawn now
  const clusterAt = {}; // kind -> where its cluster node goes
  let focused = null;

  // -- the deep link: #hide=kind:topic,type:SIGNED&focus=<id>&open=state,event -------------------------

  function encode(text) {
    return encodeURIComponent(text).replace(/%3A/gi, ":");
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text;
    }
  }

  function readHash() {
    const wanted = { hide: [], focus: null, open: null };
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      const key = part.slice(0, eq);
      const value = part.slice(eq + 1);
      const list = value === "" ? [] : value.split(",").map(decode);
      if (key === "hide") wanted.hide = list;
      else if (key === "open") wanted.open = list;
      else if (key === "focus" && value !== "") wanted.focus = decode(value);
    }
    return wanted;
  }

  function writeHash() {
    const parts = [];
    if (hidden.size) parts.push("hide=" + Array.from(hidden).sort().map(encode).join(","));
    if (focused !== null) parts.push("focus=" + encode(focused));
    const open = drawnKinds.filter((kind) => !collapsed.has(kind));
    if (controls.clustered && open.length) parts.push("open=" + open.map(encode).join(","));
    const url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
    history.replaceState(history.state, "", url);
  }

  // -- filters -----------------------------------------------------------------------------------------

  function applyVisibility() {
    const nodeHidden = {};
    const nodeChanges = [];
    nodes.forEach((node) => {
      const off = hidden.has("kind:" + node.group);
      nodeHidden[node.id] = off;
      if (Boolean(node.hidden) !== off) nodeChanges.push({ id: node.id, hidden: off });
    });
    const edgeChanges = [];
    edges.forEach((edge) => {
      const off = hidden.has("type:" + edge.rel) || nodeHidden[edge.from] || nodeHidden[edge.to];
      if (Boolean(edge.hidden) !== off) edgeChanges.push({ id: edge.id, hidden: off });
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    for (const box of filters) {
      box.checked = !hidden.has(box.dataset.filter);
      box.closest("li").classList.toggle("off", !box.checked);
    }
  }

  // Clusters are rebuilt around every change of visibility: a cluster copies its members' state when made.
  function refresh() {
    openClusters();
    applyVisibility();
    makeClusters();
    updateExpandButton();
    writeHash();
  }

  for (const box of filters) {
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(box.dataset.filter);
      else hidden.add(box.dataset.filter);
      refresh();
    });
  }

  // -- clusters: one node per kind ---------------------------------------------------------------------

  function placeClusters() {
    const ids = nodes.getIds({ filter: (node) => !node.hidden });
    const positions = Object.values(network.getPositions(ids));
    if (!positions.length) return;
    const xs = positions.map((p) => p.x);
    const ys = positions.map((p) => p.y);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const radius = Math.max(160, 45 * drawnKinds.length);
    drawnKinds.forEach((kind, i) => {
      const angle = (2 * Math.PI * i) / drawnKinds.length - Math.PI / 2;
      clusterAt[kind] = { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
    });
  }

  function makeClusters() {
    for (const kind of drawnKinds) {
      if (!collapsed.has(kind) || live.has(CLUSTER + kind)) continue;
      const count = nodes.get({ filter: (node) => node.group === kind && !node.hidden }).length;
      if (!count) continue;
      if (!clusterAt[kind]) placeClusters();
      const style = kinds[kind];
      const id = CLUSTER + kind;
      network.cluster({
        joinCondition: (options) => options.group === kind && !options.hidden,
        clusterNodeProperties: {
          id: id,
          label: style.plural + " (" + count + ")",
          title: count + " nodes of kind " + style.label + ": click to show them",
          group: kind,
          shape: style.shape,
          size: 20 + Math.min(24, 3 * Math.sqrt(count)),
          borderWidth: 3,
          font: { size: 16 },
          x: clusterAt[kind].x,
          y: clusterAt[kind].y,
          allowSingleNodeCluster: true,
        },
      });
      if (id in network.getPositions([id])) live.set(id, kind);
    }
  }

  function openCluster(id) {
    // Members return to where the layout put them, whatever moved the cluster node.
    network.openCluster(id, { releaseFunction: (clusterPosition, positions) => positions });
    live.delete(id);
  }

  function openClusters() {
    for (const id of Array.from(live.keys())) openCluster(id);
  }

  function expand(which) {
    for (const kind of which) {
      collapsed.delete(kind);
      if (live.has(CLUSTER + kind)) openCluster(CLUSTER + kind);
    }
    updateExpandButton();
    writeHash();
  }

  function updateExpandButton() {
    if (!expandButton) return;
    expandButton.textContent = collapsed.size ? "Expand all" : "Group by kind";
  }

  if (expandButton) {
    expandButton.addEventListener("click", () => {
      if (collapsed.size) {
        expand(Array.from(collapsed));
      } else {
        drawnKinds.forEach((kind) => collapsed.add(kind));
        makeClusters();
        updateExpandButton();
        writeHash();
      }
      network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    });
  }

  network.on("click", (params) => {
    if (params.nodes.length !== 1 || !live.has(params.nodes[0])) return;
    expand([live.get(params.nodes[0])]);
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  // -- find on this page -------------------------------------------------------------------------------

  const find = document.getElementById("nsgraph-find");
  const labels = document.getElementById("nsgraph-labels");

  function nameOf(node) {
    return typeof node.title === "string" ? node.title.split("\n")[0] : node.label;
  }

  const labelCount = {};
  data.nodes.forEach((node) => { labelCount[node.label] = (labelCount[node.label] || 0) + 1; });
  for (const node of data.nodes) {
    const option = document.createElement("option");
    option.value = labelCount[node.label] === 1 ? node.label : node.id;
    option.textContent = nameOf(node) + " \u00B7 " + node.id;
    labels.appendChild(option);
  }

  function lookup(text) {
    const query = text.trim();
    if (!query) return null;
    const lower = query.toLowerCase();
    const all = nodes.get();
    const texts = (node) => [node.id, node.label, nameOf(node)].map((t) => String(t).toLowerCase());
    return all.find((node) => node.id === query) || all.find((node) => node.label === query)
      || all.find((node) => texts(node).includes(lower))
      || all.find((node) => texts(node).some((t) => t.includes(lower))) || null;
  }

  function focusNode(id, animate) {
    const node = nodes.get(id);
    if (!node) return false;
    if (hidden.has("kind:" + node.group)) {
      hidden.delete("kind:" + node.group);
      refresh();
    }
    if (collapsed.has(node.group)) expand([node.group]);
    focused = id;
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.2),
      animation: animate ? { duration: 500, easingFunction: "easeInOutQuad" } : false,
    });
    writeHash();
    return true;
  }

  function findTyped() {
    const node = lookup(find.value);
    message.textContent = node ? "" : "Nothing called \u201C" + find.value.trim() + "\u201D on this page.";
    if (node) focusNode(node.id, true);
  }

  find.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    findTyped();
  });
  find.addEventListener("input", (event) => {
    // Picking an entry of the list inserts it whole; typing goes on until Enter.
    const picked = !event.inputType || event.inputType === "insertReplacementText";
    if (picked && Array.from(labels.options).some((option) => option.value === find.value)) findTyped();
  });
  network.on("deselectNode", () => {
    if (focused === null) return;
    focused = null;
    writeHash();
  });

  // -- the date slider ---------------------------------------------------------------------------------

  const slider = document.getElementById("nsgraph-year");
  const dayShown = document.getElementById("nsgraph-day");
  const thisYear = Number(controls.today.slice(0, 4));

  function dayOf(year) {
    return year === thisYear ? controls.today : year + "-12-31";
  }

  slider.addEventListener("input", () => { dayShown.textContent = dayOf(Number(slider.value)); });
  slider.addEventListener("change", () => {
    if (slider.disabled) return;
    const year = Number(slider.value);
    const url = new URL(location.href); // keeps the hash: filters and focus survive the move
    if (year === thisYear) url.searchParams.delete("as_of");
    else url.searchParams.set("as_of", dayOf(year));
    location.assign(url.toString());
  });

  // -- relayout (when nsgraph.js offers it) ------------------------------------------------------------

  const relayout = document.getElementById("nsgraph-relayout");
  if (typeof state.relayout === "function") {
    relayout.hidden = false;
    relayout.addEventListener("click", () => state.relayout());
  }

  // -- downloads ---------------------------------------------------------------------------------------

  function title() {
    return document.querySelector("main.view h1").textContent.trim();
  }

  function dayLine() {
    // A saved file opened later shows the day it was made: "today" only while that is still true.
    const now = new Date();
    const local = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    const day = "As of " + (controls.as_of || controls.today + (controls.today === local ? " (today)" : ""));
    const off = filters.filter((box) => !box.checked).map((box) => box.closest("label").querySelector("span").textContent);
    return off.length ? day + " \u00B7 not shown: " + off.join(", ") : day;
  }

  function sourcesLine() {
    const used = new Set();
    const add = (item) => { if (!item.hidden) (item.src || []).forEach((i) => used.add(controls.sources[i])); };
    nodes.forEach(add);
    edges.forEach(add);
    const names = Array.from(used).sort();
    if (!names.length) return "Sources: none recorded for what is drawn";
    const more = names.length > SOURCE_CAP ? " and " + (names.length - SOURCE_CAP) + " more" : "";
    return "Sources: " + names.slice(0, SOURCE_CAP).join(", ") + more;
  }

  function fileName(extension) {
    const slug = title().toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return (slug.slice(0, 60) || "network") + "-" + (controls.as_of || controls.today) + "." + extension;
  }

  function save(href, name) {
    const link = document.createElement("a");
    link.href = href;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function wrap(context, text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(" ")) {
      const next = line ? line + " " + word : word;
      if (line && context.measureText(next).width > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    return line ? lines.concat([line]) : lines;
  }

  function downloadPng() {
    const drawn = document.querySelector("#nsgraph-canvas canvas");
    const ratio = drawn.width / (drawn.clientWidth || drawn.width) || 1;
    const pad = 12 * ratio;
    const big = "600 " + 18 * ratio + "px system-ui, sans-serif";
    const small = 13 * ratio + "px system-ui, sans-serif";
    const out = document.createElement("canvas");
    const context = out.getContext("2d");
    const width = drawn.width - 2 * pad;
    context.font = big;
    const head = wrap(context, title(), width);
    context.font = small;
    const sub = wrap(context, dayLine(), width);
    const foot = wrap(context, sourcesLine(), width);
    const headHeight = pad + head.length * 24 * ratio + sub.length * 18 * ratio + pad / 2;
    const footHeight = pad / 2 + foot.length * 18 * ratio + pad;
    out.width = drawn.width;
    out.height = Math.ceil(headHeight + drawn.height + footHeight);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.fillStyle = "#1a1a1a";
    context.textBaseline = "top";
    let y = pad;
    context.font = big;
    for (const line of head) { context.fillText(line, pad, y); y += 24 * ratio; }
    context.font = small;
    context.fillStyle = "#555555";
    for (const line of sub) { context.fillText(line, pad, y); y += 18 * ratio; }
    context.drawImage(drawn, 0, headHeight);
    y = headHeight + drawn.height + pad / 2;
    for (const line of foot) { context.fillText(line, pad, y); y += 18 * ratio; }
    save(out.toDataURL("image/png"), fileName("png"));
  }

  function escapeXml(text) {
    return String(text)
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function points(list) {
    return list.map((p) => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" ");
  }

  function shapeSvg(shape, x, y, s, fill, strokeWidth) {
    const paint = ' fill="' + fill + '" stroke="#2B2B2B" stroke-width="' + strokeWidth + '"';
    const ring = (count, inner) => {
      const list = [];
      for (let i = 0; i < count; i++) {
        const r = inner && i % 2 ? s * inner : s;
        const angle = (2 * Math.PI * i) / count - Math.PI / 2;
        list.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
      }
      return list;
    };
    if (shape === "square") return '<rect x="' + (x - s) + '" y="' + (y - s) + '" width="' + 2 * s + '" height="' + 2 * s + '"' + paint + "/>";
    if (shape === "diamond") return '<polygon points="' + points([[x, y - s], [x + s, y], [x, y + s], [x - s, y]]) + '"' + paint + "/>";
    if (shape === "triangle") return '<polygon points="' + points(ring(3)) + '"' + paint + "/>";
    if (shape === "triangleDown") return '<polygon points="' + points(ring(3).map((p) => [p[0], 2 * y - p[1]])) + '"' + paint + "/>";
    if (shape === "star") return '<polygon points="' + points(ring(10, 0.45)) + '"' + paint + "/>";
    if (shape === "hexagon") return '<polygon points="' + points(ring(6)) + '"' + paint + "/>";
    return '<circle cx="' + x + '" cy="' + y + '" r="' + s + '"' + paint + "/>";
  }

  // What is drawn now: visible nodes (a cluster standing in for its members) and the lines between them.
  function drawnScene() {
    const items = new Map();
    const top = (id) => (live.size ? network.findNode(id)[0] || id : id);
    for (const node of nodes.get({ filter: (item) => !item.hidden })) {
      const at = top(node.id);
      if (items.has(at)) continue;
      if (live.has(at)) {
        const kind = live.get(at);
        const count = nodes.get({ filter: (item) => item.group === kind && !item.hidden }).length;
        items.set(at, { label: kinds[kind].plural + " (" + count + ")", kind: kind, shape: kinds[kind].shape,
          size: 20 + Math.min(24, 3 * Math.sqrt(count)), border: 3 });
      } else {
        items.set(at, { label: node.label, kind: node.group, shape: node.shape || kinds[node.group].shape,
          size: node.size || 10, border: node.borderWidth || 1 });
      }
    }
    const positions = network.getPositions(Array.from(items.keys()));
    const lines = [];
    const seen = new Set();
    for (const edge of edges.get({ filter: (item) => !item.hidden })) {
      const from = top(edge.from);
      const to = top(edge.to);
      const key = from + "\u0000" + to + "\u0000" + edge.rel + "\u0000" + (live.has(from) || live.has(to) ? "" : edge.id);
      if (from === to || seen.has(key) || !positions[from] || !positions[to]) continue;
      seen.add(key);
      lines.push({ from: from, to: to, edge: edge, label: live.has(from) || live.has(to) ? "" : edge.label });
    }
    return { items: items, positions: positions, lines: lines };
  }

  function buildSvg() {
    const scene = drawnScene();
    const ids = Array.from(scene.items.keys()).filter((id) => scene.positions[id]);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const id of ids) {
      const p = scene.positions[id];
      const item = scene.items.get(id);
      const half = Math.max(item.size, 4 * String(item.label).length);
      minX = Math.min(minX, p.x - half); maxX = Math.max(maxX, p.x + half);
      minY = Math.min(minY, p.y - item.size); maxY = Math.max(maxY, p.y + item.size + 22);
    }
    if (!ids.length) { minX = 0; minY = 0; maxX = 400; maxY = 200; }
    const head = [title(), dayLine()];
    const foot = sourcesLine();
    const textWidth = Math.max(9.5 * head[0].length, 7 * head[1].length, 7 * foot.length);
    const margin = 24;
    const graphWidth = maxX - minX;
    const width = Math.max(graphWidth, textWidth) + 2 * margin;
    const left = minX - margin - (width - 2 * margin - graphWidth) / 2;
    const headHeight = 64;
    const top = minY - margin - headHeight;
    const height = maxY - minY + 2 * margin + headHeight + 30;
    const out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [left, top, width, height].map((v) => v.toFixed(1)).join(" ")
      + '" width="' + Math.ceil(width) + '" height="' + Math.ceil(height) + '" font-family="system-ui, sans-serif">');
    out.push("<title>" + escapeXml(head[0]) + "</title>");
    out.push('<rect x="' + left + '" y="' + top + '" width="' + width + '" height="' + height + '" fill="#ffffff"/>');
    out.push('<text x="' + (left + margin) + '" y="' + (top + 28) + '" font-size="18" font-weight="600" fill="#1a1a1a">'
      + escapeXml(head[0]) + "</text>");
    out.push('<text x="' + (left + margin) + '" y="' + (top + 50) + '" font-size="13" fill="#555555">' + escapeXml(head[1]) + "</text>");
    out.push('<g class="edges">');
    for (const line of scene.lines) {
      const a = scene.positions[line.from];
      const b = scene.positions[line.to];
      const edge = line.edge;
      const color = typeof edge.color === "string" ? edge.color : (edge.color && edge.color.color) || "#999999";
      const dashes = Array.isArray(edge.dashes) && edge.dashes.length ? ' stroke-dasharray="' + edge.dashes.join(" ") + '"' : "";
      const width_ = edge.width || 1;
      out.push('<line x1="' + a.x.toFixed(1) + '" y1="' + a.y.toFixed(1) + '" x2="' + b.x.toFixed(1) + '" y2="' + b.y.toFixed(1)
        + '" stroke="' + escapeXml(color) + '" stroke-width="' + width_ + '"' + dashes + "/>");
      const length = Math.hypot(b.x - a.x, b.y - a.y);
      const size = scene.items.get(line.to).size;
      if (length > size + 1) {
        const ux = (b.x - a.x) / length;
        const uy = (b.y - a.y) / length;
        const tip = [b.x - ux * size, b.y - uy * size];
        const back = [tip[0] - ux * 9, tip[1] - uy * 9];
        out.push('<polygon points="' + points([tip, [back[0] - uy * 4, back[1] + ux * 4], [back[0] + uy * 4, back[1] - ux * 4]])
          + '" fill="' + escapeXml(color) + '"/>');
      }
      if (line.label) {
        out.push('<text x="' + ((a.x + b.x) / 2).toFixed(1) + '" y="' + ((a.y + b.y) / 2).toFixed(1)
          + '" font-size="11" text-anchor="middle" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
          + escapeXml(line.label) + "</text>");
      }
    }
    out.push("</g>");
    out.push('<g class="nodes">');
    for (const id of ids) {
      const p = scene.positions[id];
      const item = scene.items.get(id);
      const color = kinds[item.kind] ? kinds[item.kind].color : "#999999";
      out.push(shapeSvg(item.shape, p.x, p.y, item.size, color, item.border));
      out.push('<text x="' + p.x.toFixed(1) + '" y="' + (p.y + item.size + 15).toFixed(1)
        + '" font-size="14" text-anchor="middle" fill="#1a1a1a" stroke="#ffffff" stroke-width="4" paint-order="stroke">'
        + escapeXml(item.label) + "</text>");
    }
    out.push("</g>");
    out.push('<text x="' + (left + margin) + '" y="' + (top + height - 14) + '" font-size="12" fill="#555555">' + escapeXml(foot) + "</text>");
    out.push("</svg>");
    return out.join("\n");
  }

  document.getElementById("nsgraph-png").addEventListener("click", downloadPng);
  document.getElementById("nsgraph-svg").addEventListener("click", () => {
    save("data:image/svg+xml;charset=utf-8," + encodeURIComponent(buildSvg()), fileName("svg"));
  });

  // -- start: the state the link asks for, once the layout has settled --------------------------------

  function applyWanted(wanted, animate) {
    const known = new Set(filters.map((box) => box.dataset.filter));
    hidden.clear();
    wanted.hide.filter((filter) => known.has(filter)).forEach((filter) => hidden.add(filter));
    collapsed.clear();
    if (controls.clustered) {
      const open = new Set(wanted.open || []);
      drawnKinds.filter((kind) => !open.has(kind)).forEach((kind) => collapsed.add(kind));
    }
    refresh();
    if (live.size) network.fit();
    focused = null;
    if (wanted.focus !== null && !focusNode(wanted.focus, animate)) writeHash();
    if (wanted.focus === null) network.unselectAll();
  }

  function whenStable(run) {
    if (state.stabilized) run();
    else requestAnimationFrame(() => whenStable(run));
  }

  whenStable(() => {
    applyWanted(readHash(), false);
    window.addEventListener("hashchange", () => applyWanted(readHash(), true));
    document.body.dataset.controls = "ready";
  });
})();
