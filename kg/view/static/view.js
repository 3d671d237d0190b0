/* Lantian graph view.
 *
 * Reads the graph from <script type="application/json" id="lt-data">, draws it
 * with vis-network from precomputed positions (physics off) and wires the
 * search box, filters and side panel. Every piece of text from the data goes
 * into the page through textContent or as a DOM element (vis-network tooltips),
 * never through an HTML string.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("lt-data").textContent);
  var N = DATA.nodes, E = DATA.edges;
  var KIND = {}, RELS = DATA.rels;
  DATA.kinds.forEach(function (k) { KIND[k.kind] = k; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sym(kind) {
    var s = el("span", "lt-sym", KIND[kind] ? KIND[kind].symbol : "•");
    if (KIND[kind]) s.style.color = KIND[kind].color;
    return s;
  }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  // adjacency: adj[i] = [[j, edgeIndex, outgoing], ...]
  var adj = N.map(function () { return []; });
  E.forEach(function (e, j) { adj[e[0]].push([e[1], j, true]); adj[e[1]].push([e[0], j, false]); });

  // ---- state -------------------------------------------------------------
  var kindOn = {};
  DATA.kinds.forEach(function (k) { kindOn[k.kind] = true; });
  var region = -1, inRegion = null;
  var subset = DATA.initial ? new Set(DATA.initial) : null;
  var revealed = new Set();
  var geo = false;
  var shownNodes = new Set(), shownEdges = new Set();
  var started = false;  // set once the first view is drawn and fitted

  var nodeDS = new vis.DataSet(), edgeDS = new vis.DataSet();
  // Big graphs: vis-network spends half its set-up time on edge labels, so edges
  // start bare and get their label and arrow once zoomed in far enough to read them.
  var big = E.length > 3000, DETAIL_SCALE = 0.7, DETAIL_MAX = 800, detailed = new Set();
  var groups = {};
  DATA.kinds.forEach(function (k) {
    groups[k.kind] = { shape: k.shape, color: { background: k.color, border: k.color,
      highlight: { background: "#ffd43b", border: "#212529" }, hover: { background: k.color, border: "#212529" } } };
  });
  var network = new vis.Network(document.getElementById("lt-graph"), { nodes: nodeDS, edges: edgeDS }, {
    physics: false,
    layout: { improvedLayout: false },
    groups: groups,
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { font: { size: 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#fff" }, borderWidth: 1 },
    edges: {
      smooth: false, width: 1, arrows: { to: { enabled: !big, scaleFactor: 0.4 } },
      color: { color: "#ced4da", highlight: "#495057", hover: "#868e96" },
      font: { size: 9, color: "#868e96", strokeWidth: 3, strokeColor: "#fff", align: "middle" }
    }
  });

  function tipNode(i) {
    var n = N[i], d = el("div");
    var head = el("div");
    head.appendChild(sym(n.k));
    head.appendChild(el("strong", null, n.l));
    d.appendChild(head);
    d.appendChild(el("div", "lt-tip-en", KIND[n.k].zh + " · " + n.k + (n.a ? " · 别名 " + n.a.join("、") : "")));
    return d;
  }
  function tipEdge(e) {
    var r = RELS[e[2]], d = el("div");
    d.appendChild(el("strong", null, (e[3] ? e[3] + " · " : "") + r.zh));
    d.appendChild(el("div", "lt-tip-en", r.en));
    return d;
  }
  function visNode(i) {
    var n = N[i];
    return {
      id: i, label: short(n.l, 18), title: tipNode(i), group: n.k, size: 7 + 3 * Math.log2(1 + n.d),
      x: geo ? n.gx : n.x, y: geo ? n.gy : n.y
    };
  }
  function visEdge(j) {
    var e = E[j], item = { id: j, from: e[0], to: e[1], title: tipEdge(e) };
    if (!big) item.label = e[3] || RELS[e[2]].zh;
    return item;
  }
  function detail() {
    // label (and arrow) the shown edges with an end in view, once zoomed in
    if (!big || network.getScale() < DETAIL_SCALE) return;
    var c = document.getElementById("lt-graph");
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    var pos = network.getPositions(), upd = [];
    function inView(i) { var p = pos[i]; return p && p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; }
    var todo = [], cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    shownEdges.forEach(function (j) {
      if (!detailed.has(j) && (inView(E[j][0]) || inView(E[j][1]))) todo.push(j);
    });
    if (todo.length > DETAIL_MAX) {  // the ones nearest the centre of the view first
      var dist = {};
      todo.forEach(function (j) {
        var p = pos[E[j][0]], q = pos[E[j][1]], mx = (p.x + q.x) / 2 - cx, my = (p.y + q.y) / 2 - cy;
        dist[j] = mx * mx + my * my;
      });
      todo.sort(function (x, y) { return dist[x] - dist[y] || x - y; });
      todo = todo.slice(0, DETAIL_MAX);
    }
    todo.forEach(function (j) {
      var e = E[j];
      detailed.add(j);
      upd.push({ id: j, label: e[3] || RELS[e[2]].zh, arrows: { to: { enabled: true, scaleFactor: 0.4 } } });
    });
    if (upd.length) edgeDS.update(upd);
  }

  // ---- filters -------------------------------------------------------------
  function computeRegion() {
    if (region < 0) { inRegion = null; return; }
    var memo = {};
    function under(p) {
      if (p in memo) return memo[p];
      var seen = 0, q = p, ok = false;
      while (q !== undefined && seen++ < 64) {
        if (q === region) { ok = true; break; }
        q = N[q].up;
      }
      memo[p] = ok;
      return ok;
    }
    inRegion = N.map(function (n) { return !!(n.s && n.s.some(under)); });
  }
  function wanted() {
    var want = new Set();
    for (var i = 0; i < N.length; i++) {
      if (revealed.has(i)) { want.add(i); continue; }
      if (!kindOn[N[i].k]) continue;
      if (inRegion && !inRegion[i]) continue;
      if (subset && !subset.has(i)) continue;
      want.add(i);
    }
    return want;
  }
  function apply() {
    var want = wanted(), rm = [], add = [];
    shownNodes.forEach(function (i) { if (!want.has(i)) rm.push(i); });
    want.forEach(function (i) { if (!shownNodes.has(i)) add.push(visNode(i)); });
    var wantE = new Set(), rmE = [], addE = [];
    E.forEach(function (e, j) { if (want.has(e[0]) && want.has(e[1])) wantE.add(j); });
    shownEdges.forEach(function (j) { if (!wantE.has(j)) rmE.push(j); });
    wantE.forEach(function (j) { if (!shownEdges.has(j)) addE.push(visEdge(j)); });
    rmE.forEach(function (j) { detailed.delete(j); });
    edgeDS.remove(rmE); nodeDS.remove(rm);
    nodeDS.add(add); edgeDS.add(addE);
    shownNodes = want; shownEdges = wantE;
    stats();
    if (started) detail();
  }

  // ---- header --------------------------------------------------------------
  function stats() {
    var box = document.getElementById("lt-stats");
    box.textContent = "";
    function item(label, value, id) {
      var s = el("span", null, label + " ");
      var b = el("b", null, value);
      if (id) b.id = id;
      s.appendChild(b);
      box.appendChild(s);
    }
    DATA.kinds.forEach(function (k) { if (k.count) item(k.zh, k.count); });
    DATA.folded.forEach(function (k) { if (k.count) item(k.zh, k.count); });
    item("关系", E.length, "lt-count-edges");
    item("显示", shownNodes.size + " / " + N.length, "lt-count-shown");
    var all = document.getElementById("lt-all");
    if (subset) {
      all.hidden = false;
      all.textContent = "显示全部 " + N.length + " 个节点";
    } else {
      all.hidden = true;
    }
  }

  // ---- legend, region, buttons ---------------------------------------------
  var legend = document.getElementById("lt-legend");
  DATA.kinds.forEach(function (k) {
    if (!k.count) return;
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = k.kind;
    box.addEventListener("change", function () { kindOn[k.kind] = box.checked; apply(); });
    lab.appendChild(box); lab.appendChild(sym(k.kind));
    lab.appendChild(el("span", null, k.zh + " " + k.kind));
    lab.appendChild(el("span", "lt-count", k.count));
    li.appendChild(lab); legend.appendChild(li);
  });
  var regionSel = document.getElementById("lt-region");
  (function () {
    var opt = el("option", null, "全部地区 All"); opt.value = "-1"; regionSel.appendChild(opt);
    var places = [];
    N.forEach(function (n, i) { if (n.k === "Place" || n.k === "Region") places.push(i); });
    function depth(i) { var d = 0, q = N[i].up; while (q !== undefined && d < 8) { d++; q = N[q].up; } return d; }
    function path(i) { var p = [], q = i, c = 0; while (q !== undefined && c++ < 9) { p.unshift(N[q].l); q = N[q].up; } return p.join("/"); }
    places.sort(function (a, b) { var pa = path(a), pb = path(b); return pa < pb ? -1 : pa > pb ? 1 : a - b; });
    places.forEach(function (i) {
      var o = el("option", null, "\u3000".repeat(depth(i)) + N[i].l);
      o.value = String(i); regionSel.appendChild(o);
    });
  })();
  regionSel.addEventListener("change", function () { region = parseInt(regionSel.value, 10); computeRegion(); apply(); fit(); });
  function fit() { network.fit({ animation: false }); }
  document.getElementById("lt-fit").addEventListener("click", fit);
  var geoBtn = document.getElementById("lt-geo");
  if (DATA.geo) {
    geoBtn.hidden = false;
    geoBtn.addEventListener("click", function () {
      geo = !geo;
      geoBtn.textContent = geo ? "力导向布局" : "按经纬度布局";
      nodeDS.update(Array.from(shownNodes).map(function (i) {
        return { id: i, x: geo ? N[i].gx : N[i].x, y: geo ? N[i].gy : N[i].y };
      }));
      fit();
    });
  }
  document.getElementById("lt-all").addEventListener("click", function () { subset = null; apply(); fit(); });

  // ---- panel ---------------------------------------------------------------
  var panel = document.getElementById("lt-panel");
  function section(title) { panel.appendChild(el("h3", null, title)); }
  function link(j) {
    var b = el("button", "lt-link", N[j].l);
    b.type = "button";
    b.addEventListener("click", function () { select(j); });
    return b;
  }
  function openPanel(i) {
    var n = N[i];
    panel.textContent = "";
    panel.dataset.node = String(i);
    var top = el("div", "lt-top");
    top.appendChild(sym(n.k));
    top.appendChild(el("span", "lt-type", KIND[n.k].zh + " · " + n.k));
    var close = el("button", null, "×");
    close.type = "button"; close.title = "关闭"; close.setAttribute("aria-label", "关闭");
    close.addEventListener("click", function () { panel.hidden = true; network.unselectAll(); });
    top.appendChild(close);
    panel.appendChild(top);
    panel.appendChild(el("h2", "lt-name", n.l));
    var dl = el("dl");
    function fact(k, v) { dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, v)); }
    if (n.a) fact("别名", n.a.join("、"));
    (n.f || []).forEach(function (f) { fact(f[0], f[1]); });
    panel.appendChild(dl);
    if (n.p) {
      section("职务 Posts");
      var ul = el("ul", "lt-posts");
      n.p.forEach(function (p) { ul.appendChild(el("li", null, p)); });
      panel.appendChild(ul);
    }
    if (n.st) {
      section("人员 Officials");
      var us = el("ul");
      n.st.forEach(function (p) { us.appendChild(el("li", null, p)); });
      panel.appendChild(us);
    }
    if (adj[i].length) {
      section("关系 Links (" + adj[i].length + ")");
      var rows = adj[i].slice().sort(function (a, b) {
        var ra = E[a[1]][2], rb = E[b[1]][2];
        return ra < rb ? -1 : ra > rb ? 1 : (N[a[0]].l < N[b[0]].l ? -1 : N[a[0]].l > N[b[0]].l ? 1 : 0);
      });
      var ul2 = el("ul", "lt-links");
      rows.slice(0, 200).forEach(function (r) {
        var e = E[r[1]], li = el("li");
        var name = (e[3] ? e[3] + " · " : "") + RELS[e[2]].zh;
        var relSpan = el("span", "lt-rel", r[2] ? name + " → " : "← " + name + " ");
        relSpan.title = RELS[e[2]].en;
        li.appendChild(relSpan);
        li.appendChild(sym(N[r[0]].k));
        li.appendChild(link(r[0]));
        ul2.appendChild(li);
      });
      if (rows.length > 200) ul2.appendChild(el("li", "lt-note", "… 另有 " + (rows.length - 200) + " 条"));
      panel.appendChild(ul2);
    }
    if (n.m) {
      section("出处 Mentions (" + n.mc + ")");
      var ol = el("ul", "lt-mentions");
      n.m.forEach(function (m) {
        var li = el("li", "lt-quote"), q = el("div", "lt-sentence");
        q.appendChild(document.createTextNode(m[1].slice(0, m[2])));
        q.appendChild(el("mark", null, m[1].slice(m[2], m[3])));
        q.appendChild(document.createTextNode(m[1].slice(m[3])));
        li.appendChild(q);
        li.appendChild(el("cite", null, "《" + m[0] + "》"));
        ol.appendChild(li);
      });
      if (n.mc > n.m.length) ol.appendChild(el("li", "lt-note", "… 共 " + n.mc + " 处，显示前 " + n.m.length + " 处"));
      panel.appendChild(ol);
    }
    section("IRI");
    panel.appendChild(el("code", null, n.iri));
    panel.hidden = false;
  }

  function select(i) {
    if (!shownNodes.has(i)) {
      // show it with (up to 50 of) its neighbours of the types being shown
      revealed.add(i);
      adj[i].filter(function (r) { return kindOn[N[r[0]].k]; }).slice(0, 50)
        .forEach(function (r) { revealed.add(r[0]); });
      apply();
    }
    network.selectNodes([i]);
    var width = document.getElementById("lt-graph").clientWidth;
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), offset: { x: -Math.min(190, width / 4), y: 0 },
                       animation: big ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
    if (big) detail();
    openPanel(i);
  }
  network.on("zoom", detail);
  network.on("dragEnd", detail);
  network.on("animationFinished", detail);
  network.on("click", function (p) { if (p.nodes.length) openPanel(p.nodes[0]); });
  network.on("doubleClick", function (p) {
    if (!p.nodes.length) return;
    adj[p.nodes[0]].forEach(function (r) { revealed.add(r[0]); });
    apply();
  });

  // ---- search --------------------------------------------------------------
  var input = document.getElementById("lt-search"), results = document.getElementById("lt-results");
  var names = N.map(function (n) { return [n.l].concat(n.a || []).map(function (s) { return s.toLowerCase(); }); });
  var hits = [], active = 0;
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    names.forEach(function (ns, i) {
      var best = 9, via = -1;
      ns.forEach(function (s, a) {
        var score = s === q ? 0 : s.indexOf(q) === 0 ? 2 : s.indexOf(q) >= 0 ? 4 : 9;
        if (a > 0 && score < 9) score += 1;
        if (score < best) { best = score; via = a; }
      });
      if (best < 9) found.push([best, N[i].l.length, i, via]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return found.slice(0, 20);
  }
  function showResults() {
    results.textContent = "";
    hits.forEach(function (h, r) {
      var n = N[h[2]], li = el("li", r === active ? "active" : null);
      li.setAttribute("role", "option");
      li.appendChild(sym(n.k));
      li.appendChild(el("span", "lt-hit", n.l));
      if (h[3] > 0) li.appendChild(el("span", "lt-alt", "(" + n.a[h[3] - 1] + ")"));
      li.appendChild(el("span", "lt-kind", KIND[n.k].zh));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(r); });
      results.appendChild(li);
    });
    results.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", hits.length ? "true" : "false");
  }
  function choose(r) {
    if (!hits[r]) return;
    var i = hits[r][2];
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    select(i);
  }
  input.addEventListener("input", function () { hits = search(input.value); active = 0; showResults(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); showResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); showResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") { hits = search(input.value); choose(Math.min(active, hits.length - 1)); ev.preventDefault(); }
    else if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // ---- start ---------------------------------------------------------------
  window.__lt = {
    network: network,
    shownNodes: function () { return shownNodes.size; },
    shownEdges: function () { return shownEdges.size; },
    total: N.length
  };
  network.once("afterDrawing", function () {
    // ready once the first frame is on screen and the main thread is free again
    setTimeout(function () {
      window.__ltReady = performance.now();
      window.__ltReadyAt = Date.now();
      document.body.dataset.ready = "1";
    }, 0);
  });
  apply();
  fit();
  started = true;
})();
