// Lantian query page: no framework, no network beyond this server.
// Every value from a result is written with textContent: never parsed as HTML.
"use strict";

const PREFIXES = [
  ["lt", "https://w3id.org/lantian/ontology#"],
  ["id", "https://w3id.org/lantian/id/"],
  ["org", "http://www.w3.org/ns/org#"],
  ["schema", "https://schema.org/"],
  ["skos", "http://www.w3.org/2004/02/skos/core#"],
  ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
  ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"],
  ["foaf", "http://xmlns.com/foaf/0.1/"],
  ["xsd", "http://www.w3.org/2001/XMLSchema#"],
];

function compact(iri) {
  for (const [name, ns] of PREFIXES) {
    if (iri.startsWith(ns) && iri.length > ns.length) return name + ":" + iri.slice(ns.length);
  }
  return iri;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function clearResults() {
  const table = document.getElementById("results");
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  const graph = document.getElementById("graph");
  graph.hidden = true;
  graph.textContent = "";
  const error = document.getElementById("error");
  error.hidden = true;
  error.textContent = "";
}

function showError(message) {
  const error = document.getElementById("error");
  error.textContent = message;
  error.hidden = false;
}

function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "uri";
    td.title = term.value;
    td.textContent = compact(term.value);
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.appendChild(el("span", "@" + term["xml:lang"], "lang"));
    else if (term.datatype) td.appendChild(el("span", compact(term.datatype), "dt"));
  }
  return td;
}

function renderJson(data) {
  const table = document.getElementById("results");
  if ("boolean" in data) {
    const row = el("tr");
    row.appendChild(el("td", String(data.boolean)));
    table.tBodies[0].appendChild(row);
    return 1;
  }
  const vars = data.head.vars || [];
  const head = el("tr");
  for (const v of vars) head.appendChild(el("th", v));
  table.tHead.appendChild(head);
  const body = table.tBodies[0];
  for (const binding of data.results.bindings) {
    const row = el("tr");
    for (const v of vars) row.appendChild(cell(binding[v]));
    body.appendChild(row);
  }
  return data.results.bindings.length;
}

async function run() {
  const query = document.getElementById("query").value;
  const status = document.getElementById("status");
  clearResults();
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: query,
    });
    const ms = Math.round(performance.now() - started);
    const text = await response.text();
    if (!response.ok) {
      status.textContent = "";
      showError(response.status + " " + response.statusText + "\n" + text);
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      const rows = renderJson(JSON.parse(text));
      status.textContent = rows + " row" + (rows === 1 ? "" : "s") + " in " + ms + " ms";
    } else {
      const graph = document.getElementById("graph");
      graph.textContent = text;
      graph.hidden = false;
      status.textContent = "graph in " + ms + " ms";
    }
  } catch (err) {
    status.textContent = "";
    showError("the server did not answer: " + err);
  }
}

async function loadExamples() {
  const list = document.getElementById("examples");
  try {
    const response = await fetch("/queries.json");
    const queries = await response.json();
    if (!queries.length) list.appendChild(el("li", "(no .rq files in ontology/queries/)"));
    for (const q of queries) {
      const button = el("button", q.title);
      button.type = "button";
      button.title = q.name + ".rq";
      button.dataset.name = q.name;
      button.addEventListener("click", () => {
        document.getElementById("query").value = q.query;
        run();
      });
      const item = el("li");
      item.appendChild(button);
      list.appendChild(item);
    }
  } catch (err) {
    list.appendChild(el("li", "could not load the named queries: " + err));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("endpoint").textContent = new URL("/sparql", location.href).href;
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  loadExamples();
});
