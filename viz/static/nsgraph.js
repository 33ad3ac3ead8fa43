// Draws the graph embedded in the page (a JSON script element) at the positions the server computed, with
// physics off: the page is still at its first draw. `relayout()` runs the live physics until stable, then
// turns it off again. A click on a node navigates to that node's page. Each time the drawing is still, the
// page says so: `data-stabilized` on <body> and an `nsgraph:stable` event on the document.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("nsgraph-data").textContent);
  const container = document.getElementById("nsgraph-canvas");
  const status = document.getElementById("nsgraph-status");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const state = { nodes: nodes, edges: edges, network: network, stabilized: false, relayout: relayout };
  window.nsgraphNetwork = state;

  function settle() {
    if (state.stabilized) return;
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    document.body.dataset.stabilized = "true";
    status.hidden = true;
    document.dispatchEvent(new CustomEvent("nsgraph:stable"));
  }

  function relayout() {
    if (!state.stabilized || nodes.length === 0) return;  // vis runs no stabilization without nodes
    state.stabilized = false;
    delete document.body.dataset.stabilized;
    status.hidden = false;
    network.once("stabilizationIterationsDone", settle);
    network.setOptions({ physics: { enabled: true } });
    network.stabilize();
  }

  network.once("afterDrawing", settle);

  network.on("click", function (params) {
    if (params.nodes.length !== 1) return;
    const node = nodes.get(params.nodes[0]);
    if (node && node.url) window.location.assign(node.url);
  });
  network.on("hoverNode", function () { container.style.cursor = "pointer"; });
  network.on("blurNode", function () { container.style.cursor = ""; });
})();
