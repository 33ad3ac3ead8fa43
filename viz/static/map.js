// The world map through time, from one payload of dated facts (no request per step).
// A year shows the state of 31 December; the current year shows today. A fact counts on a day when the
// last day its date can mean (date_latest) is on or before it: graph.dating's rule, as the server applies it.
// Undated facts never count on a day: their States are hatched when nothing else is known, and listed.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const svg = document.getElementById("world-map");
  const slider = document.getElementById("map-year");
  const dayLabel = document.getElementById("map-day");
  const dayInline = document.getElementById("map-day-inline");
  const tooltip = document.getElementById("map-tooltip");
  const play = document.getElementById("map-play");
  const rank = data.rank;
  const thisYear = Number(data.today.slice(0, 4));
  const factsOf = new Map();
  for (const fact of data.facts) {
    if (!factsOf.has(fact.entity.id)) factsOf.set(fact.entity.id, []);
    factsOf.get(fact.entity.id).push(fact);
  }
  const elements = Array.from(svg.querySelectorAll("[data-state]"));
  let current = { day: data.as_of || data.today, status: new Map() };

  function dayOf(year) {
    return year === thisYear ? data.today : `${year}-12-31`;
  }

  function standing(day) {
    const status = new Map(), undated = [], imprecise = [];
    for (const fact of data.facts) {
      if (fact.date_latest === null) { undated.push(fact); continue; }
      if (fact.date_latest <= day) {
        const held = status.get(fact.entity.id);
        if (held === undefined || rank.indexOf(fact.status) < rank.indexOf(held)) status.set(fact.entity.id, fact.status);
      } else if (fact.date_earliest <= day) {
        imprecise.push(fact);
      }
    }
    return { status, undated, imprecise };
  }

  function fillList(id, facts, withDate) {
    const list = document.getElementById(id);
    list.replaceChildren();
    for (const fact of facts) {
      const li = document.createElement("li");
      li.textContent = `${fact.entity.name || fact.entity.id} (${fact.entity.id}): ${fact.status}` +
        (withDate ? ` (${fact.date})` : "");
      list.appendChild(li);
    }
    if (!facts.length) { const li = document.createElement("li"); li.textContent = "none"; list.appendChild(li); }
  }

  function paint(day) {
    const { status, undated, imprecise } = standing(day);
    const undatedIds = new Set(undated.map((fact) => fact.entity.id));
    for (const element of elements) {
      const iso3 = element.dataset.iso3;
      element.dataset.status = status.get(iso3) || "none-known";
      if (undatedIds.has(iso3)) element.dataset.undated = "1"; else delete element.dataset.undated;
    }
    for (const item of document.querySelectorAll("#map-organizations li[data-entity]")) {
      const value = status.get(item.dataset.entity) || "none-known";
      item.dataset.status = value;
      item.querySelector(".org-status").textContent = value.replace("-", " ");
    }
    fillList("map-undated", undated, false);
    fillList("map-imprecise", imprecise, true);
    dayLabel.textContent = day === data.today ? `today (${day})` : day;
    dayInline.textContent = day;
    current = { day, status };
    window.nsgraphMap = { day, painted: true };
  }

  function line(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  function showTooltip(event) {
    const element = event.target.closest("[data-state]");
    if (!element) { tooltip.hidden = true; return; }
    const iso3 = element.dataset.iso3;
    const title = line(`${element.dataset.name} (${iso3}): ${(current.status.get(iso3) || "none known")} on ${current.day}`);
    title.style.fontWeight = "600";
    const rows = [title];
    for (const fact of factsOf.get(iso3) || []) {
      rows.push(line(`${fact.status}${fact.via ? ` (${fact.via})` : ""}${fact.role ? ` (${fact.role})` : ""}: ` +
        `${fact.date || "undated"} · sources: ${fact.sources.join(", ") || "none"}`));
    }
    if (!factsOf.has(iso3)) rows.push(line("No fact known (the list is partial)."));
    tooltip.replaceChildren(...rows);
    const box = svg.parentElement.getBoundingClientRect();
    tooltip.style.left = `${Math.min(event.clientX - box.left + 14, box.width - 300)}px`;
    tooltip.style.top = `${event.clientY - box.top + 14}px`;
    tooltip.hidden = false;
  }

  svg.addEventListener("mousemove", showTooltip);
  svg.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  svg.addEventListener("click", (event) => {
    const element = event.target.closest("[data-state]");
    if (element) window.location.href = `/viz/state/${encodeURIComponent(element.dataset.iso3)}`;
  });
  slider.addEventListener("input", () => paint(dayOf(Number(slider.value))));

  let timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = "▶ Play"; }
  play.addEventListener("click", () => {
    if (timer !== null) { stop(); return; }
    if (Number(slider.value) >= Number(slider.max)) { slider.value = slider.min; paint(dayOf(Number(slider.value))); }
    play.textContent = "❚❚ Pause";
    timer = setInterval(() => {
      slider.value = String(Number(slider.value) + 1);
      paint(dayOf(Number(slider.value)));
      if (Number(slider.value) >= Number(slider.max)) stop();
    }, 700);
  });

  paint(data.as_of || data.today);
})();
