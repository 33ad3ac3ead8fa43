// Draws the graph embedded in the page (a JSON script element), stops physics once the layout is
// stable, and turns a click on a node into navigation to that node's page.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("nsgraph-data").textContent);
  const container = document.getElementById("nsgraph-canvas");
  const status = document.getElementById("nsgraph-status");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const state = { nodes: nodes, edges: edges, network: network, stabilized: false };
  window.nsgraphNetwork = state;

  function settle() {
    if (state.stabilized) return;
    network.setOptions({ physics: false });
    state.stabilized = true;
    document.body.dataset.stabilized = "true";
    status.hidden = true;
  }

  network.once("stabilizationIterationsDone", settle);
  if (nodes.length === 0) settle();

  network.on("click", function (params) {
    if (params.nodes.length !== 1) return;
    const node = nodes.get(params.nodes[0]);
    if (node && node.url) window.location.assign(node.url);
  });
  network.on("hoverNode", function () { container.style.cursor = "pointer"; });
  network.on("blurNode", function () { container.style.cursor = ""; });
})();
