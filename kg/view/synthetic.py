"""Synthetic graphs of a given size, shaped like real builds, for the view's
benchmark and scale tests (no real names: every label is generated).

Places form a province → city → county tree with coordinates; each county
has an agency, each agency an official holding a post in it; campaigns are
run by cities; targets apply to places and campaigns; articles mention a few
of all these, with mention nodes pointing into their text. About two drawn
links per drawn node, like the graphs the pipeline builds.
"""

from __future__ import annotations

import random

from kg.graph import KnowledgeGraph

ID = "https://w3id.org/lantian/id/"


def synthetic_graph(n_nodes: int, seed: int = 1) -> KnowledgeGraph:
    """A graph with about ``n_nodes`` drawn nodes (posts, roles and mentions
    come on top) and about two drawn links per node."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    role = kg.add(ID + "role/r", "Role", "局长")
    places: list[str] = []
    drawn = 0
    n_prov = max(1, n_nodes // 500)
    provinces = []
    for p in range(n_prov):
        iri = kg.add(f"{ID}place/{11 + p:02d}0000", "Place", f"省{p}", adcode=f"{11 + p:02d}0000",
                     level="province", latitude=25 + rng.uniform(0, 20), longitude=100 + rng.uniform(0, 20))
        provinces.append(iri)
        places.append(iri)
    drawn += n_prov
    cities = []
    agencies = []
    officials = []
    campaigns = []
    targets = []
    budget = n_nodes - drawn
    # per county: place, agency, official (3 drawn nodes) + some campaigns/targets/articles
    n_county = max(1, int(budget * 0.55 / 3))
    n_city = max(1, n_county // 6)
    for c in range(n_city):
        prov = provinces[c % n_prov]
        lat = kg.g.nodes[prov]["latitude"] + rng.uniform(-2, 2)
        lon = kg.g.nodes[prov]["longitude"] + rng.uniform(-2, 2)
        code = f"{prov.rsplit('/', 1)[-1][:2]}{(c // n_prov) % 99 + 1:02d}00"
        iri = kg.add(f"{ID}place/c{c}", "Place", f"城{c}市", adcode=code, level="city",
                     latitude=lat, longitude=lon)
        kg.link(iri, "containedInPlace", prov)
        cities.append(iri)
        places.append(iri)
    for k in range(n_county):
        city = cities[k % n_city]
        lat = kg.g.nodes[city]["latitude"] + rng.uniform(-0.5, 0.5)
        lon = kg.g.nodes[city]["longitude"] + rng.uniform(-0.5, 0.5)
        iri = kg.add(f"{ID}place/k{k}", "Place", f"县{k}区", level="county", latitude=lat, longitude=lon)
        kg.link(iri, "containedInPlace", city)
        places.append(iri)
        agency = kg.add(f"{ID}agency/a{k}", "Agency", f"县{k}区生态环境局")
        kg.link(agency, "jurisdiction", iri)
        agencies.append(agency)
        person = kg.add(f"{ID}official/o{k}", "Official", f"官员{k}")
        post = kg.add(f"{ID}post/p{k}", "Post", f"县{k}区生态环境局局长")
        kg.link(person, "holds", post)
        kg.link(post, "heldBy", person)
        kg.link(post, "role", role)
        kg.link(post, "postIn", agency)
        kg.link(post, "jurisdiction", iri)
        officials.append(person)
    drawn = len(places) + len(agencies) + len(officials)
    rest = max(0, n_nodes - drawn)
    for c in range(max(1, rest // 6)):
        iri = kg.add(f"{ID}campaign/c{c}", "Campaign", f"行动{c}号")
        kg.link(iri, "conductedBy", rng.choice(cities))
        campaigns.append(iri)
    for t in range(max(1, rest // 3)):
        iri = kg.add(f"{ID}target/t{t}", "Target", None, indicator=f"指标{t % 17}",
                     value=round(rng.uniform(1, 90), 1), unit="%", target_kind=rng.choice(["goal", "result"]))
        kg.link(iri, "place", rng.choice(places))
        kg.link(iri, "campaign", rng.choice(campaigns))
        targets.append(iri)
    everything = places + agencies + officials + campaigns + targets
    n_articles = max(1, n_nodes - len(everything))
    for a in range(n_articles):
        named = rng.sample(everything, min(len(everything), 5))
        text = "".join(f"据报道，{kg.g.nodes[x].get('label') or '指标'}开展了工作。" for x in named)
        art = kg.add(f"{ID}article/{a}", "Article", None, headline=f"新闻{a}", source_path=f"{a:05d}.txt",
                     text=text)
        at = 0
        for m, x in enumerate(named):
            name = kg.g.nodes[x].get("label") or "指标"
            begin = text.index(name, at)
            at = begin + len(name)
            mention = kg.add(f"{ID}mention/{a}_{m}", "Mention", None, begin=begin, end=at, anchor=name)
            kg.link(mention, "article", art)
            kg.link(mention, "denotes", x)
            kg.link(art, "mentions", x)
    return kg
